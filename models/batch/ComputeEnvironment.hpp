// One managed AWS Batch compute environment with its job queue (SCAR creates one of each
// per function, named after it). This class holds the state and makes the decisions;
// BatchService drives it through time. Policy, as documented by AWS and modelled here:
//  - jobs leave the queue in FIFO order for the first ready instance with room; room is
//    counted in job slots: min(vCPUs, memory, GPUs for GPU jobs) / the job's request, so a
//    single-GPU instance runs one GPU job at a time;
//  - RUNNABLE jobs not covered by free slots, booting instances or launches already asked
//    for ask for one more instance: the cheapest allowed type that fits the job and keeps the
//    environment within max vCPUs (AWS's BEST_FIT); when the launch comes due it only happens
//    if jobs still need it;
//  - an instance's idle timer starts when it is left without jobs and the queue is empty (or
//    when a round empties the queue); if no job was placed on it when the timer comes due, it
//    is terminated as long as min vCPUs stay up, whatever has been queued since (AWS Batch
//    API, ComputeScalingPolicy: "If no new jobs are placed on the instance during this delay,
//    AWS Batch terminates the instance once the delay expires"). Jobs queued then wait for the
//    next round, which places them elsewhere or asks for capacity.
#pragma once
#include "models/batch/InstanceCatalog.hpp"
#include "models/batch/JobShape.hpp"
#include "models/common/ImageCache.hpp"
#include "models/common/Machine.hpp"
#include "sim/policy/InstanceTypeSelection.hpp"
#include "sim/runtime/Invocation.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace contsim::batch {

struct Instance {
  using State = common::MachineState;  // off: the slot is unused
  const InstanceType* type = nullptr;
  std::string name;
  int slots = 0;
  int jobs = 0;     // STARTING or RUNNING on it
  int running = 0;  // RUNNING: they share its price
  bool idle_watched = false;  // its idle timer runs (cleared when a job is placed on it)
  common::ImageCache images;  // Docker's pulled images (one function per environment: its image)
  common::Machine machine;  // its lifecycle: state, epoch (stale idle checks), up interval
  // Attributed cost: price per second ÷ jobs running, integrated over time (USD per job).
  double share_usd = 0;
  double share_t = 0;

  void advance_share(double now);
  int free_slots() const { return slots - jobs; }
};

class ComputeEnvironment {
public:
  ComputeEnvironment(std::string name, JobShape job, std::vector<const InstanceType*> types, double min_vcpus,
                     double max_vcpus);

  /// How many jobs of this shape fit on one instance of type `t` (0 = none).
  static int slots_for(const InstanceType& t, const JobShape& job) { return job_slots(t, job); }

  const std::string& name() const { return name_; }
  const JobShape& job() const { return job_; }
  double min_vcpus() const { return min_vcpus_; }
  double max_vcpus() const { return max_vcpus_; }
  const std::vector<const InstanceType*>& types() const { return types_; }

  // Decisions.
  /// A ready instance with a free slot (lowest index first), or -1.
  int instance_with_room() const;
  /// RUNNABLE jobs that neither booting instances nor requested launches will take.
  int uncovered_jobs() const;
  /// The instance type the next launch request should ask for (the allocation strategy's
  /// choice), or nullptr when no allowed type fits within max vCPUs.
  const InstanceType* type_to_launch() const;
  /// The allocation strategy (sim/policy/InstanceTypeSelection.hpp); null: BEST_FIT.
  const InstanceTypeSelection* selection = nullptr;
  /// An idle instance whose timer came due: min vCPUs allow its termination.
  bool may_terminate(const Instance& instance) const;

  // Changes.
  void request_launch(const InstanceType* type);
  /// A requested launch comes due: true if an instance is still needed (the caller launches one).
  bool launch_due(const InstanceType* type);
  int launch(const InstanceType* type, const std::string& name, double now, bool ready);
  void terminate(int index);

  std::deque<Invocation*> queue;  // RUNNABLE jobs, FIFO
  std::vector<Instance> instances; // by index; unused entries are reused
  int submitted = 0;               // SUBMITTED/PENDING, not yet RUNNABLE

  double vcpus_up() const { return vcpus_up_; }
  int instances_up() const { return instances_up_; }
  int pending_requests() const { return pending_requests_; }

private:
  mutable std::vector<InstanceTypeView> type_views_;  // type_to_launch's snapshot, reused
  std::string name_;
  JobShape job_;
  std::vector<const InstanceType*> types_;  // allowed types that fit the job
  double min_vcpus_;
  double max_vcpus_;
  double vcpus_up_ = 0;         // booting + ready
  double vcpus_requested_ = 0;  // launches asked for, not yet due
  int slots_requested_ = 0;
  int pending_requests_ = 0;
  int instances_up_ = 0;
  std::vector<int> unused_;
};

} // namespace contsim::batch
