// Whole-process tests of OSCAR clusters: the published scenarios (experiments.md E6, E7c, E8)
// each checked for the behaviour it shows, and small made-up clusters for the delegation
// mechanics (Rescheduler race, replica priority fall-through) and bad replica definitions.
#include "tests/scenario/ContsimRun.hpp"

#include <algorithm>
#include <set>

using namespace contsim_test;

namespace {

std::vector<Row> where(const std::vector<Row>& rows, const std::string& column, const std::string& value)
{
  std::vector<Row> out;
  for (const auto& r : rows)
    if (r.at(column) == value)
      out.push_back(r);
  return out;
}

double makespan(const std::string& dir)
{
  return summary(dir)["makespan_s"].get<double>();
}

} // namespace

TEST(MaskDetectionOnprem, FirstJobsPullImagesAndClueAddsNodesThatPowerOffWhenIdle)
{
  std::string dir = simulated(paper("mask-detection-onprem"), "e6-onprem");
  auto rows = trace(dir);
  auto split = where(rows, "function", "anon-and-split");
  auto masks = where(rows, "function", "mask-detector");
  ASSERT_EQ(split.size(), 1u);
  ASSERT_EQ(masks.size(), 37u);  // 186 s of video, one frame every 5 s (K5)
  // K2: the 1.51 GB image pull adds 13 % to the first anon-and-split job: its compute (K4:
  // 201.5 s) and its container's start (upv-openstack.yaml: 7.75 s, K6 - B4 / 0.8).
  EXPECT_EQ(split[0].at("cold_start"), "1");
  const double container_start = 7.75;
  double pull = num(split[0], "t_stage_in") - num(split[0], "t_start") - container_start;
  double warm_job = num(split[0], "t_end") - num(split[0], "t_start") - pull;
  EXPECT_NEAR(num(split[0], "t_exec_end") - num(split[0], "t_exec_start"), 201.5, 1e-3);
  EXPECT_NEAR(pull / warm_job, 0.13, 0.005);
  // Every mask-detector job: the start, then L10's 2.123 s at Lambda's 1024 MB share on one vCPU.
  for (const auto& m : masks)
    EXPECT_NEAR(num(m, "t_exec_end") - num(m, "t_exec_start"), 1.229, 1e-6);
  // Three 1-vCPU jobs at a time on the 4-vCPU worker kept on (K1).
  int concurrent_max = 0;
  for (const auto& a : masks) {
    int c = 0;
    for (const auto& b : masks)
      c += a.at("node") == b.at("node") && num(b, "t_start") <= num(a, "t_start") && num(b, "t_end") > num(a, "t_start");
    concurrent_max = std::max(concurrent_max, c);
  }
  EXPECT_EQ(concurrent_max, 3);
  // CLUES powered nodes on for pods pending 60 s; they were ready C1 = 300 s later and went
  // off after C3 = 180 s idle (+ drain).
  auto nodes = read_csv(dir + "/instances.csv");
  int powered = 0;
  for (const auto& n : nodes) {
    if (n.at("up_at_end") == "1")
      continue;
    ++powered;
    EXPECT_NEAR(num(n, "t_ready") - num(n, "t_launched"), 300, 1e-6);
    EXPECT_GE(num(n, "idle_before_termination_s"), 180);
    EXPECT_LE(num(n, "idle_before_termination_s"), 180 + 5 + 10 + 1e-6);
    EXPECT_GE(num(n, "energy_wh"), 0);
  }
  EXPECT_GE(powered, 1);
  EXPECT_EQ(summary(dir)["services"]["oscar-upv"]["nodes_powered_on"].get<int>(), powered);
  // The timeline shows the node count rise and fall.
  int max_up = 0, last_up = -1;
  for (const auto& t : read_csv(dir + "/timeline.csv")) {
    max_up = std::max(max_up, static_cast<int>(num(t, "units_up")));
    last_up = static_cast<int>(num(t, "units_up"));
  }
  EXPECT_EQ(max_up, 1 + powered);
  EXPECT_EQ(last_up, 1);
}

