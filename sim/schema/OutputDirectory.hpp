// The CSV outputs of one run in a directory: trace.csv, timeline.csv, instances.csv and
// job_states.csv, phases.csv, each through its one writer (schema::Table documents them).
#pragma once
#include "sim/schema/InstanceWriter.hpp"
#include "sim/schema/JobStateWriter.hpp"
#include "sim/schema/OutputOptions.hpp"
#include "sim/schema/PhaseWriter.hpp"
#include "sim/schema/RecordSink.hpp"
#include "sim/schema/TimelineWriter.hpp"
#include "sim/schema/TraceWriter.hpp"

#include <optional>
#include <string>

namespace contsim {

class OutputDirectory final : public RecordSink {
public:
  /// `dir` must exist; empty = the working directory. An earlier run's summary.json there is
  /// removed first: it is written last, so its presence means the run beside it completed. So
  /// are the earlier files of the names this run writes.
  /// `trace` says how trace.csv reaches the disk (the other files appear when complete).
  /// `options`: the trace's sampling (or none), compression (NAME.zst) and writer threads.
  explicit OutputDirectory(const std::string& dir, CsvPublish trace = CsvPublish::when_complete,
                           const OutputOptions& options = {});
  void on_attempt(const TraceRecord& record, int function, int service) override
  {
    if (trace_)
      trace_->write(record, function, service);
  }
  /// Lets `follower` take every attempt on the trace's writer thread, after its row
  /// (TraceWriter::follow): true if it does, and then the caller must not feed it attempts.
  bool follow_attempts(RecordSink& follower) { return trace_ && trace_->follow(&follower); }
  /// Rows written to trace.csv (all attempts, every Nth, or 0 without a trace).
  std::uint64_t trace_rows() const { return trace_ ? trace_->rows() : 0; }
  void on_timeline(double t, std::string_view platform, std::string_view service, const TimelineSample& s) override
  {
    timeline_.write(t, platform, service, s);
  }
  void on_job_state(std::uint64_t id, std::string_view function, std::string_view service, const char* state,
                    double t) override
  {
    job_states_.write(id, function, service, state, t);
  }
  void on_instance(const InstanceRecord& record) override { instances_.write(record); }
  void on_phase(const PhaseRecord& record) override { phases_.write(record); }
  /// Finishes writing every file (still under NAME.partial): write_summary() names them.
  void close() override;
  /// Gives every finished file its name.
  void publish();

private:
  std::optional<TraceWriter> trace_;
  TimelineWriter timeline_;
  InstanceWriter instances_;
  JobStateWriter job_states_;
  PhaseWriter phases_;
};

} // namespace contsim
