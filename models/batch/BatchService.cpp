#include "models/batch/BatchService.hpp"

#include "models/lambda/LambdaBilling.hpp"
#include "sim/core/Statistics.hpp"

#include <algorithm>
#include <cmath>

namespace contsim::batch {

namespace {
log::Category kLog("batch");
} // namespace

std::uint64_t BatchService::pack(int env, int instance, std::uint32_t epoch)
{
  return (static_cast<std::uint64_t>(env) << 48) | (static_cast<std::uint64_t>(instance) << 24) |
         (epoch & 0xFFFFFFu);
}

void BatchService::unpack(std::uint64_t payload, int& env, int& instance, std::uint32_t& epoch)
{
  env = static_cast<int>(payload >> 48);
  instance = static_cast<int>((payload >> 24) & 0xFFFFFFu);
  epoch = static_cast<std::uint32_t>(payload & 0xFFFFFFu);
}

BatchService::BatchService(const ServiceSetup& setup)
    : ports_(setup.ports)
    , config_(std::static_pointer_cast<const BatchConfig>(setup.config))
    , selection_(make_instance_type_selection(config_->allocation_strategy))
    , name_(setup.decl.name)
    , site_(setup.decl.site)
    , machines_(setup.decl.name,
                common::MachineBilling{common::MachineBilling::Rule::per_second, config_->prices.minimum_billed_s},
                setup.ports.clock.calendar(), setup.ports.records, *this)
    , p_(config_->p)
    , prices_(config_->prices)
{
  for (const EnvironmentConfig& ec : config_->environments) {
    int f = ec.function;
    const FunctionSpec& spec = setup.ports.functions.function(f);
    const FdlFunction& fn = spec.fdl;
    if (static_cast<std::size_t>(f) >= env_index_.size())
      env_index_.resize(f + 1, -1);
    env_index_[f] = static_cast<int>(envs_.size());
    Environment env{ComputeEnvironment(fn.name, ec.shape, ec.fitting, ec.min_vcpus, ec.max_vcpus),
                    ec.shape.gpu,
                    spec.profile.exec_time,
                    spec.profile.image_size_bytes,
                    setup.ports.clock.stream("batch/" + fn.name + "/delays"),
                    setup.ports.clock.stream("batch/" + fn.name + "/exec"),
                    0, 0, 0, 0, fn.image.empty() ? fn.name : fn.image};
    if (env.cpu_exec.reference_memory_mb > 0)
      env.cpu_exec.reference_vcpu = env.cpu_exec.reference_memory_mb / config_->lambda_mb_per_vcpu;
    env.ce.selection = selection_.get();
    envs_.push_back(std::move(env));

    // Instances kept by min/desired vCPUs are up (and billed) from the start.
    int e = static_cast<int>(envs_.size() - 1);
    ComputeEnvironment& ce = envs_[e].ce;
    double initial = std::max(ec.min_vcpus, ec.desired_vcpus);
    while (ce.vcpus_up() + 1e-9 < initial) {
      const InstanceType* t = ce.type_to_launch();
      if (!t)
        break;
      int i = ce.launch(t, "i-" + std::to_string(next_instance_++), 0, true);
      ++instances_launched_;
      ++envs_[e].launches;
      envs_[e].max_instances_up = std::max(envs_[e].max_instances_up, ce.instances_up());
      maybe_idle(e, i);
    }
  }
}

void BatchService::schedule(double delay, Kind kind, std::uint64_t payload)
{
  ++pending_events_;
  ports_.clock.calendar().after(delay, this, kind, payload);
}

void BatchService::submit(Invocation* inv)
{
  Environment& env = env_of(inv);
  ++env.ce.submitted;
  ports_.records.job_state(*inv, "SUBMITTED");
  double delay = p_.submit_to_runnable.sample(env.rng_delays);
  if (delay > 0)
    ports_.clock.calendar().after(delay, this, kRunnable, reinterpret_cast<std::uint64_t>(inv));
  else
    on_event(kRunnable, reinterpret_cast<std::uint64_t>(inv));
}

void BatchService::request_round(int e)
{
  Environment& env = envs_[e];
  if (env.round_pending)
    return;  // the coming round sees this change too
  double delay = p_.scheduler_delay.sample(env.rng_delays);
  if (delay <= 0) {
    run_round(e);
    return;
  }
  env.round_pending = true;
  schedule(delay, kRound, pack(e, 0, 0));
}

void BatchService::run_round(int e)
{
  Environment& env = envs_[e];
  ComputeEnvironment& ce = env.ce;
  while (!ce.queue.empty()) {
    int i = ce.instance_with_room();
    if (i < 0)
      break;
    Invocation* inv = ce.queue.front();
    ce.queue.pop_front();
    start_job(e, i, inv);
  }
  // One scale-up for every job left uncovered: one request, one launch delay for all of it.
  double launch_delay = -1;
  for (int uncovered = ce.uncovered_jobs(); uncovered > 0;) {
    const InstanceType* t = ce.type_to_launch();
    if (!t)
      break;  // at max vCPUs: the jobs wait for running instances
    ce.request_launch(t);
    if (launch_delay < 0)
      launch_delay = p_.launch_delay.sample(env.rng_delays);
    auto type_index = std::find(ce.types().begin(), ce.types().end(), t) - ce.types().begin();
    schedule(launch_delay, kLaunchDue, pack(e, static_cast<int>(type_index), 0));
    uncovered -= ComputeEnvironment::slots_for(*t, ce.job());
  }
  // Instances the round left without work start their idle timers (once: a timer that runs
  // keeps running).
  if (ce.queue.empty())
    for (std::size_t i = 0; i < ce.instances.size(); ++i)
      if (!ce.instances[i].idle_watched)
        maybe_idle(e, static_cast<int>(i));
}

void BatchService::start_job(int e, int i, Invocation* inv)
{
  Environment& env = envs_[e];
  Instance& in = env.ce.instances[i];
  double now = ports_.clock.calendar().now();
  in.machine.uptime.job_started(now, in.jobs == 0);
  ++in.jobs;
  ++in.machine.epoch;  // cancels a pending idle check
  in.idle_watched = false;
  inv->t_start = now;
  inv->node = in.name;
  inv->model_slot = static_cast<std::uint64_t>(i);
  ports_.records.job_state(*inv, "STARTING");
  // The instance's first job pulls the image; jobs placed while it downloads wait for it; later
  // ones still see the ECS agent check the registry (default pull behaviour: pull remotely).
  double image_ready = in.images.ready_at(env.image);
  double pull_left;
  if (image_ready < 0) {
    inv->cold_start = true;
    pull_left = env.image_bytes / (p_.image_pull_mb_per_s * 1e6);
    in.images.add(env.image, now + pull_left);
  } else if (image_ready > now) {
    pull_left = image_ready - now;
  } else {
    pull_left = p_.image_check.sample(env.rng_delays);
  }
  ports_.clock.calendar().after(pull_left + p_.container_start.sample(env.rng_delays), this, kRunning,
                        reinterpret_cast<std::uint64_t>(inv));
}

void BatchService::job_done(Invocation* inv)
{
  int e = env_index_[inv->function];
  Environment& env = envs_[e];
  int i = static_cast<int>(inv->model_slot);
  Instance& in = env.ce.instances[i];
  double now = ports_.clock.calendar().now();
  in.advance_share(now);
  // cost_usd held minus the instance's share counter when the job started RUNNING.
  inv->cost_usd += in.share_usd;
  --in.running;
  --in.jobs;
  in.machine.uptime.job_ended(now, in.jobs == 0);
  inv->t_end = now;
  inv->billed_ms = lambda::billed_ms(inv->t_end - inv->t_billed_from);  // the same ms rounding
  attributed_usd_ += inv->cost_usd;
  ports_.records.job_state(*inv, "SUCCEEDED");
  ports_.records.finished(inv);
  maybe_idle(e, i);
  if (!env.ce.queue.empty())
    request_round(e);
}

void BatchService::maybe_idle(int e, int i)
{
  Instance& in = envs_[e].ce.instances[i];
  if (in.machine.state != Instance::State::ready || in.jobs > 0 || !envs_[e].ce.queue.empty())
    return;
  in.idle_watched = true;
  machines_.watch_idle(machine_key(e, i), p_.scale_in_delay.sample(envs_[e].rng_delays));
}

void BatchService::close_instance(int e, int i, bool up_at_end)
{
  Environment& env = envs_[e];
  Instance& in = env.ce.instances[i];
  machines_.close(machine_key(e, i), *in.type, env.ce.name(), in.name, in.jobs > 0, up_at_end);
  env.ce.terminate(i);
}

common::Machine& BatchService::machine(std::uint64_t key)
{
  return envs_[key >> 24].ce.instances[key & 0xFFFFFFu].machine;
}

void BatchService::machine_ready(std::uint64_t key)
{
  int e = static_cast<int>(key >> 24), i = static_cast<int>(key & 0xFFFFFFu);
  maybe_idle(e, i);
  if (!envs_[e].ce.queue.empty())
    request_round(e);
}

void BatchService::machine_idle(std::uint64_t key)
{
  int e = static_cast<int>(key >> 24), i = static_cast<int>(key & 0xFFFFFFu);
  Instance& in = envs_[e].ce.instances[i];
  if (in.machine.state == Instance::State::ready && envs_[e].ce.may_terminate(in))
    close_instance(e, i, false);
}

void BatchService::on_event(std::uint32_t kind, std::uint64_t payload)
{
  Calendar& cal = ports_.clock.calendar();
  switch (kind) {
    case kRunnable: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      Environment& env = env_of(inv);
      --env.ce.submitted;
      ports_.records.job_state(*inv, "PENDING");
      ports_.records.job_state(*inv, "RUNNABLE");
      env.ce.queue.push_back(inv);
      ++env.jobs;
      request_round(env_index_[inv->function]);
      break;
    }
    case kRound: {
      --pending_events_;
      int e, unused_instance;
      std::uint32_t unused_epoch;
      unpack(payload, e, unused_instance, unused_epoch);
      envs_[e].round_pending = false;
      run_round(e);
      break;
    }
    case kLaunchDue: {
      --pending_events_;
      int e, type_index;
      std::uint32_t epoch;
      unpack(payload, e, type_index, epoch);
      Environment& env = envs_[e];
      const InstanceType* t = env.ce.types()[type_index];
      if (!env.ce.launch_due(t)) {
        ++env.launches_cancelled;
        break;
      }
      int i = env.ce.launch(t, "i-" + std::to_string(next_instance_++), cal.now(), false);
      kLog.info("{}: launching {} {} for compute environment {}", name_, t->name, env.ce.instances[i].name,
                env.ce.name());
      ++instances_launched_;
      ++env.launches;
      env.max_instances_up = std::max(env.max_instances_up, env.ce.instances_up());
      machines_.boot(machine_key(e, i), p_.boot.sample(env.rng_delays));
      break;
    }
    case kRunning: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      Instance& in = env_of(inv).ce.instances[inv->model_slot];
      in.advance_share(cal.now());
      ++in.running;
      inv->cost_usd = -in.share_usd;  // completed in job_done()
      inv->t_billed_from = cal.now();
      ports_.records.job_state(*inv, "RUNNING");
      ports_.data.stage_in(inv, site_, this, kStagedIn);
      break;
    }
    case kStagedIn: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      Environment& env = env_of(inv);
      const InstanceType& t = *env.ce.instances[inv->model_slot].type;
      inv->t_exec_start = cal.now();
      double exec;
      if (env.gpu_profile && t.gpus > 0) {
        const ExecTimeModel& gpu = *ports_.functions.function(inv->function).profile.gpu_exec_time;
        exec = gpu.sample_on_gpu(t.gpu_speed, inv->input.attributes, env.rng_exec);
      } else {
        double vcpu = std::min(env.ce.job().vcpus, t.vcpus) * t.cpu_speed;
        exec = env.cpu_exec.sample(vcpu, inv->input.attributes, env.rng_exec);
      }
      cal.after(exec, this, kExecEnd, payload);
      break;
    }
    case kExecEnd: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      inv->t_exec_end = cal.now();
      ports_.data.produce_outputs(inv);
      ports_.data.stage_out(inv, site_, this, kStagedOut);
      break;
    }
    case kStagedOut:
      job_done(reinterpret_cast<Invocation*>(payload));
      break;
  }
}

