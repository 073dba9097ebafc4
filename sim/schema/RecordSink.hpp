// What consumes a run's records, whoever produces them (the simulator, a real-runner, an
// importer): the output files, the summary statistics. Producers call every sink they were
// given; a sink ignores what it does not need.
#pragma once
#include "sim/schema/InstanceWriter.hpp"
#include "sim/schema/PhaseWriter.hpp"
#include "sim/schema/TimelineRow.hpp"
#include "sim/schema/TraceRecord.hpp"

#include <string_view>

namespace contsim {

class RecordSink {
public:
  virtual ~RecordSink() = default;
  /// An attempt ended; `function` and `service` index the run's function and service lists.
  virtual void on_attempt(const TraceRecord& record, int function, int service) = 0;
  /// A workload upload (or request body) left its source at `t`.
  virtual void on_upload(double /*t*/, double /*bytes*/) {}
  /// Where the run starts when no upload says so (a real trace has no uploads): the makespan's origin.
  virtual void on_run_start(double /*t*/) {}
  virtual void on_timeline(double /*t*/, std::string_view /*platform*/, std::string_view /*service*/,
                           const TimelineSample& /*sample*/)
  {
  }
  virtual void on_job_state(std::uint64_t /*id*/, std::string_view /*function*/, std::string_view /*service*/,
                            const char* /*state*/, double /*t*/)
  {
  }
  virtual void on_instance(const InstanceRecord& /*record*/) {}
  /// A phase of an attempt ended (functions whose profile declares phases).
  virtual void on_phase(const PhaseRecord& /*record*/) {}
  /// The run is over: flush, and fail loudly when something could not be written.
  virtual void close() {}
};

} // namespace contsim
