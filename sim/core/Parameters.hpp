// Each model parameter is declared once (name, unit, default, help, source of the default,
// valid range); one table drives YAML validation, the summary's provenance and the docs.
// In calibration files a value carries its source: `keep_alive_s: {value: 600, source: "..."}`;
// a plain number is accepted too (its source is then the file and line it came from).
// A parameter declared as a distribution (delays that vary from one event to the next)
// takes `{value: {type: normal, mean: 129, sd: 10}, source: "..."}`, a distribution map
// with its own `source:`, or a plain number (a constant).
#pragma once
#include "sim/core/Distribution.hpp"
#include "sim/core/YamlReader.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace contsim {

struct ParamSpec {
  std::string name;
  double default_value;
  std::string unit;
  std::string help;
  std::string default_source;
  double min = 0;
  double max = 1e300;
  bool distribution = false;  // values are distributions (get() returns their mean)
};

struct ParamValue {
  double value;
  std::string source;
  Distribution distribution;  // constant(value) unless the spec is a distribution
};

class ParameterSet {
public:
  ParameterSet() = default;
  explicit ParameterSet(std::vector<ParamSpec> specs);
  /// Applies one layer (calibration, scenario override, ...); unknown keys are errors.
  void apply(const YamlRef& section);
  double get(const std::string& name) const;
  const Distribution& distribution(const std::string& name) const { return value(name).distribution; }
  const ParamValue& value(const std::string& name) const;
  void set(const std::string& name, double v, const std::string& source);
  /// {name: {value, unit, source[, distribution]}} in declaration order.
  nlohmann::ordered_json to_json() const;
  const std::vector<ParamSpec>& specs() const { return specs_; }

private:
  void check_range(const ParamSpec& spec, const YamlRef& where, double x) const;
  void set_distribution(const ParamSpec& spec, const YamlRef& node, const std::string& source);

  std::vector<ParamSpec> specs_;
  std::map<std::string, ParamValue> values_;
};

/// Reads `key: 3` or `key: {value: 3, source: "..."}`; returns the value node and fills `source`.
YamlRef param_value_node(const YamlRef& ref, std::string& source);

} // namespace contsim
