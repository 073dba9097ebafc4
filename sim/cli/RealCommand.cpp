#include "sim/cli/RealCommand.hpp"

#include "models/Bindings.hpp"
#include "real-runners/core/RealSection.hpp"
#include "real-runners/local/LocalRunner.hpp"
#include "sim/scenario/Overrides.hpp"
#include "sim/scenario/Plan.hpp"

#include <iostream>

namespace contsim {

int run_real(const RealCommandOptions& o)
{
  std::vector<Override> overrides;
  for (const auto& s : o.sets)
    overrides.push_back(parse_override(s));
  Scenario scenario = load_scenario(o.scenario, overrides, o.calibrations);
  Plan plan = resolve_plan(scenario, builtin_model_bindings());
  real::RealSection section = real::RealSection::read(scenario);
  real::RealRunOptions options;
  options.out_dir = o.output_dir;
  options.time_scale = o.time_scale;
  options.keep_scratch = o.keep_scratch;
  options.progress = &std::cerr;
  return real::run_local(plan, section, options);
}

} // namespace contsim
