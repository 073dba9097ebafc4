// The rules of the OSCAR model, without the engine: Kubernetes fit/no-fit and node choice,
// the image cache, CLUES power decisions, the Resource Manager's stale view.
#include "models/clues/Clues.hpp"
#include "models/kubernetes/Cluster.hpp"
#include "models/oscar/ManagerLoop.hpp"
#include "models/oscar/ResourceManager.hpp"
#include "sim/policy/KnativeScaling.hpp"

#include <gtest/gtest.h>

using namespace contsim;
using kubernetes::Cluster;
using kubernetes::Node;
using kubernetes::NodeType;
using kubernetes::Resources;

namespace {

NodeType make_vm4()
{
  NodeType t;
  t.name = "vm-4c8g";
  t.vcpus = 4;
  t.memory_mib = 8192;
  return t;
}
const NodeType vm4 = make_vm4();

/// A node of `vcpus` with K1's reservation (0.2 vCPU, 250 MiB), in `state`.
Node node(const std::string& name, double vcpus, double memory_mib, Node::State state = Node::State::ready)
{
  Node n;
  n.name = name;
  n.type = &vm4;
  n.machine.state = state;
  n.allocatable = Resources::of(vcpus - 0.2, memory_mib - 250, 0);
  return n;
}

const Resources kOneCpu = Resources::of(1.0, 1024, 0);

} // namespace

TEST(KubernetesScheduling, FourVcpuNodeFitsThreeOneVcpuJobs)
{
  // K1: after the system reservation a 4-vCPU node runs 3 jobs of 1 vCPU, not 4.
  Cluster c;
  c.nodes.push_back(node("wn-1", 4, 8192));
  for (int i = 0; i < 3; ++i) {
    int n = c.choose_node(kOneCpu, "img");
    ASSERT_EQ(n, 0) << "job " << i;
    c.bind(n, kOneCpu, 0);
  }
  EXPECT_EQ(c.choose_node(kOneCpu, "img"), -1);
  c.unbind(0, kOneCpu, 10);
  EXPECT_EQ(c.choose_node(kOneCpu, "img"), 0);
}

TEST(KubernetesScheduling, MemoryAndGpuRequestsAreFiltersToo)
{
  Cluster c;
  c.nodes.push_back(node("wn-1", 8, 2048));
  EXPECT_EQ(c.choose_node(Resources::of(1, 1536, 0), "img"), 0);
  EXPECT_EQ(c.choose_node(Resources::of(1, 2048, 0), "img"), -1);  // 1798 MiB allocatable
  EXPECT_EQ(c.choose_node(Resources::of(1, 512, 1), "img"), -1);   // no GPU on the node
  EXPECT_FALSE(c.could_ever_fit(Resources::of(1, 512, 1)));
  EXPECT_TRUE(c.could_ever_fit(Resources::of(7.8, 512, 0)));
  EXPECT_FALSE(c.could_ever_fit(Resources::of(7.9, 512, 0)));
}

TEST(KubernetesScheduling, LeastAllocatedNodeWinsThenTheOneWithTheImage)
{
  Cluster c;
  c.nodes.push_back(node("wn-1", 4, 8192));
  c.nodes.push_back(node("wn-2", 4, 8192));
  c.nodes.push_back(node("wn-3", 4, 8192, Node::State::booting));  // not Ready: never chosen
  c.bind(0, kOneCpu, 0);
  EXPECT_EQ(c.choose_node(kOneCpu, "img"), 1);  // spread: wn-2 has more room left
  c.bind(1, kOneCpu, 0);
  EXPECT_EQ(c.choose_node(kOneCpu, "img"), 0);  // a tie: the earlier node
  c.nodes[1].images.add("img", 5);
  EXPECT_EQ(c.choose_node(kOneCpu, "img"), 1);  // a tie: the node that holds the image
  EXPECT_EQ(c.choose_node(kOneCpu, "other"), 0);
}

TEST(KubernetesScheduling, MostAllocatedPacksPodsOntoTheFullestNodeThatFits)
{
  auto most = make_node_placement("most-allocated");
  ASSERT_NE(most, nullptr);
  EXPECT_EQ(make_node_placement("random"), nullptr);
  Cluster c;
  c.placement = most.get();
  c.nodes.push_back(node("wn-1", 4, 8192));
  c.nodes.push_back(node("wn-2", 4, 8192));
  EXPECT_EQ(c.choose_node(kOneCpu, "img"), 0);  // a tie: the earlier node
  c.bind(0, kOneCpu, 0);
  EXPECT_EQ(c.choose_node(kOneCpu, "img"), 0);  // pack: wn-1 is fuller
  c.bind(0, kOneCpu, 0);
  c.bind(0, kOneCpu, 0);
  // wn-1 has less than a core left (allocatable is capacity minus the system reservation)
  int next = c.choose_node(kOneCpu, "img");
  EXPECT_EQ(next, c.nodes[0].free().cpu_m >= 1000 ? 0 : 1);
}

