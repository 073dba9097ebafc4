// One row of trace.csv (schema::trace_table() documents every field), as the simulator's
// observer, a real-runner or the trace reader produces it. Text fields are views: into the
// producer's own strings while it writes, into the reader's line buffer while it reads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace contsim {

// duplicate: ran to completion here although its event was also handed to a replica (the
// OSCAR Rescheduler's race, or a delegation that timed out on the caller's side but ran).
// error, interrupted: real runs only (the script exited non-zero; the run was stopped first).
enum class InvocationStatus { ok, timeout, failed, delegated, duplicate, error, interrupted };
inline constexpr std::size_t kInvocationStatuses = 7;
const char* to_string(InvocationStatus s);
/// False when `text` names no status.
bool parse_status(std::string_view text, InvocationStatus& out);

struct TraceRecord {
  std::uint64_t id = 0;
  std::string_view function, platform, site, node, input;
  double t_trigger = -1, t_start = -1, t_exec_start = -1, t_exec_end = -1, t_end = -1;  // < 0: never happened
  bool cold_start = false;
  InvocationStatus status = InvocationStatus::ok;
  std::string_view delegated_to, mechanism;
  long long billed_ms = 0;
  double cost_usd = 0;
  std::uint64_t parent_id = 0;  // 0: none
  double t_stage_in = -1;
  double memory_mb = 0;         // 0: unknown
  /// Not a column: the first trigger of the attempt's event, where its response time starts.
  /// A reader derives it from the parent_id chain (the root attempt's t_trigger).
  double t_origin = -1;
};

} // namespace contsim
