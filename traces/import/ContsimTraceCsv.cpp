// contsim's own trace.csv (a simulation or a real-runner wrote it), read through the one
// trace reader (sim/schema/TraceReader): columns by name, the schema version checked, quoted
// cells understood. A column the file lacks (older files) stays unknown. Read row by row; with
// a sample limit, memory stays bounded whatever the length (calibrate on 10^7 rows).
#include "sim/schema/TraceReader.hpp"
#include "traces/import/TraceImport.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

namespace contsim::traces {
namespace {

ObservedInvocation observed(const TraceRecord& r, const schema::TableReader& row, const std::string& path, int line)
{
  auto time = [](double v) { return v < 0 ? kUnknown : v; };
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
  inv.source = path + ":" + std::to_string(line);
  return inv;
}

/// A uniform sample of one (function, platform)'s attempts (Algorithm R, a fixed seed: the same
/// trace gives the same sample), with the line of each kept row.
struct Reservoir {
  std::vector<std::pair<int, ObservedInvocation>> rows;
  long long seen = 0;
};

} // namespace

TraceTable import_contsim_csv(const std::string& path, std::size_t max_per_function)
{
  TraceReader reader(path);
  TraceTable t;
  TraceRecord r;
  std::map<std::pair<std::string, std::string>, Reservoir> reservoirs;
  // Rows a sample must not lose: each group's first attempt on each node, the earliest trigger.
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<int, ObservedInvocation>> first_on_node;
  std::pair<int, ObservedInvocation> earliest{0, ObservedInvocation{}};
  std::mt19937_64 rng(20261202);
  long long rows_read = 0;
  while (reader.next(r)) {
    ObservedInvocation inv = observed(r, reader.table(), path, reader.line());
    ++rows_read;
    if (max_per_function == 0) {
      t.invocations.push_back(std::move(inv));
      continue;
    }
    const int line = reader.line();
    if (known(inv.t_trigger) && (earliest.first == 0 || inv.t_trigger < earliest.second.t_trigger))
      earliest = {line, inv};
    auto node_key = std::make_tuple(inv.function, inv.platform, inv.node);
    auto first = first_on_node.find(node_key);
    if (first == first_on_node.end())
      first_on_node.emplace(node_key, std::make_pair(line, inv));
    else if (known(inv.t_start) && (!known(first->second.second.t_start) || inv.t_start < first->second.second.t_start))
      first->second = {line, inv};
    auto key = std::make_pair(inv.function, inv.platform);
    Reservoir& res = reservoirs[key];
    if (res.rows.size() < max_per_function) {
      res.rows.emplace_back(line, std::move(inv));
    } else {
      auto j = std::uniform_int_distribution<long long>(0, res.seen)(rng);
      if (j < static_cast<long long>(max_per_function))
        res.rows[static_cast<std::size_t>(j)] = {line, std::move(inv)};
    }
    ++res.seen;
  }
  if (max_per_function > 0) {
    // The kept rows in file order, each once, moved (never two copies of the sample at once).
    std::vector<std::pair<int, ObservedInvocation>> kept;
    for (auto& [key, res] : reservoirs) {
      if (res.seen > static_cast<long long>(max_per_function))
        t.warnings.push_back(path + ": " + std::to_string(res.seen) + " attempts of " + key.first + " on " + key.second +
                             ": the fits use a uniform sample of " + std::to_string(max_per_function) +
                             " (bounded memory), with its first attempt on each node");
      for (auto& row : res.rows)
        kept.push_back(std::move(row));
      res.rows = {};
    }
    for (auto& [key, row] : first_on_node)
      kept.push_back(std::move(row));
    if (earliest.first > 0)
      kept.push_back(std::move(earliest));
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    t.invocations.reserve(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i)
      if (i == 0 || kept[i].first != kept[i - 1].first)
        t.invocations.push_back(std::move(kept[i].second));
  }
  for (const auto& column : reader.table().unknown_columns())
    t.warnings.push_back(path + ": column '" + column + "' is not a trace.csv column (renamed?): ignored");
  return t;
}

} // namespace contsim::traces
