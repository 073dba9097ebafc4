#include "sim/scenario/ScenarioProvenance.hpp"

#include "sim/scenario/Overrides.hpp"

namespace contsim {

Provenance provenance_of(const Scenario& sc)
{
  Provenance p;
  p.scenario = sc.name;
  p.scenario_file = sc.file;
  p.fdl_file = sc.fdl_file;
  p.calibration_file = sc.calibration_file;
  for (const auto& c : sc.calibrations)
    p.calibration_files.push_back(c.file);
  p.price_table_file = sc.price_table_file;
  p.content_hash = sc.content_hash;
  p.seed = sc.seed;
  for (const auto& o : sc.overrides_applied)
    p.overrides.push_back(redacted_override(o));
  return p;
}

} // namespace contsim
