// An OSCAR cluster (Kubernetes + MinIO + CLUES) running the OSCAR services of its cluster_id.
// Per event (real-systems.md §2.2), states in out/job_states.csv:
//   MinIO upload → webhook → /job handler (job_creation_s)
//     ├─ Resource Manager on, service has replicas, cached view says no room
//     │    → DelegateJob (Delegated; trace status delegated, mechanism resource-manager)
//     └─ else a Kubernetes Job: Pending ─(scheduler binds it where it fits; CLUES powers nodes
//        on for pods pending too long)─ t_start ─ image pull on the node's first use of the
//        image (cold_start), container start ─ Running (stage-in, exec, stage-out) ─ Succeeded.
//   The Rescheduler, RESCHEDULER_INTERVAL after its last round ended (ManagerLoop.hpp), lists the
//   pods in phase Pending (unscheduled, or bound and still pulling the image or creating the
//   container) whose whole seconds since creation exceed the threshold, delegates them one
//   after the other and deletes each Job on success (Deleted; mechanism rescheduler): a bound
//   pod leaves its node before its container runs. A pod whose container started meanwhile is
//   not stopped: it runs to completion beside its delegated copy (status duplicate), the race
//   behind the duplicate outputs of E8 (Kubernetes would kill it after the 30 s grace period;
//   not modelled, see scenarios/README.md).
// DelegateJob tries the replicas in priority order; each POST is answered (201/200) or times
// out after delegation_timeout_s, then the next one is tried; all failing → run locally. A
// synchronous endpoint (API Gateway → Lambda) answers only when the function ends, so a slow
// one times out although it runs: that copy is a duplicate too.
// Synchronous requests (POST /run, Knative; KnativePath.cpp) skip Jobs and delegation: each
// service keeps long-lived pods serving one request at a time (containerConcurrency 1),
// created on demand up to `synchronous.max_scale` and removed after the autoscaler's stable
// window idle (the last one after the scale-to-zero grace too), never below `min_scale`.
// Execution shares the node's CPU through SimGrid (see SimgridDriver): the job's CPU limit
// bounds it; time = profile at that many vCPUs ÷ the node's cpu_speed when nothing competes.
#pragma once
#include "models/common/MachinePool.hpp"
#include "models/gpu/PhaseRunner.hpp"
#include "models/oscar/ManagerLoop.hpp"
#include "models/oscar/OscarConfig.hpp"
#include "models/oscar/ResourceManager.hpp"
#include "sim/core/Log.hpp"
#include "sim/core/Parameters.hpp"
#include "sim/core/SlotPool.hpp"
#include "sim/policy/DelegationPolicy.hpp"
#include "sim/runtime/ComputeService.hpp"

#include <deque>
#include <list>
#include <memory>
#include <vector>

namespace contsim::oscar {

class OscarService : public ComputeService, public EventHandler, private common::MachinePool::Owner {
public:
  explicit OscarService(const ServiceSetup& setup);

  void submit(Invocation* inv) override;
  TimelineSample sample() override;
  const std::string& platform_label() const override { return label_; }
  nlohmann::ordered_json summary() override;
  nlohmann::ordered_json parameters() const override;
  double unattributed_cost_usd() const override { return machines_.billed_usd(); }
  bool active() const override;
  void end_of_run(double t) override;
  bool cluster_status(ClusterStatus& out) const override;
  void on_event(std::uint32_t kind, std::uint64_t payload) override;


private:
  enum Kind : std::uint32_t {
    kHandle, kRunning, kStagedIn, kExecEnd, kStagedOut, kRmRefresh, kReschedulerTick, kCluesTick,
    kDelegationAccepted, kDelegationRefused, kDelegationTimeout,
    kKnativeWarmUp, kKnativeScaleDown, kKnativeTrim
  };
  struct Fn {
    int function = -1;
    kubernetes::Resources request;
    double cpu_cores = 0;
    std::string image;
    double image_bytes = 0;
    bool gpu = false;
    bool phased = false;             // the profile's phases are the run (phases.csv)
    int remote_gpu_service = -1;     // rCUDA: the gpu-server its GPU phases go to
    int remote_gpu_device = 0;
    ExecTimeModel cpu_exec;
    double rescheduler_threshold_s = 30;
    bool has_replicas = false;
    std::shared_ptr<const DelegationPolicy> delegation;  // FDL `delegation:` (static by default)
    RandomEngine rng_delegation;
    RandomEngine rng_exec;
    long long events = 0, jobs = 0, cold = 0;
    // the synchronous path: Knative pods of this service
    int min_scale = 0, max_scale = 0;  // max 0: unbounded
    std::deque<Invocation*> waiting;   // requests the activator holds until a pod is free
    std::vector<int> idle_pods;        // ready pods with no request, the latest freed last
    int pods = 0;                      // pending, starting, idle or busy
    int pods_starting = 0;             // pending or starting: will serve `waiting` soon
    int pods_pending = 0;              // of those, not bound to a node yet
    bool trim_scheduled = false;
    long long requests = 0, cold_requests = 0, request_timeouts = 0, pods_created = 0;
  };
  struct Pod {
    enum class State { free, pending, starting, running, idle, gone };
    State state = State::free;
    Invocation* inv = nullptr;
    int fn = -1;
    int node = -1;
    double created = 0;
    int references = 0;      // Rescheduler requests that still refer to this slot
    int remote_copies = 0;   // attempts created elsewhere for its event
    std::list<int>::iterator queued;
    // Knative pods only
    bool knative = false;
    bool prewarmed = false;   // a min_scale pod up before the run starts
    long long served = 0;
    double t_ready = 0;
    std::uint32_t idle_epoch = 0;
    bool grace_taken = false;
  };
  struct Delegation {
    bool active = false;
    Invocation event;        // what the request carries (id, function, input, origin)
    Invocation* inv = nullptr;  // the Resource Manager path: the event itself, not yet a job
    int pod = -1;            // the Rescheduler path: the pending pod
    std::vector<int> order;  // replica indices, in the order the policy chose
    std::size_t next_replica = 0;  // into `order`
    std::uint32_t attempt = 0;
    int remote_copies = 0;
    std::string last_target;
  };

