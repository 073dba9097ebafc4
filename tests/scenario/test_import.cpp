// `contsim import`: a trace read back through the importers becomes the same records as the run
// that wrote it, so its summary (the same RunSummary code) matches the simulation's.
#include "tests/scenario/ContsimRun.hpp"

#include <gtest/gtest.h>

using namespace contsim_test;

namespace {

/// Equal up to the trace's µs rounding of times (and what follows from it).
void expect_near_json(const nlohmann::json& a, const nlohmann::json& b, const std::string& where)
{
  if (a.is_number() && b.is_number()) {
    EXPECT_NEAR(a.get<double>(), b.get<double>(), 2e-6 + 1e-9 * std::abs(a.get<double>())) << where;
    return;
  }
  ASSERT_EQ(a.type(), b.type()) << where;
  if (a.is_object()) {
    ASSERT_EQ(a.size(), b.size()) << where;
    for (auto it = a.begin(); it != a.end(); ++it) {
      ASSERT_TRUE(b.contains(it.key())) << where << "." << it.key();
      expect_near_json(it.value(), b[it.key()], where + "." + it.key());
    }
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << where;
    for (std::size_t i = 0; i < a.size(); ++i)
      expect_near_json(a[i], b[i], where + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(a, b) << where;
  }
}

} // namespace

TEST(Import, ASimulatedTraceImportedBackGivesTheSameSummary)
{
  // The av-workflow has delegated attempts (gateway Lambda → Batch job, linked by parent_id),
  // whose response time counts from the first attempt's trigger.
  std::string sim = simulated(paper("av-workflow"), "import-sim");
  std::string dir = out_dir("import-real");
  Result r = contsim("import " + sim + "/trace.csv -o " + dir);
  ASSERT_EQ(r.code, 0) << r.out;
  auto a = summary(sim), b = summary(dir);
  EXPECT_EQ(b["schema"], a["schema"]);
  EXPECT_EQ(b["provenance"]["scenario"], "import");
  for (const char* key : {"invocations", "by_status", "cold_starts", "wait_s", "response_s", "functions"})
    expect_near_json(a[key], b[key], key);
  expect_near_json(a["cost_usd"]["per_function"], b["cost_usd"]["per_function"], "cost_usd.per_function");
  // The makespan counts from the first trigger: the first upload (3.24 s from the client) is not
  // in a trace.
  double first_trigger = 1e300, last_end = 0;
  for (const auto& row : trace(sim)) {
    first_trigger = std::min(first_trigger, std::stod(row.at("t_trigger")));
    last_end = std::max(last_end, std::stod(row.at("t_end")));
  }
  EXPECT_NEAR(b["makespan_s"].get<double>(), last_end - first_trigger, 1e-6);
  EXPECT_EQ(b["uploads"]["count"], 0);  // a trace has none
  // The imported trace has the simulator's columns, times from the first trigger.
  auto rows = trace(dir);
  ASSERT_EQ(rows.size(), trace(sim).size());
  double first = 1e300;
  for (const auto& row : rows)
    first = std::min(first, std::stod(row.at("t_trigger")));
  EXPECT_EQ(first, 0);
  // A report draws it like any run.
  EXPECT_EQ(contsim("report " + dir).code, 0);
}

TEST(Import, RealFormatsBecomeRunDirectoriesAndBadInputNamesTheFile)
{
  std::string dir = out_dir("import-cw");
  Result r = contsim("import yolo=" + kSource + "/traces/samples/cloudwatch-report.log -o " + dir);
  ASSERT_EQ(r.code, 0) << r.out;
  auto s = summary(dir);
  EXPECT_EQ(s["invocations"], 14);
  EXPECT_TRUE(s["functions"].contains("yolo"));
  EXPECT_EQ(trace(dir).size(), 14u);
  Result none = contsim("import -o " + dir);
  EXPECT_EQ(none.code, 2);
  Result missing = contsim("import " + kSource + "/no-such.log -o " + dir);
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.out.find("no-such.log"), std::string::npos) << missing.out;
}
