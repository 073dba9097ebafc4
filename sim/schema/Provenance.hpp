// Where a run's results come from: the program, the engine, the scenario and its files with
// their content hash, the seed and the overrides; summary.json's `provenance` (the same for a
// simulated run and, next, a real one).
#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace contsim {

struct Provenance {
  std::string simgrid_version;   // the engine's; empty for a run that used none (a real run)
  std::string scenario;
  std::string scenario_file;
  std::string fdl_file;
  std::string calibration_file;  // the first of calibration_files
  std::vector<std::string> calibration_files;
  std::string price_table_file;
  std::uint64_t content_hash = 0;  // of the scenario, FDL and calibration files as used
  std::uint64_t seed = 0;
  std::vector<std::string> overrides;

  /// contsim's version and git sha (this build's) first, then the fields in declaration order.
  nlohmann::ordered_json to_json() const;
  /// summary.json's `run_id`: the same scenario files, seed, overrides and kind (simulated or real)
  /// give the same id, so tables of several runs join on it; "sim-" or "real-" + 16 hex digits.
  std::string run_id() const;
};

} // namespace contsim
