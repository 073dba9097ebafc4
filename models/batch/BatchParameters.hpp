// AWS Batch model parameters (calibration section `batch:`), each declared once with unit,
// default and the source of the default (fact ids: docs/sources.md). The delays
// are distributions: every job, launch and instance draws its own.
#pragma once
#include "sim/core/Parameters.hpp"

namespace contsim::batch {

struct BatchParameters;
/// Every parameter with the field that holds it (declared once, read by name).
const std::vector<ParamField<BatchParameters>>& parameter_table();
std::vector<ParamSpec> parameter_specs();

struct BatchParameters {
  Distribution submit_to_runnable;  // SUBMITTED → PENDING → RUNNABLE
  Distribution scheduler_delay;     // something the scheduler acts on → its round (placement, scale-up)
  Distribution launch_delay;        // job RUNNABLE without room → instance launched (billing starts)
  Distribution boot;                // instance launched → ready for jobs (OS boot, ECS agent)
  Distribution image_check;         // ECS's default pull behaviour: a cached image is re-checked per job
  Distribution container_start;     // STARTING: container start, after any image pull
  double image_pull_mb_per_s;       // docker pull onto the instance (first job of a function there)
  Distribution scale_in_delay;      // instance idle and queue empty → terminated

  static BatchParameters from(const ParameterSet& set);
};

} // namespace contsim::batch
