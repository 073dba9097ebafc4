// The contract between the engine and a compute-platform model (Lambda, Batch, OSCAR...).
// The engine hands a model invocations at their trigger time; the model decides when they
// get resources, how long they run and what they cost, and hands them back through
// ServiceContext::finished(). Models never touch SimGrid directly: shared resources are
// reached through the context (stage-in/out transfers).
#pragma once
#include "sim/engine/Calendar.hpp"
#include "sim/policy/ClusterStatus.hpp"
#include "sim/schema/InstanceWriter.hpp"
#include "sim/schema/TimelineRow.hpp"
#include "sim/runtime/Invocation.hpp"
#include "sim/core/Random.hpp"
#include "sim/scenario/Scenario.hpp"
#include "sim/scenario/Workflow.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace contsim {


class ServiceContext {
public:
  virtual ~ServiceContext() = default;
  virtual Calendar& calendar() = 0;
  virtual RandomEngine stream(const std::string& name) const = 0;
  virtual const FunctionSpec& function(int index) const = 0;
  /// Downloads inv->input to `site`; resumes `handler` with `kind` when done.
  virtual void stage_in(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind) = 0;
  /// Generates inv->outputs (the function's output rules through its FDL outputs).
  virtual void produce_outputs(Invocation* inv) = 0;
  /// Uploads inv->outputs from `site`; each stored file triggers its consumers; resumes when all are stored.
  virtual void stage_out(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind) = 0;
  /// The invocation is over: it is traced and recycled. The model must not touch it afterwards.
  virtual void finished(Invocation* inv) = 0;
  /// Hands the event of `inv` to the function's delegation target (e.g. AWS Batch for
  /// SCAR's batch and lambda-batch modes) as a new attempt, triggered now. Marks `inv`
  /// delegated (status, delegated_to, mechanism); the caller still finishes it.
  virtual void delegate(Invocation* inv, const std::string& mechanism) = 0;
  /// Hands a copy of `event` (its function, input, id and origin) to replica `replica` of its
  /// function as a new attempt there. The answer reaches `reply` after the round trip; a replica
  /// that is not on the platform refuses at once. `mechanism` is recorded on the new attempt's
  /// parent row by the caller, not here.
  virtual void delegate_to_replica(const Invocation& event, int replica, const Reply& reply) = 0;
  /// A service that got `inv` by replica delegation answers its caller (no-op otherwise).
  virtual void answer(Invocation* inv, bool accepted) = 0;
  /// What OSCAR's GET /system/status tells now about the cluster of replica `replica` of
  /// `function` (the round trip in status_latency_s); false when that replica is not on the
  /// platform or its service reports no cluster status (an endpoint).
  virtual bool replica_status(int function, int replica, ClusterStatus& out) const = 0;
  /// Declares a machine whose CPU its work shares (before the run); returns its index.
  virtual int add_compute_host(const ComputeHostSpec& spec) = 0;
  /// Runs `work` core-seconds (reference speed) on a compute host with at most `max_cores`.
  virtual void execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
                       std::uint64_t payload) = 0;
  /// Records a job state change (out/job_states.csv) at the current time.
  virtual void job_state(const Invocation& inv, const char* state) = 0;
  /// Records a machine that went away, or was still up at the end (out/instances.csv).
  virtual void instance_closed(const InstanceRecord& record) = 0;
  /// A remark about the set-up, listed in summary.json's `warnings` and printed by the CLI.
  virtual void warn(const std::string& message) = 0;
  virtual const BillingOptions& billing() const = 0;
  virtual const std::string& price_table_file() const = 0;
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
};

struct ServiceSetup {
  const ServiceDecl& decl;
  const Scenario& scenario;
  ServiceContext& context;
  std::vector<int> functions;  // indices of the functions this service runs or receives by delegation

  /// The layers of one calibration section, in the order they apply: calibration file,
  /// scenario `parameters:`, and the platform entry's own `parameters:`.
  std::vector<YamlRef> layers(const std::string& section) const;
};

} // namespace contsim
