// `contsim run`: one scenario simulated into a run directory, its summary printed; also what
// every sweep point runs (in a child process: SimGrid's engine runs once per process).
#pragma once
#include "sim/runtime/Simulation.hpp"
#include "sim/scenario/Scenario.hpp"

#include <functional>
#include <string>
#include <vector>

namespace contsim {

struct RunOptions {
  std::string scenario;
  std::vector<std::string> sets;  // PATH=VALUE
  std::vector<std::string> calibrations;
  std::string out_dir = "out";
  bool print = true;        // the summary on stdout
  bool check_real = true;   // the scenario's real: section too (a sweep checks it once, at plan time)
  Simulation::Outputs outputs = Simulation::Outputs::all;
  /// The scenario's `expect:` bounds: checked, printed, exit 1 on a violation (`contsim run`;
  /// sweep points leave them alone).
  bool check_expectations = false;
  std::string junit_file;   // --junit: the JUnit XML report of those bounds
};

/// 0, or 1 when one of the scenario's `expect:` bounds did not hold.
int run_scenario(const RunOptions& options);

/// A scenario's `real:` section is read by `contsim real`; a simulation checks it too, so that a
/// typo there is found when the scenario is first run, not when it is first run for real.
void check_real_section(const Scenario& scenario);

/// Runs `body`, mapping errors to exit codes: bad input 2 (the message names file, line and
/// key), an output that could not be written 4, a missing prerequisite 5 (MissingPrerequisite),
/// anything else 3 (an internal error).
/// `sets`: the command line's --set arguments: an error about a value one of them set names it.
int guarded(const std::function<int()>& body, const std::vector<std::string>* sets = nullptr);

} // namespace contsim
