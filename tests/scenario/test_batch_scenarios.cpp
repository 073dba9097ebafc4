// Whole-process tests of the AWS Batch scenarios (experiments.md E1-E4, E7b): each checks
// the outcome the scenario states, from the files a user would read.
#include "tests/scenario/ContsimRun.hpp"

#include <algorithm>
#include <set>

using namespace contsim_test;

namespace {

std::string run(const std::string& scenario, const std::string& name, const std::string& extra = "")
{
  return simulated(paper(scenario), name, extra);
}

std::vector<Row> rows_where(const std::vector<Row>& rows, const std::string& column, const std::string& value)
{
  std::vector<Row> out;
  for (const auto& r : rows)
    if (r.at(column) == value)
      out.push_back(r);
  return out;
}

const char* kYolo = "scar-av-workflow-yolov3";

} // namespace

TEST(AvWorkflowOneVideo, TraceCostsReproduceTable1)
{
  std::string dir = run("av-workflow-1-video", "e1-one");
  auto rows = trace(dir);
  double total = 0;
  std::map<std::string, double> by_function_platform;
  for (const auto& r : rows) {
    total += num(r, "cost_usd");
    by_function_platform[r.at("function") + "/" + r.at("platform")] += num(r, "cost_usd");
  }
  // S1 Table 1, to the printed digit.
  EXPECT_DOUBLE_EQ(round8(total), 0.05701448);
  EXPECT_DOUBLE_EQ(round8(by_function_platform["scar-av-workflow-ffmpeg/lambda"]), 0.00255510);
  EXPECT_DOUBLE_EQ(round8(by_function_platform["scar-av-workflow-audio2srt/lambda"]), 0.00758180);
  EXPECT_DOUBLE_EQ(round8(by_function_platform[std::string(kYolo) + "/lambda"]), 0.00000258);
  EXPECT_DOUBLE_EQ(round8(by_function_platform[std::string(kYolo) + "/batch"]), 0.04687500);
  // The gateway hands the event to Batch; the Batch row points back at it.
  auto gateway = rows_where(rows_where(rows, "function", kYolo), "platform", "lambda");
  auto job = rows_where(rows_where(rows, "function", kYolo), "platform", "batch");
  ASSERT_EQ(gateway.size(), 1u);
  ASSERT_EQ(job.size(), 1u);
  EXPECT_EQ(gateway[0]["status"], "delegated");
  EXPECT_EQ(gateway[0]["mechanism"], "gateway");
  EXPECT_EQ(gateway[0]["delegated_to"], "aws-batch");
  EXPECT_EQ(gateway[0]["billed_ms"], "1230");  // L12
  EXPECT_EQ(job[0]["parent_id"], gateway[0]["id"]);
  EXPECT_EQ(job[0]["status"], "ok");
  EXPECT_DOUBLE_EQ(num(job[0], "t_trigger"), num(gateway[0], "t_end"));

  // What AWS bills: the instance from launch to termination, per second, 60 s minimum.
  auto instances = read_csv(dir + "/instances.csv");
  ASSERT_EQ(instances.size(), 1u);
  EXPECT_EQ(instances[0]["type"], "g3s.xlarge");
  EXPECT_EQ(instances[0]["up_at_end"], "0");
  double uptime = num(instances[0], "t_terminated") - num(instances[0], "t_launched");
  EXPECT_EQ(num(instances[0], "billed_s"), std::ceil(uptime - 1e-6));
  EXPECT_NEAR(num(instances[0], "cost_usd"), num(instances[0], "billed_s") * 0.75 / 3600, 1e-12);
  EXPECT_GT(num(instances[0], "cost_usd"), 0.046875);
  auto s = summary(dir);
  auto batch = s["services"]["aws-batch"];
  EXPECT_NEAR(batch["billed_usd"].get<double>(), num(instances[0], "cost_usd"), 1e-12);
  EXPECT_NEAR(batch["attributed_usd"].get<double>(), 0.046875, 1e-12);
  EXPECT_NEAR(batch["unattributed_usd"].get<double>(), batch["billed_usd"].get<double>() - 0.046875, 1e-12);
  EXPECT_NEAR(s["cost_usd"]["per_service"]["aws-batch"].get<double>(), batch["billed_usd"].get<double>(), 1e-12);
}

