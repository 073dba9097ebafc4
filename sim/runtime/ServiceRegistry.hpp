// Models by name. The CLI registers the built-in models explicitly (static libraries drop
// unreferenced self-registering objects); an unknown name lists the valid ones.
#pragma once
#include "sim/runtime/ComputeService.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace contsim {

/// Empty string = yes; else why not.
using ServicePredicate = std::function<std::string(const FdlFunction&, const ServiceDecl&)>;

struct ModelEntry {
  std::string kind;  // "lambda"
  std::string description;
  std::vector<std::string> calibration_sections;  // top-level calibration keys this model reads
  /// Can a service of this kind run this FDL function? Empty string = yes; else why not.
  ServicePredicate serves;
  /// Can a service of this kind take this function's events delegated by the service that
  /// serves it (SCAR batch / lambda-batch → AWS Batch)? Null when the model never does.
  ServicePredicate accepts_delegation;
  std::function<std::unique_ptr<ComputeService>(const ServiceSetup&)> create;
};

class ServiceRegistry {
public:
  void add(ModelEntry entry);
  /// Throws InputError at `where` listing valid kinds when `kind` is unknown.
  const ModelEntry& by_kind(const std::string& kind, const YamlRef& where) const;
  const std::vector<ModelEntry>& entries() const { return entries_; }

private:
  std::vector<ModelEntry> entries_;
};

/// Defined in models/Registry.cpp.
void register_builtin_models(ServiceRegistry& registry);

} // namespace contsim
