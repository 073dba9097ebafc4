// Whole-process tests: run the contsim binary on bundled scenarios and check its outputs.
#include "tests/scenario/ContsimRun.hpp"

#include <cmath>
#include <filesystem>

using namespace contsim_test;

namespace {

const std::string kMask = kSource + "/scenarios/mask-detector-lambda.yaml";

} // namespace

TEST(MaskDetectorLambda, PublishedE5CostsFromTheGivenBilledDurations)
{
  std::string dir = out_dir("e5");
  Result r = contsim("run " + kMask + " -o " + dir);
  ASSERT_EQ(r.code, 0) << r.out;
  auto rows = trace(dir);
  ASSERT_EQ(rows.size(), 74u);
  int cold = 0, warm = 0;
  double cold_sum = 0, warm_sum = 0;
  for (auto& row : rows) {
    double cost = std::stod(row["cost_usd"]);
    if (row["cold_start"] == "1") {
      ++cold;
      EXPECT_EQ(row["billed_ms"], "12908");                // L9
      EXPECT_DOUBLE_EQ(round8(cost), 0.00021556);           // E5: cost per image, cold
      cold_sum += round8(cost);
    } else {
      ++warm;
      EXPECT_EQ(row["billed_ms"], "2123");                 // L10
      EXPECT_DOUBLE_EQ(round8(cost), 0.00003545);           // E5: cost per image, warm
      warm_sum += round8(cost);
    }
    EXPECT_EQ(row["status"], "ok");
    EXPECT_LE(std::stod(row["t_trigger"]), std::stod(row["t_start"]));
    EXPECT_LE(std::stod(row["t_start"]), std::stod(row["t_exec_start"]));
    EXPECT_LE(std::stod(row["t_exec_end"]), std::stod(row["t_end"]));
  }
  EXPECT_EQ(cold, 37);
  EXPECT_EQ(warm, 37);
  EXPECT_DOUBLE_EQ(round8(cold_sum), 0.00797572);  // E5: 37 images all cold at once
  EXPECT_DOUBLE_EQ(round8(warm_sum), 0.00131165);  // E5: 37 images all warm
  auto s = summary(dir);
  EXPECT_EQ(s["invocations"], 74);
  EXPECT_EQ(s["cold_starts"], 37);
  // The 37 uploads share the 100 Mbps uplink: 37 x 300 KB / 12.5 MB/s + 40 ms latency.
  EXPECT_NEAR(std::stod(rows[0]["t_trigger"]), 37 * 300e3 / 12.5e6 + 0.04, 1e-6);
  EXPECT_NE(r.out.find("scar-mask-detector"), std::string::npos);
}

TEST(MaskDetectorLambda, SameSeedGivesByteIdenticalOutputs)
{
  std::string a = out_dir("det-a"), b = out_dir("det-b");
  ASSERT_EQ(contsim("run " + kMask + " -o " + a).code, 0);
  ASSERT_EQ(contsim("run " + kMask + " -o " + b).code, 0);
  for (const char* f : {"trace.csv", "timeline.csv", "summary.json"})
    EXPECT_EQ(slurp(a + "/" + f), slurp(b + "/" + f)) << f;
  std::string bench = kSource + "/scenarios/bench/lambda-1m.yaml --set workload.0.arrivals.poisson.count=5000";
  std::string c = out_dir("det-c"), d = out_dir("det-d"), e = out_dir("det-e");
  ASSERT_EQ(contsim("run " + bench + " -o " + c).code, 0);
  ASSERT_EQ(contsim("run " + bench + " -o " + d).code, 0);
  ASSERT_EQ(contsim("run " + bench + " --set seed=2 -o " + e).code, 0);
  EXPECT_EQ(slurp(c + "/trace.csv"), slurp(d + "/trace.csv"));
  EXPECT_NE(slurp(c + "/trace.csv"), slurp(e + "/trace.csv"));
}

TEST(MaskDetectorLambda, KeepAliveExpiryMakesTheSecondVideoCold)
{
  std::string dir = out_dir("keepalive");
  ASSERT_EQ(contsim("run " + kMask + " --set parameters.lambda.keep_alive_s=60 -o " + dir).code, 0);
  auto s = summary(dir);
  EXPECT_EQ(s["cold_starts"], 74);  // video 2 arrives 120 s later, after the 60 s keep-alive
  EXPECT_EQ(s["services"]["aws-lambda"]["environments_reclaimed_by_keep_alive"], 37);
}

