// The timed part of the shared machine layer: one pool per service schedules its machines'
// boot, power-off and idle-timeout events, drops the ones a later transition made stale (epoch),
// closes up intervals into instances.csv rows with billing and energy, and keeps the totals.
// The model keeps its machines (Batch instances, Kubernetes nodes, each holding a
// common::Machine) and decides when to start, drain, watch or close one; the pool tells it when
// a timed transition happened. Machines are named by a key of the owner's choice (< 2^40).
#pragma once
#include "models/common/Machine.hpp"
#include "sim/engine/Calendar.hpp"
#include "sim/runtime/Ports.hpp"

#include <string>

namespace contsim::common {

class MachinePool : public EventHandler {
public:
  class Owner {
  public:
    virtual ~Owner() = default;
    virtual Machine& machine(std::uint64_t key) = 0;
    /// Booting → ready happened (the pool already updated the machine).
    virtual void machine_ready(std::uint64_t key) = 0;
    /// The power-off time of a draining machine has passed: the owner closes it.
    virtual void machine_off(std::uint64_t /*key*/) {}
    /// An idle watch came due and nothing bumped the machine's epoch since.
    virtual void machine_idle(std::uint64_t /*key*/) {}
  };

  MachinePool(std::string service, MachineBilling billing, Calendar& calendar, RecordPort& records, Owner& owner)
      : service_(std::move(service)), billing_(billing), calendar_(calendar), records_(records), owner_(owner)
  {
  }

  /// The machine (already start()ed booting) becomes ready after `boot_s`.
  void boot(std::uint64_t key, double boot_s);
  /// Starts draining the machine now; machine_off after `off_s`.
  void drain(std::uint64_t key, double off_s);
  /// machine_idle after `delay_s`, unless the machine's epoch moves first (bumps it now).
  void watch_idle(std::uint64_t key, double delay_s);
  /// Ends the machine's up interval now: its instances.csv row, with billing and energy, is
  /// recorded and added to the totals; the machine itself is left to the owner.
  InstanceRecord close(std::uint64_t key, const MachineType& type, const std::string& group,
                       const std::string& name, bool busy_now, bool up_at_end);

  /// Timed transitions still to come (a service with some is still active).
  long long pending() const { return pending_; }
  double machine_seconds() const { return machine_seconds_; }
  double busy_seconds() const { return busy_seconds_; }
  double billed_usd() const { return billed_usd_; }
  double energy_wh() const { return energy_wh_; }

  void on_event(std::uint32_t kind, std::uint64_t payload) override;

private:
  enum Kind : std::uint32_t { kReady, kOff, kIdle };
  static constexpr int kEpochBits = 24;
  static std::uint64_t pack(std::uint64_t key, std::uint32_t epoch);
  void schedule(double delay, Kind kind, std::uint64_t key);

  std::string service_;
  MachineBilling billing_;
  Calendar& calendar_;
  RecordPort& records_;
  Owner& owner_;
  long long pending_ = 0;
  double machine_seconds_ = 0, busy_seconds_ = 0, billed_usd_ = 0, energy_wh_ = 0;
};

} // namespace contsim::common
