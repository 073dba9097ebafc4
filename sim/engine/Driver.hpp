// What runs a simulation's calendar and its shared resources: the plain calendar loop when the
// platform has none (no link, no compute host: every transfer is instantaneous and nothing shares
// a CPU), SimGrid otherwise. SimGrid (and the ns-3 libraries it brings, ~20 ms of the dynamic
// loader's time) is loaded only then, from the engine module beside contsim
// (libcontsim_simgrid.so); a Lambda or Batch benchmark never pays for it.
#pragma once
#include "sim/engine/Calendar.hpp"
#include "sim/engine/Network.hpp"
#include "sim/scenario/Platform.hpp"

#include <memory>
#include <string>
#include <vector>

namespace contsim {

class Driver : public Network {
public:
  /// Runs until the calendar is empty and nothing is pending, or to the end_by() time.
  virtual void run() = 0;
  /// Whether the run ended at the end_by() time with work still pending.
  virtual bool ended_early() const = 0;
};

/// Whether anything on this platform is a shared resource that SimGrid must time: a link (a
/// transfer's duration depends on the others crossing it) or a compute host (executions share
/// its cores).
bool needs_simgrid(const PlatformSpec& platform, const std::vector<ComputeHostSpec>& compute_hosts);

/// The driver for this platform (SimGrid's from the engine module when needs_simgrid()); a
/// runtime_error naming the module when it cannot be loaded.
std::unique_ptr<Driver> make_driver(const PlatformSpec& platform, const std::vector<ComputeHostSpec>& compute_hosts,
                                    Calendar& calendar);

/// The SimGrid version contsim was built against (the one its engine module loads).
std::string simgrid_version();

} // namespace contsim
