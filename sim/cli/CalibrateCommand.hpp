// `contsim calibrate TRACE... -o FILE` and `contsim validate SCENARIO --against TRACE`.
#pragma once
#include "traces/import/ObservedInvocation.hpp"

#include <string>
#include <vector>

namespace contsim {

struct CalibrateCommandOptions {
  std::vector<std::string> traces;  // PATH or FUNCTION=PATH (CloudWatch logs do not name their function)
  std::string output;
  std::string name;
  std::string attributes_csv;
  std::vector<std::string> image_sizes;  // IMAGE=SIZE
};
int run_calibrate(const CalibrateCommandOptions& options);

struct ValidateCommandOptions {
  std::string scenario;
  std::string against;    // PATH or FUNCTION=PATH
  std::string output_dir;
  double tolerance = 0.25;  // relative error allowed on every compared metric
  std::vector<std::string> sets;          // --set PATH=VALUE, as `run` takes them
  std::vector<std::string> calibrations;  // --calibration FILE: a fitted calibration layered last
};
int run_validate(const ValidateCommandOptions& options);

/// "FUNCTION=PATH" → {FUNCTION, PATH}; a plain path → {"", PATH}.
std::pair<std::string, std::string> split_trace_argument(const std::string& arg);
/// Imports every FUNCTION=PATH or PATH argument into one table, a line per file on stdout.
traces::TraceTable import_trace_arguments(const std::vector<std::string>& args, std::size_t max_per_function = 0);

} // namespace contsim
