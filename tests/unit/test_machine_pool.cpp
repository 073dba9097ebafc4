// The shared machine layer: one machine's lifecycle and billing rules (engine-free), and the
// pool that times boots, power-offs and idle timeouts on a calendar, drops stale events and
// records closed up intervals. Batch instances and OSCAR/CLUES nodes both go through it.
#include "models/common/MachinePool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace contsim;
using namespace contsim::common;

namespace {

MachineType node_type(double usd_per_hour, double idle_w = -1, double max_w = -1)
{
  MachineType t;
  t.name = "vm";
  t.vcpus = 4;
  t.memory_mib = 8192;
  t.usd_per_hour = usd_per_hour;
  t.power_idle_w = idle_w;
  t.power_max_w = max_w;
  return t;
}

/// Records instances.csv rows; nothing else of the record port is used by the pool.
class Records : public RecordPort {
public:
  void finished(Invocation*) override {}
  void job_state(const Invocation&, const char*) override {}
  void instance_closed(const InstanceRecord& r) override { rows.push_back(r); }
  void phase(const Invocation&, const char*, const char*, const std::string&, double, double) override {}
  void warn(const std::string&) override {}
  std::vector<InstanceRecord> rows;
};

/// An owner that logs the pool's callbacks with their times and closes machines going off.
class Owner : public MachinePool::Owner {
public:
  explicit Owner(Calendar& c) : calendar(c) {}
  Machine& machine(std::uint64_t key) override { return machines[key]; }
  void machine_ready(std::uint64_t key) override { log.push_back("ready " + std::to_string(key) + " @" + at()); }
  void machine_off(std::uint64_t key) override
  {
    log.push_back("off " + std::to_string(key) + " @" + at());
    pool->close(key, type, "g", "m" + std::to_string(key), false, false);
    machines[key].stop();
  }
  void machine_idle(std::uint64_t key) override { log.push_back("idle " + std::to_string(key) + " @" + at()); }
  std::string at() const { return std::to_string(static_cast<int>(calendar.now())); }

  Calendar& calendar;
  std::map<std::uint64_t, Machine> machines;
  std::vector<std::string> log;
  MachinePool* pool = nullptr;
  MachineType type = node_type(3.6);
};

void run(Calendar& c)
{
  while (!c.empty())
    c.run_next();
}

} // namespace

TEST(MachineLayer, BillingRulesPerSecondWithMinimumAndMetered)
{
  MachineType t = node_type(3.6);  // $0.001 per second
  Machine m;
  m.start(100, true);
  InstanceRecord ec2 = m.record(110.5, false, false, MachineBilling{MachineBilling::Rule::per_second, 60}, t, "s",
                                "g", "i-1");
  EXPECT_EQ(ec2.billed_s, 60);  // the EC2 minimum
  EXPECT_NEAR(ec2.cost_usd, 0.060, 1e-12);
  EXPECT_LT(ec2.energy_wh, 0);  // no power model: not modelled
  InstanceRecord owned = m.record(110.5, false, false, MachineBilling{}, t, "s", "g", "n-1");
  EXPECT_EQ(owned.billed_s, 11);
  EXPECT_NEAR(owned.cost_usd, 0.0105, 1e-12);  // the uptime itself, not whole seconds
}

TEST(MachineLayer, EnergyIsIdleDrawPlusTheRequestedCoresShare)
{
  MachineType t = node_type(0, 10, 30);  // 4 vCPUs: 5 W per fully requested core
  Machine m;
  m.start(0, true);
  m.requested_core_s = 2 * 3600;  // two cores for an hour
  InstanceRecord r = m.record(3600, false, true, MachineBilling{}, t, "s", "g", "n-1");
  EXPECT_NEAR(r.energy_wh, 10 + 10, 1e-9);
  EXPECT_TRUE(r.up_at_end);
}

TEST(MachinePool, BootsDrainsAndRecordsWithTotals)
{
  Calendar calendar;
  Records records;
  Owner owner(calendar);
  MachinePool pool("cluster", MachineBilling{}, calendar, records, owner);
  owner.pool = &pool;
  owner.machines[7].start(0, false);
  pool.boot(7, 30);
  EXPECT_EQ(pool.pending(), 1);
  run(calendar);
  EXPECT_EQ(owner.machines[7].state, MachineState::ready);
  EXPECT_DOUBLE_EQ(owner.machines[7].uptime.t_ready, 30);
  calendar.advance_to(100);
  pool.drain(7, 20);
  EXPECT_EQ(owner.machines[7].state, MachineState::draining);
  run(calendar);
  ASSERT_EQ(owner.log, (std::vector<std::string>{"ready 7 @30", "off 7 @120"}));
  ASSERT_EQ(records.rows.size(), 1u);
  EXPECT_EQ(records.rows[0].instance, "m7");
  EXPECT_DOUBLE_EQ(records.rows[0].t_launched, 0);
  EXPECT_DOUBLE_EQ(records.rows[0].t_terminated, 120);
  EXPECT_DOUBLE_EQ(pool.machine_seconds(), 120);
  EXPECT_NEAR(pool.billed_usd(), 0.12, 1e-12);
  EXPECT_EQ(pool.pending(), 0);
}

TEST(MachinePool, ALaterTransitionOrWatchMakesEarlierEventsStale)
{
  Calendar calendar;
  Records records;
  Owner owner(calendar);
  MachinePool pool("env", MachineBilling{MachineBilling::Rule::per_second, 60}, calendar, records, owner);
  owner.pool = &pool;
  owner.machines[1].start(0, true);
  pool.watch_idle(1, 10);
  pool.watch_idle(1, 50);  // the first watch is superseded
  calendar.advance_to(5);
  ++owner.machines[2].epoch;  // another machine's changes do not matter
  run(calendar);
  EXPECT_EQ(owner.log, (std::vector<std::string>{"idle 1 @50"}));
  // a boot superseded by a power-off never reports ready
  owner.machines[3].start(calendar.now(), false);
  pool.boot(3, 10);
  owner.machines[3].state = MachineState::ready;  // e.g. the owner took it over
  pool.drain(3, 100);
  run(calendar);
  EXPECT_EQ(owner.log.back(), "off 3 @150");
  EXPECT_EQ(std::count(owner.log.begin(), owner.log.end(), "ready 3 @60"), 0);
  EXPECT_EQ(pool.pending(), 0);
}
