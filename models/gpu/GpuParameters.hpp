// Model parameters of GPUs, in two calibration sections, each declared once with unit,
// default and the source of the default (docs/spec/gpu.md ids):
//   `gpu:`   a GPU on the machine that runs the function (PCIe copies, local CUDA calls);
//   `rcuda:` a remote GPU through rCUDA (the server's connection set-up and per-call time;
//            the network part comes from the platform's links) and its scheduler SSGM.
#pragma once
#include "sim/core/Parameters.hpp"

namespace contsim::gpu {

struct LocalGpuParameters {
  double pcie_bytes_per_s;
  double local_call_s;
};

struct RcudaParameters {
  double connection_setup_s;
  double server_call_s;
  double ssgm_call_s;
  double ssgm_retry_s;
};

const std::vector<ParamField<LocalGpuParameters>>& local_gpu_parameter_table();
const std::vector<ParamField<RcudaParameters>>& rcuda_parameter_table();
std::vector<ParamSpec> local_gpu_parameter_specs();
std::vector<ParamSpec> rcuda_parameter_specs();

} // namespace contsim::gpu
