#include "sim/scenario/ServiceConfig.hpp"

namespace contsim {

std::vector<YamlRef> ServiceConfigContext::layers(const std::string& section) const
{
  std::vector<YamlRef> out = calibration.calibration_sections(section);
  if (auto p = calibration.parameter_section(section))
    out.push_back(*p);
  if (decl.config.node["parameters"])
    out.push_back(decl.config.child(decl.config.node["parameters"], "parameters"));
  return out;
}

const std::string& ServiceConfigContext::price_table() const
{
  if (price_table_file.empty())
    decl.config.fail("no price table: the calibration file (or the scenario) must name one with `prices:`");
  return price_table_file;
}

} // namespace contsim
