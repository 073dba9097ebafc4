// Model parameters of OSCAR clusters, in three calibration sections: `kubernetes:` (node
// reservation, image pulls, container start), `oscar:` (job creation, delegation requests) and
// `clues:` (node power-on/off times and CLUES's policy settings). Each is declared once with
// unit, default and the source of the default (fact ids: ../shared/spec/facts.yaml).
#pragma once
#include "sim/core/Parameters.hpp"

namespace contsim::oscar {

std::vector<ParamSpec> kubernetes_parameter_specs();
std::vector<ParamSpec> oscar_parameter_specs();
std::vector<ParamSpec> clues_parameter_specs();

} // namespace contsim::oscar
