#include "real-runners/local/Sandbox.hpp"
#include "real-runners/core/Process.hpp"
#include "real-runners/local/InvocationCgroups.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cerrno>
#include <cmath>
#include <memory>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace contsim::real {

namespace {

// The entry of a podman container: $1 the status FIFO (the entry writes "up", then "done RC"),
// $2 the control FIFO (a line lets the script start, the next one lets the container exit),
// $3 the script, $4 where the shell's `times` goes (the script's CPU time: the podman client's
// own is not the script's). The runner holds both FIFOs open read-write, so no open blocks.
const char* const kContainerEntry =
    "echo up > \"$1\"; read _ < \"$2\"; /bin/sh \"$3\"; rc=$?; times > \"$4\"; echo \"done $rc\" > \"$1\"; "
    "read _ < \"$2\"; exit $rc";

/// The children's user + system seconds from a POSIX shell's `times` output (its second line,
/// "0m1.230000s 0m0.050000s"); < 0 when unreadable.
double children_cpu_seconds(const std::string& times_file)
{
  std::ifstream in(times_file);
  std::string shell_line, children_line;
  if (!std::getline(in, shell_line) || !std::getline(in, children_line))
    return -1;
  std::istringstream words(children_line);
  double total = 0;
  int parsed = 0;
  for (std::string w; words >> w;) {
    auto m = w.find('m');
    if (m == std::string::npos || w.back() != 's')
      return -1;
    try {
      total += std::stod(w.substr(0, m)) * 60 + std::stod(w.substr(m + 1, w.size() - m - 2));
    } catch (const std::exception&) {
      return -1;
    }
    ++parsed;
  }
  return parsed == 2 ? total : -1;
}

/// The FIFOs of one container, in the job's directory (bound into the container at the same path).
class ContainerChannel {
public:
  explicit ContainerChannel(const std::string& work_dir)
      : status_path_(work_dir + "/.contsim-status"), control_path_(work_dir + "/.contsim-control")
  {
    if (mkfifo(status_path_.c_str(), 0600) != 0 || mkfifo(control_path_.c_str(), 0600) != 0)
      return;
    status_ = open(status_path_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    control_ = open(control_path_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  }
  ~ContainerChannel()
  {
    if (status_ >= 0) close(status_);
    if (control_ >= 0) close(control_);
    unlink(status_path_.c_str());
    unlink(control_path_.c_str());
    unlink(times_path().c_str());
  }
  ContainerChannel(const ContainerChannel&) = delete;
  ContainerChannel& operator=(const ContainerChannel&) = delete;
  bool ok() const { return status_ >= 0 && control_ >= 0; }
  int status_fd() const { return status_; }
  const std::string& status_path() const { return status_path_; }
  const std::string& control_path() const { return control_path_; }
  std::string times_path() const { return status_path_ + ".times"; }
  /// The complete lines the entry has written since the last call.
  std::vector<std::string> read_lines()
  {
    char buf[256];
    ssize_t n;
    while ((n = read(status_, buf, sizeof buf)) > 0)
      pending_.append(buf, static_cast<std::size_t>(n));
    std::vector<std::string> lines;
    for (auto nl = pending_.find('\n'); nl != std::string::npos; nl = pending_.find('\n')) {
      lines.push_back(pending_.substr(0, nl));
      pending_.erase(0, nl + 1);
    }
    return lines;
  }
  bool release() const { return write(control_, "\n", 1) == 1; }

private:
  std::string status_path_, control_path_;
  int status_ = -1, control_ = -1;
  std::string pending_;
};

std::vector<std::string> podman_command_line(const SandboxSpec& s, const ContainerChannel& channel)
{
  // runc and ulimits below the host's: podman's defaults fail on this kind of host.
  std::vector<std::string> a = {"podman", "run", "--rm", "--name", s.name, "--runtime", "runc", "--ulimit",
                                "nofile=1024:1024", "--ulimit", "nproc=4096:4096", "--network", "none", "--cpus",
                                std::to_string(s.cpu)};
  if (s.memory_mb > 0)
    a.insert(a.end(), {"--memory", std::to_string(static_cast<long long>(s.memory_mb)) + "m"});
  a.insert(a.end(), {"-v", s.work_dir + ":" + s.work_dir, "-v", s.script_dir + ":" + s.script_dir + ":ro", "-w",
                     s.work_dir, "-e", "HOME=" + s.work_dir});
  for (const auto& m : s.mounts)
    if (m != s.script_dir)
      a.insert(a.end(), {"-v", m + ":" + m + ":ro"});
  for (const auto& [k, v] : s.env)
    a.insert(a.end(), {"-e", k + "=" + v});
  a.insert(a.end(), {s.podman_image, "/bin/sh", "-c", kContainerEntry, "contsim-entry", channel.status_path(),
                     channel.control_path(), s.script, channel.times_path()});
  return a;
}

std::vector<std::string> bwrap_command_line(const SandboxSpec& s)
{
  std::vector<std::string> a = {
      "bwrap", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
      "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin", "--ro-bind", "/etc", "/etc", "--proc",
      "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--ro-bind", s.script_dir, s.script_dir, "--bind", s.work_dir,
      s.work_dir, "--chdir", s.work_dir, "--unshare-all", "--die-with-parent", "--clearenv", "--setenv", "PATH",
      "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", s.work_dir};
  for (const auto& m : s.mounts)
    if (m != s.script_dir)
      a.insert(a.end(), {"--ro-bind", m, m});
  for (const auto& [k, v] : s.env)
    a.insert(a.end(), {"--setenv", k, v});
  a.insert(a.end(), {"/bin/sh", s.script});
  return a;
}

/// Seconds a container may take to report `up` (when the job timeout is shorter).
constexpr double kContainerStartLimitS = 120;

/// Where a container's script is in its life, as its entry reports it.
enum class ContainerPhase { starting, running, finishing };

} // namespace

std::string limits_method()
{
  static const std::string method = cgroups_writable() ? "cgroup-v1" : "taskset+prlimit";
  return method;
}

SandboxResult run_sandboxed(const SandboxSpec& spec, const SandboxHooks& hooks, const std::atomic<bool>& interrupted)
{
  SandboxResult result;
  bool podman = !spec.podman_image.empty();
  if (!podman && hooks.before_script && !hooks.before_script()) {
    result.message = "the step before the script failed";
    return result;
  }
  std::unique_ptr<ContainerChannel> channel;
  if (podman) {
    channel = std::make_unique<ContainerChannel>(spec.work_dir);
    if (!channel->ok()) {
      result.message = std::string("cannot make the container's FIFOs: ") + std::strerror(errno);
      return result;
    }
  }
  std::unique_ptr<InvocationCgroups> cgroups;
  if (!podman && limits_method() == "cgroup-v1") {
    cgroups = std::make_unique<InvocationCgroups>(spec.cpu, spec.memory_mb);
    if (!cgroups->ok()) {
      result.message = "cannot set up the invocation's cgroups";
      return result;
    }
  }
  std::vector<std::string> args = podman ? podman_command_line(spec, *channel) : bwrap_command_line(spec);
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  int out = open(spec.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int err = open(spec.stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int go[2];
  if (out < 0 || err < 0 || pipe2(go, O_CLOEXEC) != 0) {
    result.message = std::string("cannot prepare the script's output files: ") + std::strerror(errno);
    if (out >= 0) close(out);
    if (err >= 0) close(err);
    return result;
  }
  long cores = std::max(1L, static_cast<long>(std::ceil(spec.cpu - 1e-9)));
  bool fallback = !podman && !cgroups;
  pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls until exec: this process was forked from a threaded one.
    setpgid(0, 0);
    char byte;
    close(go[1]);
    if (read(go[0], &byte, 1) != 1)
      _exit(127);
    dup2(out, 1);
    dup2(err, 2);
    if (fallback) {
      cpu_set_t set;
      CPU_ZERO(&set);
      for (long c = 0; c < cores; ++c)
        CPU_SET(c, &set);
      sched_setaffinity(0, sizeof set, &set);
      if (spec.memory_mb > 0) {
        rlimit as{static_cast<rlim_t>(spec.memory_mb * 1048576.0), static_cast<rlim_t>(spec.memory_mb * 1048576.0)};
        setrlimit(RLIMIT_AS, &as);
      }
    }
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(go[0]);
  close(out);
  close(err);
  if (pid < 0) {
    close(go[1]);
    result.message = std::string("fork failed: ") + std::strerror(errno);
    return result;
  }
  setpgid(pid, pid);
  if (cgroups && !cgroups->add(pid)) {
    ::kill(pid, SIGKILL);
    close(go[1]);
    waitpid(pid, nullptr, 0);
    result.message = "cannot move the script into its cgroups";
    return result;
  }
  char byte = 1;
  if (write(go[1], &byte, 1) != 1) {
    ::kill(pid, SIGKILL);
  }
  close(go[1]);

  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  auto start = std::chrono::steady_clock::now();
  bool timed_out = false, stopped = false, hook_failed = false;
  ContainerPhase phase = ContainerPhase::starting;
  while (true) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // The job timeout is the script's: a container's start has its own bound (a loaded machine
    // can take seconds to start one), past which the job is a timeout too.
    double limit = phase == ContainerPhase::starting && podman ? std::max(spec.timeout_s, kContainerStartLimitS)
                                                               : spec.timeout_s;
    if (spec.timeout_s > 0 && elapsed >= limit) {
      timed_out = true;
      break;
    }
    if (interrupted.load()) {
      stopped = true;
      break;
    }
    int wait_ms = 50;
    if (spec.timeout_s > 0)
      wait_ms = std::min(wait_ms, std::max(1, static_cast<int>((limit - elapsed) * 1000) + 1));
    pollfd p[2] = {{pidfd, POLLIN, 0}, {channel ? channel->status_fd() : -1, POLLIN, 0}};
    bool exited = false;
    if (pidfd >= 0) {
      exited = poll(p, 2, wait_ms) > 0 && (p[0].revents & POLLIN);
    } else {
      int status;
      exited = waitpid(pid, &status, WNOHANG | WNOWAIT) == pid;
      if (!exited && !channel)
        std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
      else if (!exited)
        poll(p + 1, 1, wait_ms);
    }
    if (channel) {
      for (const std::string& line : channel->read_lines()) {
        if (line == "up" && phase == ContainerPhase::starting) {
          if (hooks.before_script && !hooks.before_script()) {
            hook_failed = true;
            break;
          }
          phase = ContainerPhase::running;
          start = std::chrono::steady_clock::now();  // the script's time starts now
          channel->release();
        } else if (line.rfind("done ", 0) == 0 && phase == ContainerPhase::running) {
          if (line == "done 0" && hooks.after_script)
            hooks.after_script();
          phase = ContainerPhase::finishing;
          channel->release();
        }
      }
      if (hook_failed)
        break;
    }
    if (exited)
      break;
  }
  if (timed_out || stopped || hook_failed) {
    ::kill(-pid, SIGKILL);
    if (cgroups)
      cgroups->kill_all();
    if (podman)  // the container outlives its podman client: remove it by name
      run_process({"podman", "rm", "--force", "--time", "0", spec.name});
  }
  int status = 0;
  rusage ru{};
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  if (pidfd >= 0)
    close(pidfd);
  result.cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  // The sandbox's own children are not all waited for by it: the cgroup counts every process.
  if (cgroups && cgroups->cpu_seconds() >= 0)
    result.cpu_s = cgroups->cpu_seconds();
  if (double script_cpu = channel ? children_cpu_seconds(channel->times_path()) : -1; script_cpu >= 0)
    result.cpu_s = script_cpu;
  if (hook_failed) {
    result.end = SandboxResult::End::not_started;
    result.message = "the step before the script failed";
  } else if (timed_out) {
    result.end = SandboxResult::End::timeout;
  } else if (stopped) {
    result.end = SandboxResult::End::interrupted;
  } else if (WIFEXITED(status)) {
    result.end = SandboxResult::End::exited;
    result.exit_code = WEXITSTATUS(status);
    // bubblewrap reports a child killed by a signal as 128 + signal; the memory cgroup tells an OOM kill
    if (cgroups && result.exit_code != 0 && cgroups->hit_memory_limit())
      result.end = SandboxResult::End::oom;
    if (result.exit_code == 127 && !podman)
      result.message = "exit 127: the sandbox or the script could not be started (is bubblewrap installed?)";
    if (podman && phase == ContainerPhase::starting)
      result.message = "podman could not start the container (is the image " + spec.podman_image +
                       " built? real-runners/images/build-image.sh)";
  } else if (WIFSIGNALED(status)) {
    result.end = cgroups && cgroups->hit_memory_limit() ? SandboxResult::End::oom : SandboxResult::End::exited;
    result.signal = WTERMSIG(status);
    result.exit_code = 128 + result.signal;
  }
  if (!podman && result.end == SandboxResult::End::exited && result.exit_code == 0 && hooks.after_script)
    hooks.after_script();
  return result;
}

} // namespace contsim::real
