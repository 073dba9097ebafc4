#include "sim/schema/TraceReader.hpp"

#include "sim/core/Error.hpp"

namespace contsim {

TraceReader::TraceReader(const std::string& path)
    : table_(path, schema::trace_table(),
             {"id", "function", "t_trigger", "t_start", "t_exec_start", "t_exec_end", "t_end"})
{
  col_.id = table_.column("id");
  col_.function = table_.column("function");
  col_.platform = table_.column("platform");
  col_.site = table_.column("site");
  col_.node = table_.column("node");
  col_.input = table_.column("input");
  col_.t_trigger = table_.column("t_trigger");
  col_.t_start = table_.column("t_start");
  col_.t_exec_start = table_.column("t_exec_start");
  col_.t_exec_end = table_.column("t_exec_end");
  col_.t_end = table_.column("t_end");
  col_.cold_start = table_.column("cold_start");
  col_.status = table_.column("status");
  col_.delegated_to = table_.column("delegated_to");
  col_.mechanism = table_.column("mechanism");
  col_.billed_ms = table_.column("billed_ms");
  col_.cost_usd = table_.column("cost_usd");
  col_.parent_id = table_.column("parent_id");
  col_.t_stage_in = table_.column("t_stage_in");
  col_.memory_mb = table_.column("memory_mb");
}

bool TraceReader::next(TraceRecord& r)
{
  if (!table_.next())
    return false;
  r = TraceRecord{};
  double id = table_.non_negative(col_.id, -1);
  if (id < 0)
    throw InputError(table_.path(), table_.line(), 1, "id", "an attempt needs a non-negative id");
  r.id = static_cast<std::uint64_t>(id);
  r.function = table_.cell(col_.function);
  r.platform = table_.cell(col_.platform);
  r.site = table_.cell(col_.site);
  r.node = table_.cell(col_.node);
  r.input = table_.cell(col_.input);
  r.t_trigger = table_.non_negative(col_.t_trigger, -1);
  r.t_start = table_.non_negative(col_.t_start, -1);
  r.t_exec_start = table_.non_negative(col_.t_exec_start, -1);
  r.t_exec_end = table_.non_negative(col_.t_exec_end, -1);
  r.t_end = table_.non_negative(col_.t_end, -1);
  r.cold_start = table_.cell(col_.cold_start) == "1";
  std::string_view status = table_.cell(col_.status);
  if (!status.empty() && !parse_status(status, r.status))
    throw InputError(table_.path(), table_.line(), 0, "status",
                     "unknown status '" + std::string(status) + "' (ok, timeout, failed, delegated, duplicate)");
  r.delegated_to = table_.cell(col_.delegated_to);
  r.mechanism = table_.cell(col_.mechanism);
  r.billed_ms = static_cast<long long>(table_.non_negative(col_.billed_ms, 0));
  r.cost_usd = table_.non_negative(col_.cost_usd, 0);
  r.parent_id = static_cast<std::uint64_t>(table_.non_negative(col_.parent_id, 0));
  r.t_stage_in = table_.non_negative(col_.t_stage_in, -1);
  r.memory_mb = table_.non_negative(col_.memory_mb, 0);
  return true;
}

} // namespace contsim
