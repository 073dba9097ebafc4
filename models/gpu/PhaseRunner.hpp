// Runs a function's phases (sim/scenario/FunctionPhases.hpp) one after the other where the
// function was placed, and records each one (out/phases.csv):
//   cpu    the phase's CPU part on the node, sharing its CPU (the compute plane);
//   gpu    a GPU of the node, held whole by the pod (device plugin): the phase's host CPU part,
//          then GPU time at the GPU's speed + bytes over PCIe + calls x a local call (`gpu:`);
//   rcuda  a remote GPU (rCUDA). When the first GPU phase starts the client opens its session on
//          the server (with SSGM: admitted, queued, told busy, or refused; the wait is a
//          `gpu_wait` row; busy: it asks again after ssgm_retry_s; refused or out of memory: the
//          attempt fails with status error, as the script would). Then per GPU phase: the host
//          CPU part on the node; on the first, the connection (connection_setup_s); the phase's
//          bytes over the links between the client's site and the server's (shared with every
//          other transfer); calls x (round trip + server_call_s); the GPU time on the device,
//          shared by time with the other clients. The parts follow one another: the sum
//          gpu.md §2.1 gives (no overlap).
// Phases without a GPU part run on the CPU wherever the function is.
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
  int node_host = -1;                 // the node's compute host (CPU parts); -1: a CPU of its own (Lambda)
  double cpu_cores = 1;               // the pod's CPU limit
  const std::string* node = nullptr;  // the node's name
  double local_gpu_speed = 1;         // Gpu::local
  RemoteGpuServer* server = nullptr;  // Gpu::remote
  int device = 0;                     // the client's choice (RCUDA_DEVICE_0); SSGM may grant another
  int client_site = -1;
};

class PhaseRunner : public EventHandler {
public:
  PhaseRunner(ModelPorts ports, LocalGpuParameters local) : ports_(ports), local_(local) {}
  /// Runs the phases of inv's function; then resumes `done` with (kind, inv) (inv->status is
  /// error when the remote GPU refused the client). `rng` draws the phases' times.
  void start(Invocation* inv, const PhasePlacement& where, RandomEngine& rng, EventHandler* done,
             std::uint32_t kind);
  void on_event(std::uint32_t kind, std::uint64_t payload) override;

private:
  enum Kind : std::uint32_t { kAdmitted, kRetry, kHostDone, kConnected, kBytesMoved, kCallsDone, kPhaseDone };
  struct Run {
    Invocation* inv = nullptr;
    PhasePlacement where;
    RandomEngine* rng = nullptr;
    EventHandler* done = nullptr;
    std::uint32_t done_kind = 0;
    std::size_t phase = 0;
    double t_phase = 0;
    bool in_session = false;  // remote: the server granted a session
    bool connected = false;   // remote: the first call's connection is made
    std::uint64_t session = 0;
    const char* ran_on = "cpu";
  };
  void next_phase(std::size_t slot);
  void host_part(std::size_t slot);
  void gpu_part(std::size_t slot);
  void admitted(std::size_t slot);
  void end_phase(std::size_t slot, const char* name);
  void finish(std::size_t slot);
  const FunctionPhase& phase_of(const Run& r) const;

  ModelPorts ports_;
  LocalGpuParameters local_;
  SlotPool<Run> runs_;
  std::string where_;  // scratch for the phase rows
};

} // namespace contsim::gpu
