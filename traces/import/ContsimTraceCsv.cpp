// contsim's own trace.csv (a simulation or a real-runner wrote it), read through the one
// trace reader (sim/schema/TraceReader): columns by name, the schema version checked, quoted
// cells understood. A column the file lacks (older files) stays unknown.
#include "sim/schema/TraceReader.hpp"
#include "traces/import/TraceImport.hpp"

namespace contsim::traces {

TraceTable import_contsim_csv(const std::string& path)
{
  TraceReader reader(path);
  TraceTable t;
  TraceRecord r;
  auto time = [](double v) { return v < 0 ? kUnknown : v; };
  while (reader.next(r)) {
    const auto& row = reader.table();
    ObservedInvocation inv;
    inv.id = std::to_string(r.id);
    inv.function = std::string(r.function);
    inv.platform = std::string(r.platform);
    inv.site = std::string(r.site);
    inv.node = std::string(r.node);
    inv.input = std::string(r.input);
    inv.status = to_string(r.status);
    inv.delegated_to = std::string(r.delegated_to);
    inv.mechanism = std::string(r.mechanism);
    inv.parent_id = r.parent_id ? std::to_string(r.parent_id) : std::string();
    inv.t_trigger = time(r.t_trigger);
    inv.t_start = time(r.t_start);
    inv.t_exec_start = time(r.t_exec_start);
    inv.t_exec_end = time(r.t_exec_end);
    inv.t_end = time(r.t_end);
    inv.t_stage_in = time(r.t_stage_in);
    inv.cold_start = row.cell("cold_start").empty() ? -1 : (r.cold_start ? 1 : 0);
    inv.billed_ms = row.cell("billed_ms").empty() ? kUnknown : static_cast<double>(r.billed_ms);
    inv.cost_usd = row.cell("cost_usd").empty() ? kUnknown : r.cost_usd;
    inv.memory_mb = row.cell("memory_mb").empty() ? kUnknown : r.memory_mb;
    inv.source = path + ":" + std::to_string(reader.line());
    t.invocations.push_back(std::move(inv));
  }
  for (const auto& column : reader.table().unknown_columns())
    t.warnings.push_back(path + ": column '" + column + "' is not a trace.csv column (renamed?): ignored");
  return t;
}

} // namespace contsim::traces
