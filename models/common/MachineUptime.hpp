// One up interval of a machine (an EC2 instance from launch to termination, a cluster node
// from power-on to power-off) and what instances.csv reports of it: when it was ready, how many
// jobs it ran, how long it was busy and idle. Batch instances and Kubernetes nodes keep their own
// job counts (slots, pods); they tell this record when the count leaves or reaches zero.
#pragma once
#include "sim/schema/InstanceWriter.hpp"

#include <algorithm>
#include <string>

namespace contsim::common {

struct MachineUptime {
  double t_launched = -1;  // billing starts (launch, power-on)
  double t_ready = -1;     // can take jobs
  double t_drain = -1;     // began draining (CLUES powers it off); < 0: it never did
  long long jobs_total = 0;
  double busy_s = 0;       // time with at least one job, up to busy_since
  double busy_since = -1;  // when the current busy spell began
  double idle_since = 0;   // when the job count last reached 0, or the machine became ready

  /// A new up interval starts (a launch or a power-on); `ready`: usable at once.
  void launched(double now, bool ready)
  {
    *this = MachineUptime{};
    t_launched = now;
    if (ready)
      became_ready(now);
  }
  void became_ready(double now)
  {
    t_ready = now;
    idle_since = now;
  }
  /// A job started; `first`: the machine had none.
  void job_started(double now, bool first)
  {
    if (first)
      busy_since = now;
    ++jobs_total;
  }
  /// A job ended; `last`: the machine has none left.
  void job_ended(double now, bool last)
  {
    if (last) {
      busy_s += now - busy_since;
      idle_since = now;
    }
  }
  /// The instances.csv row of this interval closed at `now` (`busy_now`: jobs still on it).
  /// Billing (billed_s, cost_usd) and energy are the model's.
  InstanceRecord record(double now, bool busy_now, bool up_at_end, const std::string& service,
                        const std::string& group, const std::string& instance, const std::string& type) const
  {
    InstanceRecord r;
    r.service = service;
    r.group = group;
    r.instance = instance;
    r.type = type;
    r.t_launched = t_launched;
    r.t_ready = t_ready;
    r.t_terminated = now;
    r.t_drain = t_drain;
    r.up_at_end = up_at_end;
    r.jobs = jobs_total;
    r.busy_s = busy_s + (busy_now ? now - busy_since : 0);
    if (!busy_now && t_ready >= 0)
      r.idle_before_termination_s = now - std::max(t_ready, idle_since);
    return r;
  }
};

} // namespace contsim::common
