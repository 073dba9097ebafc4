// A scenario: an unmodified FDL file + a platform + model parameters (a calibration file
// shared by all scenarios, optionally overridden) + a workload + a seed and a horizon.
// The format is documented in scenarios/README.md. Parsing is done once, here; models get
// their own sections (calibration layer first, then the scenario's overrides).
#pragma once
#include "sim/Fdl.hpp"
#include "sim/Overrides.hpp"
#include "sim/Platform.hpp"
#include "sim/Workload.hpp"
#include "sim/YamlReader.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace contsim {

struct ServiceDecl {
  std::string name;
  std::string kind;  // registered model name: lambda, ...
  int site = -1;
  std::string region;  // which FDL functions it serves (AWS): their `region`
  std::string cluster_id;  // which FDL functions it serves (OSCAR): their cluster id
  YamlRef config;      // the whole entry, for the model's own keys
};

struct StorageDecl {
  std::string label;  // "s3", "s3.my_s3", "minio.my_oscar"
  int site = -1;
  int line = 0;
};

struct BillingOptions {
  bool request_fees = true;  // the published cost tables leave them out (experiments.md E1)
  bool free_tier = false;
};

struct Scenario {
  std::string file;
  std::string dir;
  std::string name;
  std::string description;
  std::string fdl_file;
  FdlDocument fdl;
  std::vector<std::string> simulate_only;
  std::string calibration_file;
  YAML::Node calibration;          // the calibration file's tree
  std::optional<YamlRef> parameters;  // the scenario's overrides of calibration sections
  std::string price_table_file;
  PlatformSpec platform;
  std::vector<ServiceDecl> services;
  std::vector<StorageDecl> storage;
  std::vector<WorkloadSource> workload;
  std::uint64_t seed = 1;
  double horizon_s = 1e300;
  double timeline_interval_s = 1;
  BillingOptions billing;
  std::vector<std::string> overrides_applied;
  std::uint64_t content_hash = 0;  // of the scenario, FDL and calibration files as used

  /// A calibration section (e.g. "lambda") as a layer, or nullopt when absent.
  std::optional<YamlRef> calibration_section(const std::string& key) const;
  std::optional<YamlRef> parameter_section(const std::string& key) const;
};

/// Loads and validates a scenario; `--set` overrides are applied first.
Scenario load_scenario(const std::string& file, const std::vector<Override>& overrides = {});

} // namespace contsim
