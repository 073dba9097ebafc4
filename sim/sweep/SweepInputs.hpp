// The files a sweep's points read, copied once into DIR/inputs/ at plan time: the points of a
// sweep all see the same bytes even if the originals change while it runs, and a Slurm node or
// a Kubernetes pod needs nothing but the sweep directory.
#pragma once
#include "sim/scenario/Scenario.hpp"

#include <string>
#include <vector>

namespace contsim::sweep {

struct InputFiles {
  /// Absolute source path and its path under inputs/ (relative to the files' common ancestor,
  /// so that the scenario's relative references still hold).
  std::vector<std::pair<std::string, std::string>> files;
  std::string scenario;                   // under inputs/
  std::vector<std::string> calibrations;  // under inputs/ (the --calibration files)
  std::string hash;                       // of every file's name and bytes
};

/// Every file `scenario` was read from: the scenario, its FDL, calibration files, the price
/// table, arrivals CSVs, and the --calibration files.
InputFiles input_files(const Scenario& scenario, const std::vector<std::string>& extra_calibrations);
/// Copies them under `sweep_dir`/inputs/ (each written whole).
void copy_inputs(const InputFiles& inputs, const std::string& sweep_dir);

} // namespace contsim::sweep
