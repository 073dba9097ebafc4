// SSGM, rCUDA's Simple Scheduler for GPU Management (gpu.md §2.2): SSGMD's decision for a
// request of one GPU with some of its memory, as a pure function of its GPU table (what the GPU
// Monitors report: jobs running and memory in use per GPU). The policy is not named in the
// source (SS5); modelled as first fit in device order over GPUs with room: fewer jobs than the
// per-GPU cap (`jobs_per_gpu`, 0 = no cap; 1 = exclusive, R17) and, when `check_memory`, enough
// free memory. A request no GPU could ever hold (more memory than any device has, when checked)
// is `impossible`, refused at once in both modes (SS4). Blocking or not is the caller's
// business: SSGMD holds a blocking request in its own queue and decides again when a job ends.
#pragma once
#include <vector>

namespace contsim {

struct SsgmGpu {
  double memory_bytes = 0;
  double reserved_bytes = 0;  // by the jobs it granted
  int jobs = 0;
};

struct SsgmSettings {
  int jobs_per_gpu = 0;      // 0: no cap
  bool check_memory = true;  // orchGPU asks for GPUs only (O8): then memory is not checked
};

enum class SsgmAnswer { granted, busy, impossible };

/// The answer to a request of one GPU with `memory_bytes`; `device` is the granted GPU.
SsgmAnswer ssgm_decide(const std::vector<SsgmGpu>& gpus, const SsgmSettings& settings, double memory_bytes,
                       int& device);

} // namespace contsim
