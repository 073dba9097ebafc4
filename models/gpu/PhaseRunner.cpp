#include "models/gpu/PhaseRunner.hpp"

namespace contsim::gpu {

const FunctionPhases& PhaseRunner::phases_of(const Run& r) const
{
  return ports_.functions.function(r.inv->function).profile.phases;
}

void PhaseRunner::start(Invocation* inv, const PhasePlacement& where, RandomEngine& rng, EventHandler* done,
                        std::uint32_t kind)
{
  std::size_t slot = runs_.acquire();
  Run& r = runs_[slot];
  r = Run{};
  r.inv = inv;
  r.where = where;
  r.rng = &rng;
  r.done = done;
  r.done_kind = kind;
  next_phase(slot);
}

void PhaseRunner::next_phase(std::size_t slot)
{
  Run& r = runs_[slot];
  const FunctionPhases& phases = phases_of(r);
  if (r.phase == phases.phases.size()) {
    finish(slot);
    return;
  }
  const FunctionPhase& p = phases.phases[r.phase];
  Calendar& cal = ports_.clock.calendar();
  const Attributes& input = r.inv->input.attributes;
  r.t_phase = cal.now();
  PhasePlacement::Gpu gpu = p.gpu ? r.where.gpu : PhasePlacement::Gpu::none;
  r.gpu = gpu != PhasePlacement::Gpu::none;
  const ExecTimeModel* cpu = r.gpu ? (p.gpu->host ? &*p.gpu->host : nullptr) : &p.cpu;
  r.ran_on = gpu == PhasePlacement::Gpu::none ? "cpu" : gpu == PhasePlacement::Gpu::local ? "gpu" : "rcuda";
  double t = cpu ? cpu->sample(r.where.cpu_cores, input, *r.rng) : 0;
  std::uint32_t then = r.gpu ? kHostDone : kPhaseDone;
  if (t > 0)
    ports_.compute.execute(r.where.node_host, t * r.where.cpu_cores, r.where.cpu_cores, this, then, slot);
  else
    cal.after(0, this, then, slot);
}

void PhaseRunner::gpu_part(std::size_t slot)
{
  Run& r = runs_[slot];
  const FunctionPhases& phases = phases_of(r);
  const FunctionPhase& p = phases.phases[r.phase];
  Calendar& cal = ports_.clock.calendar();
  const Attributes& input = r.inv->input.attributes;
  if (r.where.gpu == PhasePlacement::Gpu::local) {
    double t = p.gpu->time.sample_on_gpu(r.where.local_gpu_speed, input, *r.rng) +
               p.gpu->bytes.value(input) / local_.pcie_bytes_per_s + p.gpu->calls.value(input) * local_.local_call_s;
    cal.after(t, this, kPhaseDone, slot);
    return;
  }
  if (!r.connected) {
    RemoteGpuServer& server = *r.where.server;
    r.connected = true;
    if (!server.allocate(r.where.device, phases.gpu_memory_bytes)) {
      ++memory_refusals_;
      r.inv->status = InvocationStatus::error;
      end_phase(slot);  // the phase ends where the allocation failed
      finish(slot);
      return;
    }
    r.holds_memory = true;
    server.client_started(r.where.device);
    cal.after(server.costs().connection_setup_s, this, kConnected, slot);
    return;
  }
  const GpuDevice& d = r.where.server->device(r.where.device);
  ports_.data.transfer(r.where.client_site, d.site, p.gpu->bytes.value(input), this, kBytesMoved, slot);
}

void PhaseRunner::remote_compute(std::size_t slot)
{
  Run& r = runs_[slot];
  const FunctionPhase& p = phases_of(r).phases[r.phase];
  double work = p.gpu->time.sample_on_gpu(1.0, r.inv->input.attributes, *r.rng);  // at the reference GPU
  const GpuDevice& d = r.where.server->device(r.where.device);
  if (work > 0)
    ports_.compute.execute(d.host, work, 1, this, kPhaseDone, slot);
  else
    ports_.clock.calendar().after(0, this, kPhaseDone, slot);
}

void PhaseRunner::on_event(std::uint32_t kind, std::uint64_t payload)
{
  auto slot = static_cast<std::size_t>(payload);
  Run& r = runs_[slot];
  switch (kind) {
    case kHostDone:
      gpu_part(slot);
      break;
    case kConnected: {
      // the connection is part of the first GPU phase: carry on with its bytes
      const FunctionPhase& p = phases_of(r).phases[r.phase];
      const GpuDevice& d = r.where.server->device(r.where.device);
      ports_.data.transfer(r.where.client_site, d.site, p.gpu->bytes.value(r.inv->input.attributes), this,
                           kBytesMoved, slot);
      break;
    }
    case kBytesMoved: {
      const FunctionPhase& p = phases_of(r).phases[r.phase];
      const GpuDevice& d = r.where.server->device(r.where.device);
      double per_call = ports_.data.round_trip_s(r.where.client_site, d.site) + r.where.server->costs().server_call_s;
      ports_.clock.calendar().after(p.gpu->calls.value(r.inv->input.attributes) * per_call, this, kCallsDone, slot);
      break;
    }
    case kCallsDone:
      remote_compute(slot);
      break;
    case kPhaseDone:
      end_phase(slot);
      ++runs_[slot].phase;
      next_phase(slot);
      break;
  }
}

void PhaseRunner::end_phase(std::size_t slot)
{
  Run& r = runs_[slot];
  const FunctionPhase& p = phases_of(r).phases[r.phase];
  where_ = r.where.node ? *r.where.node : std::string();
  if (r.ran_on[0] == 'g')
    where_ += "/gpu";
  else if (r.ran_on[0] == 'r')
    where_ = r.where.server->device(r.where.device).name;
  ports_.records.phase(*r.inv, p.name.c_str(), r.ran_on, where_, r.t_phase, ports_.clock.calendar().now());
}

void PhaseRunner::finish(std::size_t slot)
{
  Run& r = runs_[slot];
  if (r.holds_memory) {
    const FunctionPhases& phases = phases_of(r);
    r.where.server->release(r.where.device, phases.gpu_memory_bytes);
    r.where.server->client_ended(r.where.device);
  }
  Invocation* inv = r.inv;
  EventHandler* done = r.done;
  std::uint32_t kind = r.done_kind;
  runs_.release(slot);
  done->on_event(kind, reinterpret_cast<std::uint64_t>(inv));
}

} // namespace contsim::gpu