TEST(MaskDetectorLambda, ThrottlingAtTheConcurrencyLimitQueues)
{
  std::string dir = out_dir("throttle");
  ASSERT_EQ(contsim("run " + kMask + " --set parameters.lambda.concurrency_limit=10 -o " + dir).code, 0);
  auto s = summary(dir);
  EXPECT_EQ(s["services"]["aws-lambda"]["max_concurrency"], 10);
  EXPECT_EQ(s["services"]["aws-lambda"]["throttled_invocations"], 27 + 27);
  EXPECT_EQ(s["cold_starts"], 10);  // queued invocations reuse the 10 environments
  EXPECT_GT(s["wait_s"]["max"].get<double>(), 3 * 2.123);
  EXPECT_EQ(s["invocations"], 74);
}

TEST(MaskDetectorLambda, TimeoutKillsTheContainerBeforeTheSupervisorsReserve)
{
  // timeout 22 s - SCAR's 10 s threshold = 12 s before the supervisor kills the container.
  // A cold run needs 10.785 s of image pull + 2.123 s of work = 12.908 s: killed at 12 s.
  std::string dir = out_dir("timeout");
  ASSERT_EQ(contsim("run " + kMask + " --set functions.scar-mask-detector.timeout=22 -o " + dir).code, 0);
  auto s = summary(dir);
  EXPECT_EQ(s["by_status"]["timeout"], 74);  // video 2 is cold too: timed-out environments are not reused
  EXPECT_EQ(s["cold_starts"], 74);
  for (auto& row : trace(dir)) {
    EXPECT_EQ(row["status"], "timeout");
    EXPECT_EQ(row["billed_ms"], "12000");
  }
  std::string ok = out_dir("timeout-ok");
  ASSERT_EQ(contsim("run " + kMask + " --set functions.scar-mask-detector.timeout=23 -o " + ok).code, 0);
  EXPECT_EQ(summary(ok)["by_status"]["ok"], 74);  // 13 s of budget: 12.908 s fits
}

TEST(MaskDetectorLambda, TmpOverflowFails)
{
  std::string dir = out_dir("tmp");
  ASSERT_EQ(contsim("run " + kMask + " --set parameters.functions.scar-mask-detector.image_size=600MB -o " + dir).code, 0);
  EXPECT_EQ(summary(dir)["by_status"]["failed"], 74);
}

TEST(MaskDetectorLambda, PowerTuningSweepShape)
{
  std::string dir = out_dir("sweep");
  Result r = contsim("sweep " + kMask + " --set functions.scar-mask-detector.memory=256,512,1024,2048,4096 -o " + dir);
  ASSERT_EQ(r.code, 0) << r.out;
  std::vector<double> exec, cost;
  for (const auto& row : read_csv(dir + "/sweep.csv")) {  // by column name
    exec.push_back(std::stod(row.at("mean_exec_s")));
    cost.push_back(std::stod(row.at("cost_usd")));
  }
  ASSERT_EQ(exec.size(), 5u);
  for (std::size_t i = 1; i < exec.size(); ++i)
    EXPECT_LT(exec[i], exec[i - 1]);
  EXPECT_GT(exec[0] / exec[1], 1.9);             // steep below 512 MB
  EXPECT_LT(exec[3] / exec[4], 1.1);             // barely better from 2048 to 4096 MB
  EXPECT_LT(cost[0], cost[4]);                   // cheapest small, dearest large
  EXPECT_NE(r.out.find("memory"), std::string::npos);
  EXPECT_NE(r.out.find("balanced"), std::string::npos);  // the power-tuning recommendation
}

