// The built-in models, registered explicitly (see sim/ServiceRegistry.hpp).
#include "models/lambda/LambdaService.hpp"
#include "sim/ServiceRegistry.hpp"

namespace contsim {

void register_builtin_models(ServiceRegistry& registry)
{
  registry.add(ModelEntry{
      "lambda",
      "AWS Lambda (SCAR execution_mode: lambda)",
      {"lambda"},
      [](const FdlFunction& fn, const ServiceDecl& decl) { return lambda::LambdaService::serves(fn, decl); },
      [](const ServiceSetup& setup) -> std::unique_ptr<ComputeService> {
        return std::make_unique<lambda::LambdaService>(setup);
      }});
}

} // namespace contsim