TEST(KubernetesScheduling, ControlPlaneRunsNoJobs)
{
  Cluster c;
  c.nodes.push_back(node("front-end", 4, 8192));
  c.nodes[0].control_plane = true;
  EXPECT_EQ(c.choose_node(kOneCpu, "img"), -1);
  EXPECT_FALSE(c.could_ever_fit(kOneCpu));
}

TEST(ImageCache, AnImageIsCachedFromTheEndOfItsPull)
{
  Node n = node("wn-1", 4, 8192);
  EXPECT_LT(n.images.ready_at("grycap/blurry-faces"), 0);
  n.images.add("grycap/blurry-faces", 26.2);
  EXPECT_DOUBLE_EQ(n.images.ready_at("grycap/blurry-faces"), 26.2);
  EXPECT_TRUE(n.images.has("grycap/blurry-faces"));
  EXPECT_LT(n.images.ready_at("grycap/mask-detector"), 0);
  n.images.clear();  // powered off and on again: a fresh VM
  EXPECT_FALSE(n.images.has("grycap/blurry-faces"));
}

TEST(ImageCache, BusyTimeAndRequestedCoreSecondsAreAccounted)
{
  Cluster c;
  c.nodes.push_back(node("wn-1", 4, 8192));
  c.bind(0, kOneCpu, 10);
  c.bind(0, kOneCpu, 20);
  c.unbind(0, kOneCpu, 30);
  c.unbind(0, kOneCpu, 40);
  EXPECT_DOUBLE_EQ(c.nodes[0].machine.uptime.busy_s, 30);
  EXPECT_DOUBLE_EQ(c.nodes[0].machine.requested_core_s, 10 * 1 + 10 * 2 + 10 * 1);
  EXPECT_DOUBLE_EQ(c.nodes[0].machine.uptime.idle_since, 40);
}

namespace {

Cluster elastic_cluster()
{
  // One working node kept on (C4) and three CLUES may power on.
  Cluster c;
  c.nodes.push_back(node("wn-1", 4, 8192));
  c.nodes[0].always_on = true;
  for (int i = 2; i <= 4; ++i)
    c.nodes.push_back(node("wn-" + std::to_string(i), 4, 8192, Node::State::off));
  return c;
}

clues::Settings settings()
{
  clues::Settings s;
  s.enabled = true;
  s.idle_time_s = 180;      // the calibration defaults (OscarParameters.cpp)
  s.pending_threshold_s = 60;
  s.period_s = 5;
  s.min_nodes = 1;
  return s;
}

} // namespace

TEST(CluesDecisions, PodsPendingLongerThanTheThresholdPowerOnJustEnoughNodes)
{
  Cluster c = elastic_cluster();
  std::vector<clues::PendingPod> pending;
  for (int i = 0; i < 4; ++i)
    pending.push_back({0, kOneCpu});
  EXPECT_TRUE(clues::decide(59, c, pending, settings()).power_on.empty());  // not pending long enough
  auto d = clues::decide(60, c, pending, settings());
  ASSERT_EQ(d.power_on.size(), 2u);  // 3 + 1 pods: two nodes of 3 slots
  EXPECT_EQ(d.power_on[0], 1);
  EXPECT_EQ(d.power_on[1], 2);
  // Once they boot, the same pods are covered: no more nodes.
  c.nodes[1].machine.state = c.nodes[2].machine.state = Node::State::booting;
  EXPECT_TRUE(clues::decide(65, c, pending, settings()).power_on.empty());
}

TEST(CluesDecisions, MaxBootingNodesCapsPowerOns)
{
  Cluster c = elastic_cluster();
  std::vector<clues::PendingPod> pending(9, clues::PendingPod{0, kOneCpu});
  clues::Settings s = settings();
  s.max_booting_nodes = 1;
  EXPECT_EQ(clues::decide(100, c, pending, s).power_on.size(), 1u);
  s.max_booting_nodes = 0;
  EXPECT_EQ(clues::decide(100, c, pending, s).power_on.size(), 3u);
}

