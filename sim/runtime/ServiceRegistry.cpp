#include "sim/runtime/ServiceRegistry.hpp"

namespace contsim {

std::vector<YamlRef> ServiceSetup::layers(const std::string& section) const
{
  std::vector<YamlRef> out = scenario.calibration_sections(section);
  if (auto p = scenario.parameter_section(section))
    out.push_back(*p);
  if (decl.config.node["parameters"])
    out.push_back(decl.config.child(decl.config.node["parameters"], "parameters"));
  return out;
}

void ServiceRegistry::add(ModelEntry entry)
{
  entries_.push_back(std::move(entry));
}

const ModelEntry& ServiceRegistry::by_kind(const std::string& kind, const YamlRef& where) const
{
  std::vector<std::string> names;
  for (const auto& e : entries_) {
    if (e.kind == kind)
      return e;
    names.push_back(e.kind);
  }
  std::string list;
  for (const auto& n : names)
    list += (list.empty() ? "" : ", ") + n;
  std::string hint = closest_match(kind, names);
  where.fail("unknown service kind '" + kind + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
             " (available: " + list + ")");
}

} // namespace contsim