TEST(AvWorkflowTenVideos, LambdaStagesStayOnLambdaYoloWaitsThenRunsThreeAtATime)
{
  std::string dir = run("av-workflow", "e1-ten");
  auto rows = trace(dir);
  for (const char* fn : {"scar-av-workflow-ffmpeg", "scar-av-workflow-audio2srt"}) {
    auto r = rows_where(rows, "function", fn);
    EXPECT_EQ(r.size(), 10u) << fn;  // no delegation: 4-minute media fit in 900 s
    for (const auto& row : r) {
      EXPECT_EQ(row.at("platform"), "lambda");
      EXPECT_EQ(row.at("status"), "ok");
    }
  }
  auto jobs = rows_where(rows_where(rows, "function", kYolo), "platform", "batch");
  ASSERT_EQ(jobs.size(), 10u);
  double longest_wait = 0;
  for (const auto& j : jobs) {
    EXPECT_EQ(j.at("status"), "ok");
    longest_wait = std::max(longest_wait, num(j, "t_start") - num(j, "t_trigger"));
  }
  EXPECT_GT(longest_wait, 250);  // pending while an instance launches (B1) and boots (B2)

  long long max_running = 0, max_up = 0;
  Row last;
  for (const auto& t : read_csv(dir + "/timeline.csv"))
    if (t.at("service") == "aws-batch") {
      max_running = std::max(max_running, std::stoll(t.at("running")));
      max_up = std::max(max_up, std::stoll(t.at("units_up")));
      last = t;
    }
  EXPECT_EQ(max_running, 3);  // max_v_cpus 12 / 4 vCPUs = 3 g3s.xlarge, one GPU job each
  EXPECT_EQ(max_up, 3);
  EXPECT_EQ(last.at("units_up"), "0");  // scaled back to zero
  auto instances = read_csv(dir + "/instances.csv");
  EXPECT_EQ(instances.size(), 3u);
  for (const auto& in : instances) {
    EXPECT_EQ(in.at("up_at_end"), "0");
    EXPECT_GE(num(in, "idle_before_termination_s"), 120);  // scale_in_delay_s: uniform 120-480
    EXPECT_LE(num(in, "idle_before_termination_s"), 480);
  }
}

TEST(Audio2srtLambdaBatch, LongAudioReachesTheTimeoutAndIsDelegated)
{
  std::string dir = run("audio2srt-lambda-batch", "e2");
  auto rows = trace(dir);
  std::map<std::string, Row> by_id;
  for (const auto& r : rows)
    by_id[r.at("id")] = r;
  std::map<int, std::vector<double>> total_s, cost;
  for (const auto& r : rows) {
    if (r.at("status") == "delegated")
      continue;
    int minutes = std::stoi(r.at("input").substr(r.at("input").find("audio-") + 6, 2));
    double c = num(r, "cost_usd"), start = num(r, "t_trigger");
    if (!r.at("parent_id").empty()) {
      const Row& lambda = by_id.at(r.at("parent_id"));
      EXPECT_EQ(lambda.at("platform"), "lambda");
      EXPECT_EQ(lambda.at("mechanism"), "timeout");
      EXPECT_EQ(lambda.at("delegated_to"), "aws-batch");
      // Killed at timeout − the supervisor's 10 s, plus the 1.23 s submission (L12), after
      // the 0.4 s cold start; the job starts over on Batch from the same input.
      EXPECT_NEAR(num(lambda, "t_end") - num(lambda, "t_trigger"), 0.4 + 890 + 1.23, 1e-6);
      EXPECT_EQ(lambda.at("input"), r.at("input"));
      EXPECT_DOUBLE_EQ(num(r, "t_trigger"), num(lambda, "t_end"));
      c += num(lambda, "cost_usd");
      start = num(lambda, "t_trigger");
      EXPECT_EQ(r.at("platform"), "batch");
      // Batch pending = launch + boot from an empty environment.
      EXPECT_GT(num(r, "t_start") - num(r, "t_trigger"), 200);
    } else {
      EXPECT_EQ(r.at("platform"), "lambda");
    }
    total_s[minutes].push_back(num(r, "t_end") - start);
    cost[minutes].push_back(c);
  }
  for (int m : {2, 4, 6, 8, 10})
    ASSERT_EQ(total_s[m].size(), 5u) << m;
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v)
      s += x;
    return s / v.size();
  };
  // 2, 4, 6 min finish on Lambda (L13: 753 s for 6 min); 8 and 10 min are delegated.
  EXPECT_NEAR(mean(total_s[6]), 753.4, 0.01);
  EXPECT_GT(mean(total_s[8]), 891.63 + 250 + 400);
  EXPECT_GT(mean(total_s[10]), mean(total_s[8]));
  EXPECT_GT(mean(cost[8]), mean(cost[6]));  // EC2 seconds + the lost Lambda time
  // The Batch CPU (1 vCPU) is faster than Lambda's share at 1024 MB.
  for (const auto& r : rows_where(rows, "platform", "batch")) {
    double exec = num(r, "t_exec_end") - num(r, "t_exec_start");
    EXPECT_LT(exec, 890);
  }
  auto s = summary(dir);
  EXPECT_EQ(s["functions"]["scar-av-workflow-audio2srt"]["by_status"]["delegated"], 10);
  EXPECT_EQ(s["functions"]["scar-av-workflow-audio2srt"]["response_s"]["count"], 25);
}

