// The built-in models, registered explicitly (see sim/ServiceRegistry.hpp).
#include "models/batch/BatchService.hpp"
#include "models/lambda/LambdaService.hpp"
#include "models/oscar/OscarService.hpp"
#include "sim/runtime/ServiceRegistry.hpp"

namespace contsim {

void register_builtin_models(ServiceRegistry& registry)
{
  registry.add(ModelEntry{
      "lambda",
      "AWS Lambda (SCAR functions in every execution_mode; batch modes hand jobs to a `batch` service)",
      {"lambda"},
      [](const FdlFunction& fn, const ServiceDecl& decl) { return lambda::LambdaService::serves(fn, decl); },
      nullptr,
      [](const ServiceSetup& setup) -> std::unique_ptr<ComputeService> {
        return std::make_unique<lambda::LambdaService>(setup);
      }});
  registry.add(ModelEntry{
      "batch",
      "AWS Batch managed compute environments (SCAR execution_mode batch and lambda-batch)",
      {"batch", "ec2_instance_types"},
      [](const FdlFunction&, const ServiceDecl&) {
        return std::string("AWS Batch only runs jobs that Lambda hands over (SCAR execution_mode batch or "
                           "lambda-batch); the function itself needs a lambda service");
      },
      [](const FdlFunction& fn, const ServiceDecl& decl) { return batch::BatchService::accepts(fn, decl); },
      [](const ServiceSetup& setup) -> std::unique_ptr<ComputeService> {
        return std::make_unique<batch::BatchService>(setup);
      }});
  registry.add(ModelEntry{
      "oscar",
      "OSCAR cluster: Kubernetes jobs per event, CLUES elasticity, Resource Manager and Rescheduler delegation "
      "to replicas",
      {"kubernetes", "oscar", "clues", "node_types"},
      [](const FdlFunction& fn, const ServiceDecl& decl) { return oscar::OscarService::serves(fn, decl); },
      nullptr,
      [](const ServiceSetup& setup) -> std::unique_ptr<ComputeService> {
        return std::make_unique<oscar::OscarService>(setup);
      }});
}

} // namespace contsim
