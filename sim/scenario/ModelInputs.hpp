// What of a scenario a model's configure step reads (sim/scenario/ServiceConfig.hpp): its
// platform entry, the billing options and its calibration layers; kept apart from Scenario so
// that a model's translation unit does not see the whole input layer.
#pragma once
#include "sim/core/YamlReader.hpp"

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

struct BillingOptions {
  bool request_fees = true;  // the published cost tables leave them out (experiments.md E1)
  bool free_tier = false;
};

/// The calibration a model reads: sections layered from the calibration files and the
/// scenario's `parameters:` (a model sees this, not the whole scenario).
class CalibrationSource {
public:
  virtual ~CalibrationSource() = default;
  /// A calibration section (e.g. "lambda") as layers, one per calibration file that has it.
  virtual std::vector<YamlRef> calibration_sections(const std::string& key) const = 0;
  /// `section.name` (e.g. functions.NAME) from the one calibration file that defines it.
  virtual std::optional<YamlRef> calibration_entry(const std::string& section, const std::string& name) const = 0;
  /// The scenario's `parameters.KEY` override, if any.
  virtual std::optional<YamlRef> parameter_section(const std::string& key) const = 0;
  /// The first calibration file (errors about a missing entry name it).
  virtual const std::string& first_calibration_file() const = 0;
  /// The layers of `key` from every calibration file, then the scenario's `parameters.KEY`.
  std::vector<YamlRef> layers(const std::string& key) const
  {
    std::vector<YamlRef> out = calibration_sections(key);
    if (auto p = parameter_section(key))
      out.push_back(*p);
    return out;
  }
};

} // namespace contsim
