// The sweep library, engine-free: axes and ranges, expansion (grid, zip, sampling), seeds,
// statistics over replications, power tuning, the manifest's round trip, the Slurm script.
#include "sim/core/Error.hpp"
#include "sim/sweep/Estimate.hpp"
#include "sim/sweep/PowerTuning.hpp"
#include "sim/sweep/SlurmArray.hpp"
#include "sim/sweep/SweepPlan.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace contsim;
using namespace contsim::sweep;

TEST(SweepAxis, ListsAndInclusiveRanges)
{
  Axis a = parse_axis("lambda.keep_alive_s=60:600:60", "--grid");
  ASSERT_EQ(a.values.size(), 10u);
  EXPECT_EQ(a.values.front(), "60");
  EXPECT_EQ(a.values.back(), "600");
  Axis b = parse_axis("x.y=0.1:0.3:0.1,1", "--grid");  // no drift: 0.3 is reached
  EXPECT_EQ(b.values, (std::vector<std::string>{"0.1", "0.2", "0.3", "1"}));
  Axis c = parse_axis("functions.f.memory=256,512", "--grid");
  EXPECT_EQ(c.values, (std::vector<std::string>{"256", "512"}));
  EXPECT_EQ(parse_axis("x.y=10:1:-3", "--grid").values, (std::vector<std::string>{"10", "7", "4", "1"}));
}

TEST(SweepAxis, BadAxesNameTheirKey)
{
  for (const char* bad : {"nothing", "x.y=", "x.y=1,,2", "x.y=1:2", "x.y=5:1:1", "x.y=1:5:0", "x.y=0x1:3:1"})
    EXPECT_THROW(parse_axis(bad, "--grid"), InputError) << bad;
  try {
    parse_axis("x.y=5:1:1", "--grid");
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "--grid");
    EXPECT_EQ(e.key(), "x.y");
  }
}

TEST(SweepPlan, GridIsCartesianFirstAxisSlowestZipMovesTogether)
{
  SweepDefinition d;
  d.grid = {parse_axis("functions.f.memory=1,2", "--grid"), parse_axis("lambda.keep_alive_s=10,20,30", "--grid")};
  d.zip = {parse_axis("functions.f.timeout=5,6", "--zip"), parse_axis("functions.g.timeout=7,8", "--zip")};
  SweepPlan p = expand(d, 42);
  ASSERT_EQ(p.points.size(), 12u);
  EXPECT_EQ(p.axes[1].path, "parameters.lambda.keep_alive_s");  // the shorthand, resolved
  EXPECT_EQ(p.axes[2].column, "f.timeout");  // two axes named timeout: told apart
  EXPECT_EQ(p.axes[3].column, "g.timeout");
  EXPECT_EQ(p.points[0], (std::vector<std::uint32_t>{0, 0, 0, 0}));
  EXPECT_EQ(p.points[1], (std::vector<std::uint32_t>{0, 0, 1, 1}));
  EXPECT_EQ(p.points[2], (std::vector<std::uint32_t>{0, 1, 0, 0}));
  EXPECT_EQ(p.points[11], (std::vector<std::uint32_t>{1, 2, 1, 1}));
  auto o = p.overrides(11, 0);
  EXPECT_EQ(o.back(), "seed=42");
  EXPECT_EQ(o[0], "functions.f.memory=2");
}

TEST(SweepPlan, RefusesWhatWouldBeAmbiguous)
{
  SweepDefinition none;
  EXPECT_THROW(expand(none, 1), InputError);
  SweepDefinition twice;
  twice.grid = {parse_axis("lambda.keep_alive_s=1,2", "--grid"), parse_axis("parameters.lambda.keep_alive_s=3", "--grid")};
  EXPECT_THROW(expand(twice, 1), InputError);
  SweepDefinition repeated;
  repeated.grid = {parse_axis("a.b=1,1", "--grid")};
  EXPECT_THROW(expand(repeated, 1), InputError);
  SweepDefinition zip_ok;  // a value may repeat on a zipped axis: the pairs differ
  zip_ok.zip = {parse_axis("a.b=x,y", "--zip"), parse_axis("a.c=t,t", "--zip")};
  EXPECT_EQ(expand(zip_ok, 1).points.size(), 2u);
  zip_ok.zip[0].values = {"x", "x"};
  EXPECT_THROW(expand(zip_ok, 1), InputError);
  SweepDefinition seed;
  seed.grid = {parse_axis("seed=1,2", "--grid")};
  EXPECT_THROW(expand(seed, 1), InputError);
  SweepDefinition zip;
  zip.zip = {parse_axis("a.b=1,2", "--zip"), parse_axis("a.c=1,2,3", "--zip")};
  EXPECT_THROW(expand(zip, 1), InputError);
  SweepDefinition secret;
  secret.grid = {parse_axis("a.b=1,2", "--grid")};
  secret.sets = {"real.s3.secret_key=abc"};
  EXPECT_THROW(expand(secret, 1), InputError);
}

