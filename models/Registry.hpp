// The built-in models, registered explicitly (static libraries drop unreferenced
// self-registering objects). Only the CLI calls this: sim/ never names a model.
#pragma once
#include "sim/runtime/ServiceRegistry.hpp"

namespace contsim {

void register_builtin_models(ServiceRegistry& registry);

} // namespace contsim
