#include "sim/Parameters.hpp"

#include <stdexcept>

namespace contsim {

YamlRef param_value_node(const YamlRef& ref, std::string& source)
{
  if (ref.is_map()) {
    MapReader r(ref);
    YamlRef v = r.required("value");
    auto s = r.optional("source");
    source = s ? s->as_string() : ref.file + ":" + std::to_string(ref.line());
    r.ignore({"note"});
    r.finish();
    return v;
  }
  source = ref.file + ":" + std::to_string(ref.line());
  return ref;
}

ParameterSet::ParameterSet(std::vector<ParamSpec> specs) : specs_(std::move(specs))
{
  for (const auto& s : specs_)
    values_[s.name] = ParamValue{s.default_value, s.default_source};
}

void ParameterSet::apply(const YamlRef& section)
{
  MapReader r(section);
  for (const auto& spec : specs_) {
    auto ref = r.optional(spec.name);
    if (!ref)
      continue;
    std::string source;
    YamlRef v = param_value_node(*ref, source);
    double x = v.as_double();
    if (x < spec.min || x > spec.max)
      v.fail(spec.name + " must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max) +
             " " + spec.unit);
    values_[spec.name] = ParamValue{x, source};
  }
  r.finish();
}

double ParameterSet::get(const std::string& name) const
{
  return value(name).value;
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
  values_.at(name) = ParamValue{v, source};
}

nlohmann::json ParameterSet::to_json() const
{
  nlohmann::json j = nlohmann::json::object();
  for (const auto& s : specs_) {
    const auto& v = values_.at(s.name);
    j[s.name] = {{"value", v.value}, {"unit", s.unit}, {"source", v.source}};
  }
  return j;
}

} // namespace contsim
