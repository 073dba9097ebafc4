// The binding rules of the built-in models as plain data: which FDL functions each kind runs
// and whose events it takes by delegation. A library of its own, so whatever resolves a Plan
// (the simulator, a real-runner, the sweep planner) gets them without linking a model or SimGrid.
#pragma once
#include "sim/scenario/Binding.hpp"

namespace contsim {

ModelBindings builtin_model_bindings();

} // namespace contsim