TEST(BatchJobStates, EveryJobWalksTheStatesInOrder)
{
  std::string dir = run("gateway-batch-10-images", "states");
  const std::vector<std::string> order{"SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"};
  std::map<std::string, std::vector<Row>> by_job;
  for (const auto& r : read_csv(dir + "/job_states.csv"))
    by_job[r.at("id")].push_back(r);
  auto rows = trace(dir);
  auto jobs = rows_where(rows, "platform", "batch");
  ASSERT_EQ(jobs.size(), 10u);
  ASSERT_EQ(by_job.size(), 10u);
  for (const auto& j : jobs) {
    const auto& states = by_job.at(j.at("id"));
    ASSERT_EQ(states.size(), order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      EXPECT_EQ(states[i].at("state"), order[i]);
      if (i > 0) {
        EXPECT_GE(num(states[i], "t_s"), num(states[i - 1], "t_s"));
      }
    }
    EXPECT_DOUBLE_EQ(num(states[0], "t_s"), num(j, "t_trigger"));
    EXPECT_DOUBLE_EQ(num(states[3], "t_s"), num(j, "t_start"));
    EXPECT_DOUBLE_EQ(num(states[5], "t_s"), num(j, "t_end"));
  }
}

TEST(GatewayBatchTenImages, TwoInstancesAtMostAndThirteenSecondJobs)
{
  std::string dir = run("gateway-batch-10-images", "e7b");
  auto rows = trace(dir);
  auto jobs = rows_where(rows, "platform", "batch");
  ASSERT_EQ(jobs.size(), 10u);
  std::vector<double> waits;
  for (const auto& j : jobs) {
    EXPECT_NEAR(num(j, "t_exec_end") - num(j, "t_exec_start"), 13, 1e-9);  // B4
    waits.push_back(num(j, "t_start") - num(j, "t_trigger"));
    EXPECT_NEAR(num(j, "cost_usd"), 13 * 0.067 / 3600, 1e-12);  // alone on its m3.medium
  }
  // On one instance a job ends, and the next starts at the scheduler's following round
  // (scheduler_delay_s, uniform 0-30 s in the calibration): never at once, never later. A job
  // after the first still has the ECS agent check the registry for the cached image
  // (image_check_s 0.5 s) before its container runs.
  std::map<std::string, std::vector<const Row*>> by_instance;
  for (const auto& j : jobs)
    by_instance[j.at("node")].push_back(&j);
  for (auto& [node, list] : by_instance) {
    std::sort(list.begin(), list.end(),
              [](const Row* a, const Row* b) { return num(*a, "t_start") < num(*b, "t_start"); });
    for (std::size_t k = 1; k < list.size(); ++k) {
      double gap = num(*list[k], "t_start") - num(*list[k - 1], "t_end");
      EXPECT_GT(gap, 0) << node;
      EXPECT_LE(gap, 30 + 1e-6) << node;
      EXPECT_NEAR(num(*list[k], "t_stage_in") - num(*list[k], "t_start"), 0.5, 1e-6) << node;
    }
  }
  std::sort(waits.begin(), waits.end());
  EXPECT_GT(waits.front(), 200);                  // the first jobs wait for launch + boot
  EXPECT_GE(waits.back(), waits.front() + 4 * 13 - 1e-6);  // 2 instances, 10 jobs: 5 rounds
  auto instances = read_csv(dir + "/instances.csv");
  EXPECT_LE(instances.size(), 2u);  // SCAR default max_v_cpus 2, m3.medium 1 vCPU
  double billed = 0;
  for (const auto& in : instances) {
    EXPECT_EQ(in.at("type"), "m3.medium");
    EXPECT_NEAR(num(in, "cost_usd"), num(in, "billed_s") * 0.067 / 3600, 1e-12);
    billed += num(in, "cost_usd");
  }
  auto batch = summary(dir)["services"]["aws-batch"];
  EXPECT_NEAR(batch["billed_usd"].get<double>(), billed, 1e-11);  // both rounded to 12 decimals
  EXPECT_NEAR(batch["attributed_usd"].get<double>(), 10 * 13 * 0.067 / 3600, 1e-12);
  EXPECT_GT(billed, 10 * 13 * 0.067 / 3600);
  EXPECT_LE(batch["compute_environments"]["scar-plants"]["max_instances_up"].get<int>(), 2);
}