TEST(MaskDetectionHybrid, FramesGoToLambdaAndTheWorkflowEndsSooner)
{
  std::string onprem = simulated(paper("mask-detection-onprem"), "e6-onprem-2");
  std::string hybrid = simulated(paper("mask-detection-hybrid"), "e6-hybrid");
  auto rows = trace(hybrid);
  auto lambda = where(rows, "platform", "lambda");
  EXPECT_EQ(lambda.size(), 37u);
  // anon-and-split uploads its 37 frames one PUT after another ("not all the images are uploaded
  // simultaneously", S2 §3.4): every frame arriving before the first Lambda run ended found no
  // idle environment and ran cold; the upload spread outlasts a cold run, so later ones reuse.
  double first_end = 1e300;
  for (const auto& r : lambda)
    first_end = std::min(first_end, num(r, "t_end"));
  std::size_t cold = 0;
  for (const auto& r : lambda) {
    cold += r.at("cold_start") == "1";
    if (num(r, "t_trigger") < first_end) {
      EXPECT_EQ(r.at("cold_start"), "1");
    }
  }
  EXPECT_GE(cold, 1u);
  EXPECT_LT(cold, 37u);
  EXPECT_LT(makespan(hybrid), makespan(onprem));
}

TEST(MaskDetectionSweep, TheHybridStaysAheadAndItsAdvantageGrowsUpToThreeVideos)
{
  // Published (S2 §3.4): the hybrid's advantage grows with the number of videos. The model's
  // grows from 1 to 3 videos, then shrinks: with the mask detector's sourced job time (L10 on one
  // vCPU + the container start) its OSCAR phase is short, and from 5 videos both scenarios wait
  // for the same anon-and-split jobs and CLUES's nodes (README, "Where the model departs").
  std::string set = " --set workload.0.arrivals.schedule.0.count=1,3,10";
  std::map<std::string, std::vector<double>> makespans;
  for (const char* s : {"mask-detection-onprem", "mask-detection-hybrid"}) {
    std::string dir = out_dir(std::string("sweep-") + s);
    Result r = contsim("sweep " + paper(s) + " -o " + dir + set);
    ASSERT_EQ(r.code, 0) << r.out;
    for (const auto& row : read_csv(dir + "/sweep.csv"))
      makespans[s].push_back(num(row, "makespan_s"));
    ASSERT_EQ(makespans[s].size(), 3u);
  }
  std::vector<double> gain;
  for (int i = 0; i < 3; ++i)
    gain.push_back(makespans["mask-detection-onprem"][i] - makespans["mask-detection-hybrid"][i]);
  EXPECT_GT(gain[0], 0);
  EXPECT_GT(gain[1], gain[0]);
  EXPECT_GT(gain[2], 0);  // still ahead at 10 videos
}

TEST(GatewayOscarTenImages, OneNodeWorksWhileTheSecondBootsThenIdlesOff)
{
  std::string dir = simulated(paper("gateway-oscar-10-images"), "e7c");
  auto rows = trace(dir);
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(where(rows, "cold_start", "1").size(), 1u);  // only the first job pulls the image
  // K6: 24 s per job = the container's start (7.75 s, derived from K6 and B4) + B4's 13 s on
  // the pod's 0.8 vCPU; stage-in and stage-out inside the cluster take no time here.
  for (const auto& r : rows) {
    EXPECT_NEAR(num(r, "t_exec_end") - num(r, "t_exec_start"), 13 / 0.8, 1e-6);
    if (r.at("cold_start") == "0") {
      EXPECT_NEAR(num(r, "t_end") - num(r, "t_start"), 24, 1e-3);
    }
  }
  auto nodes = read_csv(dir + "/instances.csv");
  ASSERT_EQ(nodes.size(), 2u);
  const Row& added = nodes[0].at("up_at_end") == "0" ? nodes[0] : nodes[1];
  EXPECT_GE(num(added, "t_launched"), 60);                            // pending 60 s first
  EXPECT_NEAR(num(added, "t_ready") - num(added, "t_launched"), 300, 1e-6);  // C1
  EXPECT_GE(num(added, "idle_before_termination_s"), 180);          // C3
}