  Fn& fn_of(const Invocation* inv) { return fns_[fn_index_[inv->function]]; }
  void handle(Invocation* inv);
  void create_job(Invocation* inv, int remote_copies, const std::string& delegated_to, const char* mechanism);
  void dispatch();
  void start_pod(int pod, int node);
  void pod_done(Invocation* inv);
  void release_pod(int pod);

  int new_pod_slot();
  // the synchronous path (KnativePath.cpp)
  void sync_request(Invocation* inv);
  void serve_waiting(int fn);
  void create_knative_pod(int fn, bool prewarmed);
  void knative_pod_ready(int pod);
  void knative_pod_idle(int pod);
  void knative_request_done(Invocation* inv);
  void knative_scale_down(int pod, std::uint32_t epoch);
  void knative_trim(int fn);

  void start_delegation(Invocation* inv, int pod);
  /// The replicas DelegateJob tries, in order, as the function's delegation policy decides now.
  std::vector<int> delegation_order(Fn& fn);
  void try_next_replica(int slot);
  void delegation_succeeded(int slot);
  void delegation_failed(int slot);
  void finish_delegation(int slot);
  static std::uint64_t pack(int index, std::uint32_t tag)
  {
    return (static_cast<std::uint64_t>(index) << 32) | tag;
  }

  void rescheduler_tick();
  void next_rescheduler_candidate();
  void clues_tick();
  void power_on(int node);
  // the node pool's callbacks (models/common/MachinePool.hpp); keys are node indices
  common::Machine& machine(std::uint64_t key) override;
  void machine_ready(std::uint64_t key) override;
  void machine_off(std::uint64_t key) override;
  void close_node(int node, bool up_at_end);
  /// CLUES ticks only while it can matter and restarts on the grid of its period.
  void wake(Kind tick, bool& scheduled, double period);
  /// The Resource Manager and the Rescheduler: their next round, where their loop has drifted to.
  void wake(Kind tick, ManagerLoop& loop);
  bool has_reschedulable_pods() const;
  void note_change() { changed_since_refresh_ = true; }
  /// Runs a phased function where its pod is: the node's CPU, its GPU, or the remote GPU.
  void start_phases(Invocation* inv, Pod& pod, Fn& fn);

  ModelPorts ports_;
  std::shared_ptr<const OscarConfig> config_;  // resolved with the Plan
  std::string label_ = "oscar";
  std::string name_;
  int site_;
  common::MachinePool machines_;  // the nodes' power-on/off events, instances.csv rows, totals
  const OscarSettings& settings_;
  const clues::Settings& clues_;
  std::unique_ptr<NodePlacement> placement_;  // the scheduler's scoring strategy
  Distribution image_check_, container_start_, job_creation_, power_on_, power_off_;
  // From the parameter tables (OscarParameters.cpp: defaults and sources live there only).
  double delegation_timeout_s_ = 0;
  double sync_timeout_s_ = 0;
  double knative_stable_window_s_ = 0;
  double knative_scale_to_zero_grace_s_ = 0;
  kubernetes::Cluster cluster_;
  ResourceManager rm_;
  RandomEngine rng_delays_;
  RandomEngine rng_nodes_;
  gpu::PhaseRunner phase_runner_;  // functions whose profile declares phases
  bool uses_gpu_phases_ = false;

  std::vector<Fn> fns_;
  std::vector<int> fn_index_;  // by workflow function
  SlotPool<Pod> pods_;
  std::list<int> pending_;     // pod slots in creation order, not bound to a node
  std::list<int> starting_;    // Job pods bound to a node, container not started (still phase Pending)
  std::vector<char> dispatch_failed_;              // scratch of dispatch(), by service
  std::vector<clues::PendingPod> clues_pending_;   // scratch of clues_tick()
  SlotPool<Delegation> delegations_;
  std::vector<int> resched_round_;
  std::size_t resched_pos_ = 0;
  bool resched_round_active_ = false;

  ManagerLoop rm_loop_, resched_loop_;
  bool clues_scheduled_ = false;
  bool changed_since_refresh_ = true;
  long long handling_ = 0;            // events between the webhook and the handler's decision
  long long running_pods_ = 0;        // bound to a node (Knative pods while idle too)
  long long knative_idle_ = 0;
  long long nodes_booting_or_draining_ = 0;

  long long events_ = 0, jobs_created_ = 0, delegated_rm_ = 0, delegated_rescheduler_ = 0;
  long long delegation_failures_ = 0, delegation_timeouts_ = 0, duplicates_ = 0;
  long long jobs_succeeded_ = 0;
  double succeeded_job_s_ = 0;  // Σ creation → finish of succeeded jobs (/system/logs, for TOPSIS)
  long long power_ons_ = 0, power_offs_ = 0, image_pulls_ = 0;
  int max_nodes_up_ = 0;
  bool energy_modelled_ = false;
};

} // namespace contsim::oscar
