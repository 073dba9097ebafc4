#include "models/Bindings.hpp"

#include "models/batch/BatchConfig.hpp"
#include "models/gpu/GpuServerConfig.hpp"
#include "models/gpu/OrchGpuConfig.hpp"
#include "models/lambda/LambdaConfig.hpp"
#include "models/oscar/OscarConfig.hpp"

namespace contsim {

ModelBindings builtin_model_bindings()
{
  using Provider = FdlFunction::Provider;
  using Key = FunctionFilter::Key;
  return ModelBindings({
      {"lambda", {"lambda"}, FunctionFilter{Provider::aws, {}, Key::region}, "", std::nullopt, &lambda::LambdaConfig::read,
       &lambda::LambdaConfig::check_calibration},
      {"batch",
       {"batch", "ec2_instance_types"},
       std::nullopt,
       "AWS Batch only runs jobs that Lambda hands over (SCAR execution_mode batch or lambda-batch); the function "
       "itself needs a lambda service",
       FunctionFilter{Provider::aws, {"batch", "lambda-batch"}, Key::region},
       &batch::BatchConfig::read, &batch::BatchConfig::check_calibration},
      {"oscar", {"kubernetes", "oscar", "clues", "node_types", "gpu"}, FunctionFilter{Provider::oscar, {}, Key::cluster_id},
       "", std::nullopt, &oscar::OscarConfig::read, &oscar::OscarConfig::check_calibration},
      {"gpu-server",
       {"gpu_models", "rcuda", "node_types"},
       std::nullopt,
       "a gpu-server serves the CUDA calls of functions that reach it through rCUDA (FDL environment "
       "RCUDA_DEVICE_<j>: SERVER[:GPU]); it runs no function itself",
       std::nullopt,
       &gpu::GpuServerConfig::read, &gpu::GpuServerConfig::check_calibration},
      {"orchgpu",
       {"orchgpu"},
       std::nullopt,
       "orchgpu (E9's orchestrator) runs no function: it takes the uploads to its `input` bucket, reserves a GPU "
       "through SSGM and hands each input to the CUDA Lambda through its `intermediate` bucket",
       std::nullopt,
       &gpu::OrchGpuConfig::read, &gpu::OrchGpuConfig::check_calibration},
  });
}

} // namespace contsim
