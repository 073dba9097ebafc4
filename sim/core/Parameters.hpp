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
#include <type_traits>
#include <variant>
#include <string>
#include <vector>

namespace contsim {

/// How a parameter's value is written and read. `seconds` takes durations with units ("5min",
/// plain numbers are seconds), `boolean` true/false (or 1/0), `integer` whole numbers only;
/// `distribution` a distribution map or a constant (every event draws its own value).
enum class ParamType { real, integer, boolean, seconds, distribution };
const char* to_string(ParamType t);

struct ParamSpec {
  std::string name;
  double default_value;
  std::string unit;
  std::string help;
  std::string default_source;
  double min = 0;
  double max = 1e300;
  ParamType type = ParamType::real;
  bool distribution() const { return type == ParamType::distribution; }
};

struct ParamValue {
  double value;
  std::string source;
  Distribution distribution;  // constant(value) unless the spec is a distribution
  /// The file whose value won when calibration files are layered (its name; "" = the default).
  std::string set_in = {};
};

class ParameterSet {
public:
  ParameterSet() = default;
  explicit ParameterSet(std::vector<ParamSpec> specs);
  /// Applies one layer (calibration, scenario override, ...); unknown keys are errors.
  void apply(const YamlRef& section);
  double get(const std::string& name) const;
  /// Typed reads: a logic_error when the parameter is declared with another type.
  long long get_int(const std::string& name) const;
  bool get_bool(const std::string& name) const;
  const Distribution& distribution(const std::string& name) const { return value(name).distribution; }
  const ParamValue& value(const std::string& name) const;
  void set(const std::string& name, double v, const std::string& source);
  /// {name: {value, unit, source[, distribution]}} in declaration order.
  nlohmann::ordered_json to_json() const;
  const std::vector<ParamSpec>& specs() const { return specs_; }

  const ParamSpec& spec(const std::string& name) const;

private:
  void check_range(const ParamSpec& spec, const YamlRef& where, double x) const;
  void set_distribution(const ParamSpec& spec, const YamlRef& node, const std::string& source);

  std::vector<ParamSpec> specs_;
  std::map<std::string, ParamValue> values_;
};

/// One field of a model's parameter struct, bound by name to the parameter it holds: the table
/// a model declares once (spec + field), so values reach the struct by name, never by position.
template <class S>
struct ParamField {
  ParamSpec spec;
  std::variant<double S::*, long long S::*, int S::*, bool S::*, Distribution S::*> field;
};

template <class S>
std::vector<ParamSpec> specs_of(const std::vector<ParamField<S>>& table)
{
  std::vector<ParamSpec> specs;
  for (const auto& f : table)
    specs.push_back(f.spec);
  return specs;
}

/// Fills a model's struct from the set, field by field, by name and type.
template <class S>
S read_params(const ParameterSet& set, const std::vector<ParamField<S>>& table)
{
  S out{};
  for (const auto& f : table) {
    const std::string& name = f.spec.name;
    std::visit(
        [&](auto member) {
          using T = std::decay_t<decltype(out.*member)>;
          // A struct smaller than T has no T member: the branch is never taken, and compiling
          // it anyway makes GCC warn about writing past the struct (-Warray-bounds).
          if constexpr (sizeof(T) > sizeof(S))
            return;
          else if constexpr (std::is_same_v<T, Distribution>)
            out.*member = set.distribution(name);
          else if constexpr (std::is_same_v<T, bool>)
            out.*member = set.get_bool(name);
          else if constexpr (std::is_integral_v<T>)
            out.*member = static_cast<T>(set.get_int(name));
          else
            out.*member = set.get(name);
        },
        f.field);
  }
  return out;
}

/// Reads `key: 3` or `key: {value: 3, source: "..."}`; returns the value node and fills `source`.
YamlRef param_value_node(const YamlRef& ref, std::string& source);

} // namespace contsim