namespace {

struct E8Phases {
  std::vector<Row> phase1, phase2;
};

E8Phases phases(const std::vector<Row>& rows)
{
  E8Phases p;
  for (const auto& r : rows)
    (num(r, "t_trigger") < 1800 ? p.phase1 : p.phase2).push_back(r);
  return p;
}

} // namespace

TEST(FireDetectionFogOnprem, PhaseOneStaysOnTheFogPhaseTwoDelegatesMostlyThroughTheResourceManager)
{
  std::string dir = simulated(paper("fire-detection-fog-onprem"), "e8-1");
  auto p = phases(trace(dir));
  // Phase 1: 3 cameras x 60 images, processed on the fog cluster. Published: none delegated.
  // The model delegates the first pods of the fog workers through the Rescheduler: they pull the
  // image (500 MB assumed, at the Pi's assumed 12.5 MB/s: 40 s) and start (7.75 s), Pending past
  // the 30 s global threshold. Whether the published run had the image on the Pis beforehand is
  // not said (README, "Where the model departs").
  int fog_events = 0, moved_while_pulling = 0;
  for (const auto& r : p.phase1) {
    if (r.at("site") != "fog") {
      EXPECT_EQ(r.at("site"), "on-premises");
      continue;
    }
    ++fog_events;
    if (r.at("status") == "delegated") {
      EXPECT_EQ(r.at("mechanism"), "rescheduler");
      EXPECT_FALSE(r.at("t_start").empty());       // bound to a Pi ...
      EXPECT_TRUE(r.at("t_exec_start").empty());   // ... still pulling or starting
      ++moved_while_pulling;
    } else {
      EXPECT_EQ(r.at("status"), "ok");
    }
  }
  EXPECT_EQ(fog_events, 180);
  EXPECT_LE(moved_while_pulling, 3);  // at most one per fog worker
  // Phase 2 overloads the fog: both mechanisms delegate, the Resource Manager far more often.
  int rm = 0, rescheduler = 0;
  for (const auto& r : p.phase2) {
    rm += r.at("mechanism") == "resource-manager" && r.at("status") == "delegated";
    rescheduler += r.at("mechanism") == "rescheduler" && r.at("status") == "delegated";
  }
  // (The published run saw the Rescheduler delegate too; with the calibration's assumed job
  // times this cluster keeps its pods pending less than the threshold: see the closing notes.)
  EXPECT_GT(rm, 100);
  EXPECT_GT(rm, 10 * std::max(rescheduler, 1));
  auto s = summary(dir)["services"]["oscar-fog"];
  EXPECT_EQ(s["delegated"]["resource-manager"].get<int>(), rm);
  EXPECT_EQ(s["delegated"]["rescheduler"].get<int>(), rescheduler + moved_while_pulling);
  // Every delegated event ran once on the on-premises cluster, with the fog attempt as parent.
  std::set<std::string> delegated_ids;
  for (const auto& r : trace(dir))
    if (r.at("status") == "delegated")
      delegated_ids.insert(r.at("id"));
  int children = 0;
  for (const auto& r : trace(dir))
    if (r.at("site") == "on-premises") {
      EXPECT_EQ(delegated_ids.count(r.at("parent_id")), 1u);
      ++children;
    }
  EXPECT_EQ(children, static_cast<int>(delegated_ids.size()));
  // Per-job time: the Raspberry Pi is slower than the on-premises VM (cpu_speed 0.50).
  double fog = 0, onprem = 0;
  int nf = 0, no = 0;
  for (const auto& r : trace(dir)) {
    if (r.at("t_exec_start").empty())
      continue;
    double e = num(r, "t_exec_end") - num(r, "t_exec_start");
    (r.at("site") == "fog" ? fog : onprem) += e;
    ++(r.at("site") == "fog" ? nf : no);
  }
  EXPECT_GT(fog / nf, 1.5 * onprem / no);
}

