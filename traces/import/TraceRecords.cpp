#include "traces/import/TraceRecords.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace contsim::traces {

namespace {

std::string platform_of(const ObservedInvocation& o)
{
  return o.platform.empty() ? std::string("unknown") : o.platform;
}

int index_of(const std::vector<std::string>& names, const std::string& name)
{
  return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
}

} // namespace

RecordedTrace trace_names(const TraceTable& table)
{
  RecordedTrace out;
  out.t0 = std::numeric_limits<double>::infinity();
  for (const auto& r : table.invocations) {
    if (known(r.t_trigger))
      out.t0 = std::min(out.t0, r.t_trigger);
    if (std::find(out.functions.begin(), out.functions.end(), r.function) == out.functions.end())
      out.functions.push_back(r.function);
    if (std::find(out.platforms.begin(), out.platforms.end(), platform_of(r)) == out.platforms.end())
      out.platforms.push_back(platform_of(r));
  }
  if (!std::isfinite(out.t0))
    out.t0 = 0;
  return out;
}

void record_trace(const TraceTable& table, const RecordedTrace& names, const std::vector<RecordSink*>& sinks)
{
  const auto& inv = table.invocations;
  auto t = [&](double v) { return known(v) ? v - names.t0 : -1.0; };
  for (auto* sink : sinks)  // the uploads before the first trigger are not in a trace
    sink->on_run_start(0);
  // Ids in trigger order (unknown triggers last, in file order).
  std::vector<std::size_t> by_trigger(inv.size());
  std::iota(by_trigger.begin(), by_trigger.end(), 0);
  std::stable_sort(by_trigger.begin(), by_trigger.end(), [&](std::size_t a, std::size_t b) {
    double ta = known(inv[a].t_trigger) ? inv[a].t_trigger : std::numeric_limits<double>::infinity();
    double tb = known(inv[b].t_trigger) ? inv[b].t_trigger : std::numeric_limits<double>::infinity();
    return ta < tb;
  });
  std::vector<std::uint64_t> id(inv.size());
  std::map<std::string, std::uint64_t> id_of;
  for (std::size_t k = 0; k < by_trigger.size(); ++k) {
    id[by_trigger[k]] = k + 1;
    if (!inv[by_trigger[k]].id.empty())
      id_of.emplace(inv[by_trigger[k]].id, k + 1);
  }
  std::map<std::string, std::size_t> row_of;  // original id → row, for the origin of delegated attempts
  for (std::size_t i = 0; i < inv.size(); ++i)
    if (!inv[i].id.empty())
      row_of.emplace(inv[i].id, i);
  auto origin = [&](std::size_t i) {  // the first trigger of the event: follow parent links to the root
    for (int hops = 0; hops < 64 && !inv[i].parent_id.empty(); ++hops) {
      auto p = row_of.find(inv[i].parent_id);
      if (p == row_of.end())
        break;
      i = p->second;
    }
    return t(inv[i].t_trigger);
  };
  // Completion order, as a run writes its trace.
  std::vector<std::size_t> by_end(inv.size());
  std::iota(by_end.begin(), by_end.end(), 0);
  std::stable_sort(by_end.begin(), by_end.end(), [&](std::size_t a, std::size_t b) {
    double ea = known(inv[a].t_end) ? inv[a].t_end : std::numeric_limits<double>::infinity();
    double eb = known(inv[b].t_end) ? inv[b].t_end : std::numeric_limits<double>::infinity();
    return ea < eb;
  });
  for (std::size_t i : by_end) {
    const ObservedInvocation& o = inv[i];
    TraceRecord r;
    r.id = id[i];
    r.function = o.function;
    r.platform = o.platform;
    r.site = o.site;
    r.node = o.node;
    r.input = o.input;
    r.t_trigger = t(o.t_trigger);
    r.t_start = t(o.t_start);
    r.t_exec_start = t(o.t_exec_start);
    r.t_exec_end = t(o.t_exec_end);
    r.t_end = t(o.t_end);
    r.cold_start = o.cold_start == 1;
    if (!parse_status(o.status, r.status))
      r.status = InvocationStatus::failed;
    r.delegated_to = o.delegated_to;
    r.mechanism = o.mechanism;
    r.billed_ms = known(o.billed_ms) ? static_cast<long long>(std::llround(o.billed_ms)) : 0;
    r.cost_usd = known(o.cost_usd) ? o.cost_usd : 0;
    auto parent = id_of.find(o.parent_id);
    r.parent_id = parent == id_of.end() ? 0 : parent->second;
    r.memory_mb = known(o.memory_mb) ? o.memory_mb : 0;
    r.t_origin = origin(i);
    int f = index_of(names.functions, o.function);
    int s = index_of(names.platforms, platform_of(o));
    for (auto* sink : sinks)
      sink->on_attempt(r, f, s);
  }
}

} // namespace contsim::traces
