// OSCAR's delegation policies (sim/policy), engine-free: each is a pure function of the
// replicas' configured priorities and their clusters' /system/status.
#include "sim/policy/DelegationPolicy.hpp"
#include "sim/policy/LoadBasedDelegation.hpp"
#include "sim/policy/TopsisDelegation.hpp"

#include <gtest/gtest.h>

using namespace contsim;

namespace {

/// A cluster of `nodes` nodes of 4 cores / 8 GiB with `busy_cores` requested on each.
ClusterStatus cluster(int nodes, double busy_cores, double latency_s = 0.02)
{
  ClusterStatus s;
  for (int i = 0; i < nodes; ++i) {
    NodeStatus n{4000, busy_cores * 1000, 8.0 * (1 << 30), busy_cores * (1 << 30)};
    s.nodes.push_back(n);
    s.total_free_cores_m += n.allocatable_cores_m - n.requested_cores_m;
    s.total_free_bytes += n.allocatable_bytes - n.requested_bytes;
    s.max_free_on_node_cores_m = std::max(s.max_free_on_node_cores_m, n.allocatable_cores_m - n.requested_cores_m);
  }
  s.status_latency_s = latency_s;
  return s;
}

ReplicaView oscar(unsigned priority, int declared, const ClusterStatus& s)
{
  ReplicaView v;
  v.priority = priority;
  v.declared = declared;
  v.status_known = true;
  v.status = s;
  return v;
}

const DelegationRequest kOneCore{1.0, 1.0 * (1 << 30)};

} // namespace

TEST(DelegationPolicy, NamesOfTheFdlSelectThePolicies)
{
  EXPECT_STREQ(make_delegation_policy("")->name(), "static");
  EXPECT_STREQ(make_delegation_policy("static")->name(), "static");
  EXPECT_STREQ(make_delegation_policy("random")->name(), "random");
  EXPECT_STREQ(make_delegation_policy("load-based")->name(), "load-based");
  EXPECT_STREQ(make_delegation_policy("topsis")->name(), "topsis");
  EXPECT_EQ(make_delegation_policy("round-robin"), nullptr);
}

TEST(DelegationPolicy, StaticTriesEveryReplicaByPriorityThenDeclarationOrder)
{
  RandomEngine rng(1);
  std::vector<ReplicaView> r{oscar(1, 0, cluster(1, 4)), oscar(0, 1, cluster(1, 4)), oscar(1, 2, cluster(1, 0))};
  r[0].status_known = false;  // static never asks
  EXPECT_EQ(make_delegation_policy("static")->order(r, kOneCore, rng), (std::vector<int>{1, 0, 2}));
}

TEST(DelegationPolicy, RoomIsPerNodeNotTheClusterTotal)
{
  // 3 nodes with 0.5 free core each: 1.5 cores free in all, but a 1-core job fits none.
  EXPECT_FALSE(delegation::has_room(cluster(3, 3.5), kOneCore));
  EXPECT_TRUE(delegation::has_room(cluster(1, 3.0), kOneCore));
}

TEST(DelegationPolicy, RandomSkipsClustersWithoutRoomAndDrawsUniformPriorities)
{
  const auto policy = make_delegation_policy("random");
  ReplicaView endpoint;
  endpoint.oscar = false;
  endpoint.priority = 100;  // after any drawn priority (a tie goes to the earlier declaration)
  endpoint.declared = 3;
  std::vector<ReplicaView> r{oscar(0, 0, cluster(1, 0)), oscar(0, 1, cluster(1, 0)), oscar(0, 2, cluster(1, 4)),
                             endpoint};
  r[1].status_known = true;
  RandomEngine rng(7);
  int first_is_0 = 0;
  const int draws = 2000;
  for (int i = 0; i < draws; ++i) {
    auto order = policy->order(r, kOneCore, rng);
    ASSERT_EQ(order.size(), 3u);  // the full cluster (2) is not tried; the endpoint always is
    EXPECT_NE(std::find(order.begin(), order.end(), 3), order.end());
    EXPECT_EQ(std::find(order.begin(), order.end(), 2), order.end());
    first_is_0 += order[0] == 0 ? 1 : 0;
  }
  // Two equal clusters: each comes first about half the time (0 also wins the 1/101 ties).
  EXPECT_NEAR(first_is_0 / double(draws), 0.5 + 0.5 / 101, 0.05);
  RandomEngine a(3), b(3);
  EXPECT_EQ(policy->order(r, kOneCore, a), policy->order(r, kOneCore, b));  // deterministic per stream
}

TEST(DelegationPolicy, LoadBasedPrefersTheLeastLoadedClusterWithRoom)
{
  // 2 of 4 cores and 2 of 8 GiB requested per node: health sqrt(0.5 * 0.75) = 0.612, priority 100 - 61.
  EXPECT_EQ(LoadBasedDelegation::priority(cluster(2, 2)), 39u);
  EXPECT_EQ(LoadBasedDelegation::priority(cluster(2, 0)), 0u);
  RandomEngine rng(1);
  std::vector<ReplicaView> r{oscar(0, 0, cluster(1, 3)), oscar(1, 1, cluster(4, 1)), oscar(2, 2, cluster(2, 4))};
  r.push_back(oscar(0, 3, cluster(1, 0)));
  r[3].status_known = false;  // unreachable: not tried
  EXPECT_EQ(make_delegation_policy("load-based")->order(r, kOneCore, rng), (std::vector<int>{1, 0}));
}

TEST(DelegationPolicy, TopsisRanksAsOscarsOwnTestAndPutsTheClusterWithFreeCpuFirst)
{
  // OSCAR's delegate_test.go TestTopsisMethod: the first alternative ranks above the second.
  auto prefs = TopsisDelegation::preferences({{10, 9, 8, 7, 1, 2}, {9, 7, 6, 5, 2, 3}, {5, 4, 7, 8, 3, 4}},
                                             {0.2, 0.25, 0.2, 0.15, 0.1, 0.1});
  ASSERT_EQ(prefs.size(), 3u);
  EXPECT_GT(prefs[0], prefs[1]);
  for (double p : prefs) {
    EXPECT_GE(p, 0);
    EXPECT_LE(p, 1);
  }
  // A busy small cluster listed first, an idle large one second, an unknown third.
  RandomEngine rng(1);
  std::vector<ReplicaView> r{oscar(0, 0, cluster(1, 3)), oscar(1, 1, cluster(4, 0)), oscar(2, 2, cluster(1, 0))};
  r[2].status_known = false;
  auto order = make_delegation_policy("topsis")->order(r, kOneCore, rng);
  ASSERT_EQ(order.size(), 3u);  // TOPSIS excludes none: every priority is at most 100
  EXPECT_EQ(order[0], 1);
  EXPECT_EQ(order[2], 2);
}
