// Whole-process tests of OSCAR's synchronous path (POST /run → Knative pods serving one request
// at a time): the bundled scenario, Knative scaling on a small made-up cluster, and bad input.
#include "tests/scenario/ContsimRun.hpp"

#include <algorithm>

using namespace contsim_test;

namespace {

std::vector<Row> by_trigger_then_start(std::vector<Row> rows)
{
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::make_pair(num(a, "t_start"), num(a, "id")) < std::make_pair(num(b, "t_start"), num(b, "id"));
  });
  return rows;
}

/// A one-node cluster (4 vCPU) running `work` (1 vCPU) with the given `synchronous:` block and
/// requests from `schedule`; returns the scenario file.
std::string write_sync_cluster(const std::string& name, const std::string& synchronous, double exec_s,
                               const std::string& schedule, const std::string& workload_extra = "")
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
                                 << synchronous
                                 << "      output:\n"
                                    "      - {storage_provider: minio, path: work/out}\n";
  std::ofstream(d + "/scenario.yaml")
      << "schema: contsim-scenario/1\nname: " << name
      << "\nfdl: fdl.yaml\n"
         "calibration: "
      << kSource
      << "/calibration/upv-openstack.yaml\n"
         "parameters:\n"
         "  functions: {work: {exec_time: {seconds: {type: constant, value: "
      << exec_s
      << "}, reference_vcpu: 1}, image_size: 100MB, outputs: [{name: \"{stem}.out\", size_bytes: 0}]}}\n"
         "platform:\n"
         "  sites: [client, site-a]\n"
         "  links: [{between: [client, site-a], bandwidth: 1Gbps, latency: 0ms}]\n"
         "  services:\n"
         "    oscar-a: {kind: oscar, site: site-a, cluster_id: a, nodes: [{type: upv-vm-4c8g}]}\n"
         "  storage:\n"
         "    minio.a: {site: site-a}\n"
         "workload:\n"
         "  - name: requests\n"
         "    from: client\n"
      << (workload_extra.empty() ? "    invoke: {function: work, mode: sync}\n" : workload_extra)
      << "    file: {name: \"r-{i}\", size_bytes: 0}\n"
         "    arrivals:\n"
         "      schedule: "
      << schedule << "\n";
  return d + "/scenario.yaml";
}

} // namespace

TEST(OscarSyncPlantClassification, OnePodServesTheRequestsInTurnWhileTheOthersWaitForANode)
{
  std::string dir = simulated(kSource + "/scenarios/oscar-sync-plant-classification.yaml", "sync-plants");
  auto rows = by_trigger_then_start(trace(dir));
  ASSERT_EQ(rows.size(), 10u);
  // One 0.8-vCPU pod fits a 1-vCPU node: the requests run one after the other on wn-1, each
  // starting when the previous one ends; only the first waits for the image pull.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].at("status"), "ok");
    EXPECT_EQ(rows[i].at("node"), "wn-1");
    EXPECT_EQ(rows[i].at("cold_start"), i == 0 ? "1" : "0");
    EXPECT_EQ(rows[i].at("input").rfind("run/plants-classification/", 0), 0u);
    if (i > 0) {
      EXPECT_NEAR(num(rows[i], "t_start"), num(rows[i - 1], "t_end"), 1e-6);
    }
  }
  // Pull of the 2 GB image at the K2-derived 55.59 MB/s and the pod's container start (7.75 s,
  // upv-openstack.yaml), then B4's 13 s on the 0.8-vCPU pod per request: a pod that serves
  // requests in turn starts its container once.
  EXPECT_NEAR(num(rows[0], "t_start") - num(rows[0], "t_trigger"), 2e9 / 55.59e6 + 7.75, 0.1);
  EXPECT_NEAR(num(rows[9], "t_end") - num(rows[0], "t_start"), 10 * 13 / 0.8, 1e-6);
  auto s = summary(dir)["services"]["oscar-gateway"];
  EXPECT_EQ(s["jobs_created"].get<int>(), 0);  // no Kubernetes Job on the /run path
  EXPECT_EQ(s["services"]["plants-classification"]["synchronous"]["requests"].get<int>(), 10);
  EXPECT_EQ(s["services"]["plants-classification"]["synchronous"]["cold_requests"].get<int>(), 1);
  // The waiting requests' pods stay Pending: CLUES adds wn-2 (ready after the last request), the
  // unneeded pods are dropped, and wn-2 idles off having run nothing.
  auto nodes = read_csv(dir + "/instances.csv");
  auto wn2 = std::find_if(nodes.begin(), nodes.end(), [](const Row& r) { return r.at("instance") == "wn-2"; });
  ASSERT_NE(wn2, nodes.end());
  EXPECT_GT(num(*wn2, "t_ready"), num(rows[9], "t_end"));
  EXPECT_EQ(wn2->at("jobs"), "0");
  EXPECT_EQ(wn2->at("up_at_end"), "0");
  // The last pod leaves after the stable window (60 s) and the scale-to-zero grace (30 s).
  auto wn1 = std::find_if(nodes.begin(), nodes.end(), [](const Row& r) { return r.at("instance") == "wn-1"; });
  ASSERT_NE(wn1, nodes.end());
  EXPECT_NEAR(num(*wn1, "busy_s"), num(rows[9], "t_end") + 90 - num(rows[0], "t_trigger"), 1e-6);
}