TEST(BadInput, ClearErrorsWithFileLineAndExitCode2)
{
  std::string dir = scratch_root() + "/bad-inputs";
  fs::create_directories(dir);
  std::string base = slurp(kMask);
  auto abs = [&](std::string text) {
    auto rep = [&](const std::string& a, const std::string& b) { text.replace(text.find(a), a.size(), b); };
    rep("fdl: fdl/", "fdl: " + kSource + "/scenarios/fdl/");
    rep("calibration: ../calibration/", "calibration: " + kSource + "/calibration/");
    return text;
  };
  struct Case {
    std::string name, from, to, expect;
  };
  std::vector<Case> cases = {
      {"unknown-key", "seed: 1", "seeed: 1", "did you mean 'seed'"},
      {"negative-size", "size_bytes: 300KB", "size_bytes: -300KB", "must not be negative"},
      {"missing-fdl", "scar-mask-detector-workflow.yaml", "missing.yaml", "cannot open FDL file"},
      {"malformed", "  sites: [client, aws-us-east-1]", "  sites: [client, aws-us-east-1", "malformed YAML"},
      {"unknown-kind", "kind: lambda", "kind: lamda", "did you mean 'lambda'"},
      {"unknown-site", "site: aws-us-east-1, region", "site: aws-us-east-2, region", "unknown site"},
  };
  for (const auto& c : cases) {
    std::string text = abs(base);
    text.replace(text.find(c.from), c.from.size(), c.to);
    std::string file = dir + "/" + c.name + ".yaml";
    std::ofstream(file) << text;
    Result r = contsim("run " + file + " -o " + dir + "/out");
    EXPECT_EQ(r.code, 2) << c.name << ": " << r.out;
    EXPECT_NE(r.out.find(c.expect), std::string::npos) << c.name << ": " << r.out;
    EXPECT_NE(r.out.find(".yaml:"), std::string::npos) << c.name << " names no file:line: " << r.out;
    EXPECT_EQ(r.out.find("internal error"), std::string::npos) << r.out;
  }
  Result missing = contsim("run " + dir + "/no-such-scenario.yaml");
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.out.find("no-such-scenario.yaml"), std::string::npos);
  EXPECT_EQ(contsim("run " + kMask + " --set functions.nope.memory=1 -o " + dir + "/o").code, 2);
  // A bad value given on the command line is reported at the argument, not at the file it lands in.
  for (const std::string& set : {std::string("seed=-1"), std::string("lambda.keep_alive_s=-3"),
                                 std::string("parameters.lambda.keep_alive_s=-3"),
                                 std::string("functions.scar-mask-detector.memory=99999999")}) {
    Result r = contsim("run " + kMask + " --set " + set + " -o " + dir + "/o");
    EXPECT_EQ(r.code, 2) << set << ": " << r.out;
    EXPECT_EQ(r.out.rfind("--set " + set + ": error:", 0), 0u) << set << ": " << r.out;
    EXPECT_NE(r.out.find("the value applies at"), std::string::npos) << r.out;
  }
  EXPECT_EQ(contsim("frobnicate").code, 2);
  Result help = contsim("--help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("contsim run SCENARIO.yaml"), std::string::npos);
}

TEST(Cli, SeedDryRunQuietAndSeveralValuesPointToSweep)
{
  std::string dir = out_dir("cli-conventions");
  Result several = contsim("run " + kMask + " --set functions.scar-mask-detector.memory=256,512 -o " + dir + "/a");
  EXPECT_EQ(several.code, 2);
  EXPECT_NE(several.out.find("contsim sweep " + kMask + " --grid functions.scar-mask-detector.memory=256,512"),
            std::string::npos) << several.out;
  EXPECT_FALSE(fs::exists(dir + "/a"));
  Result dry = contsim("run " + kMask + " --dry-run -o " + dir + "/b");
  ASSERT_EQ(dry.code, 0) << dry.out;
  EXPECT_EQ(nlohmann::json::parse(dry.out)["scenario"].get<std::string>(), "mask-detector-lambda");
  EXPECT_FALSE(fs::exists(dir + "/b/summary.json"));  // nothing ran
  Result quiet = contsim("run " + kMask + " -q --seed 7 -o " + dir + "/c");
  ASSERT_EQ(quiet.code, 0) << quiet.out;
  EXPECT_EQ(quiet.out.find("cost per service"), std::string::npos) << quiet.out;
  EXPECT_EQ(nlohmann::json::parse(slurp(dir + "/c/summary.json"))["provenance"]["seed"].get<int>(), 7);
  EXPECT_EQ(contsim("report " + dir + "/c --seed 3").code, 2);  // an option of another command
  Result verbose = contsim("run " + kSource + "/scenarios/paper/batch-autoscaling-20-jobs.yaml -q -v -o " + dir + "/e");
  ASSERT_EQ(verbose.code, 0) << verbose.out;
  EXPECT_NE(verbose.out.find("batch: info: aws-batch: launching"), std::string::npos) << verbose.out.substr(0, 500);
  // Each command has its own --help, with examples on the bundled scenarios.
  for (const char* command : {"run", "sweep", "real", "compare", "report", "calibrate", "validate", "import", "plan", "init", "help"}) {
    Result h = contsim(std::string(command) + " --help");
    EXPECT_EQ(h.code, 0) << command;
    EXPECT_EQ(h.out.rfind(std::string("contsim ") + command, 0), 0u) << h.out;
    EXPECT_NE(h.out.find("Example"), std::string::npos) << h.out;
  }
  // The console shows what the OSCAR clusters did (issue 19: delegations by mechanism, nodes, energy).
  Result oscar = contsim("run " + kSource + "/scenarios/paper/fire-detection-fog-onprem.yaml -o " + dir + "/d");
  ASSERT_EQ(oscar.code, 0) << oscar.out;
  EXPECT_NE(oscar.out.find("delegated by resource-manager"), std::string::npos) << oscar.out;
  EXPECT_NE(oscar.out.find("node-hours"), std::string::npos) << oscar.out;
  EXPECT_NE(oscar.out.find(" Wh"), std::string::npos) << oscar.out;
}

