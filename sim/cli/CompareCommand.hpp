// `contsim compare SIM REAL`: how far a simulated run was from a real one (or any two runs).
// Per function and per phase (wait, start = cold start / image pull / supervisor start,
// stage-in, exec, stage-out, response): mean, p50, p95 of each run and their relative errors;
// a two-sample KS statistic on response times; invocations matched one to one by function and
// input object where both runs have them (the mean relative error of matched response times);
// makespan and total cost. Writes DIR/compare.json and prints a table; exit 1 when a checked
// error (per-function mean response and exec, makespan) is above --tolerance.
#pragma once
#include <string>

namespace contsim {

struct CompareCommandOptions {
  std::string simulated;  // run directory or trace.csv
  std::string real;
  double tolerance = 0.25;
  std::string output_dir;  // default: SIMULATED's directory
};

int run_compare(const CompareCommandOptions& options);

} // namespace contsim
