// `contsim sweep`: what-if over grids of parameters, with replications, run in parallel on
// this machine, as a Slurm job array or as a Kubernetes Indexed Job (scenarios/README.md).
//   contsim sweep SCENARIO --grid P=V,... [--zip P=V,...] [--sweep-file F] [--replications N] [-j N] [-o DIR]
//   contsim sweep plan SCENARIO ...   writes DIR/sweep.json and DIR/inputs/ only
//   contsim sweep run DIR [--index I] runs points (all, or task I; SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX)
//   contsim sweep status DIR | gather DIR
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace contsim {

struct SweepCommandOptions {
  std::string action;  // "" (plan, run, gather), "plan", "run", "status", "gather"
  std::string target;  // the scenario (plan) or the sweep directory
  std::vector<std::string> grid, zip, sets, calibrations;
  std::string sweep_file;
  std::optional<int> replications;
  std::string sample;
  int jobs = 0;  // 0 = the machine's cores
  std::string backend = "local";
  std::string partition, time, account;
  std::size_t throttle = 0;
  std::size_t chunk = 0;  // 0 = chosen by the backend
  std::optional<std::size_t> index;
  std::string results;  // run: where points are written (default: the sweep directory)
  bool keep_traces = false;
  std::string output_dir = "out/sweep";
};

int run_sweep(const SweepCommandOptions& options);

} // namespace contsim
