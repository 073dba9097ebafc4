// Every importer reads its hand-written sample in traces/samples/ into the common table, and
// malformed input fails naming the file, the line and the key.
#include "sim/core/Error.hpp"
#include "traces/import/TraceImport.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>

using namespace contsim::traces;

namespace {

const std::string kSamples = std::string(CONTSIM_SOURCE_DIR) + "/traces/samples/";

std::string write_temp(const std::string& name, const std::string& content)
{
  std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path) << content;
  return path;
}

std::string error_of(const std::string& path)
{
  try {
    import_trace(path, "f");
  } catch (const contsim::InputError& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST(TraceImport, DetectsEachSampleFormat)
{
  EXPECT_EQ(detect_format(kSamples + "cloudwatch-report.log"), TraceFormat::cloudwatch_text);
  EXPECT_EQ(detect_format(kSamples + "cloudwatch-filter-log-events.json"), TraceFormat::cloudwatch_json);
  EXPECT_EQ(detect_format(kSamples + "batch-describe-jobs.json"), TraceFormat::batch_jobs);
  EXPECT_EQ(detect_format(kSamples + "kubectl-jobs-pods.json"), TraceFormat::kubectl);
  EXPECT_EQ(detect_format(kSamples + "contsim-trace.csv"), TraceFormat::contsim_csv);
}

TEST(TraceImport, CloudWatchPlainExport)
{
  TraceTable t = import_trace(kSamples + "cloudwatch-report.log", "scar-mask-detector");
  ASSERT_EQ(t.invocations.size(), 14u);  // START, END and the function's own lines skipped
  EXPECT_EQ(t.warnings.size(), 1u);
  int cold = 0;
  for (const auto& inv : t.invocations) {
    EXPECT_EQ(inv.function, "scar-mask-detector");
    EXPECT_EQ(inv.platform, "lambda");
    EXPECT_DOUBLE_EQ(inv.memory_mb, 1024);
    EXPECT_GE(inv.billed_ms, (inv.t_exec_end - inv.t_exec_start) * 1000 - 1e-3);
    EXPECT_LE(inv.t_start, inv.t_exec_start);
    cold += inv.cold_start;
    if (inv.cold_start == 1) {
      EXPECT_NEAR(inv.t_exec_start - inv.t_start, inv.init_duration_s, 1e-6);
    }
  }
  EXPECT_EQ(cold, 2);
  const auto& first = t.invocations.front();
  EXPECT_NEAR(first.t_end, parse_iso8601("2023-05-04T10:00:13.246Z"), 1e-6);
  EXPECT_NEAR(first.t_end - first.t_exec_start, 12.83124, 1e-6);
}

TEST(TraceImport, LambdaJsonLogFormat)
{
  EXPECT_EQ(detect_format(kSamples + "cloudwatch-json.log"), TraceFormat::cloudwatch_text);
  TraceTable t = import_trace(kSamples + "cloudwatch-json.log", "scar-mask-detector");
  ASSERT_EQ(t.invocations.size(), 3u);  // platform.report events only
  ASSERT_EQ(t.warnings.size(), 1u);     // the other events and the function's own line
  const auto& cold = t.invocations[0];
  EXPECT_EQ(cold.id, "7a1c5f1e-0001-4d9b-9c1f-1b2e3d4c5a01");
  EXPECT_EQ(cold.cold_start, 1);
  EXPECT_NEAR(cold.t_exec_end - cold.t_exec_start, 12.42015, 1e-6);
  EXPECT_NEAR(cold.init_duration_s, 0.4186, 1e-9);
  EXPECT_DOUBLE_EQ(cold.memory_mb, 1024);
  EXPECT_DOUBLE_EQ(cold.billed_ms, 12421);
  EXPECT_EQ(t.invocations[1].cold_start, 0);
  EXPECT_EQ(t.invocations[1].status, "ok");
  EXPECT_EQ(t.invocations[2].status, "timeout");
}

TEST(TraceImport, CloudWatchFilterLogEventsJson)
{
  TraceTable t = import_trace(kSamples + "cloudwatch-filter-log-events.json");
  ASSERT_EQ(t.invocations.size(), 10u);  // the END events are skipped
  EXPECT_EQ(t.invocations[0].function, "cloudwatch-filter-log-events");  // the file's stem
  std::set<std::string> streams;
  for (const auto& inv : t.invocations)
    streams.insert(inv.node);
  EXPECT_EQ(streams.size(), 2u);  // one log stream per execution environment
  EXPECT_NEAR(t.invocations[0].t_end, 1683194413.246, 1e-6);
}

TEST(TraceImport, BatchDescribeJobs)
{
  TraceTable t = import_trace(kSamples + "batch-describe-jobs.json");
  ASSERT_EQ(t.invocations.size(), 6u);  // the RUNNABLE job is skipped with a warning
  ASSERT_EQ(t.warnings.size(), 1u);
  std::set<std::string> instances;
  for (const auto& inv : t.invocations) {
    EXPECT_EQ(inv.function, "plants-classification");  // job definition name, revision dropped
    EXPECT_EQ(inv.platform, "batch");
    EXPECT_DOUBLE_EQ(inv.vcpus, 1);
    EXPECT_DOUBLE_EQ(inv.memory_mb, 1024);
    EXPECT_LE(inv.t_trigger, inv.t_start);
    instances.insert(inv.node);
  }
  EXPECT_EQ(instances.size(), 2u);
  EXPECT_NEAR(t.invocations[0].t_start - t.invocations[0].t_trigger, 301.2, 1e-6);
}

TEST(TraceImport, KubectlJobsPodsAndNodes)
{
  TraceTable t = import_trace(kSamples + "kubectl-jobs-pods.json");
  ASSERT_EQ(t.invocations.size(), 6u);  // the pending pod is skipped
  ASSERT_EQ(t.nodes.size(), 2u);
  int cold = 0;
  for (const auto& inv : t.invocations) {
    EXPECT_EQ(inv.function, "plants-classification");
    EXPECT_DOUBLE_EQ(inv.vcpus, 0.8);
    EXPECT_DOUBLE_EQ(inv.memory_mb, 2048);
    cold += inv.cold_start;
  }
  EXPECT_EQ(cold, 2);  // the first pod on each node pulled the image
  EXPECT_NEAR(t.nodes[1].t_ready - t.nodes[1].t_created, 55, 1e-9);
}

TEST(TraceImport, ContsimTraceCsv)
{
  TraceTable t = import_trace(kSamples + "contsim-trace.csv");
  ASSERT_EQ(t.invocations.size(), 20u);
  EXPECT_EQ(t.invocations[0].function, "scar-mask-detector");
  EXPECT_EQ(t.invocations[0].cold_start, 1);
  EXPECT_DOUBLE_EQ(t.invocations[0].memory_mb, 1024);
  EXPECT_NEAR(t.invocations[0].t_exec_end - t.invocations[0].t_exec_start, 2.123, 1e-6);
}

TEST(TraceImport, MalformedInputNamesFileLineAndKey)
{
  EXPECT_NE(error_of(write_temp("no-duration.log", "x\nREPORT RequestId: abc\tBilled Duration: 3 ms\tMemory Size: 128 MB\n"))
                .find("no-duration.log:2: error: 'Duration'"),
            std::string::npos);
  EXPECT_NE(error_of(write_temp("no-report.log", "START RequestId: abc\n")).find("no `REPORT RequestId:` line"),
            std::string::npos);
  EXPECT_NE(error_of(write_temp("broken.json", "{\"jobs\": [\n  {\"jobId\": \"a\",\n  ]\n}\n")).find("broken.json:"),
            std::string::npos);
  EXPECT_NE(error_of(write_temp("bad-job.json", "{\"jobs\": [\n {\"jobId\": \"a\", \"status\": \"SUCCEEDED\", "
                                                "\"createdAt\": 1704067200005, \"startedAt\": 1704067200004, \"stoppedAt\": 1704067200009}\n]}\n"))
                .find("bad-job.json:2: error: 'stoppedAt': times out of order"),
            std::string::npos);
  EXPECT_NE(error_of(write_temp("bad-time.json",
                                "{\"kind\": \"List\", \"items\": [\n {\"kind\": \"Node\", \"metadata\": {\"name\": \"n\",\n"
                                "  \"creationTimestamp\": \"yesterday\"}}]}\n"))
                .find("bad-time.json:3:"),
            std::string::npos);
  EXPECT_NE(error_of(write_temp("bad.csv", "id,function,t_trigger,t_start,t_exec_start,t_exec_end,t_end\n"
                                           "1,f,0,0,x,1,1\n"))
                .find("bad.csv:2:5: error: 't_exec_start': not a number"),
            std::string::npos);
  EXPECT_NE(error_of(testing::TempDir() + "/missing.log").find("cannot open"), std::string::npos);
  EXPECT_NE(error_of(write_temp("other.json", "{\"a\": 1}\n")).find("none of the known traces"), std::string::npos);
}

TEST(TraceImport, Iso8601)
{
  EXPECT_DOUBLE_EQ(parse_iso8601("2024-01-01T00:00:10Z"), 1704067210);
  EXPECT_DOUBLE_EQ(parse_iso8601("2024-01-01T01:00:10.5+01:00"), 1704067210.5);
  EXPECT_DOUBLE_EQ(parse_iso8601("2024-02-29T00:00:00Z"), 1709164800);  // a leap day
  EXPECT_TRUE(std::isnan(parse_iso8601("10:00")));
  // impossible dates are not read leniently as another day, and far-off years are refused
  for (const char* bad : {"2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z",
                          "1970-01-01T00:00:10Z", "9999-12-31T23:59:59Z", "2024-01-01T00:00:00+ab:cd", "2024-01-01T00:00:1e5Z"})
    EXPECT_TRUE(std::isnan(parse_iso8601(bad))) << bad;
}
