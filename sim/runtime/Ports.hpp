// The narrow ports a model acts through: one small interface per kind of interaction, so that
// a model names what it needs and a new interaction (a GPU plane, a broker) widens one port,
// not every model's contract. The simulator implements all of them; a model gets ModelPorts.
#pragma once
#include "sim/core/Random.hpp"
#include "sim/engine/Calendar.hpp"
#include "sim/policy/ClusterStatus.hpp"
#include "sim/runtime/Invocation.hpp"
#include "sim/runtime/RemoteGpu.hpp"
#include "sim/scenario/Platform.hpp"
#include "sim/scenario/Workflow.hpp"
#include "sim/schema/InstanceWriter.hpp"

#include <string>

namespace contsim {

/// Simulated time and named random streams.
class ClockPort {
public:
  virtual ~ClockPort() = default;
  virtual Calendar& calendar() = 0;
  virtual RandomEngine stream(const std::string& name) const = 0;
};

/// The Plan's functions, read-only.
class FunctionCatalog {
public:
  virtual ~FunctionCatalog() = default;
  virtual const FunctionSpec& function(int index) const = 0;
};

/// Files between storage and where a function runs (transfers share SimGrid links).
class DataPlane {
public:
  virtual ~DataPlane() = default;
  /// Downloads inv->input to `site`; resumes `handler` with `kind` when done.
  virtual void stage_in(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind) = 0;
  /// Generates inv->outputs (the function's output rules through its FDL outputs).
  virtual void produce_outputs(Invocation* inv) = 0;
  /// Uploads inv->outputs from `site`; each stored file triggers its consumers; resumes when all are stored.
  virtual void stage_out(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind) = 0;
  /// Moves `bytes` between two sites that are not files (a remote GPU's traffic), sharing the
  /// links with every other transfer; resumes `handler` with (kind, payload), at once (before
  /// returning) when nothing crosses a link.
  virtual void transfer(int from_site, int to_site, double bytes, EventHandler* handler, std::uint32_t kind,
                        std::uint64_t payload) = 0;
  /// A service stores `file` (its storage and key set) from `from_site`: the upload shares the
  /// links, then the file triggers its consumers like any other; resumes `handler` when stored.
  virtual void put(const FileObject& file, int from_site, EventHandler* handler, std::uint32_t kind,
                   std::uint64_t payload) = 0;
  /// Where a storage provider is (the site its transfers start or end at).
  virtual int storage_site(int storage) const = 0;
  /// One round trip between two sites: twice the latency of the link between them (or of the
  /// site's own network when they are the same); 0 when no link is declared.
  virtual double round_trip_s(int site_a, int site_b) const = 0;
};

/// Machines whose CPU the work placed on them shares (SimGrid hosts). They are declared by the
/// Plan (Plan::hosts, from each service's configuration); a model gets its hosts' indices.
class ComputePlane {
public:
  virtual ~ComputePlane() = default;
  /// Runs `work` core-seconds (reference speed) on a compute host with at most `max_cores`.
  virtual void execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
                       std::uint64_t payload) = 0;
};

/// What a model tells the run's records.
class RecordPort {
public:
  virtual ~RecordPort() = default;
  /// The invocation is over: it is traced and recycled. The model must not touch it afterwards.
  virtual void finished(Invocation* inv) = 0;
  /// Records a job state change (out/job_states.csv) at the current time.
  virtual void job_state(const Invocation& inv, const char* state) = 0;
  /// Records a machine that went away, or was still up at the end (out/instances.csv).
  virtual void instance_closed(const InstanceRecord& record) = 0;
  /// A phase of `inv` ended (out/phases.csv): `ran_on` platform, cpu, gpu or rcuda.
  virtual void phase(const Invocation& inv, const char* phase, const char* ran_on, const std::string& where,
                     double t_start, double t_end) = 0;
  /// A remark about the set-up, listed in summary.json's `warnings` and printed by the CLI.
  virtual void warn(const std::string& message) = 0;
};

/// Events between services: SCAR delegation, OSCAR replicas and their answers.
class Router {
public:
  virtual ~Router() = default;
  /// Hands the event of `inv` to the function's delegation target (e.g. AWS Batch for SCAR's
  /// batch and lambda-batch modes) as a new attempt, triggered now. Marks `inv` delegated
  /// (status, delegated_to, mechanism); the caller still finishes it.
  virtual void delegate(Invocation* inv, const std::string& mechanism) = 0;
  /// Hands a copy of `event` (its function, input, id and origin) to replica `replica` of its
  /// function as a new attempt there. The answer reaches `reply` after the round trip; a replica
  /// that is not on the platform refuses at once.
  virtual void delegate_to_replica(const Invocation& event, int replica, const Reply& reply) = 0;
  /// A service that got `inv` by replica delegation answers its caller (no-op otherwise).
  virtual void answer(Invocation* inv, bool accepted) = 0;
  /// What OSCAR's GET /system/status tells now about the cluster of replica `replica` of
  /// `function` (the round trip in status_latency_s); false when that replica is not on the
  /// platform or its service reports no cluster status (an endpoint).
  virtual bool replica_status(int function, int replica, ClusterStatus& out) const = 0;
};

/// GPUs that are not on the model's own machines: the platform's GPU servers (rCUDA).
class GpuPlane {
public:
  virtual ~GpuPlane() = default;
  /// The GPU server that platform service `service` is (FunctionSpec::remote_gpu_service); null
  /// when that service is no GPU server.
  virtual RemoteGpuServer* gpu_server(int service) = 0;
};

/// Everything a model may call, port by port.
struct ModelPorts {
  ClockPort& clock;
  FunctionCatalog& functions;
  DataPlane& data;
  ComputePlane& compute;
  RecordPort& records;
  Router& router;
  GpuPlane& gpus;
};

} // namespace contsim
