// Trace records packed back to back into a block of bytes: how the simulation's thread hands its
// finished attempts to the trace's writer thread. Packing copies ~150 bytes; formatting the row
// (several times the work) then happens on the writer thread, with the same code, into the same
// bytes. Text fields come back as views into the block.
#pragma once
#include "sim/schema/TraceRecord.hpp"

#include <cstdint>
#include <cstring>

namespace contsim::packed_trace {

/// The fixed-size part of a packed record; the text fields' bytes follow it, in this order.
struct Head {
  std::uint64_t id;
  std::uint64_t parent_id;
  double t_trigger, t_start, t_exec_start, t_exec_end, t_end, t_stage_in;
  double t_origin;                  // not a column: the summary's response times start there
  std::int32_t function, service;   // the run's indices (RecordSink::on_attempt); -1: unknown
  double cost_usd;
  double memory_mb;
  long long billed_ms;
  std::uint32_t sizes[7];  // function, platform, site, node, input, delegated_to, mechanism
  std::uint8_t cold_start;
  std::uint8_t status;
};

inline std::size_t packed_size(const TraceRecord& r)
{
  return sizeof(Head) + r.function.size() + r.platform.size() + r.site.size() + r.node.size() + r.input.size() +
         r.delegated_to.size() + r.mechanism.size();
}

/// Writes `r` (of the run's function and service indices given, or -1) at `p` (packed_size(r)
/// bytes); returns the end.
inline char* pack(char* p, const TraceRecord& r, int function = -1, int service = -1)
{
  const std::string_view texts[7] = {r.function, r.platform, r.site, r.node, r.input, r.delegated_to, r.mechanism};
  Head h{};
  h.id = r.id;
  h.parent_id = r.parent_id;
  h.t_trigger = r.t_trigger;
  h.t_start = r.t_start;
  h.t_exec_start = r.t_exec_start;
  h.t_exec_end = r.t_exec_end;
  h.t_end = r.t_end;
  h.t_stage_in = r.t_stage_in;
  h.t_origin = r.t_origin;
  h.function = function;
  h.service = service;
  h.cost_usd = r.cost_usd;
  h.memory_mb = r.memory_mb;
  h.billed_ms = r.billed_ms;
  for (int i = 0; i < 7; ++i)
    h.sizes[i] = static_cast<std::uint32_t>(texts[i].size());
  h.cold_start = r.cold_start ? 1 : 0;
  h.status = static_cast<std::uint8_t>(r.status);
  std::memcpy(p, &h, sizeof h);
  p += sizeof h;
  for (auto t : texts)
    if (!t.empty()) {  // an empty view may hold a null pointer, which memcpy must not get
      std::memcpy(p, t.data(), t.size());
      p += t.size();
    }
  return p;
}

/// Reads the record at `p` into `r` (its texts are views into the block) and its indices;
/// returns the next one.
inline const char* unpack(const char* p, TraceRecord& r, int& function, int& service)
{
  Head h;
  std::memcpy(&h, p, sizeof h);
  p += sizeof h;
  std::string_view* texts[7] = {&r.function, &r.platform, &r.site, &r.node, &r.input, &r.delegated_to, &r.mechanism};
  for (int i = 0; i < 7; ++i) {
    *texts[i] = std::string_view(p, h.sizes[i]);
    p += h.sizes[i];
  }
  r.id = h.id;
  r.parent_id = h.parent_id;
  r.t_trigger = h.t_trigger;
  r.t_start = h.t_start;
  r.t_exec_start = h.t_exec_start;
  r.t_exec_end = h.t_exec_end;
  r.t_end = h.t_end;
  r.t_stage_in = h.t_stage_in;
  r.t_origin = h.t_origin;
  function = h.function;
  service = h.service;
  r.cost_usd = h.cost_usd;
  r.memory_mb = h.memory_mb;
  r.billed_ms = h.billed_ms;
  r.cold_start = h.cold_start != 0;
  r.status = static_cast<InvocationStatus>(h.status);
  return p;
}

} // namespace contsim::packed_trace