TEST(BatchAutoscaling, LaunchBootAndScaleInFollowTheCalibratedDistributions)
{
  std::string dir = run("batch-autoscaling-20-jobs", "e4");
  auto instances = read_csv(dir + "/instances.csv");
  ASSERT_GE(instances.size(), 15u);
  ASSERT_LE(instances.size(), 20u);  // max_v_cpus 20 of 1-vCPU m3.medium
  auto rows = trace(dir);
  double submitted = 1e300;
  for (const auto& j : rows_where(rows, "platform", "batch"))
    submitted = std::min(submitted, num(j, "t_trigger"));
  double launch = 0, boot = 0;
  for (const auto& in : instances) {
    launch += num(in, "t_launched") - submitted;
    boot += num(in, "t_ready") - num(in, "t_launched");
    EXPECT_EQ(in.at("up_at_end"), "0");  // scaled to zero
    EXPECT_GE(num(in, "idle_before_termination_s"), 120);
    EXPECT_LE(num(in, "idle_before_termination_s"), 480);
  }
  double n = static_cast<double>(instances.size());
  // The 20 jobs reach Batch within a second or two (gateway Lambdas), before the scheduler's
  // first round: one scale-up request, so every instance launches at the same instant (one
  // launch_delay draw) and B1's mean is one draw of scheduler round + launch: 166.8 s with an
  // sd of sqrt(25^2 + 30^2/12) = 26.6 s; three of them as slack.
  for (const auto& in : instances)
    EXPECT_EQ(in.at("t_launched"), instances.front().at("t_launched"));
  EXPECT_NEAR(launch / n, 166.8, 3 * 26.6);  // B1
  EXPECT_NEAR(boot / n, 129, 5);             // B2: each instance boots on its own draw
  // ... so the boots differ (not one shared draw)
  EXPECT_NE(instances.front().at("t_ready"), instances.back().at("t_ready"));
  EXPECT_EQ(summary(dir)["by_status"]["ok"], 20);
}

// An instance whose idle timer comes due while a job waits for the next round (which places it
// on a lower-numbered instance) is terminated like any other (AWS: "If no new jobs are placed on
// the instance during this delay, AWS Batch terminates the instance"), not left up, idle and
// billed, to the end of the run. 20,000 jobs of batch-100k had six such instances.
TEST(BatchAutoscaling, IdleInstancesScaleInEvenWhenTheirTimerCameDueWithJobsQueued)
{
  std::string dir = simulated(kSource + "/scenarios/bench/batch-100k.yaml", "batch-scale-in",
                              "--set workload.0.arrivals.poisson.count=20000 -q");
  auto instances = read_csv(dir + "/instances.csv");
  ASSERT_GT(instances.size(), 60u);
  for (const auto& in : instances) {
    EXPECT_EQ(in.at("up_at_end"), "0") << in.at("instance");
    // scale_in_delay_s is at most 480 s; the timer starts at the latest one round (<= 30 s)
    // after the instance went idle
    EXPECT_LE(num(in, "idle_before_termination_s"), 480 + 30) << in.at("instance");
  }
}

