// Workload arrival processes and the workflow graph (fan-out, filters, cycles).
#include "sim/core/Error.hpp"
#include "sim/scenario/Workflow.hpp"
#include "sim/scenario/Workload.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace contsim;

namespace {
YamlRef yaml(const std::string& text)
{
  return YamlRef{YAML::Load(text), "test.yaml", ""};
}
} // namespace

TEST(Workload, ScheduleExpandsCountsInTimeOrderWithNames)
{
  WorkloadSource s = parse_workload_source(
      yaml("{name: v, file: {size_bytes: 1MB, attributes: {duration_s: 240}}, arrivals: {schedule: "
           "[{at_s: 300, count: 3}, {at_s: 0, count: 1}, {at_s: 60, count: 1, attributes: {duration_s: 120}}]}}"),
      ".", 0);
  ArrivalGenerator g(s, RandomEngine(1), 1e300);
  Upload u;
  std::vector<double> times;
  while (g.next(u)) {
    times.push_back(u.t);
    EXPECT_EQ(u.size_bytes, 1e6);
    if (u.t == 60)
      EXPECT_EQ(attribute(u.attributes, "duration_s", 0), 120);
    else
      EXPECT_EQ(attribute(u.attributes, "duration_s", 0), 240);
  }
  EXPECT_EQ(times, (std::vector<double>{0, 60, 300, 300, 300}));
}

TEST(Workload, PoissonIsDeterministicPerSeedAndHasTheRightRate)
{
  WorkloadSource s = parse_workload_source(yaml("{arrivals: {poisson: {rate_per_s: 100, count: 20000}}}"), ".", 0);
  auto last = [&](std::uint64_t seed) {
    ArrivalGenerator g(s, RandomStreams(seed).stream("a"), 1e300);
    Upload u;
    long n = 0;
    while (g.next(u))
      ++n;
    EXPECT_EQ(n, 20000);
    return u.t;
  };
  double a = last(7), b = last(7), c = last(8);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_NEAR(a, 200.0, 200.0 * 0.03);  // 20000 arrivals at 100/s ≈ 200 s (±3 %, ~4 sd)
}

TEST(Workload, PeriodicPhasesAndHorizon)
{
  // E8's ingestion: 3 images / 30 s for 30 min, then 3 images / 5 s for 30 min.
  WorkloadSource s = parse_workload_source(
      yaml("{arrivals: {phases: [{duration_s: 1800, rate_per_s: 0.1, process: periodic},"
           " {duration_s: 30min, rate_per_s: 0.6, process: periodic}]}}"),
      ".", 0);
  ArrivalGenerator g(s, RandomEngine(1), 1e300);
  Upload u;
  long phase1 = 0, phase2 = 0;
  while (g.next(u))
    (u.t < 1800 ? phase1 : phase2)++;
  EXPECT_EQ(phase1, 180);
  EXPECT_EQ(phase2, 1080);
  ArrivalGenerator h(s, RandomEngine(1), 100);
  long n = 0;
  while (h.next(u))
    ++n;
  EXPECT_EQ(n, 11);  // t = 0, 10, ..., 100
}

