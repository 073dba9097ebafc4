// GPU models (calibration `gpu_models:`, each citing its source): speed relative to the
// reference GPU that gpu_exec_time and phase GPU times are measured on (the Tesla M60 of the AWS
// calibration = 1), and device memory. A GPU server names one of them.
#pragma once
#include "sim/core/YamlReader.hpp"

#include <string>
#include <vector>

namespace contsim::gpu {

struct GpuModel {
  std::string name;
  double speed = 1;
  double memory_bytes = 0;
  std::string source;
  int line = 0;
};

class GpuCatalog {
public:
  /// Applies one layer of `gpu_models:` (a known name is updated key by key, a new one added).
  void apply(const YamlRef& section);
  const GpuModel* find(const std::string& name) const;
  std::vector<std::string> names() const;

private:
  std::vector<GpuModel> models_;
};

} // namespace contsim::gpu
