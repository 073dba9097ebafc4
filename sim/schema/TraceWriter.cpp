#include "sim/schema/TraceWriter.hpp"

#include "sim/schema/Schema.hpp"

namespace contsim {

const char* to_string(InvocationStatus s)
{
  switch (s) {
    case InvocationStatus::ok: return "ok";
    case InvocationStatus::timeout: return "timeout";
    case InvocationStatus::failed: return "failed";
    case InvocationStatus::delegated: return "delegated";
    case InvocationStatus::duplicate: return "duplicate";
    case InvocationStatus::error: return "error";
    case InvocationStatus::interrupted: return "interrupted";
  }
  return "?";
}

bool parse_status(std::string_view text, InvocationStatus& out)
{
  for (auto s : {InvocationStatus::ok, InvocationStatus::timeout, InvocationStatus::failed,
                 InvocationStatus::delegated, InvocationStatus::duplicate, InvocationStatus::error,
                 InvocationStatus::interrupted})
    if (text == to_string(s)) {
      out = s;
      return true;
    }
  return false;
}

TraceWriter::TraceWriter(const std::string& path, CsvOptions options, std::uint64_t every)
    : out_(path, options), every_(every < 1 ? 1 : every)
{
  out_.raw(schema::trace_table().version_line());
  out_.end_row();
  if (every_ > 1) {
    out_.raw("# sampled: every " + std::to_string(every_) + "th attempt in the order they ended (1, " +
             std::to_string(1 + every_) + ", " + std::to_string(1 + 2 * every_) +
             ", ...); summary.json counts every attempt");
    out_.end_row();
  }
  out_.raw(schema::trace_table().header());
  out_.end_row();
}

// Column order: schema::trace_table(); the round-trip test (TraceReader) keeps the two in step.
void TraceWriter::write_row(const TraceRecord& r)
{
  ++rows_;
  out_.integer(static_cast<long long>(r.id));
  out_.sep();
  out_.text(r.function);
  out_.sep();
  out_.text(r.platform);
  out_.sep();
  out_.text(r.site);
  out_.sep();
  out_.text(r.node);
  out_.sep();
  out_.text(r.input);
  out_.sep();
  out_.optional_fixed(r.t_trigger, 6);
  out_.optional_fixed(r.t_start, 6);
  out_.optional_fixed(r.t_exec_start, 6);
  out_.optional_fixed(r.t_exec_end, 6);
  out_.optional_fixed(r.t_end, 6);
  out_.integer(r.cold_start ? 1 : 0);
  out_.sep();
  out_.text(to_string(r.status));
  out_.sep();
  out_.text(r.delegated_to);
  out_.sep();
  out_.text(r.mechanism);
  out_.sep();
  out_.integer(r.billed_ms);
  out_.sep();
  out_.fixed(r.cost_usd, 12);
  out_.sep();
  if (r.parent_id != 0)
    out_.integer(static_cast<long long>(r.parent_id));
  out_.sep();
  if (r.t_stage_in >= 0)
    out_.fixed(r.t_stage_in, 6);
  out_.sep();
  if (r.memory_mb > 0)
    out_.fixed(r.memory_mb, 0);
  out_.end_row();
}

} // namespace contsim