void BatchService::end_of_run(double /*t*/)
{
  for (std::size_t e = 0; e < envs_.size(); ++e)
    for (std::size_t i = 0; i < envs_[e].ce.instances.size(); ++i)
      if (envs_[e].ce.instances[i].machine.state != Instance::State::off)
        close_instance(static_cast<int>(e), static_cast<int>(i), true);
}

TimelineSample BatchService::sample()
{
  TimelineSample s;
  for (const auto& env : envs_) {
    s.queued += static_cast<long long>(env.ce.queue.size()) + env.ce.submitted;
    s.units_up += env.ce.instances_up();
    for (const auto& in : env.ce.instances) {
      s.running += in.jobs;
      if (in.machine.state == Instance::State::ready)
        s.warm_idle += in.free_slots();
    }
  }
  return s;
}

nlohmann::ordered_json BatchService::summary()
{
  nlohmann::ordered_json j;
  j["platform"] = label_;
  j["instances_launched"] = instances_launched_;
  j["instance_seconds"] = rounded(machines_.machine_seconds(), 6);
  j["busy_instance_seconds"] = rounded(machines_.busy_seconds(), 6);
  j["billed_usd"] = rounded(machines_.billed_usd(), 12);
  j["attributed_usd"] = rounded(attributed_usd_, 12);
  j["unattributed_usd"] = rounded(machines_.billed_usd() - attributed_usd_, 12);
  nlohmann::ordered_json envs = nlohmann::ordered_json::object();
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  for (const auto& env : envs_) {
    nlohmann::ordered_json allowed = nlohmann::ordered_json::array();
    for (const auto* t : env.ce.types()) {
      allowed.push_back(t->name);
      types[t->name] = {{"vcpus", t->vcpus},         {"memory_mib", t->memory_mib}, {"gpus", t->gpus},
                        {"gpu_model", t->gpu_model}, {"cpu_speed", t->cpu_speed},   {"gpu_speed", t->gpu_speed},
                        {"usd_per_hour", t->usd_per_hour}, {"source", t->source}};
    }
    envs[env.ce.name()] = {{"instance_types", allowed},
                           {"min_v_cpus", env.ce.min_vcpus()},
                           {"max_v_cpus", env.ce.max_vcpus()},
                           {"job", {{"vcpus", env.ce.job().vcpus}, {"memory_mib", env.ce.job().memory_mib},
                                    {"gpu", env.ce.job().gpu}}},
                           {"jobs", env.jobs},
                           {"instances_launched", env.launches},
                           {"launch_requests_cancelled", env.launches_cancelled},
                           {"max_instances_up", env.max_instances_up}};
  }
  j["compute_environments"] = envs;
  j["instance_types"] = types;
  j["price_table"] = {{"name", prices_.name},
                      {"date", prices_.date},
                      {"region", prices_.region},
                      {"minimum_billed_s", prices_.minimum_billed_s},
                      {"file", prices_.file}};
  return j;
}

nlohmann::ordered_json BatchService::parameters() const
{
  return config_->param_set.to_json();
}

} // namespace contsim::batch
