// `contsim init FDL [-o SCENARIO.yaml]`: a scenario skeleton for an FDL file: a site and a
// service per provider region and OSCAR cluster, the storages its inputs and outputs name, one
// workload source per entry input, and a function profile per function. What only the user
// knows (execution time, image size, file sizes, how many uploads) is left as `TODO`, with a
// comment naming the parameter; a run refuses a TODO with its file and line. The rest is a
// default the comments call assumed.
#pragma once
#include <string>

namespace contsim {

struct InitOptions {
  std::string fdl;
  std::string output;  // default: FDL-STEM.scenario.yaml in the current directory
};

/// The skeleton's text; `scenario_dir` is where it will be written (its paths are relative to it).
std::string scenario_skeleton(const std::string& fdl_file, const std::string& scenario_dir);

int run_init(const InitOptions& options);

} // namespace contsim