TEST(OscarSync, PodsScaleUpToMaxScaleAndDownToMinScale)
{
  // min_scale 1 (up before the run), max_scale 2; 10 s per request; the warm pod's image is
  // on the node, so a new pod serves once its container started (7.75 s, upv-openstack.yaml),
  // and its request is a cold start.
  // t = 0: three requests → the warm pod takes one, a 2nd pod is created for another, the third
  // waits for the first free pod (max_scale). t = 200: the 2nd pod, idle > 60 s, is gone; of two
  // requests one gets the min_scale pod, the other a new pod again.
  std::string file = write_sync_cluster("knative-scale", "      synchronous: {min_scale: 1, max_scale: 2}\n", 10,
                                        "[{at_s: 0, count: 3}, {at_s: 200, count: 2}]");
  std::string dir = simulated(file, "knative-scale");
  auto rows = by_trigger_then_start(trace(dir));
  ASSERT_EQ(rows.size(), 5u);
  const double start[] = {0, 7.75, 10, 200, 207.75};
  const char* cold[] = {"0", "1", "0", "0", "1"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(num(rows[i], "t_start"), start[i], 1e-6) << i;
    EXPECT_EQ(rows[i].at("cold_start"), cold[i]) << i;
  }
  auto s = summary(dir)["services"]["oscar-a"]["services"]["work"]["synchronous"];
  EXPECT_EQ(s["pods_created"].get<int>(), 3);  // the warm one, then one per scale-up
  EXPECT_EQ(s["min_scale"].get<int>(), 1);
  EXPECT_EQ(s["max_scale"].get<int>(), 2);
}

TEST(OscarSync, ARequestLongerThanTheHttpTimeoutFailsForTheCallerButItsOutputIsStored)
{
  std::string file = write_sync_cluster("knative-timeout", "", 400, "[{at_s: 0, count: 1}]");
  std::string dir = simulated(file, "knative-timeout");
  auto rows = trace(dir);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("status"), "timeout");  // OSCAR's WRITE_TIMEOUT, 300 s
  EXPECT_EQ(summary(dir)["services"]["oscar-a"]["services"]["work"]["synchronous"]["timeouts"].get<int>(), 1);
}

TEST(OscarSync, AsyncInvocationsBecomeJobs)
{
  std::string file = write_sync_cluster("job-path", "", 10, "[{at_s: 0, count: 2}]",
                                        "    invoke: {function: work, mode: async}\n");
  std::string dir = simulated(file, "job-path");
  auto rows = trace(dir);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("input").rfind("job/work/", 0), 0u);
  EXPECT_EQ(summary(dir)["services"]["oscar-a"]["jobs_created"].get<int>(), 2);
  EXPECT_FALSE(read_csv(dir + "/job_states.csv").empty());
}

TEST(OscarSync, BadInvocationsFailWithFileAndLine)
{
  struct Case {
    std::string name, synchronous, workload, expect;
  };
  std::vector<Case> cases = {
      {"unknown-fn", "", "    invoke: {function: nope}\n", "workload.invoke.function"},
      {"bad-mode", "", "    invoke: {function: work, mode: later}\n", "mode must be sync"},
      {"both", "", "    invoke: {function: work}\n    to: {storage_provider: minio, path: work/in}\n",
       "not both"},
      {"min-above-max", "      synchronous: {min_scale: 3, max_scale: 2}\n", "", "min_scale is above max_scale"},
      {"negative-scale", "      synchronous: {max_scale: -1}\n", "", "max_scale must be 0 or more"},
  };
  for (const auto& c : cases) {
    std::string file = write_sync_cluster("bad-" + c.name, c.synchronous, 1, "[{at_s: 0}]", c.workload);
    Result r = contsim("run " + file + " -o " + out_dir("bad-" + c.name));
    EXPECT_NE(r.code, 0) << c.name;
    EXPECT_NE(r.out.find(c.expect), std::string::npos) << c.name << ": " << r.out;
    EXPECT_NE(r.out.find(".yaml:"), std::string::npos) << c.name << ": " << r.out;
  }
}