// A scenario's `expect:` block in users' CI (issue 19): the bundled budget holds; a memory
// bump raises the cost past it, which exits 1 with the bounds that broke in the table and in a
// JUnit report; a bound on a function the run lacks, or an unknown metric, is bad input.
TEST(Expectations, AViolatedBoundFailsTheRunWithExitOneAndAJunitReport)
{
  const std::string budget = kSource + "/scenarios/ci/mask-detector-budget.yaml";
  std::string dir = out_dir("expect");
  Result ok = contsim("run " + budget + " -o " + dir + "/ok --junit " + dir + "/ok.xml");
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("7 of 7 held"), std::string::npos) << ok.out;
  std::string ok_xml = slurp(dir + "/ok.xml");
  EXPECT_NE(ok_xml.find("tests=\"7\" failures=\"0\""), std::string::npos) << ok_xml;

  Result bad = contsim("run " + budget + " -q --set functions.scar-mask-detector.memory=2048 -o " + dir +
                       "/bad --junit " + dir + "/bad.xml");
  ASSERT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("VIOLATED cost_usd"), std::string::npos) << bad.out;  // printed even with -q
  EXPECT_NE(bad.out.find("5 of 7 held"), std::string::npos) << bad.out;
  std::string xml = slurp(dir + "/bad.xml");
  EXPECT_NE(xml.find("tests=\"7\" failures=\"2\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase classname=\"mask-detector-budget.expect\" name=\"services.aws-lambda.cost_usd\""),
            std::string::npos) << xml;
  EXPECT_NE(xml.find("<failure message=\"cost_usd: "), std::string::npos) << xml;
  EXPECT_TRUE(fs::exists(dir + "/bad/summary.json"));  // the run's files are written all the same

  // Tightened from the command line, as a CI job would for one check.
  Result tight = contsim("run " + budget + " -q --set expect.functions.scar-mask-detector.p95_response_s.max=5 -o " +
                         dir + "/tight");
  EXPECT_EQ(tight.code, 1) << tight.out;
  EXPECT_NE(tight.out.find("VIOLATED functions.scar-mask-detector.p95_response_s"), std::string::npos) << tight.out;

  Result unknown = contsim("run " + budget + " -q --set expect.functions.nosuch.cost_usd.max=1 -o " + dir + "/u");
  EXPECT_EQ(unknown.code, 2) << unknown.out;
  EXPECT_NE(unknown.out.find("the run has no function 'nosuch'"), std::string::npos) << unknown.out;
  Result metric = contsim("run " + budget + " -q --set expect.cost_usdd.max=1 -o " + dir + "/m");
  EXPECT_EQ(metric.code, 2) << metric.out;
  EXPECT_NE(metric.out.find("unknown metric 'cost_usdd'; did you mean 'cost_usd'"), std::string::npos) << metric.out;
  Result inverted = contsim("run " + budget + " -q --set expect.makespan_s.min=500 -o " + dir + "/i");
  EXPECT_EQ(inverted.code, 2) << inverted.out;
  EXPECT_NE(inverted.out.find("min 500 is above max 150"), std::string::npos) << inverted.out;
  Result no_block = contsim("run " + kMask + " -q --junit " + dir + "/none.xml -o " + dir + "/n");
  EXPECT_EQ(no_block.code, 2) << no_block.out;
  EXPECT_FALSE(fs::exists(dir + "/none.xml"));
}

