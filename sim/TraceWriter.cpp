#include "sim/TraceWriter.hpp"

namespace contsim {

const char* to_string(InvocationStatus s)
{
  switch (s) {
    case InvocationStatus::ok: return "ok";
    case InvocationStatus::timeout: return "timeout";
    case InvocationStatus::failed: return "failed";
    case InvocationStatus::delegated: return "delegated";
    case InvocationStatus::duplicate: return "duplicate";
  }
  return "?";
}

TraceWriter::TraceWriter(const std::string& path) : out_(path)
{
  out_.raw(kHeader);
  out_.end_row();
}

void TraceWriter::write(const Invocation& inv, const std::string& function, const std::string& platform,
                        const std::string& site, double memory_mb)
{
  out_.integer(static_cast<long long>(inv.id));
  out_.sep();
  out_.text(function);
  out_.sep();
  out_.text(platform);
  out_.sep();
  out_.text(site);
  out_.sep();
  out_.text(inv.node);
  out_.sep();
  out_.text(inv.input.key);
  out_.sep();
  out_.optional_fixed(inv.t_trigger, 6);
  out_.optional_fixed(inv.t_start, 6);
  out_.optional_fixed(inv.t_exec_start, 6);
  out_.optional_fixed(inv.t_exec_end, 6);
  out_.optional_fixed(inv.t_end, 6);
  out_.integer(inv.cold_start ? 1 : 0);
  out_.sep();
  out_.text(to_string(inv.status));
  out_.sep();
  out_.text(inv.delegated_to);
  out_.sep();
  out_.text(inv.mechanism);
  out_.sep();
  out_.integer(inv.billed_ms);
  out_.sep();
  out_.fixed(inv.cost_usd, 12);
  out_.sep();
  if (inv.parent_id != 0)
    out_.integer(static_cast<long long>(inv.parent_id));
  out_.sep();
  if (inv.t_stage_in >= 0)
    out_.fixed(inv.t_stage_in, 6);
  out_.sep();
  if (memory_mb > 0)
    out_.fixed(memory_mb, 0);
  out_.end_row();
}

} // namespace contsim