TEST(FireDetectionFogOnpremLambda, TheLambdaReplicaRunsEventsWhenOnPremisesSaturates)
{
  // The mechanism, under a stated condition: jobs of 10 s on the reference vCPU (instead of the
  // measured 3.1 s) saturate the on-premises cluster in phase 2, as the published run did.
  std::string dir = simulated(paper("fire-detection-fog-onprem-lambda"), "e8-2", e8_saturating_overrides());
  auto rows = trace(dir);
  auto lambda = where(rows, "platform", "lambda");
  EXPECT_GE(lambda.size(), 1u);
  // S2 Fig. 5.6: per job, on-premises fastest, Lambda (1 GB: a 1024/1769 vCPU share) in between,
  // fog (cpu_speed 0.50) slowest; the order is the speeds', whatever the reference time.
  std::map<std::string, std::pair<double, int>> exec;
  for (const auto& r : rows)
    if (!r.at("t_exec_start").empty() && r.at("status") != "duplicate") {
      auto& e = exec[r.at("site") == "fog" ? "fog" : r.at("platform") == "lambda" ? "lambda" : "on-premises"];
      e.first += num(r, "t_exec_end") - num(r, "t_exec_start");
      ++e.second;
    }
  auto mean = [&](const char* k) { return exec[k].first / exec[k].second; };
  ASSERT_EQ(exec.size(), 3u);
  EXPECT_NEAR(mean("on-premises"), 10, 1e-6);
  EXPECT_NEAR(mean("lambda"), 10 * 1769.0 / 1024, 1e-3);
  EXPECT_NEAR(mean("fog"), 10 / 0.50, 1e-6);
  long long duplicates = 0;
  int rescheduled = 0;
  const auto sum = summary(dir);
  for (const auto& service : sum["services"])
    if (service.contains("duplicates")) {
      duplicates += service["duplicates"].get<long long>();
      rescheduled += service["delegated"]["rescheduler"].get<int>();
    }
  EXPECT_GE(rescheduled, 1);  // the Rescheduler delegates too once Lambda answers slowly
  EXPECT_EQ(static_cast<long long>(where(rows, "status", "duplicate").size()), duplicates);
  for (const auto& r : where(rows, "status", "duplicate"))
    EXPECT_FALSE(r.at("delegated_to").empty());
}

// ---- small made-up clusters ----

namespace {

/// Writes an FDL + scenario pair into a fresh directory; returns the scenario file.
std::string write_cluster(const std::string& name, const std::string& replicas, const std::string& settings,
                          double exec_s, const std::string& endpoint_extra = "")
{
  std::string d = out_dir("in-" + name);
  fs::create_directories(d);
  std::ofstream(d + "/fdl.yaml") << "functions:\n"
                                    "  oscar:\n"
                                    "  - a:\n"
                                    "      name: work\n"
                                    "      cpu: '1.0'\n"
                                    "      memory: 1Gi\n"
                                    "      image: img/work\n"
                                    "      script: s.sh\n"
                                    "      rescheduler_threshold: 10\n"
                                    "      replicas:\n"
                                 << replicas
                                 << "      input:\n"
                                    "      - {storage_provider: minio, path: work/in}\n";
  std::ofstream(d + "/scenario.yaml")
      << "schema: contsim-scenario/1\n"
         "name: "
      << name
      << "\nfdl: fdl.yaml\n"
         "calibration: ["
      << kSource << "/calibration/aws-us-east-1.yaml, " << kSource
      << "/calibration/upv-openstack.yaml]\n"
         "parameters:\n"
         // No container start: the timelines below are the jobs' and the Rescheduler's alone.
         "  kubernetes: {container_start_s: {value: 0}}\n"
         "  functions: {work: {exec_time: {seconds: {type: constant, value: "
      << exec_s
      << "}, reference_vcpu: 1}}}\n"
         "platform:\n"
         "  sites: [site-a, aws]\n"
         "  links: [{between: [site-a, aws], bandwidth: 1Gbps, latency: 0ms}]\n"
         "  services:\n"
         "    oscar-a:\n"
         "      kind: oscar\n"
         "      site: site-a\n"
         "      cluster_id: a\n"
         "      nodes: [{type: upv-vm-4c8g, vcpus: 1.5}]\n"   // 1.3 vCPU allocatable: one job at a time
      << settings
      << "    aws-lambda: {kind: lambda, site: aws, region: us-east-1}\n"
         "  endpoints:\n"
         "    https://fn.example: {service: aws-lambda, memory: 1769"
      << endpoint_extra
      << "}\n"
         "  storage:\n"
         "    minio.a: {site: site-a}\n"
         "workload:\n"
         "  - name: events\n"
         "    file: {name: \"e-{i}\", size_bytes: 0}\n"
         "    arrivals:\n"
         "      schedule: [{at_s: 0, count: 3}, {at_s: 20, count: 1}]\n"
         "billing: {request_fees: false}\n";
  return d + "/scenario.yaml";
}

} // namespace