// `contsim init` on three FDLs of OSCAR's hub that contsim bundles no scenario for (issue 19):
// the skeleton refuses to run while a TODO is left, naming its file and line, and runs once
// the TODOs are filled in; init never overwrites a file.
TEST(Init, HubFdlsRunOnceTheTodosAreFilled)
{
  std::string dir = out_dir("init");
  for (const char* crate : {"yolov8", "imagemagick", "cowsay"}) {
    std::string scenario = dir + "/" + crate + ".yaml";
    Result init = contsim("init " + kSource + "/tests/data/fdl-corpus/upstream/oscar-hub/crates/" + crate + "/fdl.yml -o " + scenario);
    ASSERT_EQ(init.code, 0) << init.out;
    EXPECT_NE(init.out.find("lines with a TODO"), std::string::npos) << init.out;
    Result todo = contsim("run " + scenario + " -q -o " + dir + "/todo-" + crate);
    EXPECT_EQ(todo.code, 2) << todo.out;
    EXPECT_NE(todo.out.find(scenario + ":"), std::string::npos) << todo.out;
    EXPECT_NE(todo.out.find("still TODO"), std::string::npos) << todo.out;
    std::string text = slurp(scenario);
    EXPECT_NE(text.find("kind: oscar"), std::string::npos) << text;
    EXPECT_NE(text.find("cluster_id: "), std::string::npos) << text;
    for (auto [todo_value, filled] : {std::pair<const char*, const char*>{"value: TODO", "value: 4"},
                                      {"image_size: TODO", "image_size: 500MB"},
                                      {"size_bytes: TODO", "size_bytes: 1MB"},
                                      {"count: TODO", "count: 6"}})
      for (std::size_t p = text.find(todo_value); p != std::string::npos; p = text.find(todo_value, p))
        text.replace(p, std::string(todo_value).size(), filled);
    std::ofstream(scenario) << text;
    std::string out = dir + "/run-" + crate;
    Result run = contsim("run " + scenario + " -q -o " + out);
    ASSERT_EQ(run.code, 0) << crate << ": " << run.out;
    auto s = summary(out);
    EXPECT_EQ(s["invocations"], 6) << crate;
    EXPECT_GT(s["makespan_s"].get<double>(), 4.0) << crate;  // the filled-in 4 s run, at least
  }
  Result again = contsim("init " + kSource + "/tests/data/fdl-corpus/upstream/oscar-hub/crates/cowsay/fdl.yml -o " + dir + "/cowsay.yaml");
  EXPECT_EQ(again.code, 2) << again.out;
  EXPECT_NE(again.out.find("never overwrites"), std::string::npos) << again.out;
  EXPECT_EQ(contsim("init " + kSource + "/calibration/aws-us-east-1.yaml -o " + dir + "/not-fdl.yaml").code, 2);
}

// `runs: N` / --runs N (issue 13, item 8): the workload again on the same platform once the
// previous run has drained, as the experiments' "mean of 5 runs, the first cold": E5's 74
// frames find 37 warm environments in runs 2 and 3 (keep-alive 600 s), so no cold start there.
TEST(Runs, TheWorkloadRepeatsOnTheSamePlatformStateWithPerRunFigures)
{
  std::string dir = out_dir("runs");
  Result r = contsim("run " + kMask + " --runs 3 -q -o " + dir + "/three");
  ASSERT_EQ(r.code, 0) << r.out;
  auto s = summary(dir + "/three");
  const auto& runs = s["runs"];
  ASSERT_EQ(runs["count"], 3) << runs.dump(1);
  const auto& per = runs["per_run"];
  EXPECT_EQ(per[0]["cold_starts"], 37);
  EXPECT_EQ(per[1]["cold_starts"], 0);
  EXPECT_EQ(per[2]["cold_starts"], 0);
  long long total = 0;
  for (const auto& run : per)
    total += run["invocations"].get<long long>();
  EXPECT_EQ(total, s["invocations"].get<long long>());
  EXPECT_EQ(s["invocations"], 222);
  // Run 2 starts when run 1's last attempt ended (it drained), and so on.
  auto rows = trace(dir + "/three");
  double end1 = 0;
  for (const auto& row : rows)
    if (std::stod(row.at("t_trigger")) < per[1]["t_start"].get<double>())
      end1 = std::max(end1, std::stod(row.at("t_end")));
  EXPECT_NEAR(per[1]["t_start"].get<double>(), end1, 1e-6);
  EXPECT_LT(per[1]["mean_response_s"].get<double>(), per[0]["mean_response_s"].get<double>());
  EXPECT_NEAR(runs["mean"]["cold_starts"].get<double>(), 37.0 / 3, 1e-5);
  // Deterministic; one run (the default) writes no `runs`; a bad count is refused.
  ASSERT_EQ(contsim("run " + kMask + " --runs 3 -q -o " + dir + "/again").code, 0);
  EXPECT_EQ(slurp(dir + "/three/trace.csv"), slurp(dir + "/again/trace.csv"));
  ASSERT_EQ(contsim("run " + kMask + " -q -o " + dir + "/one").code, 0);
  EXPECT_FALSE(summary(dir + "/one").contains("runs"));
  Result zero = contsim("run " + kMask + " --runs 0 -q -o " + dir + "/zero");
  EXPECT_EQ(zero.code, 2) << zero.out;
  EXPECT_NE(zero.out.find("runs must be between 1 and 10000"), std::string::npos) << zero.out;
}

