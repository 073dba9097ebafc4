// Models by name (the CLI fills it through models/Registry.hpp); an unknown name lists the valid ones.
#pragma once
#include "sim/core/Parameters.hpp"
#include "sim/runtime/ComputeService.hpp"
#include "sim/scenario/Binding.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace contsim {

struct ModelEntry {
  /// The kind, its calibration sections and which functions it runs or takes by delegation:
  /// plain data, so a Plan is resolved without creating any model.
  ModelBinding binding;
  std::string description;
  std::function<std::unique_ptr<ComputeService>(const ServiceSetup&)> create;
  /// The model's parameter tables by calibration section, for `contsim help params`.
  std::vector<std::pair<std::string, std::vector<ParamSpec>>> parameters;
};

class ServiceRegistry {
public:
  void add(ModelEntry entry);
  /// Throws InputError at `where` listing valid kinds when `kind` is unknown.
  const ModelEntry& by_kind(const std::string& kind, const YamlRef& where) const;
  const std::vector<ModelEntry>& entries() const { return entries_; }
  /// Every model's binding rules, for resolve_plan.
  ModelBindings bindings() const;

private:
  std::vector<ModelEntry> entries_;
};

} // namespace contsim
