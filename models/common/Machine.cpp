#include "models/common/Machine.hpp"

#include <cmath>

namespace contsim::common {

long long ec2_billed_seconds(double uptime_s, double minimum_s)
{
  if (uptime_s < 0)
    uptime_s = 0;
  // Whole seconds, rounded up after rounding to 1 µs (floating-point noise is not a second).
  long long us = std::llround(uptime_s * 1e6);
  long long s = (us + 999999) / 1000000;
  return std::max(s, static_cast<long long>(std::ceil(minimum_s)));
}

InstanceRecord Machine::record(double now, bool busy_now, bool up_at_end, const MachineBilling& billing,
                               const MachineType& type, const std::string& service, const std::string& group,
                               const std::string& name) const
{
  InstanceRecord r = uptime.record(now, busy_now, up_at_end, service, group, name, type.name);
  double up_s = now - uptime.t_launched;
  if (billing.rule == MachineBilling::Rule::per_second) {
    r.billed_s = ec2_billed_seconds(up_s, billing.minimum_billed_s);
    r.cost_usd = static_cast<double>(r.billed_s) * type.usd_per_hour / 3600.0;
  } else {
    r.billed_s = static_cast<long long>(std::ceil(up_s - 1e-9));
    r.cost_usd = up_s * type.usd_per_hour / 3600.0;
  }
  if (has_power_model(type))
    r.energy_wh = energy_wh(type, up_s, requested_core_s);
  return r;
}

} // namespace contsim::common
