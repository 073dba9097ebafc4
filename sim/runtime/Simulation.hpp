// One simulation run of a Plan: creates the services (models from the registry) and the
// workload, runs them on SimGrid, and sends every record to its sinks (out/trace.csv,
// timeline.csv, instances.csv, job_states.csv, and the summary behind out/summary.json).
// It is the ServiceContext the models call back into (stage-in/out, finished).
#pragma once
#include "sim/core/SlotPool.hpp"
#include "sim/engine/Network.hpp"
#include "sim/runtime/ComputeService.hpp"
#include "sim/runtime/InvocationPool.hpp"
#include "sim/runtime/ServiceRegistry.hpp"
#include "sim/runtime/ServiceRouter.hpp"
#include "sim/scenario/Plan.hpp"
#include "sim/scenario/Workload.hpp"
#include "sim/schema/OutputDirectory.hpp"
#include "sim/schema/RepetitionSummary.hpp"
#include "sim/schema/SummaryWriter.hpp"

#include <memory>
#include <string>
#include <vector>

namespace contsim {

class Simulation : public ServiceContext, public EventHandler {
public:
  /// Creates the services (their own configuration errors throw InputError before anything runs).
  /// `plan` must outlive the Simulation.
  /// What the run writes: every file, or summary.json alone (a sweep's points, unless
  /// --keep-traces: the statistics are the same, the disk and the time spent writing are not).
  enum class Outputs { all, summary_only };
  Simulation(const Plan& plan, const ServiceRegistry& registry, std::string out_dir, Outputs outputs = Outputs::all);
  ~Simulation() override;

  /// Runs on SimGrid (once per process) and writes the outputs.
  void run();

  const nlohmann::ordered_json& summary() const { return summary_json_; }
  std::uint64_t events_processed() const { return calendar_.events_processed(); }

  // ServiceContext
  Calendar& calendar() override { return calendar_; }
  RandomEngine stream(const std::string& name) const override { return streams_.stream(name); }
  const FunctionSpec& function(int index) const override { return workflow_.functions[index]; }
  void stage_in(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind) override;
  void produce_outputs(Invocation* inv) override;
  void stage_out(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind) override;
  void finished(Invocation* inv) override;
  Router& router() override { return router_; }
  void execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
               std::uint64_t payload) override;
  void job_state(const Invocation& inv, const char* state) override;
  void instance_closed(const InstanceRecord& record) override;
  void phase(const Invocation& inv, const char* phase, const char* ran_on, const std::string& where, double t_start,
             double t_end) override;
  void transfer(int from_site, int to_site, double bytes, EventHandler* handler, std::uint32_t kind,
                std::uint64_t payload) override;
  double round_trip_s(int site_a, int site_b) const override;
  void put(const FileObject& file, int from_site, EventHandler* handler, std::uint32_t kind,
           std::uint64_t payload) override;
  int storage_site(int storage) const override { return workflow_.storages[storage].site; }
  RemoteGpuServer* gpu_server(int service) override;
  void warn(const std::string& message) override { warnings_.push_back(message); }

  void on_event(std::uint32_t kind, std::uint64_t payload) override;

private:
  enum Kind : std::uint32_t {
    kArrival, kUploaded, kRequestArrived, kTrigger, kStageInRequested, kStageIn, kPutRequested, kStageOut,
    kSample, kWatched, kPut
  };
  /// A stored file on its way to a service that watches its path.
  struct WatchEvent {
    int service;
    int watch;
    FileObject file;
  };
  /// A service's own upload (DataPlane::put) while it crosses the links.
  struct PutSlot {
    FileObject file;
    EventHandler* handler;
    std::uint32_t kind;
    std::uint64_t payload;
  };
  /// A workload source while it runs: its resolution in the Plan, its generator, its next arrival.
  struct Source {
    const PlannedSource* plan;
    std::unique_ptr<ArrivalGenerator> generator;
    Upload next;
    // The functions its uploads trigger, when the folder decides that whatever the names
    // (Workflow::triggered_by_folder): matched once, not for every upload.
    bool triggers_known = false;
    std::vector<int> triggers;
  };

  void send_request(Source& src);
  void start();
  void finish_outputs();
  void store_file(const FileObject& file);
  /// store_file() of a file the caller is done with: its strings move to an invocation.
  void store_file_taking(FileObject& file);
  /// `triggers`: the functions the file triggers, when known already (else they are looked up).
  void store_file(const FileObject& file, FileObject* ours, const std::vector<int>* triggers = nullptr);
  /// The request round trips a transfer between `site` and `storage` costs on top of its bytes
  /// (StorageProvider: connection set-up when `new_connection`, then the request itself).
  double request_overhead_s(int site, int storage, bool new_connection) const;
  void put_outputs(Invocation* inv);
  void start_put(Invocation* inv);
  void sample_timeline();

  const Plan& plan_;
  const Scenario& scenario_;
  const Workflow& workflow_;
  std::string out_dir_;
  Outputs outputs_;
  Calendar calendar_;
  RandomStreams streams_;
  Network* network_ = nullptr;
  std::vector<const ServiceDecl*> service_decls_;
  std::vector<std::unique_ptr<ComputeService>> services_;
  std::vector<Source> sources_;
  std::vector<RandomEngine> output_rngs_;  // one per function
  std::vector<std::string> warnings_;

  InvocationPool invocations_;
  ServiceRouter router_;  // the Router port: delegation, replica calls and answers
  SlotPool<FileObject> uploads_;
  std::vector<std::size_t> upload_source_;  // per upload slot: the source it came from
  SlotPool<WatchEvent> watch_events_;
  SlotPool<PutSlot> puts_;
  bool any_watch_ = false;
  std::vector<int> trigger_scratch_;

  std::unique_ptr<OutputDirectory> files_;
  std::unique_ptr<RunSummary> summary_;
  std::vector<RecordSink*> sinks_;  // uploads and the run's start go to each: the files, the summary
  // Attempts go to these: the same, but the summary when it follows the trace on its writer
  // thread (OutputDirectory::follow_attempts: its statistics then cost the simulation nothing).
  std::vector<RecordSink*> attempt_sinks_;
  nlohmann::ordered_json summary_json_;

  long long pending_uploads_ = 0;
  long long active_sources_ = 0;
  // `runs: N`: the run in progress (0-based), where its arrival times start, and whether the
  // next run waits for this one to drain.
  int run_index_ = 0;
  double run_offset_ = 0;
  bool waiting_for_drain_ = false;
  std::unique_ptr<RepetitionSummary> repetitions_;
  long long timeline_samples_ = 0;
  static constexpr long long kMaxTimelineSamples = 1000000;
  /// Counts a source out; after the last one the drain limit starts counting.
  void source_exhausted();
  /// The source's next arrival on the calendar, or the source counted out.
  void schedule_next_arrival(std::uint64_t source);
  /// Every source's first arrival of the run starting at `offset`.
  void start_sources(double offset);
  /// `runs: N`: starts the next run once the current one has nothing in flight.
  void start_next_run_if_drained();
  long long dropped_outputs_ = 0;
};

} // namespace contsim
