#include "models/oscar/OscarService.hpp"

#include "sim/core/Statistics.hpp"

#include <algorithm>
#include <cmath>

namespace contsim::oscar {

namespace {
log::Category kLogDelegation("oscar.delegation");
log::Category kLogRescheduler("oscar.rescheduler");
log::Category kLogClues("oscar.clues");
} // namespace

using kubernetes::Node;
using kubernetes::NodeCatalog;
using kubernetes::NodeType;
using kubernetes::Resources;

OscarService::OscarService(const ServiceSetup& setup)
    : ports_(setup.ports),
      config_(std::static_pointer_cast<const OscarConfig>(setup.config)),
      name_(setup.decl.name),
      site_(setup.decl.site),
      machines_(setup.decl.name, common::MachineBilling{}, setup.ports.clock.calendar(), setup.ports.records, *this),
      settings_(config_->settings),
      clues_(config_->clues),
      placement_(make_node_placement(config_->placement)),
      rng_delays_(setup.ports.clock.stream("oscar/" + setup.decl.name + "/delays")),
      rng_nodes_(setup.ports.clock.stream("oscar/" + setup.decl.name + "/nodes")),
      phase_runner_(setup.ports, config_->local_gpu),
      rm_loop_(config_->settings.resource_manager_interval_s, config_->oscar.api_list_s),
      resched_loop_(config_->settings.rescheduler_interval_s, config_->oscar.api_list_s)
{
  const KubernetesParameters& k8s = config_->k8s;
  const OscarModelParameters& oscar = config_->oscar;
  const CluesParameters& clues = config_->clues_parameters;
  image_check_ = k8s.image_check;
  container_start_ = k8s.container_start;
  job_creation_ = oscar.job_creation;
  delegation_timeout_s_ = oscar.delegation_timeout_s;
  sync_timeout_s_ = oscar.sync_timeout_s;
  knative_stable_window_s_ = oscar.knative_stable_window_s;
  knative_scale_to_zero_grace_s_ = oscar.knative_scale_to_zero_grace_s;
  power_on_ = clues.power_on;
  power_off_ = clues.power_off;
  energy_modelled_ = config_->energy_modelled;
  cluster_.placement = placement_.get();
  cluster_.nodes = config_->nodes;
  // Nodes on at the start: all of them without CLUES; with it, the front-end and min_nodes.
  for (Node& n : cluster_.nodes) {
    if (n.host >= 0)
      n.host = setup.hosts[n.host];  // the Plan declared the node's compute host
    if (n.always_on) {
      n.machine.start(0, true);
    }
  }
  max_nodes_up_ = cluster_.working_nodes_up();
  rm_.refresh(cluster_);  // the Resource Manager's first view, taken when OSCAR starts
  rm_loop_.round_done(0);
  resched_loop_.round_done(0);  // its first round found nothing

  for (int f : setup.functions) {
    const FunctionSpec& spec = setup.ports.functions.function(f);
    const FdlFunction& fdl = spec.fdl;
    Fn fn;
    fn.function = f;
    fn.cpu_cores = fdl.cpu;
    fn.gpu = fdl.enable_gpu;
    fn.request = Resources::of(fdl.cpu, fdl.memory_mb, fdl.enable_gpu ? 1 : 0);
    fn.image = fdl.image;
    fn.image_bytes = spec.profile.image_size_bytes;
    fn.cpu_exec = spec.profile.exec_time;
    // Phases break down a GPU run; without a GPU, exec_time (the measured CPU run) when given.
    fn.phased = !spec.profile.phases.empty() &&
                (fdl.enable_gpu || spec.remote_gpu_service >= 0 || !spec.profile.has_exec_time);
    fn.remote_gpu_service = spec.remote_gpu_service;
    fn.remote_gpu_device = spec.remote_gpu_device;
    uses_gpu_phases_ = uses_gpu_phases_ || spec.profile.phases.uses_gpu();
    if (fn.cpu_exec.reference_memory_mb > 0)  // measured on Lambda: its vCPU share
      fn.cpu_exec.reference_vcpu = fn.cpu_exec.reference_memory_mb / config_->lambda_mb_per_vcpu;
    bool own_threshold = fdl.rescheduler_threshold_s >= 0 &&
                         settings_.rescheduler_threshold_from == OscarSettings::ThresholdFrom::service;
    fn.rescheduler_threshold_s = own_threshold ? fdl.rescheduler_threshold_s : settings_.rescheduler_threshold_s;
    fn.has_replicas = !spec.replicas.empty();
    fn.delegation = make_delegation_policy(fdl.delegation);
    if (!fn.delegation)  // the FDL parser accepts only the names OSCAR knows
      throw std::logic_error("no delegation policy '" + fdl.delegation + "'");
    fn.rng_delegation = setup.ports.clock.stream("oscar/" + fdl.name + "/delegation");
    bool oscar_replicas = std::any_of(fdl.replicas.begin(), fdl.replicas.end(),
                                      [](const Replica& r) { return r.type == "oscar"; });
    if (oscar_replicas && fdl.delegation.empty())
      ports_.records.warn("service '" + fdl.name + "' has oscar replicas and no `delegation:`: OSCAR 3.1 to 3.7 would never "
                "delegate to them (real-systems.md §2.6); contsim follows OSCAR 2.5 (priority order)");
    fn.rng_exec = setup.ports.clock.stream("oscar/" + fdl.name + "/exec");
    fn.min_scale = fdl.sync_min_scale;
    fn.max_scale = fdl.sync_max_scale;
    if (fn.min_scale > 0)  // pods the deployment keeps up: there before the first request
      ports_.clock.calendar().at(0, this, kKnativeWarmUp, fns_.size());
    if (static_cast<std::size_t>(f) >= fn_index_.size())
      fn_index_.resize(f + 1, -1);
    fn_index_[f] = static_cast<int>(fns_.size());
    fns_.push_back(std::move(fn));
  }
}

// ---- events, jobs and pods ----

void OscarService::submit(Invocation* inv)
{
  ++events_;
  ++fn_of(inv).events;
  if (inv->synchronous) {
    sync_request(inv);
    return;
  }
  ++handling_;
  double delay = job_creation_.sample(rng_delays_);
  if (delay > 0)
    ports_.clock.calendar().after(delay, this, kHandle, reinterpret_cast<std::uint64_t>(inv));
  else
    handle(inv);
}

void OscarService::handle(Invocation* inv)
{
  --handling_;
  Fn& fn = fn_of(inv);
  if (settings_.resource_manager_enable) {
    wake(kRmRefresh, rm_loop_);
    if (fn.has_replicas && !rm_.is_schedulable(fn.request)) {
      start_delegation(inv, -1);
      return;
    }
  }
  create_job(inv, 0, "", "");
}

void OscarService::create_job(Invocation* inv, int remote_copies, const std::string& delegated_to,
                              const char* mechanism)
{
  int p = new_pod_slot();
  Pod& pod = pods_[p];
  pod.state = Pod::State::pending;
  pod.inv = inv;
  pod.fn = fn_index_[inv->function];
  pod.node = -1;
  pod.created = ports_.clock.calendar().now();
  pod.references = 0;
  pod.remote_copies = remote_copies;
  pod.queued = pending_.insert(pending_.end(), p);
  inv->model_slot = static_cast<std::uint64_t>(p);
  if (remote_copies > 0) {
    inv->delegated_to = delegated_to;
    inv->mechanism = mechanism;
  }
  ++jobs_created_;
  ++fns_[pod.fn].jobs;
  ports_.records.job_state(*inv, "Pending");
  ports_.router.answer(inv, true);  // 201 Created to whoever posted the event
  if (settings_.rescheduler_enable && fns_[pod.fn].has_replicas)
    wake(kReschedulerTick, resched_loop_);
  if (clues_.enabled)
    wake(kCluesTick, clues_scheduled_, clues_.period_s);
  dispatch();
}

int OscarService::new_pod_slot()
{
  int p = static_cast<int>(pods_.acquire());
  pods_[p] = Pod{};
  return p;
}

void OscarService::dispatch()
{
  // FIFO by creation; a pod that fits nowhere waits without blocking others. Once every
  // service has failed to fit in this pass, nothing later can fit either.
  std::vector<char>& failed = dispatch_failed_;
  failed.assign(fns_.size(), 0);
  std::size_t failures = 0;
  for (auto it = pending_.begin(); it != pending_.end() && failures < fns_.size();) {
    int p = *it;
    Pod& pod = pods_[p];
    if (failed[pod.fn]) {
      ++it;
      continue;
    }
    int node = cluster_.choose_node(fns_[pod.fn].request, fns_[pod.fn].image);
    if (node < 0) {
      failed[pod.fn] = 1;
      ++failures;
      ++it;
      continue;
    }
    it = pending_.erase(it);
    start_pod(p, node);
  }
}

void OscarService::start_pod(int p, int node)
{
  Pod& pod = pods_[p];
  Fn& fn = fns_[pod.fn];
  Node& n = cluster_.nodes[node];
  double now = ports_.clock.calendar().now();
  cluster_.bind(node, fn.request, now);
  note_change();
  ++running_pods_;
  pod.state = Pod::State::starting;
  pod.node = node;
  double ready = n.images.ready_at(fn.image);
  if (pod.knative)
    --fn.pods_pending;
  if (pod.prewarmed) {  // up before the run (warm-up is the first event): image on the node, ready
    if (ready < 0)
      n.images.add(fn.image, now);
    pod.state = Pod::State::idle;
    pod.t_ready = now;
    --fn.pods_starting;
    fn.idle_pods.push_back(p);
    ++knative_idle_;
    return;
  }
  double wait;
  bool pulled = false;
  if (ready < 0) {
    wait = fn.image_bytes / n.pull_bytes_per_s;
    n.images.add(fn.image, now + wait);
    ++image_pulls_;
    pulled = fn.image_bytes > 0;
  } else if (ready > now) {
    wait = ready - now;  // the kubelet pulls an image once; pods placed meanwhile wait for it
    pulled = true;
  } else {
    // Jobs use imagePullPolicy Always (a registry check); Knative resolves the tag to a digest
    // once, so its pods start from the cached image.
    wait = pod.knative ? 0 : image_check_.sample(rng_delays_);
  }
  if (Invocation* inv = pod.inv) {
    inv->t_start = now;
    inv->node = n.name;
    inv->cold_start = pulled;
    if (pulled)
      ++fn.cold;
  }
  if (!pod.knative) {  // phase Pending until its container runs: the Rescheduler may still take it
    pod.queued = starting_.insert(starting_.end(), p);
    ++pod.references;  // the kRunning event below refers to the slot
  }
  ports_.clock.calendar().after(wait + container_start_.sample(rng_delays_), this, kRunning, static_cast<std::uint64_t>(p));
}

void OscarService::pod_done(Invocation* inv)
{
  int p = static_cast<int>(inv->model_slot);
  Pod& pod = pods_[p];
  double now = ports_.clock.calendar().now();
  cluster_.unbind(pod.node, fns_[pod.fn].request, now);
  note_change();
  --running_pods_;
  inv->t_end = now;
  if (pod.remote_copies > 0) {
    inv->status = InvocationStatus::duplicate;
    ++duplicates_;
  }
  ++jobs_succeeded_;
  succeeded_job_s_ += now - pod.created;
  ports_.records.job_state(*inv, "Succeeded");
  ports_.records.finished(inv);
  pod.inv = nullptr;
  pod.state = Pod::State::gone;
  release_pod(p);
  dispatch();
  if (clues_.enabled)
    wake(kCluesTick, clues_scheduled_, clues_.period_s);
}

void OscarService::release_pod(int p)
{
  Pod& pod = pods_[p];
  if (pod.state == Pod::State::gone && pod.references == 0) {
    pod.state = Pod::State::free;
    pods_.release(p);
  }
}

// ---- delegation (DelegateJob: the replicas in the order the service's delegation policy gives) ----

void OscarService::start_delegation(Invocation* inv, int pod)
{
  int slot = static_cast<int>(delegations_.acquire());
  Delegation& d = delegations_[slot];
  d.active = true;
  d.event.id = inv->id;
  d.event.function = inv->function;
  d.event.input = inv->input;
  d.event.t_origin = inv->t_origin;
  d.inv = pod < 0 ? inv : nullptr;
  d.pod = pod;
  d.order = delegation_order(fn_of(inv));
  if (kLogDelegation.enabled(log::Level::debug)) {
    std::string order;
    for (int r : d.order)
      order += (order.empty() ? "" : ", ") + ports_.functions.function(inv->function).replicas[r].label;
    kLogDelegation.debug("{}: event {} ({}, {}): replicas to try: {}", name_, inv->id,
                         pod < 0 ? "resource-manager" : "rescheduler", fn_of(inv).delegation->name(),
                         order.empty() ? "none" : order);
  }
  d.next_replica = 0;
  d.remote_copies = 0;
  d.last_target.clear();
  try_next_replica(slot);
}

std::vector<int> OscarService::delegation_order(Fn& fn)
{
  const auto& replicas = ports_.functions.function(fn.function).replicas;
  std::vector<ReplicaView> views(replicas.size());
  for (std::size_t r = 0; r < replicas.size(); ++r) {
    views[r].oscar = replicas[r].oscar;
    views[r].priority = replicas[r].priority;
    views[r].declared = replicas[r].declared;
    if (fn.delegation->needs_status() && replicas[r].oscar)
      views[r].status_known = ports_.router.replica_status(fn.function, static_cast<int>(r), views[r].status);
  }
  DelegationRequest request{fn.cpu_cores, static_cast<double>(fn.request.memory_kib) * 1024};
  return fn.delegation->order(views, request, fn.rng_delegation);
}

bool OscarService::cluster_status(ClusterStatus& out) const
{
  // Usage is taken as the running pods' requests (metrics-server's usage is not modelled; a
  // job's CPU limit is its request, so a busy pod uses about that).
  out = ClusterStatus{};
  for (const auto& n : cluster_.nodes) {
    if (!n.schedulable())
      continue;
    NodeStatus ns{static_cast<double>(n.allocatable.cpu_m), static_cast<double>(n.requested.cpu_m),
                  static_cast<double>(n.allocatable.memory_kib) * 1024, static_cast<double>(n.requested.memory_kib) * 1024};
    out.nodes.push_back(ns);
    double free_cpu = ns.allocatable_cores_m - ns.requested_cores_m;
    out.total_free_cores_m += free_cpu;
    out.total_free_bytes += ns.allocatable_bytes - ns.requested_bytes;
    out.max_free_on_node_cores_m = std::max(out.max_free_on_node_cores_m, free_cpu);
  }
  if (jobs_succeeded_ > 0)
    out.mean_job_s = succeeded_job_s_ / static_cast<double>(jobs_succeeded_);
  out.pending_jobs = static_cast<double>(pending_.size());
  return true;
}

void OscarService::try_next_replica(int slot)
{
  Delegation& d = delegations_[slot];
  const auto& replicas = ports_.functions.function(d.event.function).replicas;
  ++d.attempt;
  if (d.next_replica >= d.order.size()) {
    delegation_failed(slot);
    return;
  }
  int replica = d.order[d.next_replica++];
  const ReplicaTarget& target = replicas[replica];
  if (target.function >= 0) {
    // The request reaches the replica, which will run the event whatever the answer's fate.
    ++d.remote_copies;
    d.last_target = target.service;
    if (d.pod >= 0)
      ++pods_[d.pod].remote_copies;
  }
  std::uint64_t tag = pack(slot, d.attempt);
  ports_.router.delegate_to_replica(d.event, replica,
                           Reply{this, kDelegationAccepted, kDelegationRefused, tag, 0, false});
  ports_.clock.calendar().after(delegation_timeout_s_, this, kDelegationTimeout, tag);
}

void OscarService::delegation_succeeded(int slot)
{
  Delegation& d = delegations_[slot];
  const auto& replicas = ports_.functions.function(d.event.function).replicas;
  const std::string& target = replicas[d.order[d.next_replica - 1]].service;
  double now = ports_.clock.calendar().now();
  if (d.inv) {  // Resource Manager: the event never became a local job
    Invocation* inv = d.inv;
    inv->status = InvocationStatus::delegated;
    inv->delegated_to = target;
    inv->mechanism = "resource-manager";
    inv->t_end = now;
    ++delegated_rm_;
    ports_.records.job_state(*inv, "Delegated");
    ports_.router.answer(inv, true);
    ports_.records.finished(inv);
  } else {  // Rescheduler: delete the local job; a pod that already started keeps running
    Pod& pod = pods_[d.pod];
    ++delegated_rescheduler_;
    if (pod.state == Pod::State::pending || pod.state == Pod::State::starting) {
      if (pod.state == Pod::State::pending) {
        pending_.erase(pod.queued);
      } else {  // bound, container not started: the Job's deletion takes the pod off its node
        starting_.erase(pod.queued);
        cluster_.unbind(pod.node, fns_[pod.fn].request, now);
        note_change();
        --running_pods_;
      }
      Invocation* inv = pod.inv;
      inv->status = InvocationStatus::delegated;
      inv->delegated_to = target;
      inv->mechanism = "rescheduler";
      inv->t_end = now;
      ports_.records.job_state(*inv, "Deleted");
      ports_.records.finished(inv);
      bool freed = pod.node >= 0;
      pod.inv = nullptr;
      pod.state = Pod::State::gone;
      finish_delegation(slot);
      if (freed)
        dispatch();
      return;
    }
    if (pod.inv) {
      pod.inv->delegated_to = target;
      pod.inv->mechanism = "rescheduler";
    }
  }
  finish_delegation(slot);
}

void OscarService::delegation_failed(int slot)
{
  Delegation& d = delegations_[slot];
  ++delegation_failures_;
  if (d.inv) {  // "unable to delegate job ... scheduling in the current cluster"
    Invocation* inv = d.inv;
    d.inv = nullptr;
    create_job(inv, d.remote_copies, d.last_target, "resource-manager");
  } else if (d.pod >= 0 && pods_[d.pod].inv && d.remote_copies > 0) {
    pods_[d.pod].inv->delegated_to = d.last_target;
    pods_[d.pod].inv->mechanism = "rescheduler";
  }
  finish_delegation(slot);
}

void OscarService::finish_delegation(int slot)
{
  Delegation& d = delegations_[slot];
  int pod = d.pod;
  d.active = false;
  d.inv = nullptr;
  d.pod = -1;
  ++d.attempt;  // answers and timeouts still on their way are now stale
  delegations_.release(slot);
  if (pod >= 0) {
    --pods_[pod].references;
    release_pod(pod);
    next_rescheduler_candidate();
  }
}

// ---- Rescheduler ----

void OscarService::rescheduler_tick()
{
  double now = ports_.clock.calendar().now();
  resched_round_.clear();
  resched_pos_ = 0;
  // OSCAR compares whole seconds: `int(pendingTime) > threshold` (rescheduler.go).
  auto consider = [&](int p) {
    const Pod& pod = pods_[p];
    const Fn& fn = fns_[pod.fn];
    if (fn.has_replicas && !pod.knative && std::floor(now - pod.created) > fn.rescheduler_threshold_s)
      resched_round_.push_back(p);
  };
  for (int p : pending_)
    consider(p);
  for (int p : starting_)
    consider(p);
  // The API server lists pods by name, and Job names end in a random UUID: an order unrelated to
  // the pods' state. contsim takes them by creation (assumed), bound or not.
  std::stable_sort(resched_round_.begin(), resched_round_.end(),
                   [&](int a, int b) { return pods_[a].created < pods_[b].created; });
  for (int p : resched_round_)
    ++pods_[p].references;
  resched_round_active_ = !resched_round_.empty();
  if (resched_round_active_) {
    next_rescheduler_candidate();
    return;
  }
  resched_loop_.round_done(now);
  if (has_reschedulable_pods())
    wake(kReschedulerTick, resched_loop_);
}

bool OscarService::has_reschedulable_pods() const
{
  auto reschedulable = [&](int p) { return fns_[pods_[p].fn].has_replicas && !pods_[p].knative; };
  return std::any_of(pending_.begin(), pending_.end(), reschedulable) ||
         std::any_of(starting_.begin(), starting_.end(), reschedulable);
}

void OscarService::next_rescheduler_candidate()
{
  // The round works through its snapshot one pod at a time, as the real loop does.
  while (resched_pos_ < resched_round_.size()) {
    int p = resched_round_[resched_pos_++];
    Pod& pod = pods_[p];
    if (pod.state == Pod::State::gone) {  // finished locally before its turn
      --pod.references;
      release_pod(p);
      continue;
    }
    kLogRescheduler.debug("{}: pod of event {} pending since {:.3f} s: delegating", name_, pod.inv->id, pod.created);
    start_delegation(pod.inv, p);
    return;
  }
  if (!resched_round_active_)
    return;
  resched_round_active_ = false;
  resched_loop_.round_done(ports_.clock.calendar().now());  // the POSTs took their time: the loop drifts
  if (has_reschedulable_pods())
    wake(kReschedulerTick, resched_loop_);
}

// ---- CLUES and nodes ----

void OscarService::clues_tick()
{
  double now = ports_.clock.calendar().now();
  std::vector<clues::PendingPod>& pending = clues_pending_;
  pending.clear();
  for (int p : pending_)
    pending.push_back({pods_[p].created, fns_[pods_[p].fn].request});
  clues::Decision d = clues::decide(now, cluster_, pending, clues_);
  for (int i : d.power_on)
    power_on(i);
  for (int i : d.power_off) {
    Node& n = cluster_.nodes[i];
    kLogClues.info("{}: powering off node {} (idle since {:.3f} s)", name_, n.name, n.machine.uptime.idle_since);
    ++nodes_booting_or_draining_;
    ++power_offs_;
    note_change();
    machines_.drain(static_cast<std::uint64_t>(i), power_off_.sample(rng_nodes_));
  }
  bool managed_on = false;
  for (const auto& n : cluster_.nodes)
    managed_on = managed_on || (!n.always_on && n.machine.state == Node::State::ready);
  if (!pending_.empty() || nodes_booting_or_draining_ > 0 || managed_on)
    wake(kCluesTick, clues_scheduled_, clues_.period_s);
}

void OscarService::power_on(int i)
{
  Node& n = cluster_.nodes[i];
  double now = ports_.clock.calendar().now();
  n.machine.start(now, false);
  kLogClues.info("{}: powering on node {}", name_, n.name);
  n.images.clear();  // a freshly provisioned VM starts with an empty image cache
  ++nodes_booting_or_draining_;
  ++power_ons_;
  max_nodes_up_ = std::max(max_nodes_up_, cluster_.working_nodes_up());
  machines_.boot(static_cast<std::uint64_t>(i), power_on_.sample(rng_nodes_));
}

common::Machine& OscarService::machine(std::uint64_t key)
{
  return cluster_.nodes[key].machine;
}

void OscarService::machine_ready(std::uint64_t key)
{
  (void)key;
  --nodes_booting_or_draining_;
  note_change();
  dispatch();
}

void OscarService::machine_off(std::uint64_t key)
{
  int i = static_cast<int>(key);
  Node& n = cluster_.nodes[i];
  --nodes_booting_or_draining_;
  close_node(i, false);
  n.machine.stop();
  n.images.clear();
}

void OscarService::close_node(int i, bool up_at_end)
{
  Node& n = cluster_.nodes[i];
  cluster_.accrue(i, ports_.clock.calendar().now());
  machines_.close(static_cast<std::uint64_t>(i), *n.type, n.group, n.name, n.pods > 0, up_at_end);
}

void OscarService::wake(Kind tick, bool& scheduled, double period)
{
  if (scheduled)
    return;
  scheduled = true;
  // On the grid of the period from t = 0, so that when a tick happens does not depend on when
  // the activity last slept.
  double now = ports_.clock.calendar().now();
  double next = std::ceil(now / period) * period;
  if (next <= now)
    next += period;
  ports_.clock.calendar().at(next, this, tick, 0);
}

void OscarService::wake(Kind tick, ManagerLoop& loop)
{
  if (loop.scheduled)
    return;
  loop.scheduled = true;
  ports_.clock.calendar().at(loop.next_round_after(ports_.clock.calendar().now()), this, tick, 0);
}

void OscarService::start_phases(Invocation* inv, Pod& pod, Fn& fn)
{
  Calendar& cal = ports_.clock.calendar();
  const Node& n = cluster_.nodes[pod.node];
  // The platform's part first (E10's "initialize container" and "input/output").
  if (!pod.knative) {  // a Knative pod outlives the request: its start is not this request's
    if (inv->t_start > pod.created)
      ports_.records.phase(*inv, "pending", "platform", inv->node, pod.created, inv->t_start);
    ports_.records.phase(*inv, "initialize_container", "platform", inv->node, inv->t_start, inv->t_billed_from);
  }
  ports_.records.phase(*inv, "stage_in", "platform", inv->node, inv->t_stage_in, cal.now());
  gpu::PhasePlacement where;
  where.node_host = n.host;
  where.cpu_cores = fn.cpu_cores;
  where.node = &n.name;
  if (fn.gpu) {
    where.gpu = gpu::PhasePlacement::Gpu::local;
    where.local_gpu_speed = n.gpu_speed;
  } else if (fn.remote_gpu_service >= 0) {
    where.gpu = gpu::PhasePlacement::Gpu::remote;
    where.server = ports_.gpus.gpu_server(fn.remote_gpu_service);
    where.device = fn.remote_gpu_device;
    where.client_site = site_;
  }
  phase_runner_.start(inv, where, fn.rng_exec, this, kExecEnd);
}

// ---- event dispatch ----

void OscarService::on_event(std::uint32_t kind, std::uint64_t payload)
{
  Calendar& cal = ports_.clock.calendar();
  switch (kind) {
    case kHandle:
      handle(reinterpret_cast<Invocation*>(payload));
      break;
    case kRunning: {
      Pod& pod = pods_[payload];
      if (pod.knative) {
        knative_pod_ready(static_cast<int>(payload));
        break;
      }
      --pod.references;
      if (pod.state == Pod::State::gone) {  // the Rescheduler deleted its Job before it ran
        release_pod(static_cast<int>(payload));
        break;
      }
      starting_.erase(pod.queued);
      pod.state = Pod::State::running;
      Invocation* inv = pod.inv;
      inv->t_billed_from = cal.now();
      ports_.records.job_state(*inv, "Running");
      ports_.data.stage_in(inv, site_, this, kStagedIn);
      break;
    }
    case kStagedIn: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      Pod& pod = pods_[inv->model_slot];
      Fn& fn = fns_[pod.fn];
      const Node& n = cluster_.nodes[pod.node];
      inv->t_exec_start = cal.now();
      if (fn.phased) {
        start_phases(inv, pod, fn);
      } else if (fn.gpu) {  // one whole GPU per pod (device plugin): no sharing, a plain delay
        const ExecTimeModel& gpu = *ports_.functions.function(inv->function).profile.gpu_exec_time;
        double t = gpu.sample_on_gpu(n.gpu_speed, inv->input.attributes, fn.rng_exec);
        cal.after(t, this, kExecEnd, payload);
      } else {
        double t = fn.cpu_exec.sample(fn.cpu_cores, inv->input.attributes, fn.rng_exec);
        ports_.compute.execute(n.host, t * fn.cpu_cores, fn.cpu_cores, this, kExecEnd, payload);
      }
      break;
    }
    case kExecEnd: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      inv->t_exec_end = cal.now();
      if (inv->status != InvocationStatus::error)  // a failed script (GPU out of memory) writes nothing
        ports_.data.produce_outputs(inv);
      ports_.data.stage_out(inv, site_, this, kStagedOut);
      break;
    }
    case kStagedOut: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      if (fn_of(inv).phased)
        ports_.records.phase(*inv, "stage_out", "platform", inv->node, inv->t_exec_end, cal.now());
      if (inv->synchronous)
        knative_request_done(inv);
      else
        pod_done(inv);
      break;
    }
    case kKnativeWarmUp:
      for (int i = 0; i < fns_[payload].min_scale; ++i)
        create_knative_pod(static_cast<int>(payload), true);
      break;
    case kKnativeTrim:
      knative_trim(static_cast<int>(payload));
      break;
    case kKnativeScaleDown:
      knative_scale_down(static_cast<int>(payload >> 32), static_cast<std::uint32_t>(payload));
      break;
    case kRmRefresh:
      rm_loop_.scheduled = false;
      rm_.refresh(cluster_);
      rm_loop_.round_done(cal.now());
      // Keep refreshing while the cluster changes; an idle cluster's view stays exact.
      if (changed_since_refresh_ || running_pods_ > 0 || !pending_.empty() || nodes_booting_or_draining_ > 0)
        wake(kRmRefresh, rm_loop_);
      changed_since_refresh_ = false;
      break;
    case kReschedulerTick:
      resched_loop_.scheduled = false;
      if (!resched_round_active_)
        rescheduler_tick();
      break;
    case kCluesTick:
      clues_scheduled_ = false;
      clues_tick();
      break;
    case kDelegationAccepted:
    case kDelegationRefused:
    case kDelegationTimeout: {
      int slot = static_cast<int>(payload >> 32);
      Delegation& d = delegations_[slot];
      if (!d.active || d.attempt != static_cast<std::uint32_t>(payload))
        break;  // stale: that request was already answered or given up on
      if (kind == kDelegationAccepted) {
        delegation_succeeded(slot);
      } else {
        if (kind == kDelegationTimeout)
          ++delegation_timeouts_;
        try_next_replica(slot);
      }
      break;
    }
  }
}

