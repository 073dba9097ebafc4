// A GPU server's typed configuration (platform `kind: gpu-server`): an rCUDA server node with
// `gpus` devices of one `gpu_model` (calibration `gpu_models:`) at its site. Each device is a
// compute host of the site whose one "core" runs at the model's speed, so that concurrent
// clients share it by time. Its `rcuda:` parameters (layered: calibration, scenario, the
// entry's own `parameters:`) are the server's costs. Functions reach it through their FDL
// environment (RCUDA_DEVICE_COUNT, RCUDA_DEVICE_<j> = SERVER[:GPU], as rCUDA's client reads
// them). With `ssgm:` the server's scheduler admits the clients (jobs per GPU, memory, blocking
// or not). Engine-free.
#pragma once
#include "models/common/MachineType.hpp"
#include "models/gpu/GpuModel.hpp"
#include "models/gpu/GpuParameters.hpp"
#include "sim/policy/GpuScheduler.hpp"
#include "sim/scenario/ServiceConfig.hpp"

namespace contsim::gpu {

class GpuServerConfig : public ServiceConfig {
public:
  static std::shared_ptr<const ServiceConfig> read(const ServiceConfigContext& context);
  static void check_calibration(const CalibrationSource& calibration, const std::string& price_table_file);
  nlohmann::ordered_json describe() const override;

  GpuModel model;
  int gpus = 1;
  ParameterSet rcuda_params{rcuda_parameter_specs()};
  RcudaParameters rcuda{};
  /// `ssgm: {mode: blocking | non-blocking, jobs_per_gpu: N, check_memory: BOOL}`: clients are
  /// admitted by SSGM (gpu.md §2.2); without it every client is admitted at once.
  bool ssgm = false;
  bool ssgm_blocking = true;
  bool ssgm_clients_ask = true;  // false: an orchestrator asks SSGM for them (orchGPU, E9)
  /// `instance_type: p2.xlarge`: an EC2 instance, up for the whole run, billed per second (60 s
  /// minimum) at the price table's on-demand price for the entry's region; none: no price.
  std::string instance_type;
  double usd_per_hour = 0;
  double minimum_billed_s = 60;
  /// `node_type: NAME` (calibration `node_types:`): an on-premises server, up for the whole run,
  /// with the type's hourly price (per second, no minimum) and power figures: energy = idle draw
  /// while up + (max − idle) x the share of its devices that clients hold (assumed linear).
  std::string node_type;
  double power_idle_w = -1, power_max_w = -1;
  SsgmSettings ssgm_settings;
};

} // namespace contsim::gpu
