// Observed invocations as the simulator's own records (sim/schema/TraceRecord): what lets a real
// trace be written as trace.csv + summary.json with the simulator's writers (`contsim import`),
// drawn by `contsim report` and compared with a simulated run. Ids are renumbered 1..n in trigger
// order (real ids are request UUIDs or job names; parent links follow), times are shifted so the
// first trigger is 0, unknown times become "never happened". The makespan counts from the first
// trigger: the uploads before it are not in a trace.
#pragma once
#include "sim/schema/RecordSink.hpp"
#include "traces/import/ObservedInvocation.hpp"

#include <string>
#include <vector>

namespace contsim::traces {

/// The function names (the indices records carry), the platforms (as services) and the time origin.
struct RecordedTrace {
  std::vector<std::string> functions;
  std::vector<std::string> platforms;
  double t0 = 0;  // the earliest trigger, subtracted from every time
};
RecordedTrace trace_names(const TraceTable& table);
/// Sends every invocation of `table` to each sink as a TraceRecord, in completion order.
void record_trace(const TraceTable& table, const RecordedTrace& names, const std::vector<RecordSink*>& sinks);

} // namespace contsim::traces