bool OscarService::active() const
{
  bool knative_scaling_down = std::any_of(fns_.begin(), fns_.end(), [](const Fn& fn) { return fn.pods > fn.min_scale; });
  return rm_loop_.scheduled || resched_loop_.scheduled || clues_scheduled_ || nodes_booting_or_draining_ > 0 ||
         resched_round_active_ || knative_scaling_down;
}

void OscarService::end_of_run(double /*t*/)
{
  for (std::size_t i = 0; i < cluster_.nodes.size(); ++i)
    if (cluster_.nodes[i].machine.state != Node::State::off)
      close_node(static_cast<int>(i), true);
}

TimelineSample OscarService::sample()
{
  TimelineSample s;
  s.running = running_pods_ - knative_idle_;
  s.queued = static_cast<long long>(pending_.size()) + handling_;
  for (const auto& fn : fns_)
    s.queued += static_cast<long long>(fn.waiting.size()) - fn.pods_pending;
  for (const auto& d : delegations_)
    s.queued += d.active && d.inv ? 1 : 0;
  for (const auto& n : cluster_.nodes) {
    if (n.control_plane)
      continue;
    if (n.machine.state != Node::State::off)
      ++s.units_up;
    if (!n.schedulable())
      continue;
    // Free job slots: how many more pods of the service that fits best would fit here.
    Resources free = n.free();
    long long slots = 0;
    for (const auto& fn : fns_) {
      long long k = free.cpu_m / fn.request.cpu_m;
      if (fn.request.memory_kib > 0)
        k = std::min(k, free.memory_kib / fn.request.memory_kib);
      if (fn.request.gpus > 0)
        k = std::min(k, static_cast<long long>(free.gpus / fn.request.gpus));
      slots = std::max(slots, k);
    }
    s.warm_idle += slots;
  }
  s.warm_idle += knative_idle_;
  return s;
}

