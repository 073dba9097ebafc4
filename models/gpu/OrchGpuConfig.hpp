// orchGPU's typed configuration (platform `kind: orchgpu`, gpu.md §2.3): the orchestrator of E9
// on the GPU server's EC2 instance. It is told of uploads to `input` (S3 event notification to
// its SQS queue), asks the `gpu_server`'s SSGM for a GPU, re-uploads each input as a tarball to
// `intermediate` (which triggers the CUDA Lambda) and polls `output` for the Lambda's result
// before releasing the GPU. `variant: code` (default) behaves as the released code (grycap/orchgpu
// 62cb8ea: one consumer, head-of-line blocking, message deleted on dispatch, 60 s output polling);
// `variant: paper` as S3 §3.3's alternative (O13: one handler per message, a busy answer leaves the
// message to reappear after the visibility timeout, the GPU released when the output is stored).
// Parameters: calibration section `orchgpu:`. Engine-free.
#pragma once
#include "sim/core/Parameters.hpp"
#include "sim/scenario/ServiceConfig.hpp"

namespace contsim::gpu {

struct OrchGpuParameters {
  double s3_to_sqs_s;
  double long_poll_s;
  double empty_sleep_s;
  double busy_retry_s;
  double output_poll_s;
  double visibility_timeout_s;
  double tar_s;
  double tarball_extra_bytes;
};

const std::vector<ParamField<OrchGpuParameters>>& orchgpu_parameter_table();
std::vector<ParamSpec> orchgpu_parameter_specs();

class OrchGpuConfig : public ServiceConfig {
public:
  static std::shared_ptr<const ServiceConfig> read(const ServiceConfigContext& context);
  static void check_calibration(const CalibrationSource& calibration, const std::string& price_table_file);
  nlohmann::ordered_json describe() const override;

  std::string gpu_server;  // the platform service whose SSGM it asks
  int gpu_server_index = -1;
  bool paper_variant = false;
  ParameterSet params{orchgpu_parameter_specs()};
  OrchGpuParameters p{};
  // watches[0] = input, watches[1] = output; writes[0] = intermediate (ServiceConfig)
};

} // namespace contsim::gpu
