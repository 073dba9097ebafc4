// Whole-process tests of `contsim calibrate` and `contsim validate`: the round trip simulate →
// trace.csv → calibrate → parameters close to the originals → validate passes, and a trace that
// disagrees with the scenario fails validation with a non-zero exit.
#include "tests/scenario/ContsimRun.hpp"

#include <yaml-cpp/yaml.h>

using namespace contsim_test;

namespace {

/// A Lambda function `work` (1024 MB, no image to pull) whose script time is gamma(4, 0.5)
/// (mean 2 s), 3000 Poisson arrivals. `calibration_line` picks the profile's source.
std::string write_roundtrip_scenario(const std::string& dir, const std::string& calibration_line,
                                     const std::string& parameters)
{
  fs::create_directories(dir);
  std::ofstream(dir + "/fdl.yaml") << "functions:\n"
                                      "  aws:\n"
                                      "  - lambda:\n"
                                      "      name: work\n"
                                      "      memory: 1024\n"
                                      "      init_script: s.sh\n"
                                      "      container: {image: img/work}\n"
                                      "      input: [{storage_provider: s3, path: b/in}]\n";
  std::ofstream(dir + "/scenario.yaml") << "schema: contsim-scenario/1\n"
                                           "name: roundtrip\n"
                                           "fdl: fdl.yaml\n"
                                        << calibration_line << parameters
                                        << "platform:\n"
                                           "  sites: [aws]\n"
                                           "  services: {aws-lambda: {kind: lambda, site: aws, region: us-east-1}}\n"
                                           "  storage: {s3: {site: aws}}\n"
                                           "workload:\n"
                                           "  - name: files\n"
                                           "    file: {name: \"f-{i}\", size_bytes: 0}\n"
                                           "    arrivals: {poisson: {rate_per_s: 5, count: 3000}}\n"
                                           "seed: 3\n";
  return dir + "/scenario.yaml";
}

const std::string kOriginal = "parameters:\n"
                              "  functions: {work: {exec_time: {seconds: {type: gamma, shape: 4, scale: 0.5},\n"
                              "                                 reference_memory_mb: 1024}}}\n";

} // namespace

