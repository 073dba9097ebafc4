// OSCAR's synchronous path: POST /run/SERVICE is reverse-proxied to the service's Knative
// revision (real-systems.md §2.1). OSCAR fixes containerConcurrency to 1, so each pod serves one
// request at a time; the activator holds requests while no pod is free and the autoscaler adds
// pods (bounded by the FDL's `synchronous.max_scale`). Simplifications, documented in
// scenarios/README.md: one pod per waiting request (no target-utilization headroom), no
// panic mode, an idle pod leaves after the stable window (the last one after the scale-to-zero
// grace period too), never below `min_scale`. The request's body is its input: no MinIO
// download. Outputs are still uploaded to the service's output storage, as the supervisor does.
#include "models/oscar/OscarService.hpp"
#include "sim/policy/KnativeScaling.hpp"

#include <algorithm>

namespace contsim::oscar {

namespace {

/// What the scaling rules (sim/policy/KnativeScaling.hpp) read of a service.
template <class Fn>
KnativeCounts knative_counts(const Fn& fn)
{
  return KnativeCounts{static_cast<long long>(fn.waiting.size()), fn.pods, fn.pods_starting, fn.pods_pending,
                       fn.min_scale, fn.max_scale};
}

} // namespace

void OscarService::sync_request(Invocation* inv)
{
  Fn& fn = fn_of(inv);
  ++fn.requests;
  fn.waiting.push_back(inv);
  serve_waiting(fn_index_[inv->function]);
}

void OscarService::serve_waiting(int f)
{
  Fn& fn = fns_[f];
  double now = ports_.clock.calendar().now();
  while (!fn.waiting.empty() && !fn.idle_pods.empty()) {
    Invocation* inv = fn.waiting.front();
    fn.waiting.pop_front();
    int p = fn.idle_pods.back();
    fn.idle_pods.pop_back();
    --knative_idle_;
    Pod& pod = pods_[p];
    pod.state = Pod::State::running;
    pod.inv = inv;
    ++pod.idle_epoch;  // cancels the pending scale-down
    pod.grace_taken = false;
    inv->model_slot = static_cast<std::uint64_t>(p);
    inv->t_start = now;
    inv->t_billed_from = now;
    inv->node = cluster_.nodes[pod.node].name;
    // Cold: the request waited for a new pod (scale from zero or up), even one that started at once.
    inv->cold_start = pod.served == 0 && !pod.prewarmed && pod.t_ready >= inv->t_trigger;
    if (inv->cold_start)
      ++fn.cold_requests;
    ++pod.served;
    ports_.data.stage_in(inv, site_, this, kStagedIn);
  }
  // Scale up: a pod on its way for every request still waiting; pods asked for earlier that no
  // request needs any more go if that lasts the stable window.
  for (long long add = knative_pods_to_add(knative_counts(fn)); add > 0; --add)
    create_knative_pod(f, false);
  if (knative_excess(knative_counts(fn)) > 0 && !fn.trim_scheduled) {
    fn.trim_scheduled = true;
    ports_.clock.calendar().after(knative_stable_window_s_, this, kKnativeTrim, static_cast<std::uint64_t>(f));
  }
}

void OscarService::knative_trim(int f)
{
  Fn& fn = fns_[f];
  fn.trim_scheduled = false;
  long long excess = knative_excess(knative_counts(fn));
  // The newest unscheduled pods go first (a ReplicaSet scaling down removes unscheduled pods).
  for (auto it = pending_.end(); excess > 0 && it != pending_.begin();) {
    --it;
    int p = *it;
    Pod& pod = pods_[p];
    if (!pod.knative || pod.fn != f)
      continue;
    it = pending_.erase(it);
    pod.state = Pod::State::gone;
    --fn.pods_pending;
    --fn.pods_starting;
    --fn.pods;
    --excess;
    release_pod(p);
  }
}

void OscarService::create_knative_pod(int f, bool prewarmed)
{
  int p = new_pod_slot();
  Pod& pod = pods_[p];
  pod.state = Pod::State::pending;
  pod.knative = true;
  pod.prewarmed = prewarmed;
  pod.fn = f;
  pod.created = ports_.clock.calendar().now();
  pod.queued = pending_.insert(pending_.end(), p);
  Fn& fn = fns_[f];
  ++fn.pods_pending;
  ++fn.pods;
  ++fn.pods_starting;
  ++fn.pods_created;
  if (clues_.enabled)
    wake(kCluesTick, clues_scheduled_, clues_.period_s);
  dispatch();
}

void OscarService::knative_pod_ready(int p)
{
  Pod& pod = pods_[p];
  Fn& fn = fns_[pod.fn];
  --fn.pods_starting;
  pod.t_ready = ports_.clock.calendar().now();
  knative_pod_idle(p);
}

void OscarService::knative_pod_idle(int p)
{
  Pod& pod = pods_[p];
  Fn& fn = fns_[pod.fn];
  pod.state = Pod::State::idle;
  fn.idle_pods.push_back(p);
  ++knative_idle_;
  if (fn.waiting.empty())  // else it serves the next request at once
    ports_.clock.calendar().after(knative_stable_window_s_, this, kKnativeScaleDown, pack(p, ++pod.idle_epoch));
  serve_waiting(pod.fn);
}

void OscarService::knative_request_done(Invocation* inv)
{
  int p = static_cast<int>(inv->model_slot);
  Pod& pod = pods_[p];
  double now = ports_.clock.calendar().now();
  inv->t_end = now;
  Fn& fn = fns_[pod.fn];
  if (now - inv->t_trigger > sync_timeout_s_) {  // the caller's connection was cut before
    inv->status = InvocationStatus::timeout;
    ++fn.request_timeouts;
  }
  ports_.records.finished(inv);
  pod.inv = nullptr;
  knative_pod_idle(p);
}

void OscarService::knative_scale_down(int p, std::uint32_t epoch)
{
  Pod& pod = pods_[p];
  if (!pod.knative || pod.state != Pod::State::idle || pod.idle_epoch != epoch)
    return;  // served another request meanwhile
  Fn& fn = fns_[pod.fn];
  IdlePodStep step = knative_idle_pod(knative_counts(fn), pod.grace_taken);
  if (step == IdlePodStep::keep)
    return;
  if (step == IdlePodStep::grace) {
    pod.grace_taken = true;
    ports_.clock.calendar().after(knative_scale_to_zero_grace_s_, this, kKnativeScaleDown, pack(p, ++pod.idle_epoch));
    return;
  }
  fn.idle_pods.erase(std::find(fn.idle_pods.begin(), fn.idle_pods.end(), p));
  --knative_idle_;
  --fn.pods;
  cluster_.unbind(pod.node, fn.request, ports_.clock.calendar().now());
  note_change();
  --running_pods_;
  pod.state = Pod::State::gone;
  release_pod(p);
  dispatch();
  if (clues_.enabled)
    wake(kCluesTick, clues_scheduled_, clues_.period_s);
}

} // namespace contsim::oscar
