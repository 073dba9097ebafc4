// A GPU server on the platform (kind gpu-server): it runs no FDL function itself; it serves the
// CUDA calls of rCUDA clients (PhaseRunner) on its devices. A client's session is admitted at
// once (no scheduler) or by SSGM (sim/policy/GpuScheduler.hpp): after ssgm_call_s, granted,
// busy (non-blocking) or queued until a job ends (blocking, in request order), or impossible.
// Each device keeps a memory ledger: a granted client whose allocation does not fit fails
// (no isolation, gpu.md §2.1). summary.json counts sessions, peaks and refusals per device.
#pragma once
#include "models/gpu/GpuServerConfig.hpp"
#include "sim/core/SlotPool.hpp"
#include "sim/runtime/ComputeService.hpp"

#include <deque>
#include <vector>

namespace contsim::gpu {

class GpuServerService : public ComputeService, public RemoteGpuServer, public EventHandler {
public:
  explicit GpuServerService(const ServiceSetup& setup);

  // ComputeService
  void submit(Invocation* inv) override;
  TimelineSample sample() override;
  const std::string& platform_label() const override { return label_; }
  nlohmann::ordered_json summary() override;
  nlohmann::ordered_json parameters() const override;
  RemoteGpuServer* remote_gpus() override { return this; }
  double unattributed_cost_usd() const override { return billed_usd_; }
  void end_of_run(double t) override;

  // RemoteGpuServer
  int device_count() const override { return static_cast<int>(devices_.size()); }
  const GpuDevice& device(int index) const override { return devices_[index].device; }
  const RemoteGpuCosts& costs() const override { return costs_; }
  std::uint64_t open_session(int device, double memory_bytes, EventHandler* handler, std::uint32_t kind,
                             std::uint64_t payload) override;
  std::uint64_t request_job(EventHandler* handler, std::uint32_t kind, std::uint64_t payload) override;
  const GpuSession& session(std::uint64_t id) const override { return sessions_[id].state; }
  void close_session(std::uint64_t id) override;

  void on_event(std::uint32_t kind, std::uint64_t payload) override;

private:
  enum Kind : std::uint32_t { kDecide, kAnswer };
  struct Session {
    GpuSession state;
    double memory_bytes = 0;
    bool client = true;     // an rCUDA client (memory, client counts); false: an SSGM job only
    bool via_ssgm = false;  // SSGM decides and counts it as a job
    bool holds = false;     // granted: counted on its device
    double t_granted = 0;
    EventHandler* handler = nullptr;
    std::uint32_t kind = 0;
    std::uint64_t payload = 0;
  };
  struct Device {
    GpuDevice device;
    double allocated_bytes = 0;  // what the clients hold on the device
    double peak_allocated_bytes = 0;
    int clients = 0;
    int peak_clients = 0;
    long long sessions = 0;
    long long memory_refusals = 0;
  };
  /// SSGM's decision for a session; false when it has to wait (blocking, busy).
  std::uint64_t open(int device, double memory_bytes, bool client, EventHandler* handler, std::uint32_t kind,
                     std::uint64_t payload);
  bool decide(std::uint64_t id);
  void grant(std::uint64_t id, int device);
  void answer(std::uint64_t id);

  const GpuServerConfig& config_;
  ModelPorts ports_;
  std::string label_ = "gpu-server";
  RemoteGpuCosts costs_;
  std::vector<Device> devices_;
  SlotPool<Session> sessions_;
  std::deque<std::uint64_t> queued_;  // blocking SSGM: sessions waiting for a GPU, in request order
  std::vector<SsgmGpu> ssgm_table_;  // what SSGM sees per device: jobs and reserved memory
  long long busy_answers_ = 0, impossible_answers_ = 0, queued_total_ = 0, ssgm_jobs_ = 0;
  double billed_usd_ = 0, billed_s_ = 0, energy_wh_ = -1, up_s_ = 0;
  double session_s_ = 0, job_s_ = 0;  // client sessions and SSGM jobs, summed over their lengths
};

} // namespace contsim::gpu