TEST(CalibrationRoundTrip, SimulatedTraceGivesBackTheParametersAndValidates)
{
  std::string base = out_dir("roundtrip");
  std::string original =
      write_roundtrip_scenario(base + "/original", "calibration: " + kSource + "/calibration/aws-us-east-1.yaml\n",
                               kOriginal);
  std::string run = simulated(original, "roundtrip-run");

  std::string fitted = base + "/fitted.yaml";
  Result cal = contsim("calibrate " + run + "/trace.csv -o " + fitted);
  ASSERT_EQ(cal.code, 0) << cal.out;
  YAML::Node doc = YAML::LoadFile(fitted);
  YAML::Node exec = doc["functions"]["work"]["exec_time"];
  EXPECT_EQ(exec["seconds"]["type"].as<std::string>(), "gamma") << cal.out;
  EXPECT_NEAR(exec["seconds"]["shape"].as<double>(), 4, 0.3);
  EXPECT_NEAR(exec["seconds"]["shape"].as<double>() * exec["seconds"]["scale"].as<double>(), 2, 0.05);
  EXPECT_EQ(exec["reference_memory_mb"].as<double>(), 1024);
  EXPECT_EQ(exec["fit"]["n"].as<int>(), 3000);
  EXPECT_EQ(exec["fit"]["selected_by"].as<std::string>(), "AIC");
  EXPECT_EQ(exec["fit"]["traces"][0].as<std::string>(), run + "/trace.csv");
  // Cold starts: the model's platform_init_s (0.4 s, no image) comes back.
  EXPECT_NEAR(doc["lambda"]["platform_init_s"]["value"].as<double>(), 0.4, 1e-6);

  // The fitted file drives the same scenario; replaying the trace's arrivals agrees with it.
  std::string refit = write_roundtrip_scenario(
      base + "/refit",
      "calibration: [" + kSource + "/calibration/aws-us-east-1.yaml, " + fitted + "]\n", "");
  Result ok = contsim("validate " + refit + " --against " + run + "/trace.csv --tolerance 0.1 -o " + base + "/v1");
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("PASSED"), std::string::npos);
  auto report = nlohmann::json::parse(slurp(base + "/v1/validation.json"));
  EXPECT_TRUE(report["passed"].get<bool>());
  EXPECT_LT(std::abs(report["functions"]["work"]["response_mean_s"]["relative_error"].get<double>()), 0.05);
  EXPECT_LT(report["functions"]["work"]["ks_response"]["statistic"].get<double>(), 0.05);
  EXPECT_LT(std::abs(report["overall"]["cost_usd"]["relative_error"].get<double>()), 0.05);

  // A scenario twice as slow as the trace fails validation (exit 1), naming the metrics.
  std::string slow = write_roundtrip_scenario(
      base + "/slow", "calibration: " + kSource + "/calibration/aws-us-east-1.yaml\n",
      "parameters:\n  functions: {work: {exec_time: {seconds: {type: gamma, shape: 4, scale: 1},\n"
      "                                 reference_memory_mb: 1024}}}\n");
  Result bad = contsim("validate " + slow + " --against " + run + "/trace.csv --tolerance 10% -o " + base + "/v2");
  EXPECT_EQ(bad.code, 1) << bad.out;
  auto failed = nlohmann::json::parse(slurp(base + "/v2/validation.json"))["failed_metrics"];
  EXPECT_FALSE(failed.empty());
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(slurp(base + "/v2/validation.json"))["tolerance"].get<double>(), 0.1);

  // The loop without editing files: the fitted file layered by --calibration over a scenario
  // whose shipped calibration has no profile for the function, and --set mending the slow one.
  std::string shipped = write_roundtrip_scenario(
      base + "/shipped", "calibration: " + kSource + "/calibration/aws-us-east-1.yaml\n", "");
  Result layered = contsim("validate " + shipped + " --calibration " + fitted + " --against " + run +
                           "/trace.csv --tolerance 0.1 -o " + base + "/v4");
  EXPECT_EQ(layered.code, 0) << layered.out;
  EXPECT_TRUE(nlohmann::json::parse(slurp(base + "/v4/validation.json"))["passed"].get<bool>());
  // The run's provenance says which layer won each value: the fitted file's platform_init_s
  // over the shipped file's, the shipped file's where the fit has none.
  Result run_layered = contsim("run " + shipped + " --calibration " + fitted + " -q -o " + base + "/r4");
  ASSERT_EQ(run_layered.code, 0) << run_layered.out;
  auto params = nlohmann::json::parse(slurp(base + "/r4/summary.json"))["parameters"]["aws-lambda"];
  EXPECT_EQ(params["platform_init_s"]["set_in"], fs::path(fitted).filename().string()) << params.dump(1);
  EXPECT_EQ(params["warm_start_s"]["set_in"], "aws-us-east-1.yaml") << params.dump(1);
  Result mended = contsim("validate " + slow + " --set parameters.functions.work.exec_time.seconds.scale=0.5 --against " +
                          run + "/trace.csv --tolerance 0.1 -o " + base + "/v5");
  EXPECT_EQ(mended.code, 0) << mended.out;

  // A bare 30 would be 3000 %: refused with the way to write it, as are words and negatives.
  for (const char* t : {"30", "abc", "-0.1"}) {
    Result r = contsim("validate " + slow + " --against " + run + "/trace.csv --tolerance " + t + " -o " + base + "/v3");
    EXPECT_EQ(r.code, 2) << t << ": " << r.out;
    EXPECT_NE(r.out.find("--tolerance"), std::string::npos) << r.out;
  }
}

TEST(Calibrate, EverySampleTraceGivesALoadableCalibrationFile)
{
  std::string base = out_dir("calibrate-samples");
  std::string fitted = base + "/all.yaml";
  std::string s = kSource + "/traces/samples/";
  Result r = contsim("calibrate scar-mask-detector=" + s + "cloudwatch-report.log " + s +
                     "batch-describe-jobs.json " + s + "kubectl-jobs-pods.json --image-size "
                     "ai4oshub/plants-classification=2GB -o " + fitted);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("wide prior"), std::string::npos);  // few samples: warned, not a crash
  YAML::Node doc = YAML::LoadFile(fitted);
  EXPECT_TRUE(doc["functions"]["scar-mask-detector"]["cold_exec_time"]);
  EXPECT_TRUE(doc["batch"]["launch_delay_s"]["fit"]["n"]);
  EXPECT_NEAR(doc["kubernetes"]["image_pull_mb_per_s"]["value"].as<double>(), 2000.0 / 35, 0.01);
  EXPECT_NEAR(doc["clues"]["power_on_s"]["value"]["value"].as<double>(), 55, 1e-9);
  // The fitted file is a valid calibration: a scenario runs with it.
  std::string dir = base + "/use";
  std::string scenario = write_roundtrip_scenario(
      dir, "calibration: " + fitted + "\nprices: " + kSource + "/calibration/prices/aws-2023.yaml\n", "");
  std::ofstream(dir + "/fdl.yaml") << "functions:\n  aws:\n  - lambda:\n      name: scar-mask-detector\n"
                                      "      memory: 1024\n      init_script: s.sh\n      container: {image: i}\n"
                                      "      input: [{storage_provider: s3, path: b/in}]\n";
  Result run = contsim("run " + scenario + " -o " + base + "/out --set workload.0.arrivals.poisson.count=20");
  EXPECT_EQ(run.code, 0) << run.out;
}

