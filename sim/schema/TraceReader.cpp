#include "sim/schema/TraceReader.hpp"

#include "sim/core/Error.hpp"

namespace contsim {

TraceReader::TraceReader(const std::string& path)
    : table_(path, schema::trace_table(),
             {"id", "function", "t_trigger", "t_start", "t_exec_start", "t_exec_end", "t_end"})
{
}

bool TraceReader::next(TraceRecord& r)
{
  if (!table_.next())
    return false;
  r = TraceRecord{};
  double id = table_.number("id", -1);
  if (id < 0)
    throw InputError(table_.path(), table_.line(), 1, "id", "an attempt needs a non-negative id");
  r.id = static_cast<std::uint64_t>(id);
  r.function = table_.cell("function");
  r.platform = table_.cell("platform");
  r.site = table_.cell("site");
  r.node = table_.cell("node");
  r.input = table_.cell("input");
  r.t_trigger = table_.number("t_trigger", -1);
  r.t_start = table_.number("t_start", -1);
  r.t_exec_start = table_.number("t_exec_start", -1);
  r.t_exec_end = table_.number("t_exec_end", -1);
  r.t_end = table_.number("t_end", -1);
  r.cold_start = table_.cell("cold_start") == "1";
  std::string_view status = table_.cell("status");
  if (!status.empty() && !parse_status(status, r.status))
    throw InputError(table_.path(), table_.line(), 0, "status",
                     "unknown status '" + std::string(status) + "' (ok, timeout, failed, delegated, duplicate)");
  r.delegated_to = table_.cell("delegated_to");
  r.mechanism = table_.cell("mechanism");
  r.billed_ms = static_cast<long long>(table_.number("billed_ms", 0));
  r.cost_usd = table_.number("cost_usd", 0);
  r.parent_id = static_cast<std::uint64_t>(table_.number("parent_id", 0));
  r.t_stage_in = table_.number("t_stage_in", -1);
  r.memory_mb = table_.number("memory_mb", 0);
  return true;
}

} // namespace contsim
