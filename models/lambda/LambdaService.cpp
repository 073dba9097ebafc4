#include "models/lambda/LambdaService.hpp"

#include "sim/core/Log.hpp"
#include "sim/core/NumberFormat.hpp"

#include "sim/core/Statistics.hpp"

#include <algorithm>
#include <cmath>

namespace contsim::lambda {

namespace {
log::Category kLog("lambda");
} // namespace

LambdaService::LambdaService(const ServiceSetup& setup)
    : ports_(setup.ports)
    , config_(std::static_pointer_cast<const LambdaConfig>(setup.config))
    , name_(setup.decl.name)
    , site_(setup.decl.site)
    , p_(config_->p)
    , prices_(config_->prices)
    , admission_(config_->p.concurrency_limit)
    , phase_runner_(setup.ports, gpu::LocalGpuParameters{1, 0})  // a microVM has no GPU of its own
    , calendar_(setup.ports.clock.calendar())
{
  for (int f : setup.functions) {
    const FunctionSpec& spec = setup.ports.functions.function(f);
    const FdlFunction& fn = spec.fdl;
    if (static_cast<std::size_t>(f) >= states_.size())
      states_.resize(f + 1);
    FunctionState& st = states_[f];
    st.spec = &spec;
    st.memory_mb = fn.memory_mb;
    st.vcpu = p_.vcpu(fn.memory_mb);
    st.timeout_s = fn.timeout_s;
    st.container_deadline_s = std::max(0.0, fn.timeout_s - fn.timeout_threshold_s);
    st.price_per_ms = prices_.price_per_ms(fn.memory_mb);
    st.pull_s = spec.profile.image_size_bytes / (p_.image_pull_mb_per_s * 1e6);
    st.image_tmp_bytes = p_.image_in_tmp ? spec.profile.image_size_bytes : 0;
    st.pool = std::make_unique<WarmPool>(p_.keep_alive_s, config_->reuse);
    st.exec = spec.profile.exec_time;
    if (st.exec.reference_memory_mb > 0)
      st.exec.reference_vcpu = p_.vcpu(st.exec.reference_memory_mb);
    st.cold_stretch = st.exec.cpu_stretch(st.vcpu);
    st.exec_rng = setup.ports.clock.stream("lambda/" + fn.name + "/exec");
    st.submit_rng = setup.ports.clock.stream("lambda/" + fn.name + "/batch-submit");
    // Phases break down a GPU run; without a GPU, exec_time (the measured CPU run) when given.
    st.phased = !spec.profile.phases.empty() && (spec.remote_gpu_service >= 0 || !spec.profile.has_exec_time);
    st.remote_gpu_service = spec.remote_gpu_service;
    st.remote_gpu_device = spec.remote_gpu_device;
    st.mode = fn.execution_mode == "batch"          ? FunctionState::Mode::batch
              : fn.execution_mode == "lambda-batch" ? FunctionState::Mode::lambda_batch
                                                    : FunctionState::Mode::lambda;
  }
}

void LambdaService::submit(Invocation* inv)
{
  if (admission_.arrive(inv)) {
    start(inv);
    return;
  }
  // Throttled: S3 invokes asynchronously, so the event waits (sim/policy/ConcurrencyAdmission).
  ++state(inv).throttled;
  kLog.debug("{}: event {} throttled at {} concurrent executions", name_, inv->id, admission_.running());
}

void LambdaService::start(Invocation* inv)
{
  FunctionState& st = state(inv);
  Calendar& cal = calendar_;
  inv->t_start = cal.now();
  std::uint64_t env = 0;
  bool warm = st.pool->acquire(cal.now(), env);
  if (!warm) {
    env = next_env_++;
    ++st.environments_created;
  }
  inv->model_slot = env;
  inv->cold_start = !warm;
  number_format::assign_numbered(inv->node, "env-", env);  // into the recycled invocation's string
  double delay = warm ? p_.warm_start_s : p_.platform_init_s;
  if (delay > 0)
    cal.after(delay, this, kHandlerStart, reinterpret_cast<std::uint64_t>(inv));
  else
    handler_started(inv);
}

bool LambdaService::tmp_overflows(const Invocation& inv, bool with_outputs) const
{
  const FunctionState& st = states_[inv.function];
  double bytes = inv.input.size_bytes + st.image_tmp_bytes;
  if (with_outputs)
    for (const auto& o : inv.outputs)
      bytes += o.size_bytes;
  return bytes > p_.ephemeral_storage_mb * 1048576.0;
}

void LambdaService::on_event(std::uint32_t kind, std::uint64_t payload)
{
  auto* inv = reinterpret_cast<Invocation*>(payload);
  switch (kind) {
    case kHandlerStart: handler_started(inv); break;
    case kPulled: pulled(inv); break;
    case kStagedIn: staged_in(inv); break;
    case kKilled: killed(inv); break;
    case kBatchSubmitted: batch_submitted(inv); break;
    case kExecEnd: exec_ended(inv); break;
    case kStagedOut: staged_out(inv); break;
  }
}

// Each step of an attempt calls the next directly when it takes no time, and schedules it
// (through on_event) when it does.
void LambdaService::handler_started(Invocation* inv)
{
  FunctionState& st = state(inv);
  inv->t_billed_from = calendar_.now();
  if (st.mode == FunctionState::Mode::batch) {
    // The supervisor downloads nothing and runs nothing: it submits the job (§3.3).
    submit_to_batch(inv, "gateway");
    return;
  }
  // A profile that measures the whole cold run (cold_exec_time) already includes the pull.
  if (inv->cold_start && !st.spec->profile.cold_exec_time && st.pull_s > 0)
    calendar_.after(st.pull_s, this, kPulled, reinterpret_cast<std::uint64_t>(inv));
  else
    pulled(inv);
}

void LambdaService::pulled(Invocation* inv)
{
  if (tmp_overflows(*inv, false)) {
    end_attempt(inv, InvocationStatus::failed, "failure", calendar_.now());
    return;
  }
  ports_.data.stage_in(inv, site_, this, kStagedIn);
}

void LambdaService::staged_in(Invocation* inv)
{
  FunctionState& st = state(inv);
  Calendar& cal = calendar_;
  const FunctionSpec& spec = *st.spec;
  inv->t_exec_start = cal.now();
  if (st.phased) {
    start_phases(inv, st);
    return;
  }
  double exec = inv->cold_start && spec.profile.cold_exec_time
                    ? spec.profile.cold_exec_time->sample(st.exec_rng) * st.cold_stretch
                    : st.exec.sample(st.vcpu, inv->input.attributes, st.exec_rng);
  double deadline = inv->t_billed_from + st.container_deadline_s;
  auto payload = reinterpret_cast<std::uint64_t>(inv);
  if (inv->t_exec_start + exec > deadline)
    cal.at(std::max(deadline, cal.now()), this, kKilled, payload);
  else
    cal.after(exec, this, kExecEnd, payload);
}

void LambdaService::killed(Invocation* inv)
{
  inv->t_exec_end = calendar_.now();
  end_attempt(inv, InvocationStatus::timeout, "timeout", calendar_.now());
}

void LambdaService::end_attempt(Invocation* inv, InvocationStatus status, const char* mechanism, double t_end)
{
  inv->status = status;
  if (state(inv).mode == FunctionState::Mode::lambda_batch) {
    submit_to_batch(inv, mechanism);
    return;
  }
  inv->t_end = t_end;
  finish(inv);
}

void LambdaService::batch_submitted(Invocation* inv)
{
  ports_.router.delegate(inv, std::string(inv->mechanism));  // a copy: delegate() assigns inv->mechanism
  inv->t_end = calendar_.now();
  finish(inv);
}

void LambdaService::exec_ended(Invocation* inv)
{
  FunctionState& st = state(inv);
  Calendar& cal = calendar_;
  inv->t_exec_end = cal.now();
  if (st.phased && inv->t_exec_end > inv->t_billed_from + st.container_deadline_s) {
    // The supervisor's timer: a phased run is checked when its phases end (its GPU session
    // was held to the end), then treated as a kill at the deadline.
    inv->t_exec_end = std::max(inv->t_exec_start, inv->t_billed_from + st.container_deadline_s);
    end_attempt(inv, InvocationStatus::timeout, "timeout", inv->t_exec_end);
    return;
  }
  if (inv->status == InvocationStatus::error) {  // the GPU refused it: the script failed
    inv->t_end = cal.now();
    finish(inv);
    return;
  }
  ports_.data.produce_outputs(inv);
  if (tmp_overflows(*inv, true)) {
    inv->outputs.clear();
    end_attempt(inv, InvocationStatus::failed, "failure", calendar_.now());
    return;
  }
  ports_.data.stage_out(inv, site_, this, kStagedOut);
}

void LambdaService::staged_out(Invocation* inv)
{
  FunctionState& st = state(inv);
  inv->t_end = calendar_.now();
  if (st.phased)
    ports_.records.phase(*inv, "stage_out", "platform", inv->node, inv->t_exec_end, inv->t_end);
  if (inv->t_end - inv->t_billed_from > st.timeout_s) {
    // The platform's hard limit; the uploads that were still running are lost.
    inv->t_end = inv->t_billed_from + st.timeout_s;
    inv->status = InvocationStatus::timeout;
  }
  finish(inv);
}

void LambdaService::start_phases(Invocation* inv, FunctionState& st)
{
  double now = calendar_.now();
  if (inv->t_stage_in > inv->t_billed_from)
    ports_.records.phase(*inv, "initialize_container", "platform", inv->node, inv->t_billed_from, inv->t_stage_in);
  ports_.records.phase(*inv, "stage_in", "platform", inv->node, inv->t_stage_in, now);
  gpu::PhasePlacement where;
  where.cpu_cores = st.vcpu;
  where.node = &inv->node;
  if (st.remote_gpu_service >= 0) {
    where.gpu = gpu::PhasePlacement::Gpu::remote;
    where.server = ports_.gpus.gpu_server(st.remote_gpu_service);
    where.device = st.remote_gpu_device;
    where.client_site = site_;
  }
  phase_runner_.start(inv, where, st.exec_rng, this, kExecEnd);
}

void LambdaService::submit_to_batch(Invocation* inv, const char* mechanism)
{
  inv->mechanism = mechanism;  // read back when the submission completes
  calendar_.after(p_.batch_submit.sample(state(inv).submit_rng), this, kBatchSubmitted,
                        reinterpret_cast<std::uint64_t>(inv));
}

void LambdaService::finish(Invocation* inv)
{
  FunctionState& st = state(inv);
  double billed_from = inv->t_billed_from >= 0 ? inv->t_billed_from : inv->t_end;
  inv->billed_ms = billed_ms(inv->t_end - billed_from);
  inv->cost_usd = static_cast<double>(inv->billed_ms) * st.price_per_ms + (config_->billing.request_fees ? prices_.per_request : 0);
  gb_s_ += static_cast<double>(inv->billed_ms) / 1000.0 * st.memory_mb / 1024.0;
  ++requests_;
  // A timed-out environment is not reused (the runtime is reset); others go back warm.
  if (inv->status != InvocationStatus::timeout)
    st.pool->release(inv->model_slot, calendar_.now());
  Invocation* next = nullptr;
  bool another = admission_.finish(next);
  ports_.records.finished(inv);
  if (another)
    start(next);
}

TimelineSample LambdaService::sample()
{
  TimelineSample s;
  s.running = admission_.running();
  s.queued = admission_.waiting();
  for (auto& st : states_)
    if (st.pool) {
      st.pool->expire(calendar_.now());
      s.warm_idle += static_cast<long long>(st.pool->idle());
    }
  s.units_up = s.running + s.warm_idle;
  return s;
}

double LambdaService::unattributed_cost_usd() const
{
  if (!config_->billing.free_tier)
    return 0;
  // The monthly free tier, applied once to the run as a whole (runs are assumed to fit in a month).
  double free_gb_s = std::min(gb_s_, prices_.free_gb_s_per_month);
  double free_requests = config_->billing.request_fees ? std::min(static_cast<double>(requests_), prices_.free_requests_per_month) : 0;
  return -(free_gb_s * prices_.per_gb_s + free_requests * prices_.per_request);
}

nlohmann::ordered_json LambdaService::summary()
{
  nlohmann::ordered_json j;
  j["platform"] = label_;
  std::uint64_t created = 0, reclaimed = 0;
  long long throttled = 0;
  for (auto& st : states_)
    if (st.pool) {
      created += st.environments_created;
      reclaimed += st.pool->reclaimed();
      throttled += st.throttled;
    }
  j["environments_created"] = created;
  j["environments_reclaimed_by_keep_alive"] = reclaimed;
  j["max_concurrency"] = admission_.max_running();
  j["throttled_invocations"] = throttled;
  j["max_queue"] = admission_.max_waiting();
  j["gb_s"] = rounded(gb_s_, 6);
  j["free_tier_credit_usd"] = rounded(-unattributed_cost_usd(), 12);
  j["price_table"] = {{"name", prices_.name}, {"date", prices_.date}, {"region", prices_.region},
                      {"architecture", prices_.architecture}, {"file", prices_.file}};
  return j;
}

nlohmann::ordered_json LambdaService::parameters() const
{
  return config_->param_set.to_json();
}

} // namespace contsim::lambda