TEST(CluesDecisions, IdleManagedNodesPowerOffAfterTheIdleTimeNeverTheKeptOnes)
{
  Cluster c = elastic_cluster();
  c.nodes[1].machine.state = Node::State::ready;
  c.nodes[1].machine.uptime.idle_since = 100;
  c.nodes[0].machine.uptime.idle_since = 0;  // always on: never powered off
  EXPECT_TRUE(clues::decide(279, c, {}, settings()).power_off.empty());
  auto d = clues::decide(280, c, {}, settings());
  ASSERT_EQ(d.power_off.size(), 1u);
  EXPECT_EQ(d.power_off[0], 1);
  c.bind(1, kOneCpu, 280);  // busy nodes stay
  EXPECT_TRUE(clues::decide(1000, c, {}, settings()).power_off.empty());
  clues::Settings off = settings();
  off.enabled = false;
  c.unbind(1, kOneCpu, 281);
  EXPECT_TRUE(clues::decide(1000, c, {}, off).power_off.empty());
}

TEST(ResourceManager, ViewIsStaleBetweenRefreshesAndComparisonsAreStrict)
{
  Cluster c;
  c.nodes.push_back(node("wn-1", 4, 8192));  // 3.8 vCPU allocatable
  oscar::ResourceManager rm;
  rm.refresh(c);
  EXPECT_TRUE(rm.is_schedulable(kOneCpu));
  for (int i = 0; i < 3; ++i)
    c.bind(0, kOneCpu, 0);
  // No refresh yet: the cached view still sees an empty node (a burst over-schedules).
  EXPECT_TRUE(rm.is_schedulable(kOneCpu));
  rm.refresh(c);
  EXPECT_FALSE(rm.is_schedulable(kOneCpu));  // 0.8 vCPU free
  c.unbind(0, kOneCpu, 1);
  c.unbind(0, kOneCpu, 1);
  rm.refresh(c);  // 2.8 vCPU free
  EXPECT_TRUE(rm.is_schedulable(Resources::of(2.7, 1024, 0)));
  EXPECT_FALSE(rm.is_schedulable(Resources::of(2.8, 1024, 0)));  // strictly more free CPU is needed
}

TEST(ResourceManager, NodesBootingOrControlPlaneAreNotInTheView)
{
  Cluster c;
  c.nodes.push_back(node("front-end", 4, 8192));
  c.nodes[0].control_plane = true;
  c.nodes.push_back(node("wn-1", 4, 8192, Node::State::booting));
  oscar::ResourceManager rm;
  rm.refresh(c);
  EXPECT_FALSE(rm.is_schedulable(kOneCpu));
}

TEST(KnativeScaling, OnePodPerWaitingRequestUpToMaxScaleThenTrimAndScaleDown)
{
  KnativeCounts c;
  c.waiting = 5;
  c.pods = 1;
  c.pods_starting = 1;
  EXPECT_EQ(knative_pods_to_add(c), 4);  // one on its way already
  c.max_scale = 3;
  EXPECT_EQ(knative_pods_to_add(c), 2);  // capped by max_scale
  c.waiting = 0;
  c.pods_starting = 3;
  c.pods_pending = 2;
  EXPECT_EQ(knative_pods_to_add(c), 0);
  EXPECT_EQ(knative_excess(c), 2);       // unscheduled and no longer needed
  c.pods_pending = 0;
  EXPECT_EQ(knative_excess(c), 0);       // bound pods are not trimmed
  KnativeCounts idle{0, 1, 0, 0, 0, 0};
  EXPECT_EQ(knative_idle_pod(idle, false), IdlePodStep::grace);   // the last pod: scale-to-zero grace first
  EXPECT_EQ(knative_idle_pod(idle, true), IdlePodStep::remove);
  idle.min_scale = 1;
  EXPECT_EQ(knative_idle_pod(idle, false), IdlePodStep::keep);    // never below min_scale
}

TEST(ManagerLoop, EachRoundSleepsItsIntervalAfterItsOwnWorkSoTheLoopDrifts)
{
  // 15 s interval, 0.05 s of list calls per round; the first round at t = 0 found nothing.
  oscar::ManagerLoop loop(15, 0.05);
  loop.round_done(0);
  EXPECT_DOUBLE_EQ(loop.next_round_after(3), 15.05);
  // Idle rounds replayed: 15.05, 30.10, 45.15, ... the first after 40 is at 45.15.
  EXPECT_NEAR(loop.next_round_after(40), 45.15, 1e-9);
  // A round at 45.15 whose delegation POSTs took 12.4 s ends at 57.55: the next one starts
  // 0.05 + 15 s later, off the 15.05 s grid it was on.
  loop.round_done(57.55);
  EXPECT_NEAR(loop.next_round_after(57.55), 72.6, 1e-9);
  // A round is strictly after `now`: waking exactly at a round's time gives the one after.
  EXPECT_NEAR(loop.next_round_after(72.6), 87.65, 1e-9);
}