TEST(YoloInstanceTypes, GpuBeatsCpuOnTimeAndCost)
{
  std::string dir = out_dir("e3");
  Result r = contsim("sweep " + paper("yolo-instance-types") +
                     " --zip functions.scar-av-workflow-yolov3.batch.compute_resources.instance_types="
                     "m5.xlarge,p2.xlarge,g3s.xlarge"
                     " --zip functions.scar-av-workflow-yolov3.batch.enable_gpu=false,true,true --keep-traces -o " + dir);
  ASSERT_EQ(r.code, 0) << r.out;
  std::map<std::string, Row> by_type;
  for (const auto& row : read_csv(dir + "/sweep.csv"))
    by_type[row.at("instance_types")] = row;
  ASSERT_EQ(by_type.size(), 3u);
  auto exec = [&](const char* t) { return num(by_type.at(t), "mean_exec_s"); };
  EXPECT_NEAR(exec("g3s.xlarge"), 225, 1e-6);  // B5
  EXPECT_LT(exec("g3s.xlarge"), exec("p2.xlarge"));
  EXPECT_LT(exec("p2.xlarge"), exec("m5.xlarge"));
  EXPECT_GT(exec("m5.xlarge"), 10 * exec("g3s.xlarge"));  // far slower
  for (const char* column : {"attributed_cost_usd", "cost_usd"}) {  // the jobs' seconds, and AWS's bill
    auto cost = [&](const char* t) { return num(by_type.at(t), column); };
    EXPECT_LT(cost("g3s.xlarge"), cost("p2.xlarge")) << column;
    EXPECT_LT(cost("p2.xlarge"), cost("m5.xlarge")) << column;  // despite the lowest hourly price
  }
  EXPECT_EQ(by_type.at("m5.xlarge").at("enable_gpu"), "false");  // both zipped axes are columns
  EXPECT_TRUE(fs::exists(dir + "/points/0000/rep-0/instances.csv"));  // --keep-traces
}

TEST(BatchScenarios, SameSeedGivesByteIdenticalOutputs)
{
  std::string a = run("av-workflow", "det-a");
  std::string b = run("av-workflow", "det-b");
  for (const char* f : {"trace.csv", "timeline.csv", "instances.csv", "job_states.csv"})
    EXPECT_EQ(slurp(a + "/" + f), slurp(b + "/" + f)) << f;
  std::string c = run("av-workflow", "det-c", "--set seed=2");
  EXPECT_NE(slurp(a + "/instances.csv"), slurp(c + "/instances.csv"));  // the delays are random
}

TEST(BatchBadInput, ClearErrors)
{
  std::string dir = out_dir("batch-bad");
  // lambda-batch without a Batch service.
  Result r = contsim("run " + paper("audio2srt-lambda-batch") + " --set platform.services.aws-batch.region=eu-west-1 -o " + dir);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("execution_mode"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lambda-batch"), std::string::npos) << r.out;
  // An instance type the calibration does not know.
  r = contsim("run " + paper("yolo-instance-types") +
              " --set functions.scar-av-workflow-yolov3.batch.compute_resources.instance_types=z9.huge -o " + dir);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("z9.huge"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scar-av-workflow.yaml"), std::string::npos) << r.out;
  // A GPU job on CPU-only instances would stay RUNNABLE forever.
  r = contsim("run " + paper("yolo-instance-types") +
              " --set functions.scar-av-workflow-yolov3.batch.compute_resources.instance_types=m5.xlarge -o " + dir);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("RUNNABLE forever"), std::string::npos) << r.out;
  // max_v_cpus below one instance.
  r = contsim("run " + paper("yolo-instance-types") +
              " --set functions.scar-av-workflow-yolov3.batch.compute_resources.max_v_cpus=2 -o " + dir);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("max_v_cpus"), std::string::npos) << r.out;
  // A distribution with a bad parameter in the batch section.
  r = contsim("run " + paper("yolo-instance-types") + " --set parameters.batch.boot_s.value.type=normall -o " + dir);
  EXPECT_EQ(r.code, 2) << r.out;
  // Zipped sweep axes of different lengths.
  r = contsim("sweep " + paper("yolo-instance-types") +
              " --zip functions.scar-av-workflow-yolov3.batch.compute_resources.instance_types=p2.xlarge,g3s.xlarge"
              " --zip functions.scar-av-workflow-yolov3.batch.enable_gpu=true,true,true -o " + dir + "-zip");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("as many values"), std::string::npos) << r.out;
}