TEST(Rescheduler, APodThatStartsWhileItsDelegationIsInFlightRunsTwice)
{
  // One job at a time, 12 s each; 3 events at t = 0. The Rescheduler's first round (t = 0) lists
  // (api_list_s, 0.05 s) and sleeps 15 s: at its second round (t = 15.05) the
  // third pod has been pending > 10 s: it is posted to a synchronous Lambda endpoint, which
  // answers when the function ends (~12.4 s later). Meanwhile the second job ends (t = 24) and
  // the third pod starts locally: when the answer comes, deleting it no longer stops it.
  std::string file = write_cluster("race", "      - {type: endpoint, url: https://fn.example}\n",
                                   "      RESCHEDULER_ENABLE: true\n", 12);
  std::string dir = simulated(file, "race");
  auto rows = trace(dir);
  auto dup = where(rows, "status", "duplicate");
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0].at("mechanism"), "rescheduler");
  EXPECT_EQ(dup[0].at("delegated_to"), "aws-lambda");
  EXPECT_NEAR(num(dup[0], "t_start"), 24, 1e-6);
  auto copies = where(rows, "parent_id", dup[0].at("id"));
  ASSERT_EQ(copies.size(), 1u);
  EXPECT_EQ(copies[0].at("platform"), "lambda");
  EXPECT_NEAR(num(copies[0], "t_trigger"), 15.05, 1e-6);
  EXPECT_EQ(summary(dir)["services"]["oscar-a"]["duplicates"].get<int>(), 1);
}

TEST(Rescheduler, APodStillPendingIsDeletedAfterTheThreshold)
{
  // Same cluster, an asynchronous endpoint (answers at once): the pods pending at the tick are
  // deleted locally and run only on Lambda.
  std::string file = write_cluster("resched", "      - {type: endpoint, url: https://fn.example}\n",
                                   "      RESCHEDULER_ENABLE: true\n", 12, ", synchronous: false");
  std::string dir = simulated(file, "resched");
  auto rows = trace(dir);
  EXPECT_TRUE(where(rows, "status", "duplicate").empty());
  auto moved = where(rows, "mechanism", "rescheduler");
  ASSERT_GE(moved.size(), 1u);
  for (const auto& r : moved) {
    EXPECT_EQ(r.at("status"), "delegated");
    EXPECT_TRUE(r.at("t_start").empty());  // never ran locally
    EXPECT_GT(num(r, "t_end") - num(r, "t_trigger"), 10);  // pending longer than the threshold
    EXPECT_EQ(where(rows, "parent_id", r.at("id")).size(), 1u);
  }
}

