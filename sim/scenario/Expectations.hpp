// A scenario's `expect:` block: bounds a run must stay within (total and per-service cost,
// makespan, p95 response per function, cold starts, delegations, ...), so that a workflow's
// cost or latency regression fails a CI job. `contsim run` checks them against the run's
// summary.json, prints what held and what did not, and exits 1 on a violation
// (scenarios/README.md, "Expectations"). Engine-free: the check reads the summary document only.
#pragma once
#include "sim/core/YamlReader.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace contsim {

struct Expectation {
  enum class Scope { run, service, function } scope = Scope::run;
  std::string name;    // the service or function (empty for the run)
  std::string metric;  // cost_usd, makespan_s, p95_response_s, ...
  std::optional<double> min;
  std::optional<double> max;
  std::string file;    // where the bound was written, for messages and reports
  int line = 0;

  /// "functions.mask-detector.p95_response_s", "cost_usd".
  std::string label() const;
};

/// The metrics each scope offers, with their units (for errors and the README).
const std::vector<std::pair<std::string, std::string>>& expectation_metrics(Expectation::Scope scope);

/// Reads `expect:` (file:line errors on unknown metrics, bounds that are not numbers, min > max).
std::vector<Expectation> parse_expectations(const YamlRef& block);

struct ExpectationResult {
  Expectation expectation;
  double value = 0;
  bool held = true;
  /// "0.0123 <= max 0.05" or "31.2 > max 30".
  std::string text() const;
};

/// Each bound against the run's summary.json. A function or service the run does not have, or a
/// metric the service does not report (node-hours of a Lambda service), is an InputError naming
/// the bound's file and line.
std::vector<ExpectationResult> check_expectations(const std::vector<Expectation>& expectations,
                                                  const nlohmann::ordered_json& summary);

} // namespace contsim
