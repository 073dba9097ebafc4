// What contsim needs to know about a function beyond its FDL: how long it runs, what
// it emits, how big its image is. Profiles live in calibration files (shared by every
// scenario) under `functions: NAME:` and may be overridden per scenario.
//
//   exec_time: {seconds: {type: constant, value: 2.123}, reference_memory_mb: 1024, ...}
//   cold_exec_time: {type: exponential, mean: 2.244}   # optional: the whole cold run, measured as one
//   gpu_exec_time: {linear: {per: {frames: 0.0375}}, reference_gpu_speed: 1}   # optional: on a GPU
//   phases: [...]                                      # optional: named phases, CPU and GPU parts (FunctionPhases.hpp)
//   image_size: 219MB
//   outputs:
//     - name: "{stem}.avi"                               # {stem} {name} {ext} {i}
//       count: 1                                         # or {per_attribute: duration_s, every: 5}
//       size_bytes: 5MB                                  # or a distribution of bytes
//       attributes: {duration_s: copy}                   # copy from the input, or a number
#pragma once
#include "sim/core/Distribution.hpp"
#include "sim/scenario/ExecTimeModel.hpp"
#include "sim/scenario/FunctionPhases.hpp"
#include "sim/scenario/NameTemplate.hpp"

#include <optional>
#include <string>
#include <vector>

namespace contsim {

struct OutputRule {
  NameTemplate name_template = "{stem}.out";
  double count_constant = 1;
  std::string count_attribute;  // when set: count = floor(attribute / count_every)
  double count_every = 1;
  Distribution size_bytes;
  std::vector<std::pair<std::string, std::string>> attributes;  // name → "copy" or a number
  std::string file;  // where the rule is written, for errors found during the run
  int line = 0;
};

/// More output files than this from one invocation is a typo (or a runaway attribute).
inline constexpr double kMaxOutputsPerInvocation = 1e6;

struct FunctionProfile {
  ExecTimeModel exec_time;
  std::optional<Distribution> cold_exec_time;
  std::optional<ExecTimeModel> gpu_exec_time;  // on a GPU (AWS Batch GPU instances, ...)
  FunctionPhases phases;                       // when set, the run is these phases (OSCAR services)
  double image_size_bytes = 0;
  std::vector<OutputRule> outputs;
  bool has_exec_time = false;
  bool has_outputs = false;
  std::string source;

  void update(const YamlRef& ref);
};

} // namespace contsim
