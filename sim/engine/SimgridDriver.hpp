// The facade over SimGrid S4U: the only place that includes SimGrid headers, so version
// drift stays here. One long-lived actor drives the Calendar; transfers between sites are
// SimGrid communications, so concurrent uploads share links as SimGrid's model says.
//
// The calendar runs ahead of SimGrid's clock while no SimGrid activity is pending (nothing
// can happen in SimGrid then), and the clock is brought forward (sleep_until) only just
// before an activity starts. Models of isolated work (a Lambda microVM) therefore cost no
// SimGrid call per step. SimGrid's Engine runs once per process.
//
// A compute host (a Kubernetes node) is one SimGrid host whose single "core" has the node's whole
// capacity (cores × speed): an execution's bound (its CPU limit × speed) caps it like a CFS quota,
// and executions that together want more than the node has share it max-min fairly.
//
// It is built as the engine module libcontsim_simgrid.so, which contsim loads only for platforms
// that need it (Driver.hpp): contsim itself does not link SimGrid.
#pragma once
#include "sim/engine/Driver.hpp"

#include <functional>
#include <memory>
#include <string>

namespace contsim {

class SimgridDriver final : public Driver {
public:
  SimgridDriver(const PlatformSpec& platform, const std::vector<ComputeHostSpec>& compute_hosts, Calendar& calendar);
  ~SimgridDriver() override;

  void transfer(int from_site, int to_site, double bytes, EventHandler* handler, std::uint32_t kind,
                std::uint64_t payload) override;
  void execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
               std::uint64_t payload) override;
  void end_by(double t) override;
  bool ended_early() const override;
  /// Runs the simulation until the calendar is empty and no transfer is pending, or at the end_by() time.
  void run() override;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace contsim
