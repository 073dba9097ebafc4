// Runs a function's phases (sim/scenario/FunctionPhases.hpp) one after the other where the
// function was placed, and records each one (out/phases.csv):
//   cpu    the phase's CPU part on the node, sharing its CPU (the compute plane);
//   gpu    a GPU of the node, held whole by the pod (device plugin): GPU time at the GPU's
//          speed + bytes over PCIe + calls x a local call (`gpu:` parameters);
//   rcuda  a remote GPU (rCUDA): on the first GPU phase the client connects (connection_setup_s)
//          and allocates the profile's gpu_memory on the device (refused: the attempt fails
//          with status error, as a CUDA out-of-memory would end the script); then per phase
//          the phase's bytes cross the links between the client's site and the server's
//          (shared with every other transfer), each synchronous call costs one round trip +
//          server_call_s, and the GPU time runs on the device shared by time with the other
//          clients. The parts follow one another: the sum gpu.md §2.1 gives (no overlap).
// A GPU phase's `host` part (CPU work meanwhile, e.g. Python imports) runs on the node's CPU
// first. Phases without a GPU part run on the CPU wherever the function is.
#pragma once
#include "models/gpu/GpuParameters.hpp"
#include "sim/core/SlotPool.hpp"
#include "sim/runtime/Ports.hpp"

#include <string>

namespace contsim::gpu {

/// Where an attempt's phases run.
struct PhasePlacement {
  enum class Gpu { none, local, remote };
  Gpu gpu = Gpu::none;
  int node_host = -1;            // the node's compute host (CPU parts)
  double cpu_cores = 1;          // the pod's CPU limit
  const std::string* node = nullptr;  // the node's name
  double local_gpu_speed = 1;    // Gpu::local
  RemoteGpuServer* server = nullptr;  // Gpu::remote
  int device = 0;
  int client_site = -1;
};

class PhaseRunner : public EventHandler {
public:
  PhaseRunner(ModelPorts ports, LocalGpuParameters local) : ports_(ports), local_(local) {}
  /// Runs the phases of inv's function; then resumes `done` with (kind, inv) (inv->status is
  /// error when the remote GPU refused the memory). `rng` draws the phases' times.
  void start(Invocation* inv, const PhasePlacement& where, RandomEngine& rng, EventHandler* done,
             std::uint32_t kind);
  void on_event(std::uint32_t kind, std::uint64_t payload) override;

  long long memory_refusals() const { return memory_refusals_; }

private:
  enum Kind : std::uint32_t { kHostDone, kConnected, kBytesMoved, kCallsDone, kPhaseDone };
  struct Run {
    Invocation* inv = nullptr;
    PhasePlacement where;
    RandomEngine* rng = nullptr;
    EventHandler* done = nullptr;
    std::uint32_t done_kind = 0;
    std::size_t phase = 0;
    double t_phase = 0;
    bool connected = false;
    bool holds_memory = false;
    bool gpu = false;  // the current phase runs its GPU part
    const char* ran_on = "cpu";
  };
  void next_phase(std::size_t slot);
  /// The GPU part of the current phase, after its host part.
  void gpu_part(std::size_t slot);
  void remote_compute(std::size_t slot);
  void end_phase(std::size_t slot);
  void finish(std::size_t slot);
  const FunctionPhases& phases_of(const Run& r) const;

  ModelPorts ports_;
  LocalGpuParameters local_;
  SlotPool<Run> runs_;
  std::string where_;  // scratch for the phase rows
  long long memory_refusals_ = 0;
};

} // namespace contsim::gpu
