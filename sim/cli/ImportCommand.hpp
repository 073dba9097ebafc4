// `contsim import TRACE... -o DIR`: a real trace (CloudWatch, Batch describe-jobs, kubectl, or a
// contsim trace.csv) written as a run directory with the simulator's own writers: DIR/trace.csv
// (the same schema, ids renumbered in trigger order, times from the first trigger) and
// DIR/summary.json (the same statistics), so that `contsim report DIR` draws it and
// `contsim report SIM --compare DIR` compares a simulation with it.
#pragma once
#include <string>
#include <vector>

namespace contsim {

struct ImportCommandOptions {
  std::vector<std::string> traces;  // FUNCTION=PATH or PATH, as for calibrate
  std::string output_dir;
};

int run_import(const ImportCommandOptions& options);

} // namespace contsim
