#include "real-runners/local/InvocationCgroups.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
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

} // namespace

bool cgroups_writable()
{
  for (const char* c : {"cpu", "memory"}) {
    std::string d = cgroup_dir(c);
    if (d.empty() || access(d.c_str(), W_OK) != 0)
      return false;
  }
  return true;
}

InvocationCgroups::InvocationCgroups(double cpu, double memory_mb)
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

InvocationCgroups::~InvocationCgroups()
{
  for (const auto& d : {cpu_, memory_, cpuacct_ != cpu_ ? cpuacct_ : std::string()})
    for (int i = 0; !d.empty() && i < 50 && rmdir(d.c_str()) != 0 && errno == EBUSY; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

bool InvocationCgroups::add(pid_t pid) const
{
  return write_file(cpu_ + "/cgroup.procs", std::to_string(pid)) &&
         write_file(memory_ + "/cgroup.procs", std::to_string(pid)) &&
         (cpuacct_.empty() || cpuacct_ == cpu_ || write_file(cpuacct_ + "/cgroup.procs", std::to_string(pid)));
}

double InvocationCgroups::cpu_seconds() const
{
  if (cpuacct_.empty())
    return -1;
  std::ifstream in(cpuacct_ + "/cpuacct.usage");
  long long ns = -1;
  in >> ns;
  return ns < 0 ? -1 : ns / 1e9;
}

bool InvocationCgroups::hit_memory_limit() const
{
  std::ifstream in(memory_ + "/memory.failcnt");
  long long n = 0;
  in >> n;
  return n > 0;
}

void InvocationCgroups::kill_all() const
{
  std::ifstream in(memory_ + "/cgroup.procs");
  pid_t p;
  while (in >> p)
    ::kill(p, SIGKILL);
}

} // namespace contsim::real
