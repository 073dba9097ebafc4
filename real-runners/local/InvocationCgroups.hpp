// The cgroups (v1) of one invocation: a CPU quota, a memory limit and CPU accounting, made
// under this process's own cgroup and removed when the invocation ends. These machines have no
// cgroup v2 controllers; where the cgroup filesystem is not writable, the sandbox falls back to
// taskset and prlimit (Sandbox.cpp).
#pragma once
#include <sys/types.h>

#include <string>

namespace contsim::real {

/// Whether this process may make cgroups for cpu and memory.
bool cgroups_writable();

/// One cgroup per controller for one invocation, removed when it goes out of scope.
class InvocationCgroups {
public:
  InvocationCgroups(double cpu, double memory_mb);
  ~InvocationCgroups();
  InvocationCgroups(const InvocationCgroups&) = delete;
  InvocationCgroups& operator=(const InvocationCgroups&) = delete;
  bool ok() const { return ok_; }
  bool add(pid_t pid) const;
  /// CPU seconds used by every process of the invocation (cpuacct.usage); < 0 when unknown.
  double cpu_seconds() const;
  /// Whether the memory limit was hit (the kernel's OOM killer acted in this cgroup).
  bool hit_memory_limit() const;
  void kill_all() const;

private:
  std::string cpu_, memory_, cpuacct_;
  bool ok_ = false;
};

} // namespace contsim::real
