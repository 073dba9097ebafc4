// The built-in models, registered explicitly (see models/Registry.hpp): each kind's binding
// rules (models/Bindings.cpp), description and factory.
#include "models/Registry.hpp"

#include "models/Bindings.hpp"
#include "models/batch/BatchParameters.hpp"
#include "models/batch/BatchService.hpp"
#include "models/gpu/GpuParameters.hpp"
#include "models/gpu/GpuServerService.hpp"
#include "models/gpu/OrchGpuService.hpp"
#include "models/lambda/LambdaParameters.hpp"
#include "models/lambda/LambdaService.hpp"
#include "models/oscar/OscarParameters.hpp"
#include "models/oscar/OscarService.hpp"

namespace contsim {

void register_builtin_models(ServiceRegistry& registry)
{
  ModelBindings bindings = builtin_model_bindings();
  auto binding = [&](const char* kind) { return bindings.by_kind(kind, YamlRef{}); };
  registry.add(ModelEntry{
      binding("lambda"),
      "AWS Lambda (SCAR functions in every execution_mode; batch modes hand jobs to a `batch` service)",
      [](const ServiceSetup& setup) -> std::unique_ptr<ComputeService> {
        return std::make_unique<lambda::LambdaService>(setup);
      },
      {{"lambda", lambda::parameter_specs()}}});
  registry.add(ModelEntry{
      binding("batch"), "AWS Batch managed compute environments (SCAR execution_mode batch and lambda-batch)",
      [](const ServiceSetup& setup) -> std::unique_ptr<ComputeService> {
        return std::make_unique<batch::BatchService>(setup);
      },
      {{"batch", batch::parameter_specs()}}});
  registry.add(ModelEntry{
      binding("oscar"),
      "OSCAR cluster: Kubernetes jobs per event, CLUES elasticity, Resource Manager and Rescheduler delegation "
      "to replicas",
      [](const ServiceSetup& setup) -> std::unique_ptr<ComputeService> {
        return std::make_unique<oscar::OscarService>(setup);
      },
      {{"kubernetes", oscar::kubernetes_parameter_specs()},
       {"oscar", oscar::oscar_parameter_specs()},
       {"clues", oscar::clues_parameter_specs()},
       {"gpu", gpu::local_gpu_parameter_specs()}}});
  registry.add(ModelEntry{
      binding("gpu-server"),
      "a GPU server (rCUDA server node): its GPUs shared by time among remote clients, device memory as a capacity",
      [](const ServiceSetup& setup) -> std::unique_ptr<ComputeService> {
        return std::make_unique<gpu::GpuServerService>(setup);
      },
      {{"rcuda", gpu::rcuda_parameter_specs()}}});
  registry.add(ModelEntry{
      binding("orchgpu"),
      "orchGPU (E9): S3 uploads through SQS to one consumer that reserves a GPU through SSGM, hands the input "
      "to the CUDA Lambda and polls for its output before releasing the GPU",
      [](const ServiceSetup& setup) -> std::unique_ptr<ComputeService> {
        return std::make_unique<gpu::OrchGpuService>(setup);
      },
      {{"orchgpu", gpu::orchgpu_parameter_specs()}}});
}

} // namespace contsim