nlohmann::ordered_json OscarService::summary()
{
  nlohmann::ordered_json j;
  j["platform"] = label_;
  j["events"] = events_;
  j["jobs_created"] = jobs_created_;
  j["delegated"] = {{"resource-manager", delegated_rm_}, {"rescheduler", delegated_rescheduler_}};
  j["delegation_failures"] = delegation_failures_;
  j["delegation_timeouts"] = delegation_timeouts_;
  j["duplicates"] = duplicates_;
  j["image_pulls"] = image_pulls_;
  j["nodes_powered_on"] = power_ons_;
  j["nodes_powered_off"] = power_offs_;
  j["max_working_nodes_up"] = max_nodes_up_;
  j["node_seconds"] = rounded(machines_.machine_seconds(), 6);
  j["node_cost_usd"] = rounded(machines_.billed_usd(), 12);
  if (energy_modelled_)
    j["energy_wh"] = rounded(machines_.energy_wh(), 6);
  j["resource_manager_refreshes"] = rm_.refreshes();
  j["settings"] = settings_.to_json();
  j["clues"] = clues_.enabled ? nlohmann::ordered_json{{"enabled", true},
                                                        {"min_nodes", clues_.min_nodes},
                                                        {"idle_time_s", clues_.idle_time_s},
                                                        {"pending_threshold_s", clues_.pending_threshold_s},
                                                        {"period_s", clues_.period_s}}
                              : nlohmann::ordered_json{{"enabled", false}};
  nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
  for (const auto& n : cluster_.nodes)
    nodes.push_back({{"name", n.name},
                     {"type", n.type->name},
                     {"control_plane", n.control_plane},
                     {"allocatable_cpu", static_cast<double>(n.allocatable.cpu_m) / 1000.0},
                     {"allocatable_memory_mib", static_cast<double>(n.allocatable.memory_kib) / 1024.0},
                     {"gpus", n.allocatable.gpus},
                     {"cpu_speed", n.cpu_speed},
                     {"always_on", n.always_on},
                     {"source", n.type->source}});
  j["nodes"] = nodes;
  nlohmann::ordered_json services = nlohmann::ordered_json::object();
  for (const auto& fn : fns_) {
    const auto& spec = ports_.functions.function(fn.function);
    nlohmann::ordered_json replicas = nlohmann::ordered_json::array();
    for (const auto& r : spec.replicas)
      replicas.push_back({{"target", r.label},
                          {"priority", r.priority},
                          {"service", r.function >= 0 ? r.service : std::string("(not on the platform)")}});
    services[spec.name] = {{"cpu", fn.cpu_cores},
                           {"memory_mib", static_cast<double>(fn.request.memory_kib) / 1024.0},
                           {"gpu", fn.gpu},
                           {"events", fn.events},
                           {"jobs", fn.jobs},
                           {"cold_starts", fn.cold},
                           {"rescheduler_threshold_s", fn.rescheduler_threshold_s},
                           {"synchronous", {{"requests", fn.requests},
                                            {"cold_requests", fn.cold_requests},
                                            {"timeouts", fn.request_timeouts},
                                            {"pods_created", fn.pods_created},
                                            {"min_scale", fn.min_scale},
                                            {"max_scale", fn.max_scale}}},
                           {"replicas", replicas}};
  }
  j["services"] = services;
  return j;
}

nlohmann::ordered_json OscarService::parameters() const
{
  nlohmann::ordered_json p = {{"kubernetes", config_->k8s_params.to_json()},
                               {"oscar", config_->oscar_params.to_json()},
                               {"clues", config_->clues_params.to_json()}};
  if (uses_gpu_phases_)
    p["gpu"] = config_->gpu_params.to_json();
  return p;
}

} // namespace contsim::oscar
