#include "sim/scenario/Expectations.hpp"

#include <cmath>
#include <cstdio>

namespace contsim {

namespace {

using Json = nlohmann::ordered_json;
using Scope = Expectation::Scope;

const char* scope_key(Scope s)
{
  return s == Scope::service ? "services" : s == Scope::function ? "functions" : "";
}

long long status_count(const Json& by_status, std::initializer_list<const char*> statuses)
{
  long long n = 0;
  for (const char* s : statuses)
    if (by_status.contains(s))
      n += by_status[s].get<long long>();
  return n;
}

std::optional<double> number_at(const Json& j, std::initializer_list<const char*> path)
{
  const Json* at = &j;
  for (const char* key : path) {
    if (!at->is_object() || !at->contains(key))
      return std::nullopt;
    at = &(*at)[key];
  }
  return at->is_number() ? std::optional<double>(at->get<double>()) : std::nullopt;
}

/// What the run and each function report alike: counts, response statistics, statuses.
std::optional<double> shared_metric(const std::string& m, const Json& o)
{
  if (m == "cold_starts" || m == "invocations")
    return number_at(o, {m.c_str()});
  if (m == "p95_response_s")
    return number_at(o, {"response_s", "p95"});
  if (m == "mean_response_s")
    return number_at(o, {"response_s", "mean"});
  if (m == "delegations")
    return static_cast<double>(status_count(o["by_status"], {"delegated"}));
  if (m == "failures")
    return static_cast<double>(status_count(o["by_status"], {"failed", "timeout", "error"}));
  return std::nullopt;
}

/// The metric's value, or nullopt when the subject does not report it.
std::optional<double> run_metric(const std::string& m, const Json& s)
{
  if (m == "cost_usd")
    return number_at(s, {"cost_usd", "total"});
  if (m == "makespan_s")
    return number_at(s, {"makespan_s"});
  if (m == "energy_wh" || m == "co2e_g" || m == "node_hours") {
    double total = 0;
    bool any = false;
    for (const auto& [name, svc] : s["services"].items()) {
      std::optional<double> v = m == "node_hours" ? number_at(svc, {"node_seconds"}) : number_at(svc, {m.c_str()});
      if (v) {
        total += m == "node_hours" ? *v / 3600.0 : *v;
        any = true;
      }
    }
    return any ? std::optional<double>(total) : std::nullopt;
  }
  return shared_metric(m, s);
}

std::optional<double> service_metric(const std::string& m, const std::string& name, const Json& s)
{
  const Json& svc = s["services"][name];
  if (m == "cost_usd")
    return number_at(s, {"cost_usd", "per_service", name.c_str()});
  if (m == "delegations") {
    if (!svc.contains("delegated"))
      return std::nullopt;
    double n = 0;
    for (const auto& [mechanism, count] : svc["delegated"].items())
      n += count.get<double>();
    return n;
  }
  if (m == "duplicates" || m == "nodes_powered_on" || m == "energy_wh" || m == "co2e_g")
    return number_at(svc, {m.c_str()});
  if (m == "node_hours") {
    auto v = number_at(svc, {"node_seconds"});
    return v ? std::optional<double>(*v / 3600.0) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<double> function_metric(const std::string& m, const std::string& name, const Json& s)
{
  const Json& f = s["functions"][name];
  if (m == "cost_usd")
    return number_at(f, {"cost_usd"});
  if (m == "mean_exec_s")
    return number_at(f, {"exec_s", "mean"});
  return shared_metric(m, f);
}

std::string number(double v)
{
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void read_bounds(const YamlRef& ref, Scope scope, const std::string& name, const std::string& metric,
                 std::vector<Expectation>& out)
{
  bool known = false;
  std::vector<std::string> valid;
  for (const auto& [m, unit] : expectation_metrics(scope)) {
    valid.push_back(m);
    known |= m == metric;
  }
  if (!known)
    ref.fail("unknown metric '" + metric + "'" + suggest_among(metric, valid));
  if (!ref.is_map())
    ref.fail("expected bounds {max: X} and/or {min: X}");
  Expectation e;
  e.scope = scope;
  e.name = name;
  e.metric = metric;
  e.file = ref.file;
  e.line = ref.line();
  bool seconds = metric.size() > 2 && metric.compare(metric.size() - 2, 2, "_s") == 0;
  MapReader r(ref);
  for (const char* key : {"min", "max"})
    if (auto v = r.optional(key)) {
      double x = seconds ? v->as_seconds() : v->as_double();
      if (!std::isfinite(x))
        v->fail("a bound must be a finite number");
      (key[1] == 'i' ? e.min : e.max) = x;
    }
  r.finish();
  if (!e.min && !e.max)
    ref.fail("expected bounds {max: X} and/or {min: X}");
  if (e.min && e.max && *e.min > *e.max)
    ref.fail("min " + number(*e.min) + " is above max " + number(*e.max));
  out.push_back(e);
}

[[noreturn]] void fail_at(const Expectation& e, const std::string& message)
{
  throw InputError(e.file, e.line, 0, "expect." + e.label(), message);
}

} // namespace

std::string Expectation::label() const
{
  return scope == Scope::run ? metric : std::string(scope_key(scope)) + "." + name + "." + metric;
}

const std::vector<std::pair<std::string, std::string>>& expectation_metrics(Scope scope)
{
  static const std::vector<std::pair<std::string, std::string>> run = {
      {"cost_usd", "USD"},        {"makespan_s", "s"},   {"p95_response_s", "s"}, {"mean_response_s", "s"},
      {"cold_starts", "count"},   {"delegations", "count"}, {"failures", "count"}, {"invocations", "count"},
      {"node_hours", "h"},        {"energy_wh", "Wh"},   {"co2e_g", "gCO2e"}};
  static const std::vector<std::pair<std::string, std::string>> service = {
      {"cost_usd", "USD"},   {"delegations", "count"}, {"duplicates", "count"}, {"nodes_powered_on", "count"},
      {"node_hours", "h"},   {"energy_wh", "Wh"},      {"co2e_g", "gCO2e"}};
  static const std::vector<std::pair<std::string, std::string>> function = {
      {"cost_usd", "USD"},      {"p95_response_s", "s"},  {"mean_response_s", "s"}, {"mean_exec_s", "s"},
      {"cold_starts", "count"}, {"delegations", "count"}, {"failures", "count"},    {"invocations", "count"}};
  return scope == Scope::service ? service : scope == Scope::function ? function : run;
}

std::vector<Expectation> parse_expectations(const YamlRef& block)
{
  if (!block.is_map())
    block.fail("expected a map of bounds, e.g. {cost_usd: {max: 0.05}, functions: {NAME: {p95_response_s: {max: 30}}}}");
  std::vector<Expectation> out;
  for (auto it = block.node.begin(); it != block.node.end(); ++it) {
    std::string key = it->first.as<std::string>();
    YamlRef value = block.child(it->second, key);
    if (key == "services" || key == "functions") {
      Scope scope = key == "services" ? Scope::service : Scope::function;
      if (!value.is_map())
        value.fail("expected a map of " + key.substr(0, key.size() - 1) + " names to their bounds");
      for (auto s = value.node.begin(); s != value.node.end(); ++s) {
        std::string name = s->first.as<std::string>();
        YamlRef bounds = value.child(s->second, name);
        if (!bounds.is_map())
          bounds.fail("expected a map of metrics to bounds, e.g. {cost_usd: {max: 0.01}}");
        for (auto m = bounds.node.begin(); m != bounds.node.end(); ++m)
          read_bounds(bounds.child(m->second, m->first.as<std::string>()), scope, name, m->first.as<std::string>(), out);
      }
    } else {
      read_bounds(value, Scope::run, "", key, out);
    }
  }
  return out;
}

std::string ExpectationResult::text() const
{
  const Expectation& e = expectation;
  std::string v = number(value);
  if (e.min && value < *e.min)
    return v + " < min " + number(*e.min);
  if (e.max && value > *e.max)
    return v + " > max " + number(*e.max);
  if (e.min && e.max)
    return "min " + number(*e.min) + " <= " + v + " <= max " + number(*e.max);
  return e.min ? v + " >= min " + number(*e.min) : v + " <= max " + number(*e.max);
}

std::vector<ExpectationResult> check_expectations(const std::vector<Expectation>& expectations, const Json& summary)
{
  std::vector<ExpectationResult> results;
  for (const auto& e : expectations) {
    std::optional<double> v;
    if (e.scope == Scope::run) {
      v = run_metric(e.metric, summary);
    } else {
      const char* key = scope_key(e.scope);
      if (!summary[key].contains(e.name)) {
        std::vector<std::string> names;
        for (const auto& [name, _] : summary[key].items())
          names.push_back(name);
        fail_at(e, std::string("the run has no ") + (e.scope == Scope::service ? "service" : "function") + " '" +
                       e.name + "'" + suggest_among(e.name, names));
      }
      v = e.scope == Scope::service ? service_metric(e.metric, e.name, summary) : function_metric(e.metric, e.name, summary);
    }
    if (!v)
      fail_at(e, "this run does not report " + e.metric + (e.name.empty() ? "" : " for '" + e.name + "'") +
                     " (node-hours, energy and delegations come from OSCAR clusters and GPU servers)");
    ExpectationResult r;
    r.expectation = e;
    r.value = *v;
    r.held = !(e.min && *v < *e.min) && !(e.max && *v > *e.max);
    results.push_back(r);
  }
  return results;
}

} // namespace contsim
