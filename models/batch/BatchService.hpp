// AWS Batch as SCAR uses it (execution_mode batch, and lambda-batch's fallback): one managed
// compute environment + job queue + job definition per function (real-systems.md §1.3).
// Jobs arrive delegated from Lambda. Per job (states in out/job_states.csv):
//   SUBMITTED ─ submit_to_runnable ─ PENDING/RUNNABLE ─(queue; scheduler rounds; instances
//   launch and boot)─ STARTING (t_start: placed on an instance; image pull on its first job
//   there, else the agent's registry check; container start) ─ RUNNING (t_billed_from:
//   stage-in, exec, stage-out) ─ SUCCEEDED (t_end).
// The scheduler works in rounds, not per event: a change it acts on (a job RUNNABLE, a job
// ended, an instance registered) brings a round scheduler_delay later, and that round places
// every queued job that fits and asks for the missing capacity in one scale-up. Instances asked
// for in one round are one request to EC2 (AWS: Batch "generates a list of instances" for the
// RUNNABLE jobs and hands it to the Auto Scaling group or Spot Fleet), so they share one
// launch_delay draw; each then boots on its own draw.
// Execution time: a GPU job on a GPU instance uses the profile's gpu_exec_time scaled by the
// GPU's speed; any other job the CPU profile at min(job vCPUs, instance vCPUs) × cpu_speed.
// Cost: AWS bills instances (per second, 60 s minimum, launch to termination: instances.csv
// and the summary's billed cost); each trace row carries the job's *attributed* cost, its
// RUNNING seconds × hourly price ÷ jobs running beside it (how the published tables count).
// The difference (boot, idle, image pulls, scale-in wait) is reported as unattributed.
#pragma once
#include "models/batch/BatchConfig.hpp"
#include "models/batch/ComputeEnvironment.hpp"
#include "models/batch/InstanceCatalog.hpp"
#include "models/common/MachinePool.hpp"
#include "sim/core/Log.hpp"
#include "sim/runtime/ComputeService.hpp"

#include <vector>

namespace contsim::batch {

class BatchService : public ComputeService, public EventHandler, private common::MachinePool::Owner {
public:
  explicit BatchService(const ServiceSetup& setup);

  void submit(Invocation* inv) override;
  TimelineSample sample() override;
  const std::string& platform_label() const override { return label_; }
  nlohmann::ordered_json summary() override;
  nlohmann::ordered_json parameters() const override;
  double unattributed_cost_usd() const override { return machines_.billed_usd() - attributed_usd_; }
  bool active() const override { return pending_events_ > 0 || machines_.pending() > 0; }
  void end_of_run(double t) override;
  void on_event(std::uint32_t kind, std::uint64_t payload) override;


private:
  enum Kind : std::uint32_t { kRunnable, kLaunchDue, kRunning, kStagedIn, kExecEnd, kStagedOut, kRound };
  struct Environment {
    ComputeEnvironment ce;
    bool gpu_profile = false;     // jobs run on gpu_exec_time where the instance has a GPU
    ExecTimeModel cpu_exec;       // reference converted to vCPUs
    double image_bytes = 0;
    RandomEngine rng_delays;
    RandomEngine rng_exec;
    long long jobs = 0;
    long long launches = 0;
    long long launches_cancelled = 0;
    int max_instances_up = 0;
    std::string image;            // the function's container image (what the instance caches)
    bool round_pending = false;   // a scheduler round is due (kRound)
  };

  static std::uint64_t pack(int env, int instance, std::uint32_t epoch);
  static void unpack(std::uint64_t payload, int& env, int& instance, std::uint32_t& epoch);
  Environment& env_of(const Invocation* inv) { return envs_[env_index_[inv->function]]; }

  /// Something the scheduler acts on happened: a round comes scheduler_delay later (one at a time).
  void request_round(int env);
  /// The round: queued jobs onto instances with room (FIFO), then one scale-up for the rest.
  void run_round(int env);
  void start_job(int env, int instance, Invocation* inv);
  void job_done(Invocation* inv);
  void maybe_idle(int env, int instance);
  void close_instance(int env, int instance, bool up_at_end);
  void schedule(double delay, Kind kind, std::uint64_t payload);
  // the instance pool's callbacks (models/common/MachinePool.hpp); a key is env << 24 | instance
  static std::uint64_t machine_key(int env, int instance)
  {
    return (static_cast<std::uint64_t>(env) << 24) | static_cast<std::uint64_t>(instance);
  }
  common::Machine& machine(std::uint64_t key) override;
  void machine_ready(std::uint64_t key) override;
  void machine_idle(std::uint64_t key) override;

  ModelPorts ports_;
  std::shared_ptr<const BatchConfig> config_;         // resolved with the Plan
  std::unique_ptr<InstanceTypeSelection> selection_;  // the entry's allocation_strategy
  std::string label_ = "batch";
  std::string name_;
  int site_;
  common::MachinePool machines_;  // the instances' boot and idle events, instances.csv rows, totals
  const BatchParameters& p_;
  const Ec2Prices& prices_;
  std::vector<Environment> envs_;
  std::vector<int> env_index_;  // by workflow function index
  std::uint64_t next_instance_ = 1;
  long long pending_events_ = 0;
  double attributed_usd_ = 0;
  long long instances_launched_ = 0;
};

} // namespace contsim::batch