// E8's camera script sleeps the period after each upload ends (S2 §5.4): with a 4 s upload and
// a 5 s period the uploads start 9 s apart, not 5; a sleep begun before a phase switch keeps
// its length; the client stops when the last phase ends.
TEST(Workload, ClosedLoopGapsCountFromTheEndOfEachUpload)
{
  WorkloadSource s = parse_workload_source(
      yaml("{arrivals: {closed_loop: true, phases: [{duration_s: 60, rate_per_s: 0.2, process: periodic},"
           " {duration_s: 40, rate_per_s: 1, process: periodic}]}}"),
      ".", 0);
  ASSERT_TRUE(s.closed_loop);
  ArrivalGenerator g(s, RandomEngine(1), 1e300);
  Upload u;
  std::vector<double> starts;
  while (g.next(u)) {
    starts.push_back(u.t);
    g.upload_finished(u.t + 4.0);  // what the network model would report
  }
  // Phase 1: 0, 9, ..., 54; the sleep after the upload ending at 58 crosses the switch: 63;
  // phase 2: every 5 s (4 s upload + 1 s) until the upload that would start at or after 100.
  std::vector<double> expected{0, 9, 18, 27, 36, 45, 54, 63, 68, 73, 78, 83, 88, 93, 98};
  ASSERT_EQ(starts.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(starts[i], expected[i], 1e-9) << i;

  // Poisson: each gap an exponential draw after the previous upload's end.
  WorkloadSource p = parse_workload_source(yaml("{arrivals: {closed_loop: true, poisson: {rate_per_s: 2, count: 5000}}}"), ".", 0);
  ArrivalGenerator h(p, RandomEngine(3), 1e300);
  double previous_end = 0, gaps = 0;
  int n = 0;
  while (h.next(u)) {
    if (n++ > 0)
      gaps += u.t - previous_end;
    previous_end = u.t + 1.0;
    h.upload_finished(previous_end);
  }
  EXPECT_EQ(n, 5000);
  EXPECT_NEAR(gaps / (n - 1), 0.5, 0.03);

  EXPECT_THROW(parse_workload_source(yaml("{arrivals: {closed_loop: true, schedule: [{at_s: 0, count: 3}]}}"), ".", 0),
               InputError);
}

TEST(Workload, CsvReplayAndItsErrors)
{
  std::string file = testing::TempDir() + "/arrivals.csv";
  std::ofstream(file) << "t_s,name,size_bytes,duration_s\n0,a.mp4,100,60\n2.5,b.mp4,200,120\n";
  WorkloadSource s = parse_workload_source(yaml("{arrivals: {csv: " + file + "}}"), ".", 0);
  ArrivalGenerator g(s, RandomEngine(1), 1e300);
  Upload u;
  ASSERT_TRUE(g.next(u));
  EXPECT_EQ(u.name(), "a.mp4");
  ASSERT_TRUE(g.next(u));
  EXPECT_EQ(u.t, 2.5);
  EXPECT_EQ(u.size_bytes, 200);
  EXPECT_EQ(attribute(u.attributes, "duration_s", 0), 120);
  EXPECT_FALSE(g.next(u));
  std::ofstream(file) << "t_s,size_bytes\n0,100\n1,-5\n";
  ArrivalGenerator bad(s, RandomEngine(1), 1e300);
  ASSERT_TRUE(bad.next(u));
  try {
    bad.next(u);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.key(), "size_bytes");
  }
}

namespace {
Workflow two_functions(const std::string& a_out, const std::string& b_in, const std::string& b_out)
{
  Workflow w;
  w.storages.push_back(StorageProvider{"s3", "s3", 0, 0});
  auto fn = [](const std::string& name, const std::string& in, const std::string& out) {
    FunctionSpec f;
    f.name = name;
    f.fdl.name = name;
    StorageIo i{"s3", "default", in, {}, {}, 3};
    StorageIo o{"s3", "default", out, {}, {}, 7};
    f.fdl.inputs.push_back(i);
    f.fdl.outputs.push_back(o);
    f.input_storage = {0};
    f.output_storage = {0};
    return f;
  };
  w.functions.push_back(fn("a", "bucket/start", a_out));
  w.functions.push_back(fn("b", b_in, b_out));
  return w;
}
} // namespace

TEST(Workflow, OutputsTriggerTheNextFunction)
{
  Workflow w = two_functions("bucket/mid", "bucket/mid", "bucket/end");
  EXPECT_NO_THROW(w.check_acyclic("fdl.yaml"));
  FileObject f;
  f.storage = 0;
  f.key = "bucket/mid/x.jpg";
  std::vector<int> out;
  w.triggered_by(f, out);
  EXPECT_EQ(out, std::vector<int>{1});
  f.key = "bucket/middle/x.jpg";  // a sibling folder with a common prefix is not the input
  w.triggered_by(f, out);
  EXPECT_TRUE(out.empty());
  auto entries = w.entry_inputs();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].first, 0);
}