TEST(Secrets, CredentialsFromTheFdlNeverReachOutputs)
{
  // The bundled FDL has access_key/secret_key "xxxxxx" under storage_providers.
  ASSERT_NE(slurp(kSource + "/scenarios/fdl/scar-mask-detector-workflow.yaml").find("secret_key: xxxxxx"),
            std::string::npos);
  std::string dir = out_dir("secrets");
  Result r = contsim("run " + kMask + " -o " + dir);
  ASSERT_EQ(r.code, 0);
  for (const auto& text : {r.out, slurp(dir + "/trace.csv"), slurp(dir + "/summary.json"), slurp(dir + "/timeline.csv")})
    EXPECT_EQ(text.find("xxxxxx"), std::string::npos);
}

// A site's own network (`links: - {within: SITE, ...}`): transfers inside the site cross it and
// share it. E5's 37 frames of 300 KB are staged in from S3 in the same region at once: each GET
// first pays its requests, (3 connection + 1.5 request round trips) × 2 × 50 ms = 0.45 s, then
// over an 8 Mbit/s (1 MB/s) network the 37 bytes streams share it: 0.05 + 37 × 0.3 MB / 1 MB/s
// = 11.15 s (max-min fair sharing); without the `within` link they are instantaneous, as before.
TEST(SiteNetwork, TransfersInsideASiteShareItsOwnLink)
{
  std::string dir = scratch_root() + "/lan-input";
  fs::create_directories(dir);
  std::string text = slurp(kMask);
  auto rep = [&](const std::string& a, const std::string& b) { text.replace(text.find(a), a.size(), b); };
  rep("fdl: fdl/", "fdl: " + kSource + "/scenarios/fdl/");
  rep("calibration: ../calibration/", "calibration: " + kSource + "/calibration/");
  std::string link = "    - {between: [client, aws-us-east-1], bandwidth: 100Mbps, latency: 40ms}\n";
  rep(link, link + "    - {within: aws-us-east-1, bandwidth: 8Mbps, latency: 50ms}\n");
  std::ofstream(dir + "/lan.yaml") << text;
  std::string out = simulated(dir + "/lan.yaml", "lan");
  auto rows = trace(out);
  ASSERT_EQ(rows.size(), 74u);
  for (const auto& r : rows)
    EXPECT_NEAR(std::stod(r.at("t_exec_start")) - std::stod(r.at("t_stage_in")), (3 + 1.5) * 2 * 0.05 + 0.05 + 37 * 0.3, 1e-6);
  for (const auto& r : trace(simulated(kMask, "no-lan")))
    EXPECT_EQ(std::stod(r.at("t_exec_start")), std::stod(r.at("t_stage_in")));
  rep("    - {within: aws-us-east-1, bandwidth: 8Mbps, latency: 50ms}\n",
      "    - {within: aws-us-east-1, bandwidth: 8Mbps, latency: 50ms}\n    - {within: aws-us-east-1, bandwidth: 1Gbps, latency: 1ms}\n");
  std::ofstream(dir + "/twice.yaml") << text;
  Result twice = contsim("run " + dir + "/twice.yaml -o " + dir + "/o");
  EXPECT_EQ(twice.code, 2);
  EXPECT_NE(twice.out.find("already has a `within` link"), std::string::npos) << twice.out;
}
