#include "sim/policy/GpuScheduler.hpp"

namespace contsim {

SsgmAnswer ssgm_decide(const std::vector<SsgmGpu>& gpus, const SsgmSettings& settings, double memory_bytes,
                       int& device)
{
  bool possible = false;
  for (std::size_t i = 0; i < gpus.size(); ++i) {
    const SsgmGpu& g = gpus[i];
    bool memory_ever = !settings.check_memory || memory_bytes <= g.memory_bytes;
    possible = possible || memory_ever;
    bool cap = settings.jobs_per_gpu == 0 || g.jobs < settings.jobs_per_gpu;
    bool memory_now = !settings.check_memory || g.reserved_bytes + memory_bytes <= g.memory_bytes;
    if (memory_ever && cap && memory_now) {
      device = static_cast<int>(i);
      return SsgmAnswer::granted;
    }
  }
  return possible ? SsgmAnswer::busy : SsgmAnswer::impossible;
}

} // namespace contsim
