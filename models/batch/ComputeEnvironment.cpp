#include "models/batch/ComputeEnvironment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace contsim::batch {

void Instance::advance_share(double now)
{
  if (running > 0 && type)
    share_usd += (now - share_t) * type->usd_per_hour / 3600.0 / running;
  share_t = now;
}

ComputeEnvironment::ComputeEnvironment(std::string name, JobShape job, std::vector<const InstanceType*> types,
                                       double min_vcpus, double max_vcpus)
    : name_(std::move(name)), job_(job), types_(std::move(types)), min_vcpus_(min_vcpus), max_vcpus_(max_vcpus)
{
}

int ComputeEnvironment::instance_with_room() const
{
  for (std::size_t i = 0; i < instances.size(); ++i)
    if (instances[i].machine.state == Instance::State::ready && instances[i].free_slots() > 0)
      return static_cast<int>(i);
  return -1;
}

int ComputeEnvironment::uncovered_jobs() const
{
  int covered = slots_requested_;
  for (const auto& in : instances)
    if (in.machine.state == Instance::State::booting)
      covered += in.free_slots();
  return static_cast<int>(queue.size()) - covered;
}

const InstanceType* ComputeEnvironment::type_to_launch() const
{
  type_views_.resize(types_.size());
  for (std::size_t i = 0; i < types_.size(); ++i) {
    const InstanceType* t = types_[i];
    type_views_[i] = InstanceTypeView{t->usd_per_hour, t->vcpus, slots_for(*t, job_),
                                      vcpus_up_ + vcpus_requested_ + t->vcpus <= max_vcpus_ + 1e-9};
  }
  static const auto kDefault = make_instance_type_selection("BEST_FIT");
  int i = (selection ? selection : kDefault.get())->choose(type_views_);
  return i < 0 ? nullptr : types_[i];
}

bool ComputeEnvironment::may_terminate(const Instance& instance) const
{
  return instance.jobs == 0 && vcpus_up_ - instance.type->vcpus >= min_vcpus_ - 1e-9;
}

void ComputeEnvironment::request_launch(const InstanceType* type)
{
  vcpus_requested_ += type->vcpus;
  slots_requested_ += slots_for(*type, job_);
  ++pending_requests_;
}

bool ComputeEnvironment::launch_due(const InstanceType* type)
{
  vcpus_requested_ -= type->vcpus;
  slots_requested_ -= slots_for(*type, job_);
  --pending_requests_;
  // Still needed: jobs wait that nothing else (booting instances, other requests) will take.
  return uncovered_jobs() > 0;
}

int ComputeEnvironment::launch(const InstanceType* type, const std::string& name, double now, bool ready)
{
  int index;
  if (unused_.empty()) {
    index = static_cast<int>(instances.size());
    instances.emplace_back();
  } else {
    index = unused_.back();
    unused_.pop_back();
  }
  Instance& in = instances[index];
  std::uint32_t epoch = in.machine.epoch;
  in = Instance{};
  in.machine.epoch = epoch;  // start() bumps it: events addressed to the slot's previous instance stay stale
  in.type = type;
  in.name = name;
  in.slots = slots_for(*type, job_);
  in.machine.start(now, ready);
  in.share_t = now;
  vcpus_up_ += type->vcpus;
  ++instances_up_;
  return index;
}

void ComputeEnvironment::terminate(int index)
{
  Instance& in = instances[index];
  vcpus_up_ -= in.type->vcpus;
  --instances_up_;
  in.machine.stop();
  unused_.push_back(index);
}

} // namespace contsim::batch
