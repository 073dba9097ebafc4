// A platform service's typed configuration, resolved into the Plan before any engine exists.
// Each model reads its platform entry and calibration sections once, in its engine-free
// `configure` step (models/<kind>/<Kind>Config.cpp, bound in models/Bindings.cpp); the
// simulator's model, a real-runner and `contsim plan` all read the same typed result. Errors in
// an entry (file, line, key) therefore surface when the Plan is resolved, not when a run starts.
#pragma once
#include "sim/scenario/ModelInputs.hpp"
#include "sim/scenario/Platform.hpp"
#include "sim/scenario/Workflow.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace contsim {

/// What a model's configure step reads: its platform entry, the calibration layers, the
/// functions bound to it, and the files and billing options of the scenario.
struct ServiceConfigContext {
  const ServiceDecl& decl;
  const CalibrationSource& calibration;
  const std::vector<FunctionSpec>& workflow;  // the Plan's functions
  std::vector<int> functions;                 // the ones it runs or receives, indices into `workflow`
  std::string fdl_file;                        // for messages naming the FDL
  BillingOptions billing;
  std::string price_table_file;
  const std::vector<ServiceDecl>* services = nullptr;  // every platform service (references by name)

  /// The layers of one calibration section, in the order they apply: calibration files, the
  /// scenario's `parameters:`, and the platform entry's own `parameters:`.
  std::vector<YamlRef> layers(const std::string& section) const;
  /// The entry's AWS region (us-east-1 when it names none).
  std::string aws_region() const { return decl.region.empty() ? "us-east-1" : decl.region; }
  /// The scenario's price table; fails at the entry when neither calibration nor scenario names one.
  const std::string& price_table() const;
};

/// The base of every model's typed configuration.
class ServiceConfig {
public:
  virtual ~ServiceConfig() = default;
  /// The machines the service brings into its site, in declaration order: their CPU is shared
  /// by the work placed on them (an OSCAR cluster's working nodes). The Plan lists them by site.
  std::vector<ComputeHostSpec> hosts;
  /// Storage paths whose stored files the service is told of (S3 event notifications to its
  /// queue, a bucket it polls), and the ones it writes to; the Plan places them.
  std::vector<StorageIo> watches;
  std::vector<StorageIo> writes;
  /// What `contsim plan` prints about the service beyond its name, kind and functions.
  virtual nlohmann::ordered_json describe() const { return nlohmann::ordered_json::object(); }
};

using ServiceConfigure = std::function<std::shared_ptr<const ServiceConfig>(const ServiceConfigContext&)>;

} // namespace contsim
