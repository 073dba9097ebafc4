#include "models/common/MachinePool.hpp"

#include <stdexcept>

namespace contsim::common {

std::uint64_t MachinePool::pack(std::uint64_t key, std::uint32_t epoch)
{
  if (key >> (64 - kEpochBits))
    throw std::logic_error("machine key " + std::to_string(key) + " does not fit the pool's events");
  return (key << kEpochBits) | (epoch & ((1u << kEpochBits) - 1));
}

void MachinePool::schedule(double delay, Kind kind, std::uint64_t key)
{
  ++pending_;
  calendar_.after(delay, this, kind, pack(key, owner_.machine(key).epoch));
}

void MachinePool::boot(std::uint64_t key, double boot_s)
{
  schedule(boot_s, kReady, key);
}

void MachinePool::drain(std::uint64_t key, double off_s)
{
  owner_.machine(key).begin_drain(calendar_.now());
  schedule(off_s, kOff, key);
}

void MachinePool::watch_idle(std::uint64_t key, double delay_s)
{
  ++owner_.machine(key).epoch;  // an earlier watch is stale now
  schedule(delay_s, kIdle, key);
}

InstanceRecord MachinePool::close(std::uint64_t key, const MachineType& type, const std::string& group,
                                  const std::string& name, bool busy_now, bool up_at_end)
{
  const Machine& m = owner_.machine(key);
  double now = calendar_.now();
  InstanceRecord r = m.record(now, busy_now, up_at_end, billing_, type, service_, group, name);
  records_.instance_closed(r);
  machine_seconds_ += now - m.uptime.t_launched;
  busy_seconds_ += r.busy_s;
  billed_usd_ += r.cost_usd;
  if (r.energy_wh >= 0)
    energy_wh_ += r.energy_wh;
  return r;
}

void MachinePool::on_event(std::uint32_t kind, std::uint64_t payload)
{
  --pending_;
  std::uint64_t key = payload >> kEpochBits;
  auto epoch = static_cast<std::uint32_t>(payload & ((1u << kEpochBits) - 1));
  Machine& m = owner_.machine(key);
  if ((m.epoch & ((1u << kEpochBits) - 1)) != epoch)
    return;  // a later transition or watch superseded this event
  switch (kind) {
    case kReady:
      if (m.state == MachineState::booting) {
        m.become_ready(calendar_.now());
        owner_.machine_ready(key);
      }
      break;
    case kOff:
      if (m.state == MachineState::draining)
        owner_.machine_off(key);
      break;
    case kIdle:
      owner_.machine_idle(key);
      break;
  }
}

} // namespace contsim::common
