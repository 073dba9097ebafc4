#include "models/gpu/PhaseRunner.hpp"

namespace contsim::gpu {

const FunctionPhase& PhaseRunner::phase_of(const Run& r) const
{
  return ports_.functions.function(r.inv->function).profile.phases.phases[r.phase];
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
  const FunctionPhases& phases = ports_.functions.function(r.inv->function).profile.phases;
  if (r.phase == phases.phases.size()) {
    finish(slot);
    return;
  }
  const FunctionPhase& p = phases.phases[r.phase];
  r.t_phase = ports_.clock.calendar().now();
  PhasePlacement::Gpu gpu = p.gpu ? r.where.gpu : PhasePlacement::Gpu::none;
  r.ran_on = gpu == PhasePlacement::Gpu::none ? "cpu" : gpu == PhasePlacement::Gpu::local ? "gpu" : "rcuda";
  if (gpu == PhasePlacement::Gpu::remote && !r.in_session) {
    r.session = r.where.server->open_session(r.where.device, phases.gpu_memory_bytes, this, kAdmitted, slot);
    return;
  }
  host_part(slot);
}

void PhaseRunner::admitted(std::size_t slot)
{
  Run& r = runs_[slot];
  RemoteGpuServer& server = *r.where.server;
  const GpuSession& s = server.session(r.session);
  switch (s.answer) {
    case GpuSessionAnswer::granted:
      r.in_session = true;
      r.where.device = s.device;
      if (ports_.clock.calendar().now() > r.t_phase) {
        end_phase(slot, "gpu_wait");
        r.t_phase = ports_.clock.calendar().now();
      }
      host_part(slot);
      return;
    case GpuSessionAnswer::busy:
      server.close_session(r.session);
      ports_.clock.calendar().after(server.costs().busy_retry_s, this, kRetry, slot);
      return;
    case GpuSessionAnswer::impossible:
    case GpuSessionAnswer::out_of_memory:
      server.close_session(r.session);
      r.inv->status = InvocationStatus::error;  // the script fails: nothing after this phase runs
      end_phase(slot, phase_of(r).name.c_str());
      finish(slot);
      return;
  }
}

void PhaseRunner::host_part(std::size_t slot)
{
  Run& r = runs_[slot];
  const FunctionPhase& p = phase_of(r);
  bool on_gpu = r.ran_on[0] != 'c';
  const ExecTimeModel* cpu = on_gpu ? (p.gpu->host ? &*p.gpu->host : nullptr) : &p.cpu;
  double t = cpu ? cpu->sample(r.where.cpu_cores, r.inv->input.attributes, *r.rng) : 0;
  std::uint32_t then = on_gpu ? kHostDone : kPhaseDone;
  if (t > 0 && r.where.node_host >= 0)
    ports_.compute.execute(r.where.node_host, t * r.where.cpu_cores, r.where.cpu_cores, this, then, slot);
  else  // nothing to run, or a CPU of its own (a Lambda microVM): a plain delay
    ports_.clock.calendar().after(t, this, then, slot);
}

void PhaseRunner::gpu_part(std::size_t slot)
{
  Run& r = runs_[slot];
  const FunctionPhase& p = phase_of(r);
  Calendar& cal = ports_.clock.calendar();
  const Attributes& input = r.inv->input.attributes;
  if (r.where.gpu == PhasePlacement::Gpu::local) {
    double t = p.gpu->time.sample_on_gpu(r.where.local_gpu_speed, input, *r.rng) +
               p.gpu->bytes.value(input) / local_.pcie_bytes_per_s + p.gpu->calls.value(input) * local_.local_call_s;
    cal.after(t, this, kPhaseDone, slot);
    return;
  }
  if (!r.connected) {
    r.connected = true;
    cal.after(r.where.server->costs().connection_setup_s, this, kConnected, slot);
    return;
  }
  const GpuDevice& d = r.where.server->device(r.where.device);
  ports_.data.transfer(r.where.client_site, d.site, p.gpu->bytes.value(input), this, kBytesMoved, slot);
}

void PhaseRunner::on_event(std::uint32_t kind, std::uint64_t payload)
{
  auto slot = static_cast<std::size_t>(payload);
  switch (kind) {
    case kAdmitted:
      admitted(slot);
      break;
    case kRetry: {
      Run& r = runs_[slot];
      r.session = r.where.server->open_session(r.where.device,
                                               ports_.functions.function(r.inv->function).profile.phases.gpu_memory_bytes,
                                               this, kAdmitted, slot);
      break;
    }
    case kHostDone:
      gpu_part(slot);
      break;
    case kConnected:
      gpu_part(slot);  // connected: on with the phase's bytes
      break;
    case kBytesMoved: {
      Run& r = runs_[slot];
      const FunctionPhase& p = phase_of(r);
      const GpuDevice& d = r.where.server->device(r.where.device);
      double per_call = ports_.data.round_trip_s(r.where.client_site, d.site) + r.where.server->costs().server_call_s;
      ports_.clock.calendar().after(p.gpu->calls.value(r.inv->input.attributes) * per_call, this, kCallsDone, slot);
      break;
    }
    case kCallsDone: {
      Run& r = runs_[slot];
      // GPU seconds at the reference GPU; the device's host runs at the model's speed.
      double work = phase_of(r).gpu->time.sample_on_gpu(1.0, r.inv->input.attributes, *r.rng);
      const GpuDevice& d = r.where.server->device(r.where.device);
      if (work > 0)
        ports_.compute.execute(d.host, work, 1, this, kPhaseDone, slot);
      else
        ports_.clock.calendar().after(0, this, kPhaseDone, slot);
      break;
    }
    case kPhaseDone: {
      Run& r = runs_[slot];
      end_phase(slot, phase_of(r).name.c_str());
      ++r.phase;
      next_phase(slot);
      break;
    }
  }
}

void PhaseRunner::end_phase(std::size_t slot, const char* name)
{
  Run& r = runs_[slot];
  where_ = r.where.node ? *r.where.node : std::string();
  if (r.ran_on[0] == 'g')
    where_ += "/gpu";
  else if (r.ran_on[0] == 'r')
    where_ = r.where.server->device(r.where.device).name;
  ports_.records.phase(*r.inv, name, r.ran_on, where_, r.t_phase, ports_.clock.calendar().now());
}

void PhaseRunner::finish(std::size_t slot)
{
  Run& r = runs_[slot];
  if (r.in_session)
    r.where.server->close_session(r.session);
  Invocation* inv = r.inv;
  EventHandler* done = r.done;
  std::uint32_t kind = r.done_kind;
  runs_.release(slot);
  done->on_event(kind, reinterpret_cast<std::uint64_t>(inv));
}

}  // namespace contsim::gpu
