// A server of remote GPUs (an rCUDA server node): its devices, each a compute host whose
// capacity concurrent clients share by time (as the driver time-slices contexts), and each
// device's memory, a capacity that clients' allocations may exceed (an error for the client,
// as no memory isolation existed in the rCUDA versions the papers used: gpu.md §2.1).
#pragma once
#include <string>

namespace contsim {

struct GpuDevice {
  std::string name;          // SERVER/gpuK
  int host = -1;             // the compute host that stands for it
  int site = -1;             // where the server is: clients' bytes cross the link to it
  double speed = 1;          // relative to the reference GPU of gpu_exec_time profiles
  double memory_bytes = 0;
};

/// The rCUDA server's costs beyond the network and the GPU time.
struct RemoteGpuCosts {
  double connection_setup_s = 0;  // a client's first call: connect, create its server-side process
  double server_call_s = 0;       // server-side time per forwarded synchronous call
};

class RemoteGpuServer {
public:
  virtual ~RemoteGpuServer() = default;
  virtual int device_count() const = 0;
  virtual const GpuDevice& device(int index) const = 0;
  virtual const RemoteGpuCosts& costs() const = 0;
  /// Reserves `bytes` of device memory for a client; false (and nothing reserved) when it does not fit.
  virtual bool allocate(int index, double bytes) = 0;
  virtual void release(int index, double bytes) = 0;
  /// A client's session on device `index` began or ended (for the server's summary).
  virtual void client_started(int index) = 0;
  virtual void client_ended(int index) = 0;
};

} // namespace contsim
