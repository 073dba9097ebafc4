// One rented or powered machine's lifecycle, shared by AWS Batch instances and Kubernetes nodes:
//   off ─start─ booting ─(boot time)─ ready ─drain─ draining ─(power-off time)─ off
// (an EC2 instance is terminated straight from ready; a machine kept up from the start begins
// ready). The epoch is bumped at every transition and every idle watch, so a timed event
// addressed to an older state is recognised as stale (MachinePool). The up interval's record
// (MachineUptime) becomes an instances.csv row when the machine goes off or the run ends.
#pragma once
#include "models/common/MachineType.hpp"
#include "models/common/MachineUptime.hpp"

#include <cstdint>

namespace contsim::common {

enum class MachineState { off, booting, ready, draining };

/// How an up interval is billed.
struct MachineBilling {
  enum class Rule {
    per_second,  // EC2: whole seconds rounded up, with a minimum; billed seconds × hourly price
    metered,     // on-premises: the uptime × the node type's hourly price (a cost of ownership)
  } rule = Rule::metered;
  double minimum_billed_s = 0;  // per_second only (EC2: 60 s, fact B3)
};

/// EC2 per-second billing: whole seconds, rounded up, with a minimum per instance (B3).
long long ec2_billed_seconds(double uptime_s, double minimum_s);

struct Machine {
  MachineState state = MachineState::off;
  std::uint32_t epoch = 0;
  MachineUptime uptime;         // power-on, ready, jobs run, busy and idle time (instances.csv)
  double requested_core_s = 0;  // ∫ requested cores dt over the interval: the power model's load
  double last_change = 0;       // when requested_core_s was last brought up to date

  bool up() const { return state != MachineState::off; }
  /// A new up interval begins now (launch, power-on); `ready`: usable at once.
  void start(double now, bool ready)
  {
    state = ready ? MachineState::ready : MachineState::booting;
    ++epoch;
    uptime.launched(now, ready);
    requested_core_s = 0;
    last_change = now;
  }
  void become_ready(double now)
  {
    state = MachineState::ready;
    uptime.became_ready(now);
    last_change = now;
  }
  void begin_drain(double now)
  {
    state = MachineState::draining;
    uptime.t_drain = now;
    ++epoch;
  }
  void stop()
  {
    state = MachineState::off;
    ++epoch;
  }
  /// The interval's instances.csv row if it closes at `now`: times and jobs, billing and, where
  /// the type has a power model, energy.
  InstanceRecord record(double now, bool busy_now, bool up_at_end, const MachineBilling& billing,
                        const MachineType& type, const std::string& service, const std::string& group,
                        const std::string& name) const;
};

} // namespace contsim::common
