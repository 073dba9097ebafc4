#include "models/gpu/GpuParameters.hpp"

namespace contsim::gpu {

const std::vector<ParamField<LocalGpuParameters>>& local_gpu_parameter_table()
{
  static const std::vector<ParamField<LocalGpuParameters>> table{
      {{"pcie_bytes_per_s", 10.06e9, "B/s", "host-device copies on a local GPU (phases' GPU bytes)",
        "gpu.md R8: bandwidthTest 10.06 GB/s, local CUDA on a K40 (PCIe 3)", 1, 1e15},
       &LocalGpuParameters::pcie_bytes_per_s},
      {{"local_call_s", 5e-6, "s", "one synchronous CUDA call on a local GPU",
        "assumed: microseconds, no network (gpu.md §2.1 table)", 0, 1},
       &LocalGpuParameters::local_call_s},
  };
  return table;
}

const std::vector<ParamField<RcudaParameters>>& rcuda_parameter_table()
{
  static const std::vector<ParamField<RcudaParameters>> table{
      {{"connection_setup_s", 0.5, "s",
        "a client's first CUDA call: connect to the rCUDA server and create its server-side process",
        "assumed: middle of gpu.md U5 (0.1-2 s, 'non negligible' in S5 §4.3)", 0, 3600},
       &RcudaParameters::connection_setup_s},
      {{"server_call_s", 5e-6, "s", "server-side time of one forwarded synchronous call, beyond the round trip",
        "assumed: as a local call (gpu.md §2.1: remote = one round trip + server-side CUDA time)", 0, 1},
       &RcudaParameters::server_call_s},
      {{"ssgm_call_s", 0.05, "s", "one request to SSGM (the ssgm client's start + a TCP request/response to SSGMD)",
        "assumed: middle of gpu.md §2.2's estimate (10-100 ms)", 0, 3600},
       &RcudaParameters::ssgm_call_s},
      {{"ssgm_retry_s", 30, "s", "a client told 'busy' by a non-blocking SSGM asks again after this",
        "gpu.md O6: orchGPU's -s default (it sleeps 30 s, then retries the same request)", 0, 86400},
       &RcudaParameters::ssgm_retry_s},
  };
  return table;
}

std::vector<ParamSpec> local_gpu_parameter_specs()
{
  return specs_of(local_gpu_parameter_table());
}

std::vector<ParamSpec> rcuda_parameter_specs()
{
  return specs_of(rcuda_parameter_table());
}

} // namespace contsim::gpu
