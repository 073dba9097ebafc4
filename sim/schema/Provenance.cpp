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

std::string Provenance::run_id() const
{
  // FNV-1a over what decides a run's outputs (not the paths: a moved checkout is the same run).
  std::uint64_t h = 1469598103934665603ull;
  auto add = [&h](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;  // a separator: "ab"+"c" differs from "a"+"bc"
    h *= 1099511628211ull;
  };
  add(std::to_string(content_hash));
  add(std::to_string(seed));
  for (const auto& o : overrides)
    add(o);
  const bool real = simgrid_version.empty();
  add(real ? "real" : "sim");
  char id[32];
  std::snprintf(id, sizeof id, "%s-%016llx", real ? "real" : "sim", static_cast<unsigned long long>(h));
  return id;
}

} // namespace contsim
