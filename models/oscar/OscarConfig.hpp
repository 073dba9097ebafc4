// An OSCAR cluster's typed configuration (sim/scenario/ServiceConfig.hpp), read once when the
// Plan is resolved: OSCAR's settings, the scheduler's `placement:`, the `kubernetes:`, `oscar:`
// and `clues:` parameters (layered: calibration, scenario, the entry's own `parameters:`, then
// the entry's `clues:`), the node types, and the cluster's nodes: an optional control-plane
// front-end, then the working node groups, each working node a compute host of the site.
// Every bound service is checked to fit some node. Engine-free.
#pragma once
#include "models/clues/Clues.hpp"
#include "models/gpu/GpuParameters.hpp"
#include "models/kubernetes/Cluster.hpp"
#include "models/oscar/OscarParameters.hpp"
#include "models/oscar/OscarSettings.hpp"
#include "sim/scenario/ServiceConfig.hpp"

#include <memory>

namespace contsim::oscar {

class OscarConfig : public ServiceConfig {
public:
  static std::shared_ptr<const ServiceConfig> read(const ServiceConfigContext& context);
  /// Reads the calibration sections this model uses (ModelBinding::check_calibration).
  static void check_calibration(const CalibrationSource& calibration, const std::string& price_table_file);
  nlohmann::ordered_json describe() const override;

  OscarSettings settings;
  std::string placement = "least-allocated";  // Kubernetes' default scoring strategy
  ParameterSet k8s_params{kubernetes_parameter_specs()};
  ParameterSet oscar_params{oscar_parameter_specs()};
  ParameterSet clues_params{clues_parameter_specs()};
  ParameterSet gpu_params{gpu::local_gpu_parameter_specs()};  // `gpu:`: GPUs of the nodes
  gpu::LocalGpuParameters local_gpu{};
  KubernetesParameters k8s{};
  OscarModelParameters oscar{};
  CluesParameters clues_parameters{};
  clues::Settings clues;                     // enabled when the entry has `clues:`
  std::vector<std::unique_ptr<kubernetes::NodeType>> node_types;  // the nodes point here
  /// The nodes as they start (off; `always_on` ones are powered by the model at time 0);
  /// `host` indexes `hosts` (-1 for the front-end, which runs no job).
  std::vector<kubernetes::Node> nodes;
  bool energy_modelled = false;              // some node type has a power model
  double lambda_mb_per_vcpu = 0;             // profiles measured on Lambda: their vCPU share
};

} // namespace contsim::oscar
