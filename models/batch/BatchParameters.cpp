#include "models/batch/BatchParameters.hpp"

namespace contsim::batch {

const std::vector<ParamField<BatchParameters>>& parameter_table()
{
  static const std::vector<ParamField<BatchParameters>> table{
      {{"submit_to_runnable_s", 0, "s", "SUBMITTED to RUNNABLE (the scheduler's evaluation; jobs have no dependencies)",
       "assumed 0: not measured in the sources", 0, 86400, ParamType::distribution}, &BatchParameters::submit_to_runnable},
      {{"scheduler_delay_s", 0, "s",
       "from a change the Batch scheduler acts on (a job RUNNABLE, a job ended, an instance registered) to its "
       "round, which places every RUNNABLE job that fits and asks for the missing capacity in one scale-up",
       "assumed 0 (see the calibration files): no published measurement", 0, 86400, ParamType::distribution},
       &BatchParameters::scheduler_delay},
      {{"launch_delay_s", 166.8, "s",
       "from a job that finds no room to the launch of the instance it asked for (billing starts at launch)",
       "B1 (mean of 20 jobs, empty compute environment)", 0, 86400, ParamType::distribution}, &BatchParameters::launch_delay},
      {{"boot_s", 129, "s", "from instance launch to ready for jobs (OS boot + ECS agent)",
       "B2 (mean; the source reports low deviation)", 0, 86400, ParamType::distribution}, &BatchParameters::boot},
      {{"image_check_s", 0, "s",
       "a job on an instance that already has the image: the ECS agent's default pull behaviour still pulls "
       "remotely (registry check of the cached layers)",
       "assumed 0: not measured in the sources (ECS developer guide, pull-behavior)", 0, 86400, ParamType::distribution},
       &BatchParameters::image_check},
      {{"container_start_s", 0, "s", "STARTING: container creation and start, after the image pull",
       "assumed 0: not measured separately in the sources", 0, 86400, ParamType::distribution}, &BatchParameters::container_start},
      {{"image_pull_mb_per_s", 50, "MB/s", "docker pull of the function's image onto an instance (first job there)",
       "assumed: no published EC2 pull throughput in docs/spec", 1e-6, 1e9}, &BatchParameters::image_pull_mb_per_s},
      {{"scale_in_delay_s", 300, "s", "from an instance being idle with an empty queue to its termination",
       "assumed: 'some minutes' (SYSTEMS.md §3, real-systems.md §5.2: no documented default)", 0, 86400, ParamType::distribution}, &BatchParameters::scale_in_delay},
  };
  return table;
}

std::vector<ParamSpec> parameter_specs()
{
  return specs_of(parameter_table());
}

BatchParameters BatchParameters::from(const ParameterSet& s)
{
  return read_params(s, parameter_table());
}

} // namespace contsim::batch
