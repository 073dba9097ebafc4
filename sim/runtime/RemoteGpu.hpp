// A server of remote GPUs (an rCUDA server node): its devices, each a compute host whose
// capacity concurrent clients share by time (as the driver time-slices contexts), and each
// device's memory, a capacity that clients' allocations may exceed (an error for the client,
// as no memory isolation existed in the rCUDA versions the papers used: gpu.md §2.1). A client
// opens a session before its first CUDA call; with SSGM on the server, the session is SSGM's job
// (granted, busy in non-blocking mode, queued in blocking mode, or impossible: gpu.md §2.2).
#pragma once
#include "sim/engine/Calendar.hpp"

#include <cstdint>
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
  double busy_retry_s = 0;        // a client told "busy" (non-blocking SSGM) asks again after this
};

/// The answer to a session request.
enum class GpuSessionAnswer {
  granted,        // the session runs on `device`
  busy,           // non-blocking SSGM: no GPU with room now (ask again later)
  impossible,     // SSGM: no GPU could ever hold the request
  out_of_memory,  // granted, but the device's memory cannot hold the client's allocation
};

struct GpuSession {
  GpuSessionAnswer answer = GpuSessionAnswer::busy;
  int device = 0;
  double t_requested = 0;
};

class RemoteGpuServer {
public:
  virtual ~RemoteGpuServer() = default;
  virtual int device_count() const = 0;
  virtual const GpuDevice& device(int index) const = 0;
  virtual const RemoteGpuCosts& costs() const = 0;
  /// An rCUDA client asks for a session on one GPU holding `memory_bytes` (`device` is its own
  /// choice, RCUDA_DEVICE_0, used unless SSGM decides). Through SSGM when the server's clients ask
  /// it themselves (`ssgm.clients_ask`). The answer reaches handler->on_event(kind, payload)
  /// later, never before this returns; read it with session().
  virtual std::uint64_t open_session(int device, double memory_bytes, EventHandler* handler, std::uint32_t kind,
                                     std::uint64_t payload) = 0;
  /// An SSGM job for one GPU, asked by an orchestrator for clients it dispatches (orchGPU's
  /// `ssgm -alloc -g 1`, no memory: O8); granted at once when the server has no SSGM. Released by
  /// close_session (`-dealloc`).
  virtual std::uint64_t request_job(EventHandler* handler, std::uint32_t kind, std::uint64_t payload) = 0;
  virtual const GpuSession& session(std::uint64_t id) const = 0;
  /// The client is done (granted sessions: memory freed, SSGM's job released; others: forgotten).
  virtual void close_session(std::uint64_t id) = 0;
};

} // namespace contsim
