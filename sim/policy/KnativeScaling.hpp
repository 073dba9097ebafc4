// Knative's autoscaler for an OSCAR synchronous service, as contsim models it (containerConcurrency
// 1, which OSCAR fixes): pure rules over the service's counts, enacted by the OSCAR model.
//   - scale up: one pod on its way for every request waiting, up to max_scale (0: unbounded);
//   - trim: unscheduled pods that no waiting request needs any more are removed if that lasts
//     the stable window;
//   - scale down: a pod idle for the stable window goes, never below min_scale; the last pod
//     gets the scale-to-zero grace period once more first.
// Not modelled: the target utilisation, panic mode, averaging over the window (scenarios/README.md).
#pragma once
#include <algorithm>

namespace contsim {

struct KnativeCounts {
  long long waiting = 0;        // requests the activator holds
  long long pods = 0;           // pending, starting, idle or busy
  long long pods_starting = 0;  // pending or starting: will serve a waiting request soon
  long long pods_pending = 0;   // of those, not bound to a node yet
  int min_scale = 0;
  int max_scale = 0;            // 0: unbounded
};

/// Pods to create now.
inline long long knative_pods_to_add(const KnativeCounts& c)
{
  long long missing = c.waiting - c.pods_starting;
  if (missing <= 0)
    return 0;
  if (c.max_scale > 0)
    missing = std::min<long long>(missing, c.max_scale - c.pods);
  return missing > 0 ? missing : 0;
}

/// Unscheduled pods no waiting request needs (the trim removes them after the stable window).
inline long long knative_excess(const KnativeCounts& c)
{
  long long extra = c.pods_starting - c.waiting;
  return extra <= 0 ? 0 : std::min(extra, c.pods_pending);
}

enum class IdlePodStep { keep, grace, remove };

/// What happens to a pod idle for the stable window.
inline IdlePodStep knative_idle_pod(const KnativeCounts& c, bool grace_taken)
{
  if (c.pods <= c.min_scale)
    return IdlePodStep::keep;
  if (c.pods == 1 && !grace_taken)
    return IdlePodStep::grace;
  return IdlePodStep::remove;
}

} // namespace contsim
