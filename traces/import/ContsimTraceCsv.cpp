// contsim's own trace.csv (sim/TraceWriter.cpp writes it; a real-runner writes the same).
// Columns are found by name, so older or extended files still load; the required ones are
// id, function and the five times.
#include "sim/CsvLine.hpp"
#include "sim/Error.hpp"
#include "traces/import/TraceImport.hpp"

#include <fstream>
#include <map>

namespace contsim::traces {

TraceTable import_contsim_csv(const std::string& path)
{
  std::ifstream in(path);
  if (!in)
    throw InputError(path, 0, 0, "", "cannot open the trace file");
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::size_t> col;
  for (const auto& c : split_csv(line))
    col.emplace(c, col.size());
  for (const char* required : {"id", "function", "t_trigger", "t_start", "t_exec_start", "t_exec_end", "t_end"})
    if (!col.count(required))
      throw InputError(path, 1, 0, required, "trace.csv header lacks this column");
  TraceTable t;
  int n = 1;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line == "\r")
      continue;
    std::vector<std::string> cells = split_csv(line);
    if (cells.size() != col.size())
      throw InputError(path, n, 0, "", "expected " + std::to_string(col.size()) + " cells, found " +
                                           std::to_string(cells.size()));
    auto cell = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it == col.end() ? std::string() : cells[it->second];
    };
    auto number = [&](const char* name) -> double {
      std::string s = cell(name);
      if (s.empty())
        return kUnknown;
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      if (*end != '\0')
        throw InputError(path, n, static_cast<int>(col[name] + 1), name, "not a number: '" + s + "'");
      return v;
    };
    ObservedInvocation inv;
    inv.id = cell("id");
    inv.function = cell("function");
    inv.platform = cell("platform");
    inv.site = cell("site");
    inv.node = cell("node");
    inv.input = cell("input");
    inv.status = cell("status").empty() ? "ok" : cell("status");
    inv.delegated_to = cell("delegated_to");
    inv.mechanism = cell("mechanism");
    inv.parent_id = cell("parent_id");
    inv.t_trigger = number("t_trigger");
    inv.t_start = number("t_start");
    inv.t_exec_start = number("t_exec_start");
    inv.t_exec_end = number("t_exec_end");
    inv.t_end = number("t_end");
    std::string cold = cell("cold_start");
    inv.cold_start = cold.empty() ? -1 : (cold == "1" ? 1 : 0);
    inv.billed_ms = number("billed_ms");
    inv.cost_usd = number("cost_usd");
    inv.memory_mb = number("memory_mb");
    inv.source = path + ":" + std::to_string(n);
    t.invocations.push_back(std::move(inv));
  }
  return t;
}

} // namespace contsim::traces
