// `contsim real SCENARIO -o DIR`: runs the scenario for real (real-runners/README.md) and writes
// the simulator's outputs from measurements, plus real.json and real-errors.log.
#pragma once
#include <string>
#include <vector>

namespace contsim {

struct RealCommandOptions {
  std::string scenario;
  std::vector<std::string> sets;          // --set PATH=VALUE
  std::vector<std::string> calibrations;  // --calibration FILE
  std::string output_dir = "out/real";
  double time_scale = 0;                  // > 0: overrides real.time_scale
  bool keep_scratch = false;
};

int run_real(const RealCommandOptions& options);

} // namespace contsim
