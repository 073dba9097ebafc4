// A function's run as named phases (E10: import modules, load the model, processing), each with
// its time on a CPU and, optionally, what it does on a GPU: GPU time, synchronous CUDA calls and
// bytes between host and device. Where the function runs decides which part applies (the CPU
// part on a GPU-less node; on a local GPU: GPU time + bytes over PCIe; through rCUDA: the same
// GPU time on the shared remote GPU + calls x round trip + bytes over the network). Profiles:
//
//   phases:
//     - name: import_modules
//       cpu: {seconds: {type: constant, value: 6}}
//       gpu: {host: {seconds: {type: constant, value: 5}},     # CPU part of the phase on a GPU run
//             time: {seconds: {type: constant, value: 1.5}}, calls: 20000, bytes: 600MB}
//     - name: processing
//       cpu: {linear: {per: {frames: 0.45}}}
//       gpu: {time: {linear: {per: {frames: 0.01}}}, calls: {per: {frames: 300}}, bytes: {per: {frames: 460KB}}}
//   gpu_memory: 2GiB      # what the function allocates on the GPU (all of its phases)
#pragma once
#include "sim/core/YamlReader.hpp"
#include "sim/scenario/ExecTimeModel.hpp"

#include <optional>
#include <string>
#include <vector>

namespace contsim {

/// A count or a size, constant or linear in the input's attributes: constant + Σ per × attribute.
struct LinearQuantity {
  double constant = 0;
  Attributes per;

  double value(const Attributes& input) const;
  /// `bytes`: values are sizes (600MB); otherwise plain non-negative numbers.
  static LinearQuantity parse(const YamlRef& ref, bool bytes);
};

/// What a phase does on a GPU.
struct GpuWork {
  std::optional<ExecTimeModel> host;  // CPU time on the host meanwhile (Python imports ...), first
  ExecTimeModel time;    // GPU seconds at the profile's reference_gpu_speed
  LinearQuantity calls;  // synchronous CUDA calls (each one round trip through rCUDA)
  LinearQuantity bytes;  // bytes between host and device (PCIe locally, the network through rCUDA)
};

struct FunctionPhase {
  std::string name;
  ExecTimeModel cpu;           // on the CPU (the function's vCPUs, like exec_time)
  std::optional<GpuWork> gpu;  // none: the phase runs on the CPU wherever the function is
};

struct FunctionPhases {
  std::vector<FunctionPhase> phases;
  double gpu_memory_bytes = 0;

  bool empty() const { return phases.empty(); }
  bool uses_gpu() const;
  /// Replaces the list (`phases:` is a whole list, as `outputs:` is).
  void update_list(const YamlRef& ref);
};

} // namespace contsim
