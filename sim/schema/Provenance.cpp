#include "sim/schema/Provenance.hpp"

#include <cstdio>

namespace contsim {

nlohmann::ordered_json Provenance::to_json() const
{
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(content_hash));
  nlohmann::ordered_json j = {{"contsim_version", CONTSIM_VERSION}, {"git_sha", CONTSIM_GIT_SHA}};
  if (!simgrid_version.empty())
    j["simgrid_version"] = simgrid_version;
  j["scenario"] = scenario;
  j["scenario_file"] = scenario_file;
  j["fdl_file"] = fdl_file;
  j["calibration_file"] = calibration_file;
  j["calibration_files"] = calibration_files;
  j["price_table_file"] = price_table_file;
  j["content_hash"] = std::string(hash);
  j["seed"] = seed;
  j["overrides"] = overrides;
  return j;
}

} // namespace contsim
