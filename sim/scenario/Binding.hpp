// Declarative rules that bind FDL functions to platform services: which functions a service
// kind runs, and whose events it takes by delegation. Each model declares its rules (models/
// Registry.cpp); the Plan resolver applies them without knowing any model.
#pragma once
#include "sim/core/YamlReader.hpp"
#include "sim/fdl/Fdl.hpp"
#include "sim/scenario/Scenario.hpp"
#include "sim/scenario/ServiceConfig.hpp"

#include <optional>
#include <string>
#include <vector>

namespace contsim {

/// Which FDL functions a rule covers.
struct FunctionFilter {
  FdlFunction::Provider provider = FdlFunction::Provider::aws;
  std::vector<std::string> execution_modes;  // empty: any
  /// The service's field that, when the scenario sets it, must equal the function's.
  enum class Key { region, cluster_id } key = Key::region;

  /// Empty when the filter covers `fn` on `decl`; else why not, in the user's terms.
  std::string why_not(const FdlFunction& fn, const ServiceDecl& decl) const;
  /// Whether `fn` has the provider and execution mode of this filter (any service).
  bool covers_mode(const FdlFunction& fn) const;
};

struct ModelBinding {
  std::string kind;                               // "lambda"
  std::vector<std::string> calibration_sections;  // top-level calibration keys this model reads
  std::optional<FunctionFilter> runs;             // functions it runs; none: see never_runs
  std::string never_runs;                         // why it runs no function itself
  std::optional<FunctionFilter> takes_delegated;  // functions whose events it takes from their service
  ServiceConfigure configure;                     // reads a platform entry into the model's typed configuration
  /// Reads the model's calibration sections whole, as configure would, whether or not a service
  /// uses the model: a typo in a section no scenario uses today is an error today.
  /// The price table too (empty: none named), every region of the model's section.
  std::function<void(const CalibrationSource&, const std::string& price_table_file)> check_calibration;
};

/// The bindings of every model kind, looked up as the scenario names them.
class ModelBindings {
public:
  explicit ModelBindings(std::vector<ModelBinding> bindings) : bindings_(std::move(bindings)) {}
  /// Fails at `where` listing the valid kinds (with a did-you-mean) when `kind` is unknown.
  const ModelBinding& by_kind(const std::string& kind, const YamlRef& where) const;
  const std::vector<ModelBinding>& all() const { return bindings_; }

private:
  std::vector<ModelBinding> bindings_;
};

} // namespace contsim
