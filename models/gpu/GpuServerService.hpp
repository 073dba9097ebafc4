// A GPU server on the platform (kind gpu-server): it runs no FDL function itself; it serves the
// CUDA calls of rCUDA clients (PhaseRunner) on its devices, keeps each device's memory ledger
// (allocations beyond the device's memory are refused: no isolation, gpu.md §2.1) and counts
// its clients for summary.json.
#pragma once
#include "models/gpu/GpuServerConfig.hpp"
#include "sim/runtime/ComputeService.hpp"

#include <vector>

namespace contsim::gpu {

class GpuServerService : public ComputeService, public RemoteGpuServer {
public:
  explicit GpuServerService(const ServiceSetup& setup);

  // ComputeService
  void submit(Invocation* inv) override;
  TimelineSample sample() override;
  const std::string& platform_label() const override { return label_; }
  nlohmann::ordered_json summary() override;
  nlohmann::ordered_json parameters() const override;
  RemoteGpuServer* remote_gpus() override { return this; }

  // RemoteGpuServer
  int device_count() const override { return static_cast<int>(devices_.size()); }
  const GpuDevice& device(int index) const override { return devices_[index].device; }
  const RemoteGpuCosts& costs() const override { return costs_; }
  bool allocate(int index, double bytes) override;
  void release(int index, double bytes) override;
  void client_started(int index) override;
  void client_ended(int index) override;

private:
  struct Device {
    GpuDevice device;
    double allocated_bytes = 0;
    double peak_allocated_bytes = 0;
    int clients = 0;
    int peak_clients = 0;
    long long sessions = 0;
    long long refusals = 0;
  };
  const GpuServerConfig& config_;
  ModelPorts ports_;
  std::string label_ = "gpu-server";
  RemoteGpuCosts costs_;
  std::vector<Device> devices_;
};

} // namespace contsim::gpu
