// One simulation run: builds the workflow, the services and the workload from a Scenario,
// runs them on SimGrid, and writes out/trace.csv, out/timeline.csv, out/instances.csv,
// out/job_states.csv and out/summary.json.
// It is the ServiceContext the models call back into (stage-in/out, finished).
#pragma once
#include "sim/runtime/ComputeService.hpp"
#include "sim/schema/OutputDirectory.hpp"
#include "sim/engine/Network.hpp"
#include "sim/core/Parameters.hpp"
#include "sim/runtime/ServiceRegistry.hpp"
#include "sim/schema/SummaryWriter.hpp"
#include "sim/scenario/Workload.hpp"

#include <memory>
#include <string>
#include <vector>

namespace contsim {

class Simulation : public ServiceContext, public EventHandler {
public:
  /// Validates everything the run needs (throws InputError before anything runs).
  Simulation(const Scenario& scenario, const ServiceRegistry& registry, std::string out_dir);
  ~Simulation() override;

  /// Runs on SimGrid (once per process) and writes the outputs.
  void run();

  const nlohmann::ordered_json& summary() const { return summary_json_; }
  std::uint64_t events_processed() const { return calendar_.events_processed(); }
  const Workflow& workflow() const { return workflow_; }

  // ServiceContext
  Calendar& calendar() override { return calendar_; }
  RandomEngine stream(const std::string& name) const override { return streams_.stream(name); }
  const FunctionSpec& function(int index) const override { return workflow_.functions[index]; }
  void stage_in(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind) override;
  void produce_outputs(Invocation* inv) override;
  void stage_out(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind) override;
  void finished(Invocation* inv) override;
  void delegate(Invocation* inv, const std::string& mechanism) override;
  void delegate_to_replica(const Invocation& event, int replica, const Reply& reply) override;
  void answer(Invocation* inv, bool accepted) override;
  int add_compute_host(const ComputeHostSpec& spec) override;
  void execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
               std::uint64_t payload) override;
  void job_state(const Invocation& inv, const char* state) override;
  void instance_closed(const InstanceRecord& record) override;
  void warn(const std::string& message) override { warnings_.push_back(message); }
  const BillingOptions& billing() const override { return scenario_.billing; }
  const std::string& price_table_file() const override { return scenario_.price_table_file; }

  void on_event(std::uint32_t kind, std::uint64_t payload) override;

private:
  enum Kind : std::uint32_t { kArrival, kUploaded, kRequestArrived, kTrigger, kStageIn, kStageOut, kSample };
  struct Source {
    const WorkloadSource* spec;
    int storage = -1;
    std::string path;
    int from_site = -1;
    int function = -1;  // `invoke:` sources: the function each request calls
    std::unique_ptr<ArrivalGenerator> generator;
    Upload next;
  };
  struct StageOutSlot {
    Invocation* inv;
    std::size_t output;
  };

  void check_calibration_keys(const ServiceRegistry& registry) const;
  void build_workflow(const ServiceRegistry& registry);
  int resolve_storage(const StorageIo& io, const FdlFunction& fn);
  int delegation_target(const ServiceRegistry& registry, const FdlFunction& fn) const;
  /// Resolves OSCAR `replicas` against the platform; adds a function per endpoint replica.
  void resolve_replicas(const ServiceRegistry& registry, std::vector<std::vector<int>>& served);
  int endpoint_function(const ServiceRegistry& registry, int origin, const EndpointDecl& endpoint,
                        std::vector<std::vector<int>>& served);
  double one_way_latency(int site_a, int site_b) const;
  /// The services whose `test` (serves, accepts_delegation) accepts `fn`, and why the others don't.
  struct ServiceMatch {
    int first = -1;
    std::vector<std::string> candidates;
    std::vector<std::string> reasons;
  };
  ServiceMatch match_services(const ServiceRegistry& registry, const FdlFunction& fn,
                              ServicePredicate ModelEntry::*test) const;
  void build_workload();
  void build_request_source(const WorkloadSource& w, Source& src);
  void send_request(Source& src);
  void start();
  void finish_outputs();
  void store_file(const FileObject& file);
  Invocation* acquire();
  void release(Invocation* inv);
  void sample_timeline();

  const Scenario& scenario_;
  std::string out_dir_;
  Calendar calendar_;
  RandomStreams streams_;
  Network* network_ = nullptr;
  ParameterSet storage_params_;
  Workflow workflow_;
  std::vector<const ServiceDecl*> service_decls_;
  std::vector<ComputeHostSpec> compute_hosts_;
  std::vector<std::unique_ptr<ComputeService>> services_;
  std::vector<Source> sources_;
  std::vector<RandomEngine> output_rngs_;  // one per function
  std::vector<std::string> not_simulated_functions_;
  std::vector<std::string> warnings_;

  std::vector<std::unique_ptr<Invocation>> invocation_storage_;
  std::vector<Invocation*> free_invocations_;
  std::vector<FileObject> uploads_;
  std::vector<std::size_t> free_uploads_;
  std::vector<StageOutSlot> stage_out_slots_;
  std::vector<std::size_t> free_stage_out_slots_;
  std::vector<int> trigger_scratch_;

  std::unique_ptr<OutputDirectory> files_;
  std::unique_ptr<RunSummary> summary_;
  std::vector<RecordSink*> sinks_;  // every record goes to each: the files, the summary
  nlohmann::ordered_json summary_json_;

  std::uint64_t next_id_ = 1;
  long long in_flight_ = 0;
  long long pending_uploads_ = 0;
  long long active_sources_ = 0;
  long long dropped_outputs_ = 0;
};

} // namespace contsim
