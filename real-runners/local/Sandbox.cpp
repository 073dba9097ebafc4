#include "real-runners/local/Sandbox.hpp"

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
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace contsim::real {

namespace {

/// This process's cgroup (v1) directory for `controller`, from /proc/self/cgroup.
std::string cgroup_dir(const std::string& controller)
{
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    auto a = line.find(':');
    auto b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos)
      continue;
    std::stringstream names(line.substr(a + 1, b - a - 1));
    std::string name;
    while (std::getline(names, name, ','))
      if (name == controller)
        return "/sys/fs/cgroup/" + controller + line.substr(b + 1);
  }
  return "";
}

bool write_file(const std::string& path, const std::string& value)
{
  std::ofstream out(path);
  out << value;
  out.flush();
  return static_cast<bool>(out);
}

bool cgroups_writable()
{
  for (const char* c : {"cpu", "memory"}) {
    std::string d = cgroup_dir(c);
    if (d.empty() || access(d.c_str(), W_OK) != 0)
      return false;
  }
  return true;
}

/// Cgroups a runner killed with -9 left behind (contsim-real-PID-N of a PID that is gone).
void remove_stale_cgroups()
{
  for (const char* c : {"cpu", "memory", "cpuacct"}) {
    std::string parent = cgroup_dir(c);
    std::error_code ec;
    if (parent.empty() || !std::filesystem::is_directory(parent, ec))
      continue;
    for (const auto& e : std::filesystem::directory_iterator(parent, ec)) {
      std::string name = e.path().filename().string();
      if (name.rfind("contsim-real-", 0) != 0)
        continue;
      pid_t owner = static_cast<pid_t>(std::atol(name.c_str() + 13));
      if (owner > 0 && ::kill(owner, 0) != 0 && errno == ESRCH)
        rmdir(e.path().c_str());
    }
  }
}