TEST(SweepPlan, ReplicationSeedsAreDistinctAndTheFirstIsTheScenarios)
{
  std::set<std::uint64_t> seen;
  for (int r = 0; r < 1000; ++r) {
    std::uint64_t s = replication_seed(7, r);
    EXPECT_LT(s, 1ULL << 48);
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(replication_seed(7, 0), 7u);
  EXPECT_EQ(replication_seed(7, 3), replication_seed(7, 3));
}

TEST(SweepPlan, SamplingIsDeterministicAndLatinHypercubeCoversEveryStratum)
{
  SweepDefinition d;
  d.grid = {parse_axis("a.b=0:99:1", "--grid"), parse_axis("a.c=0:99:1", "--grid")};
  d.sample = parse_sampling("random:50:3", "--sample");
  SweepPlan r1 = expand(d, 1), r2 = expand(d, 1);
  EXPECT_EQ(r1.points.size(), 50u);
  EXPECT_EQ(r1.points, r2.points);
  EXPECT_EQ(std::set<std::vector<std::uint32_t>>(r1.points.begin(), r1.points.end()).size(), 50u);  // no repeats
  d.sample = parse_sampling("lhs:10:5", "--sample");
  SweepPlan l = expand(d, 1);
  ASSERT_EQ(l.points.size(), 10u);
  for (std::size_t axis = 0; axis < 2; ++axis) {
    std::set<std::uint32_t> strata;
    for (const auto& p : l.points)
      strata.insert(p[axis] / 10);  // 100 values, 10 strata of 10
    EXPECT_EQ(strata.size(), 10u) << axis;
  }
  d.sample = parse_sampling("random:20000:1", "--sample");
  EXPECT_THROW(expand(d, 1), InputError);  // more than the grid has
  EXPECT_THROW(parse_sampling("lhs:0", "--sample"), InputError);
  EXPECT_THROW(parse_sampling("sobol:10", "--sample"), InputError);
}

TEST(SweepPlan, ManifestRoundTrips)
{
  SweepDefinition d;
  d.grid = {parse_axis("functions.f.memory=128:1024:128", "--grid")};
  d.replications = 4;
  SweepPlan p = expand(d, 9);
  p.scenario = "inputs/s.yaml";
  p.inputs_hash = "abc";
  p.chunk = 3;
  SweepPlan q = SweepPlan::from_json(nlohmann::json::parse(p.to_json().dump()), "sweep.json");
  EXPECT_EQ(q.points, p.points);
  EXPECT_EQ(q.seeds, p.seeds);
  EXPECT_EQ(q.tasks(), 3u);  // 8 points in chunks of 3
  EXPECT_EQ(q.run_dir(7, 3), "points/0007/rep-3");
  EXPECT_EQ(q.definition_hash, p.definition_hash);
  EXPECT_THROW(SweepPlan::from_json(nlohmann::json::parse(R"({"schema":"x"})"), "sweep.json"), InputError);
}

TEST(SweepStatistics, MeanSdAndStudentTInterval)
{
  Estimate e = estimate({1, 2, 3});
  EXPECT_DOUBLE_EQ(e.mean, 2);
  EXPECT_DOUBLE_EQ(*e.sd, 1);
  EXPECT_NEAR(*e.ci95, 4.3026527297 / std::sqrt(3.0), 1e-9);  // t(0.975, 2 df) = 4.30265272970
  Estimate one = estimate({5});
  EXPECT_DOUBLE_EQ(one.mean, 5);
  EXPECT_FALSE(one.sd.has_value());
  EXPECT_FALSE(one.ci95.has_value());
  EXPECT_EQ(estimate({}).n, 0u);
}

TEST(PowerTuning, CheapestFastestAndBalancedAsTheAnalyzerChooses)
{
  // cost, duration: 128 is cheapest, 3008 fastest; balanced = min 0.5 c/max c + 0.5 d/max d
  std::vector<PowerSample> s = {{"128", 1.0, 10.0}, {"512", 2.0, 3.0}, {"1024", 3.0, 2.0}, {"3008", 8.0, 1.0}};
  auto t = power_tuning(s);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->best_cost.memory, "128");
  EXPECT_EQ(t->best_time.memory, "3008");
  EXPECT_EQ(t->balanced.memory, "512");  // 0.125 + 0.15 = 0.275 (1024: 0.2875, 128: 0.5625, 3008: 0.55)
  auto ties = power_tuning({{"a", 1.0, 2.0}, {"b", 1.0, 1.0}});
  EXPECT_EQ(ties->best_cost.memory, "b");  // equal cost: the faster
  EXPECT_FALSE(power_tuning({}));
}

TEST(SlurmArray, ScriptAndJobId)
{
  SlurmOptions o;
  o.partition = "short";
  o.throttle = 4;
  o.time = "00:10:00";
  std::string s = slurm_script("/usr/bin/contsim", "/shared/out/sw", 25, o);
  EXPECT_NE(s.find("#SBATCH --array=0-24%4\n"), std::string::npos) << s;
  EXPECT_NE(s.find("#SBATCH --partition=short\n"), std::string::npos);
  EXPECT_NE(s.find("#SBATCH --time=00:10:00\n"), std::string::npos);
  EXPECT_EQ(s.find("--account"), std::string::npos);
  EXPECT_NE(s.find("'/usr/bin/contsim' sweep run '/shared/out/sw'"), std::string::npos);
  EXPECT_EQ(parse_sbatch_job_id("1234\n"), "1234");
  EXPECT_EQ(parse_sbatch_job_id("1234;cluster\n"), "1234");
  EXPECT_EQ(parse_sbatch_job_id("sbatch: error: invalid partition\n"), "");
}
