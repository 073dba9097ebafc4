// The contract between the engine and a compute-platform model (Lambda, Batch, OSCAR...).
// The engine hands a model invocations at their trigger time; the model decides when they
// get resources, how long they run and what they cost, and hands them back through
// RecordPort::finished(). Models never touch SimGrid directly: shared resources are
// reached through the ports (sim/runtime/Ports.hpp).
#pragma once
#include "sim/core/Random.hpp"
#include "sim/engine/Calendar.hpp"
#include "sim/policy/ClusterStatus.hpp"
#include "sim/runtime/Invocation.hpp"
#include "sim/runtime/Ports.hpp"
#include "sim/scenario/ModelInputs.hpp"
#include "sim/scenario/ServiceConfig.hpp"
#include "sim/scenario/Workflow.hpp"
#include "sim/schema/InstanceWriter.hpp"
#include "sim/schema/TimelineRow.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace contsim {


/// What the simulator offers models: every port (Simulation implements them, routing by its
/// ServiceRouter).
class ServiceContext : public ClockPort,
                       public FunctionCatalog,
                       public DataPlane,
                       public ComputePlane,
                       public RecordPort,
                       public GpuPlane {
public:
  virtual Router& router() = 0;
  ModelPorts ports() { return ModelPorts{*this, *this, *this, *this, *this, router(), *this}; }
};

class ComputeService {
public:
  virtual ~ComputeService() = default;
  /// Called at inv->t_trigger.
  virtual void submit(Invocation* inv) = 0;
  virtual TimelineSample sample() = 0;
  /// The `platform` column of the trace (e.g. "lambda").
  virtual const std::string& platform_label() const = 0;
  /// Model-specific results for summary.json ("services": {NAME: ...}); called once at the end.
  virtual nlohmann::ordered_json summary() { return nlohmann::ordered_json::object(); }
  /// Provenance of every parameter the model used.
  virtual nlohmann::ordered_json parameters() const { return nlohmann::ordered_json::object(); }
  /// Costs not carried by any invocation's cost_usd (idle instances, ...), in USD.
  virtual double unattributed_cost_usd() const { return 0; }
  /// Still doing something on its own (instances booting or waiting to scale in), so the
  /// timeline keeps sampling after the last invocation.
  virtual bool active() const { return false; }
  /// The run is over at time `t`: close whatever is still up (instances kept by a minimum size).
  virtual void end_of_run(double /*t*/) {}
  /// A cluster's status for delegating services (OSCAR /system/status); false: not a cluster.
  virtual bool cluster_status(ClusterStatus& /*out*/) const { return false; }
  /// A file was stored under the service's watch `watch` (ServiceConfig::watches), told after
  /// the storage's event latency (an S3 event notification; what a poller would find).
  virtual void stored(int /*watch*/, const FileObject& /*file*/) {}
  /// The remote GPUs this service serves (a GPU server); null for any other service.
  virtual RemoteGpuServer* remote_gpus() { return nullptr; }
};

/// What a model is created from: its platform entry, its typed configuration (resolved with
/// the Plan, sim/scenario/ServiceConfig.hpp), the ports it acts through, its functions and the
/// compute hosts the simulator declared for it; never the whole scenario.
struct ServiceSetup {
  const ServiceDecl& decl;
  std::shared_ptr<const ServiceConfig> config;  // the model's own subclass
  ModelPorts ports;
  std::vector<int> functions;  // indices of the functions this service runs or receives by delegation
  std::vector<int> hosts;      // compute host index of each of config->hosts
  std::vector<int> watches;    // storage index of each of config->watches
  std::vector<int> writes;     // storage index of each of config->writes
};

} // namespace contsim