TEST(Rescheduler, APodPullingItsImageIsStillPendingAndLeavesItsNode)
{
  // Kubernetes reports a bound pod whose container is not running yet (image pull) as phase
  // Pending, and OSCAR's Rescheduler lists `status.phase=Pending`. A 2 GB image at the node's
  // 55.59 MB/s takes ~36 s: at the round at t = 15.05 the first pod is bound and pulling, the
  // other two unscheduled; all three are delegated and the first leaves its node. The event
  // at t = 20 binds at once (the node is free) and waits for the same pull; at the round at
  // 30.10 it has been pending 10.1 s, and OSCAR compares whole seconds (`int(pendingTime) >
  // threshold`): 10 is not > 10, so it stays; by the next round its container runs.
  std::string file = write_cluster("pulling", "      - {type: endpoint, url: https://fn.example}\n",
                                   "      RESCHEDULER_ENABLE: true\n", 12, ", synchronous: false");
  std::string text = slurp(file);
  text.replace(text.find("reference_vcpu: 1}"), 18, "reference_vcpu: 1}, image_size: 2GB");
  std::ofstream(file) << text;
  std::string dir = simulated(file, "pulling");
  auto rows = trace(dir);
  auto moved = where(where(rows, "platform", "oscar"), "mechanism", "rescheduler");
  ASSERT_EQ(moved.size(), 3u);
  int bound = 0;
  for (const auto& r : moved) {
    EXPECT_EQ(r.at("status"), "delegated");
    EXPECT_TRUE(r.at("t_exec_start").empty());  // its container never ran
    EXPECT_NEAR(num(r, "t_end"), 15.05, 1e-6);
    bound += !r.at("t_start").empty();
  }
  EXPECT_EQ(bound, 1);
  auto local = where(where(rows, "platform", "oscar"), "status", "ok");
  ASSERT_EQ(local.size(), 1u);
  EXPECT_NEAR(num(local[0], "t_trigger"), 20, 1e-6);
  EXPECT_NEAR(num(local[0], "t_start"), 20, 1e-6);  // the deleted pod's node was free again
  EXPECT_NEAR(num(local[0], "t_exec_start"), 2e9 / 55.59e6, 1e-3);
  EXPECT_EQ(where(rows, "platform", "lambda").size(), 3u);
}