// A source's folder decides its uploads' functions once (triggered_by_folder) exactly when
// every name under it gives the same answer, and that answer is triggered_by's.
TEST(Workflow, AFolderDecidesItsFilesTriggersOnlyWhenNoNameCan)
{
  const char* inputs[] = {"bucket", "bucket/mid", "bucket/mid/deep", "bucket/middle", "bucket/mi", "other/mid", "bucket/mid/"};
  const char* prefixes[] = {"bucket/", "bucket/mid/", "bucket/mid/deep/", "bucket/mid/x/", "bucket/middle/", "other/", "b/"};
  const char* names[] = {"x.jpg", "deep/y.jpg", "deep", "", "z/deep/w", "mid"};
  for (const char* b_in : inputs) {
    Workflow w = two_functions("bucket/mid", b_in, "bucket/end");
    for (const char* prefix : prefixes) {
      std::vector<int> decided, each;
      bool known = w.triggered_by_folder(0, prefix, decided);
      bool differ = false;
      std::vector<int> first;
      for (std::size_t k = 0; k < sizeof names / sizeof names[0]; ++k) {
        FileObject f;
        f.storage = 0;
        f.key = std::string(prefix) + names[k];
        w.triggered_by(f, each);
        if (k == 0)
          first = each;
        differ = differ || each != first;
        if (known) {
          EXPECT_EQ(each, decided) << b_in << " " << prefix << names[k];
        }
      }
      if (differ) {
        EXPECT_FALSE(known) << b_in << " " << prefix;
      }
    }
  }
  std::vector<int> out;
  Workflow w = two_functions("bucket/mid", "bucket/mid", "bucket/end");
  EXPECT_TRUE(w.triggered_by_folder(0, "bucket/mid/", out));
  EXPECT_EQ(out, std::vector<int>{1});
  EXPECT_FALSE(w.triggered_by_folder(0, "bucket/", out));  // "bucket/mid/..." names trigger b, others not
}

TEST(Workflow, CyclesBetweenBucketsAreRejectedWithLine)
{
  Workflow w = two_functions("bucket/mid", "bucket/mid", "bucket/start/again");
  try {
    w.check_acyclic("fdl.yaml");
    FAIL();
  } catch (const InputError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("fdl.yaml:7"), std::string::npos) << msg;
    EXPECT_NE(msg.find("cycle between buckets"), std::string::npos) << msg;
  }
}

TEST(Workflow, FanOutBySuffixAndAttribute)
{
  Workflow w = two_functions("bucket/mid", "bucket/mid", "bucket/end");
  w.functions[0].fdl.outputs[0].suffix = {".jpg"};
  OutputRule frames;
  frames.name_template = "{stem}-{i}.jpg";
  frames.count_attribute = "duration_s";
  frames.count_every = 5;  // K5: one frame every 5 s
  frames.size_bytes = Distribution::constant(1000);
  OutputRule log;
  log.name_template = "{stem}.log";  // matches no FDL output: dropped
  w.functions[0].profile.outputs = {frames, log};
  FileObject input;
  input.set_key("bucket/in", "video.mp4");
  input.attributes = {{"duration_s", 186}};
  std::vector<FileObject> outputs;
  RandomEngine rng(1);
  EXPECT_EQ(w.make_outputs(0, input, outputs, rng), 1);
  ASSERT_EQ(outputs.size(), 37u);  // 186 s / 5 s (inconsistencies.md §8)
  EXPECT_EQ(outputs[0].key, "bucket/mid/video-1.jpg");
  EXPECT_EQ(expand_name("{name}.{ext}-{i}", "a.b.c", 3), "a.b.c.c-3");
}
