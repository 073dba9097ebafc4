// Data movement between sites. Completion is delivered to `handler` with (kind, payload)
// at the simulated instant the last byte arrived. When nothing crosses a link (same site,
// or no bytes) the handler is called at once, before transfer() returns: callers must be
// ready for that re-entrant call.
#pragma once
#include "sim/engine/Calendar.hpp"

namespace contsim {

class Network {
public:
  virtual ~Network() = default;
  virtual void transfer(int from_site, int to_site, double bytes, EventHandler* handler, std::uint32_t kind,
                        std::uint64_t payload) = 0;
  /// Runs `work` (core-seconds at reference speed 1) on compute host `host` (declared before the
  /// run, see ComputeHostSpec), using at most `max_cores` of its capacity; concurrent executions
  /// on one host share it (max-min fairness). Completion is delivered like a transfer's.
  virtual void execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
                       std::uint64_t payload) = 0;
  /// The run ends at simulated time `t` at the latest: what is pending then never completes.
  virtual void end_by(double t) = 0;
};


} // namespace contsim