TEST(Calibrate, TimeoutsAreCountedAndLeftOutOfTheFits)
{
  // Lambda's JSON log format: a timed-out invocation's 3 s is the limit's, not the work's.
  std::string base = out_dir("calibrate-timeouts");
  Result r = contsim("calibrate scar-mask-detector=" + kSource + "/traces/samples/cloudwatch-json.log -o " + base +
                     "/fit.yaml");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("1 invocation(s) with status timeout left out of the fits"), std::string::npos) << r.out;
  YAML::Node exec = YAML::LoadFile(base + "/fit.yaml")["functions"]["scar-mask-detector"]["exec_time"];
  EXPECT_EQ(exec["fit"]["n"].as<int>(), 1) << r.out;  // the warm success only (the cold one is cold_exec_time)
}

TEST(Calibrate, BadArgumentsFailClearly)
{
  Result none = contsim("calibrate -o " + out_dir("c-none") + "/x.yaml");
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.out.find("at least one trace"), std::string::npos);
  Result no_out = contsim("calibrate " + kSource + "/traces/samples/contsim-trace.csv");
  EXPECT_EQ(no_out.code, 2);
  EXPECT_NE(no_out.out.find("needs -o FILE"), std::string::npos);
  Result missing = contsim("calibrate /nonexistent/trace.log -o " + out_dir("c-missing") + "/x.yaml");
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.out.find("/nonexistent/trace.log"), std::string::npos);
  Result wrong = contsim("validate " + kSource + "/scenarios/mask-detector-lambda.yaml");
  EXPECT_EQ(wrong.code, 2);
  EXPECT_NE(wrong.out.find("--against"), std::string::npos);
  Result stray = contsim("run " + kSource + "/scenarios/mask-detector-lambda.yaml --against x");
  EXPECT_EQ(stray.code, 2);
  EXPECT_NE(stray.out.find("does not apply"), std::string::npos);
}

TEST(CalibrationRoundTrip, BatchSchedulerRoundsAreFittedApartFromTheLaunch)
{
  // E7b: 10 jobs on at most 2 instances, so 8 jobs wait on a busy instance for a scheduler
  // round (uniform 0–30 s in the shipped file) and 2 wait for a launch.
  std::string run = simulated(kSource + "/scenarios/paper/gateway-batch-10-images.yaml", "calibrate-batch-run");
  std::string fitted = out_dir("calibrate-batch") + "/fitted.yaml";
  Result cal = contsim("calibrate " + run + "/trace.csv -o " + fitted);
  ASSERT_EQ(cal.code, 0) << cal.out;
  YAML::Node doc = YAML::LoadFile(fitted);
  YAML::Node rounds = doc["batch"]["scheduler_delay_s"];
  ASSERT_TRUE(rounds["fit"]) << YAML::Dump(doc["batch"]);
  EXPECT_EQ(rounds["fit"]["n"].as<int>(), 8);
  double round_mean = rounds["fit"]["sample_mean"].as<double>();
  // The round trip's own figures: every gap in the trace is one round, in (0, 30].
  auto rows = trace(run);
  std::map<std::string, std::vector<const Row*>> on_node;
  for (const auto& r : rows)
    if (r.at("platform") == "batch")
      on_node[r.at("node")].push_back(&r);
  std::vector<double> gaps, first_waits;
  for (auto& [node, jobs] : on_node) {
    std::sort(jobs.begin(), jobs.end(),
              [](const Row* a, const Row* b) { return std::stod(a->at("t_start")) < std::stod(b->at("t_start")); });
    first_waits.push_back(std::stod(jobs[0]->at("t_start")) - std::stod(jobs[0]->at("t_trigger")));
    for (std::size_t j = 1; j < jobs.size(); ++j)
      gaps.push_back(std::stod(jobs[j]->at("t_start")) - std::stod(jobs[j - 1]->at("t_end")));
  }
  ASSERT_EQ(gaps.size(), 8u);
  double mean = 0;
  for (double g : gaps) {
    EXPECT_GT(g, 0);
    EXPECT_LE(g, 30);
    mean += g / 8;
  }
  EXPECT_NEAR(round_mean, mean, 1e-3);
  // The launch fit is the first waits less that mean.
  double launch_mean = doc["batch"]["launch_delay_s"]["fit"]["sample_mean"].as<double>();
  EXPECT_NEAR(launch_mean, (first_waits[0] + first_waits[1]) / 2 - mean, 1e-3) << YAML::Dump(doc["batch"]);
}
