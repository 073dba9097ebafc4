// A scenario: an unmodified FDL file + a platform + model parameters (a calibration file
// shared by all scenarios, optionally overridden) + a workload + a seed and a horizon.
// The format is documented in scenarios/README.md. Parsing is done once, here; models get
// their own sections (calibration layer first, then the scenario's overrides).
#pragma once
#include "sim/core/YamlReader.hpp"
#include "sim/fdl/Fdl.hpp"
#include "sim/scenario/Expectations.hpp"
#include "sim/scenario/ModelInputs.hpp"
#include "sim/scenario/Overrides.hpp"
#include "sim/scenario/Platform.hpp"
#include "sim/scenario/Workload.hpp"
#include "sim/schema/OutputOptions.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace contsim {

struct StorageDecl {
  std::string label;  // "s3", "s3.my_s3", "minio.my_oscar"
  int site = -1;
  int line = 0;
};

/// An HTTP endpoint an OSCAR `endpoint` replica can call (platform.endpoints), e.g. a Lambda
/// function behind API Gateway; events delegated there run as a copy of the delegating function.
struct EndpointDecl {
  std::string url;
  std::string service;       // the platform service that runs them
  double memory_mb = 512;    // SCAR's default Lambda memory
  double timeout_s = 300;    // SCAR's default timeout
  bool synchronous = true;   // API Gateway's default: the POST returns when the function ends
  int line = 0;
};

struct Scenario : public CalibrationSource {
  std::string file;
  std::string dir;
  std::string name;
  std::string description;
  std::string fdl_file;
  FdlDocument fdl;
  std::vector<std::string> simulate_only;
  /// Calibration files in the order they were listed (`calibration:` takes one file or a list:
  /// one per infrastructure, e.g. aws-us-east-1 + upv-openstack). A section found in several
  /// files is layered in that order; a function profile may live in one file only.
  struct CalibrationFile {
    std::string file;
    YAML::Node root;
  };
  std::vector<CalibrationFile> calibrations;
  std::string calibration_file;    // the first one (errors about a missing entry name it)
  std::optional<YamlRef> parameters;  // the scenario's overrides of calibration sections
  std::optional<YamlRef> real;        // how `contsim real` runs it (real-runners/README.md); the simulator ignores it
  std::vector<Expectation> expectations;  // `expect:`: bounds `contsim run` checks after the run
  std::string price_table_file;
  PlatformSpec platform;
  std::vector<ServiceDecl> services;
  std::vector<StorageDecl> storage;
  std::vector<EndpointDecl> endpoints;
  std::vector<WorkloadSource> workload;
  std::uint64_t seed = 1;
  double horizon_s = 1e300;
  /// `runs: N`: the workload N times on the same platform state, each run starting when the
  /// previous one has drained (summary.json `runs`: per run and the mean).
  int runs = 1;
  /// How long the run may go on after the last arrival before it stops with a warning.
  double drain_limit_s = 7 * 86400.0;
  double timeline_interval_s = 1;
  OutputOptions output;  // output: trace, compress, writer_thread
  BillingOptions billing;
  std::vector<std::string> overrides_applied;
  std::uint64_t content_hash = 0;  // of the scenario, FDL and calibration files as used

  /// A calibration section (e.g. "lambda") as layers, one per calibration file that has it.
  std::vector<YamlRef> calibration_sections(const std::string& key) const override;
  /// `section.name` (e.g. functions.NAME) from the one calibration file that defines it;
  /// throws InputError when two files do.
  std::optional<YamlRef> calibration_entry(const std::string& section, const std::string& name) const override;
  std::optional<YamlRef> parameter_section(const std::string& key) const override;
  const std::string& first_calibration_file() const override { return calibration_file; }
};

/// Loads and validates a scenario; `--set` overrides are applied first.
/// `extra_calibrations` (the CLI's --calibration) are layered after the scenario's own files.
Scenario load_scenario(const std::string& file, const std::vector<Override>& overrides = {},
                       const std::vector<std::string>& extra_calibrations = {});

} // namespace contsim