/// One cgroup per controller for one invocation, removed when it goes out of scope.
class InvocationCgroups {
public:
  InvocationCgroups(double cpu, double memory_mb)
  {
    static std::once_flag cleaned;
    std::call_once(cleaned, remove_stale_cgroups);
    static std::atomic<unsigned> counter{0};
    std::string name = "contsim-real-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
    cpu_ = cgroup_dir("cpu") + "/" + name;
    memory_ = cgroup_dir("memory") + "/" + name;
    ok_ = mkdir(cpu_.c_str(), 0755) == 0 && mkdir(memory_.c_str(), 0755) == 0;
    // CPU accounting: its own hierarchy here, or co-mounted with cpu (then the same directory).
    std::string acct = cgroup_dir("cpuacct");
    if (!acct.empty() && access(acct.c_str(), W_OK) == 0) {
      cpuacct_ = acct + "/" + name;
      if (cpuacct_ != cpu_ && mkdir(cpuacct_.c_str(), 0755) != 0)
        cpuacct_.clear();
    }
    if (!ok_)
      return;
    // CFS bandwidth: `cpu` cores' worth of time in every 100 ms period.
    ok_ = write_file(cpu_ + "/cpu.cfs_period_us", "100000") &&
          write_file(cpu_ + "/cpu.cfs_quota_us", std::to_string(std::max(1000L, std::lround(cpu * 100000))));
    if (ok_ && memory_mb > 0)
      ok_ = write_file(memory_ + "/memory.limit_in_bytes",
                       std::to_string(static_cast<long long>(memory_mb * 1048576.0)));
  }
  ~InvocationCgroups()
  {
    for (const auto& d : {cpu_, memory_, cpuacct_ != cpu_ ? cpuacct_ : std::string()})
      for (int i = 0; !d.empty() && i < 50 && rmdir(d.c_str()) != 0 && errno == EBUSY; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  bool ok() const { return ok_; }
  bool add(pid_t pid) const
  {
    return write_file(cpu_ + "/cgroup.procs", std::to_string(pid)) &&
           write_file(memory_ + "/cgroup.procs", std::to_string(pid)) &&
           (cpuacct_.empty() || cpuacct_ == cpu_ || write_file(cpuacct_ + "/cgroup.procs", std::to_string(pid)));
  }
  /// CPU seconds used by every process of the invocation (cpuacct.usage); < 0 when unknown.
  double cpu_seconds() const
  {
    if (cpuacct_.empty())
      return -1;
    std::ifstream in(cpuacct_ + "/cpuacct.usage");
    long long ns = -1;
    in >> ns;
    return ns < 0 ? -1 : ns / 1e9;
  }
  /// Whether the memory limit was hit (the kernel's OOM killer acted in this cgroup).
  bool hit_memory_limit() const
  {
    std::ifstream in(memory_ + "/memory.failcnt");
    long long n = 0;
    in >> n;
    return n > 0;
  }
  void kill_all() const
  {
    std::ifstream in(memory_ + "/cgroup.procs");
    pid_t p;
    while (in >> p)
      ::kill(p, SIGKILL);
  }

private:
  std::string cpu_, memory_, cpuacct_;
  bool ok_ = false;
};

std::vector<std::string> command_line(const SandboxSpec& s)
{
  std::vector<std::string> a;
  if (!s.podman_image.empty()) {
    // runc and ulimits below the host's: podman's defaults fail on this kind of host.
    a = {"podman", "run", "--rm", "--runtime", "runc", "--ulimit", "nofile=1024:1024", "--ulimit",
         "nproc=4096:4096", "--network", "none", "--cpus", std::to_string(s.cpu)};
    if (s.memory_mb > 0)
      a.insert(a.end(), {"--memory", std::to_string(static_cast<long long>(s.memory_mb)) + "m"});
    a.insert(a.end(), {"-v", s.work_dir + ":" + s.work_dir, "-v", s.script_dir + ":" + s.script_dir + ":ro", "-w",
                       s.work_dir, "-e", "HOME=" + s.work_dir});
    for (const auto& m : s.mounts)
      a.insert(a.end(), {"-v", m + ":" + m + ":ro"});
    for (const auto& [k, v] : s.env)
      a.insert(a.end(), {"-e", k + "=" + v});
    a.insert(a.end(), {s.podman_image, "/bin/sh", s.script});
    return a;
  }
  a = {"bwrap", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
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

} // namespace

std::string limits_method()
{
  static const std::string method = cgroups_writable() ? "cgroup-v1" : "taskset+prlimit";
  return method;
}

SandboxResult run_sandboxed(const SandboxSpec& spec, const std::atomic<bool>& interrupted)
{
  SandboxResult result;
  bool podman = !spec.podman_image.empty();
  std::unique_ptr<InvocationCgroups> cgroups;
  if (!podman && limits_method() == "cgroup-v1") {
    cgroups = std::make_unique<InvocationCgroups>(spec.cpu, spec.memory_mb);
    if (!cgroups->ok()) {
      result.message = "cannot set up the invocation's cgroups";
      return result;
    }
  }
  std::vector<std::string> args = command_line(spec);
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
  bool timed_out = false, stopped = false;
  while (true) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (spec.timeout_s > 0 && elapsed >= spec.timeout_s) {
      timed_out = true;
      break;
    }
    if (interrupted.load()) {
      stopped = true;
      break;
    }
    int wait_ms = 50;
    if (spec.timeout_s > 0)
      wait_ms = std::min(wait_ms, std::max(1, static_cast<int>((spec.timeout_s - elapsed) * 1000) + 1));
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      if (poll(&p, 1, wait_ms) > 0)
        break;  // exited
    } else {
      int status;
      if (waitpid(pid, &status, WNOHANG | WNOWAIT) == pid)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    }
  }
  if (timed_out || stopped) {
    ::kill(-pid, SIGKILL);
    if (cgroups)
      cgroups->kill_all();
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
  if (timed_out) {
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
  } else if (WIFSIGNALED(status)) {
    result.end = cgroups && cgroups->hit_memory_limit() ? SandboxResult::End::oom : SandboxResult::End::exited;
    result.signal = WTERMSIG(status);
    result.exit_code = 128 + result.signal;
  }
  return result;
}

} // namespace contsim::real