TEST(Rescheduler, OscarTwoFiveZeroIgnoresTheServicesThreshold)
{
  // The FDL says rescheduler_threshold 10; with RESCHEDULER_THRESHOLD 40 and
  // `rescheduler_threshold_from: global` (OSCAR 2.5.0) no pod waits 40 s (the last starts at
  // 36 s), so nothing is delegated; with `service` (OSCAR >= 2.5.1) the FDL's 10 s applies.
  std::string settings = "      RESCHEDULER_ENABLE: true\n      RESCHEDULER_THRESHOLD: 40\n";
  std::string global = simulated(write_cluster("global", "      - {type: endpoint, url: https://fn.example}\n",
                                               settings + "      rescheduler_threshold_from: global\n", 12,
                                               ", synchronous: false"),
                                 "global");
  EXPECT_TRUE(where(trace(global), "mechanism", "rescheduler").empty());
  EXPECT_EQ(summary(global)["services"]["oscar-a"]["settings"]["rescheduler_threshold_from"], "global");
  std::string own = simulated(write_cluster("own", "      - {type: endpoint, url: https://fn.example}\n",
                                            settings + "      rescheduler_threshold_from: service\n", 12,
                                            ", synchronous: false"),
                              "own");
  EXPECT_FALSE(where(trace(own), "mechanism", "rescheduler").empty());
  std::string bad = write_cluster("bad-from", "      - {type: endpoint, url: https://fn.example}\n",
                                  settings + "      rescheduler_threshold_from: fdl\n", 12);
  Result r = contsim("run " + bad + " -q -o " + out_dir("bad-from-out"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("rescheduler_threshold_from"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scenario.yaml:"), std::string::npos) << r.out;
}

TEST(ReplicaDelegation, ReplicasAreTriedByPriorityAndAFailureFallsThrough)
{
  // The Resource Manager's view at t = 15 shows the only node full: the event at t = 20 is
  // delegated. The priority-0 replica (listed second) is on no cluster of the platform, so it
  // fails and the priority-1 endpoint takes the event.
  std::string file = write_cluster("fallthrough",
                                   "      - {type: endpoint, url: https://fn.example, priority: 1}\n"
                                   "      - {type: oscar, cluster_id: nowhere, service_name: work, priority: 0}\n",
                                   "      RESOURCE_MANAGER_ENABLE: true\n", 30, ", synchronous: false");
  std::string dir = simulated(file, "fallthrough");
  auto rows = trace(dir);
  auto rm = where(rows, "mechanism", "resource-manager");
  ASSERT_EQ(rm.size(), 1u);
  EXPECT_EQ(rm[0].at("status"), "delegated");
  EXPECT_EQ(rm[0].at("delegated_to"), "aws-lambda");
  EXPECT_NEAR(num(rm[0], "t_trigger"), 20, 1e-6);
  // The three events of t = 0 were all created locally: the view (taken at t = 0) was stale.
  for (const auto& r : rows) {
    if (r.at("platform") == "oscar" && num(r, "t_trigger") < 1) {
      EXPECT_EQ(r.at("status"), "ok");
    }
  }
  auto s = summary(dir);
  EXPECT_EQ(s["services"]["oscar-a"]["delegation_failures"].get<int>(), 0);
  bool warned = false;
  for (const auto& w : s["warnings"])
    warned = warned || w.get<std::string>().find("nowhere") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(ReplicaDelegation, MalformedReplicasAndClustersFailWithFileAndLine)
{
  struct Case {
    std::string replicas, expect;
  };
  std::vector<Case> cases = {
      {"      - {type: oscar, cluster_id: b}\n", "fdl.yaml:11"},
      {"      - {type: ftp, url: x}\n", "replica type must be 'oscar' or 'endpoint'"},
      {"      - {type: endpoint}\n", "needs url"},
      {"      - {type: endpoint, url: https://fn.example, priority: -1}\n", "priority"},
  };
  for (const auto& c : cases) {
    std::string file = write_cluster("bad", c.replicas, "", 1);
    Result r = contsim("run " + file + " -o " + out_dir("bad-out"));
    EXPECT_NE(r.code, 0) << c.replicas;
    EXPECT_NE(r.out.find(c.expect), std::string::npos) << r.out;
  }
  // A service no node can ever hold is an error at load, not a job pending forever.
  std::string file = write_cluster("huge", "      - {type: endpoint, url: https://fn.example}\n",
                                   "", 1);
  std::string text = slurp(file);
  text.replace(text.find("vcpus: 1.5"), 10, "vcpus: 1.1");
  std::ofstream(file) << text;
  Result r = contsim("run " + file + " -o " + out_dir("huge-out"));
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("Pending forever"), std::string::npos) << r.out;
}

// The FDL's `delegation:` policies (OSCAR delegate.go) on oscar-delegation-policies.yaml: the
// fog overflows to two replicas, a small cluster first by priority and a larger one.
TEST(DelegationPolicies, StaticFillsTheFirstReplicaLoadBasedAndTopsisSpreadToTheLargerOne)
{
  std::string scenario = kSource + "/scenarios/oscar-delegation-policies.yaml";
  auto delegated_to = [](const std::string& dir) {
    std::map<std::string, int> n;
    for (const auto& row : trace(dir))
      if (row.at("status") == "delegated")
        ++n[row.at("delegated_to")];
    return n;
  };
  std::map<std::string, std::map<std::string, int>> to;
  std::map<std::string, double> response;
  for (std::string policy : {"static", "random", "load-based", "topsis"}) {
    std::string dir = simulated(scenario, "policy-" + policy, "--set functions.fire-detection.delegation=" + policy);
    to[policy] = delegated_to(dir);
    response[policy] = summary(dir)["response_s"]["mean"].get<double>();
    EXPECT_GT(to[policy]["oscar-small"] + to[policy]["oscar-large"], 100) << policy;  // the fog overflows
  }
  // static: priority 0 is the small cluster, tried first even when it is full (its pods queue there).
  EXPECT_EQ(to["static"]["oscar-large"], 0);
  // load-based: the larger free share wins; the small cluster gets events only while it is emptier.
  EXPECT_GT(to["load-based"]["oscar-large"], to["load-based"]["oscar-small"]);
  // random: both clusters with room get events.
  EXPECT_GT(to["random"]["oscar-small"], 0);
  EXPECT_GT(to["random"]["oscar-large"], 0);
  // topsis weighs free CPU most (65 of 100): the large cluster.
  EXPECT_GT(to["topsis"]["oscar-large"], to["topsis"]["oscar-small"]);
  // Queueing on the small cluster makes static the slowest by far.
  for (std::string policy : {"random", "load-based", "topsis"})
    EXPECT_LT(response[policy] * 2, response["static"]) << policy;
}
