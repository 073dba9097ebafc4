// Runs one FDL script the way a container would run it on OSCAR, on this machine, CPU limited
// to the FDL's `cpu` and memory to its `memory`, killed at the job timeout. Two runtimes:
//  - process: a bubblewrap sandbox (private /tmp, /proc, no network, the host's /usr read-only,
//    the invocation's directory the only writable place); limits from a cgroup (v1) per
//    invocation where the cgroup filesystem is writable, else taskset (cores) and prlimit
//    (address space); `limits_method()` says which, for real.json. The hooks run before the
//    sandbox starts and after it has exited.
//  - podman: a container of a locally built image (runc, --cpus, --memory). As on OSCAR, the
//    supervisor's work happens inside the running container: its entry waits on a FIFO until
//    `before_script` (stage-in) is done, reports the script's exit, and stays up until
//    `after_script` (stage-out) is done. The container's start is thus outside the script's
//    time, where OSCAR's pod start is.
#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace contsim::real {

struct SandboxSpec {
  std::string script;      // host path of the script, run with /bin/sh
  std::string script_dir;  // bound read-only (the use case's files beside the script)
  std::vector<std::string> mounts;  // more directories bound read-only at the same paths
  std::string work_dir;    // the invocation's directory: bound read-write, the working directory
  std::vector<std::pair<std::string, std::string>> env;  // besides PATH and HOME
  double cpu = 1;          // cores
  double memory_mb = 0;    // MiB; 0: no limit
  double timeout_s = 0;    // 0: none
  std::string stdout_file, stderr_file;
  std::string podman_image;  // non-empty: run in this local podman image instead of bubblewrap
  std::string name;          // podman: the container's name (unique among running jobs)
};

/// The supervisor's steps around the script, run by the sandbox at the right moments.
struct SandboxHooks {
  /// Before the script starts (podman: once the container is up); false: the script is not
  /// started and the sandbox ends `not_started`.
  std::function<bool()> before_script;
  /// After the script exited with status 0 (podman: while the container is still up).
  std::function<void()> after_script;
};

struct SandboxResult {
  enum class End { exited, timeout, interrupted, oom, not_started } end = End::not_started;
  int exit_code = -1;   // exited: the script's exit status
  int signal = 0;       // killed by a signal (other than ours)
  double cpu_s = 0;     // user + system CPU of the script and its children
  std::string message;  // not_started: why
};

/// "cgroup-v1" or "taskset+prlimit" (or "none" when neither is possible).
std::string limits_method();

/// Runs the script between the hooks; returns when it ended, was killed at the timeout, or
/// `interrupted` became true (then it is killed at once).
SandboxResult run_sandboxed(const SandboxSpec& spec, const SandboxHooks& hooks, const std::atomic<bool>& interrupted);

} // namespace contsim::real
