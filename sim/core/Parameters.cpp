#include "sim/core/Parameters.hpp"

#include <cmath>
#include <filesystem>
#include <stdexcept>

namespace contsim {

namespace {

/// A value's file by name: a summary.json read on another machine shows the same.
std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

} // namespace

const char* to_string(ParamType t)
{
  switch (t) {
    case ParamType::real: return "number";
    case ParamType::integer: return "integer";
    case ParamType::boolean: return "boolean";
    case ParamType::seconds: return "duration";
    case ParamType::distribution: return "distribution";
  }
  return "?";
}

YamlRef param_value_node(const YamlRef& ref, std::string& source)
{
  if (ref.is_map()) {
    MapReader r(ref);
    YamlRef v = r.required("value");
    auto s = r.optional("source");
    source = s ? s->as_string() : ref.file + ":" + std::to_string(ref.line());
    r.ignore({"note", "fit"});  // fit: how `contsim calibrate` obtained the value
    r.finish();
    return v;
  }
  source = ref.file + ":" + std::to_string(ref.line());
  return ref;
}

ParameterSet::ParameterSet(std::vector<ParamSpec> specs) : specs_(std::move(specs))
{
  for (const auto& s : specs_)
    values_[s.name] = ParamValue{s.default_value, s.default_source, Distribution::constant(s.default_value)};
}

void ParameterSet::apply(const YamlRef& section)
{
  MapReader r(section);
  for (const auto& spec : specs_) {
    auto ref = r.optional(spec.name);
    if (!ref)
      continue;
    std::string source;
    if (spec.distribution() && ref->is_map() && ref->node["type"]) {
      // A distribution map carrying its own source.
      source = ref->node["source"] ? ref->node["source"].Scalar() : ref->file + ":" + std::to_string(ref->line());
      set_distribution(spec, *ref, source);
      continue;
    }
    YamlRef v = param_value_node(*ref, source);
    if (spec.distribution()) {
      set_distribution(spec, v, source);
      continue;
    }
    double x = 0;
    switch (spec.type) {
      case ParamType::seconds:
        x = v.as_seconds();
        break;
      case ParamType::boolean:
        if (v.is_scalar() && (v.node.Scalar() == "0" || v.node.Scalar() == "1"))
          x = v.node.Scalar() == "1" ? 1 : 0;
        else
          x = v.as_bool() ? 1 : 0;
        break;
      case ParamType::integer:
        x = v.as_double();
        if (x != std::floor(x))
          v.fail(spec.name + " must be a whole number of " + spec.unit);
        break;
      default:
        x = v.as_double();
    }
    check_range(spec, v, x);
    values_[spec.name] = ParamValue{x, source, Distribution::constant(x), file_name(v.file)};
  }
  r.finish();
}

void ParameterSet::check_range(const ParamSpec& spec, const YamlRef& where, double x) const
{
  if (x < spec.min || x > spec.max)
    where.fail(spec.name + " must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max) +
               " " + spec.unit);
}

void ParameterSet::set_distribution(const ParamSpec& spec, const YamlRef& node, const std::string& source)
{
  Distribution d = Distribution::parse(node);
  check_range(spec, node, d.mean());
  values_[spec.name] = ParamValue{d.mean(), source, d, file_name(node.file)};
}

double ParameterSet::get(const std::string& name) const
{
  return value(name).value;
}

long long ParameterSet::get_int(const std::string& name) const
{
  const ParamSpec& s = spec(name);
  if (s.type != ParamType::integer)
    throw std::logic_error("parameter " + name + " is not declared as an integer");
  return static_cast<long long>(value(name).value);
}

bool ParameterSet::get_bool(const std::string& name) const
{
  const ParamSpec& s = spec(name);
  if (s.type != ParamType::boolean)
    throw std::logic_error("parameter " + name + " is not declared as a boolean");
  return value(name).value > 0.5;
}

const ParamSpec& ParameterSet::spec(const std::string& name) const
{
  for (const auto& s : specs_)
    if (s.name == name)
      return s;
  throw std::logic_error("undeclared parameter " + name);
}

const ParamValue& ParameterSet::value(const std::string& name) const
{
  auto it = values_.find(name);
  if (it == values_.end())
    throw std::logic_error("undeclared parameter " + name);
  return it->second;
}

void ParameterSet::set(const std::string& name, double v, const std::string& source)
{
  values_.at(name) = ParamValue{v, source, Distribution::constant(v), "set by the program"};
}

nlohmann::ordered_json ParameterSet::to_json() const
{
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& s : specs_) {
    const auto& v = values_.at(s.name);
    j[s.name] = {{"value", v.value}, {"unit", s.unit}, {"source", v.source},
                 {"set_in", v.set_in.empty() ? std::string("default") : v.set_in}};
    if (s.distribution())
      j[s.name]["distribution"] = v.distribution.describe();
  }
  return j;
}

} // namespace contsim
