// How long a function's own work takes, before any platform overhead:
//   t = fixed_s + base × speed(reference_cpu) / speed(cpu)
// where base is drawn from a distribution, or is linear in the input's attributes
// (e.g. seconds per minute of video) plus optional normal noise, and speed follows
// Amdahl's law with the function's parallel fraction p:
//   1/speed(c) = (1 − p) / min(c, 1) + p / c      (c = vCPUs the function gets)
// so a single-threaded function stops improving at one vCPU. A GPU profile (gpu_exec_time)
// scales with the GPU's speed instead: t = base × reference_gpu_speed / gpu_speed.
#pragma once
#include "sim/core/Distribution.hpp"

#include <string>
#include <utility>
#include <vector>

namespace contsim {

using Attributes = std::vector<std::pair<std::string, double>>;
double attribute(const Attributes& attrs, const std::string& name, double fallback);

struct ExecTimeModel {
  Distribution base;                 // seconds at the reference CPU (when not linear)
  bool linear = false;
  double intercept_s = 0;
  Attributes per_attribute;          // seconds per unit of each input attribute
  double noise_sd_s = 0;
  double fixed_s = 0;                // I/O-bound part, not scaled by CPU
  double reference_vcpu = 1;
  double reference_memory_mb = 0;    // Lambda profiles are measured at a memory size; 0 = unset
  double parallel_fraction = 0;
  double reference_gpu_speed = 1;    // GPU profiles: speed of the GPU measured on (catalog units)
  std::string source;

  /// Updates the fields present in `ref` (calibration, then scenario overrides).
  void update(const YamlRef& ref);
  double sample(double vcpu, const Attributes& input, RandomEngine& rng) const;
  /// How much longer the CPU-bound part takes on `vcpu` than at the reference (1 at the reference).
  double cpu_stretch(double vcpu) const;
  /// A GPU profile on a GPU of `gpu_speed` (catalog units): time × reference_gpu_speed / gpu_speed.
  double sample_on_gpu(double gpu_speed, const Attributes& input, RandomEngine& rng) const;
  static double slowdown(double vcpu, double parallel_fraction);
};

} // namespace contsim
