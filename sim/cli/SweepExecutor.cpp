#include "sim/cli/SweepExecutor.hpp"

#include "sim/cli/RunCommand.hpp"
#include "sim/core/OutputFile.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace contsim {

namespace fs = std::filesystem;

namespace {

volatile std::sig_atomic_t g_interrupted = 0;
void on_interrupt(int) { g_interrupted = 1; }

std::string read_text(const std::string& path)
{
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string duration_text(double s)
{
  char buf[32];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%.0fs", s);
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  else
    std::snprintf(buf, sizeof buf, "%dh%02dm", static_cast<int>(s) / 3600, (static_cast<int>(s) % 3600) / 60);
  return buf;
}

class Progress {
public:
  explicit Progress(std::size_t total) : total_(total), tty_(isatty(STDERR_FILENO)), start_(clock::now()) {}
  void update(std::size_t done, std::size_t failed, std::size_t running, bool final = false)
  {
    double elapsed = std::chrono::duration<double>(clock::now() - start_).count();
    std::size_t finished = done + failed;
    // A pipe or a log gets a line per tenth of the sweep; a terminal one line, redrawn.
    if (!tty_ && !final && finished * 10 / std::max<std::size_t>(total_, 1) == last_tenth_)
      return;
    last_tenth_ = finished * 10 / std::max<std::size_t>(total_, 1);
    std::string eta = finished > 0 && finished < total_
                          ? ", ETA " + duration_text(elapsed / static_cast<double>(finished) *
                                                     static_cast<double>(total_ - finished))
                          : "";
    std::fprintf(stderr, "%ssweep: %zu/%zu runs done, %zu failed, %zu running, %s elapsed%s%s", tty_ ? "\r\033[K" : "",
                 done, total_, failed, running, duration_text(elapsed).c_str(), eta.c_str(), tty_ && !final ? "" : "\n");
    std::fflush(stderr);
  }

private:
  using clock = std::chrono::steady_clock;
  std::size_t total_;
  bool tty_;
  clock::time_point start_;
  std::size_t last_tenth_ = static_cast<std::size_t>(-1);
};

} // namespace

int execute_runs(const sweep::SweepPlan& plan, const std::vector<SweepRun>& runs, const ExecutorOptions& o)
{
  struct sigaction action {};
  struct sigaction previous {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous);
  g_interrupted = 0;

  const std::string scenario = (fs::path(o.inputs_dir) / plan.scenario).string();
  std::vector<std::string> calibrations;
  for (const auto& c : plan.calibrations)
    calibrations.push_back((fs::path(o.inputs_dir) / c).string());

  std::map<pid_t, SweepRun> running;
  std::size_t next = 0, done = 0, failed = 0;
  int first_failure = 0;
  Progress progress(runs.size());
  std::fflush(stdout);
  while ((next < runs.size() && !g_interrupted) || !running.empty()) {
    while (next < runs.size() && !g_interrupted && static_cast<int>(running.size()) < o.jobs) {
      const SweepRun run = runs[next++];
      const std::string dir = (fs::path(o.results_dir) / plan.run_dir(run.point, run.replication)).string();
      fs::create_directories(dir);
      std::remove((dir + "/error.txt").c_str());  // a rerun retries a failed run
      pid_t pid = fork();
      if (pid < 0)
        throw WriteError(dir, "cannot start a process for this run: " + errno_text(errno));
      if (pid == 0) {
        sigaction(SIGINT, &previous, nullptr);
        // The child's messages go to the run's log: the parent's terminal keeps its progress line.
        if (!std::freopen((dir + "/log.txt").c_str(), "w", stderr) || !std::freopen("/dev/null", "w", stdout))
          _exit(4);
        RunOptions ro;
        ro.scenario = scenario;
        ro.sets = plan.overrides(run.point, run.replication);
        ro.calibrations = calibrations;
        ro.out_dir = dir;
        ro.print = false;
        ro.check_real = false;
        ro.outputs = o.keep_traces ? Simulation::Outputs::all : Simulation::Outputs::summary_only;
        int rc = guarded([&] { return run_scenario(ro); });
        std::fflush(stderr);
        _exit(rc);
      }
      running[pid] = run;
    }
    progress.update(done, failed, running.size());
    int status = 0;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR)
        continue;  // Ctrl-C: the loop stops launching and keeps waiting
      break;
    }
    auto it = running.find(pid);
    if (it == running.end())
      continue;
    const SweepRun run = it->second;
    running.erase(it);
    const std::string dir = (fs::path(o.results_dir) / plan.run_dir(run.point, run.replication)).string();
    const std::string log = dir + "/log.txt";
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      ++done;
      std::remove(log.c_str());
      continue;
    }
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) {
      std::remove(log.c_str());  // interrupted, not failed: pending, run again on a rerun
      continue;
    }
    ++failed;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
    if (first_failure == 0)
      first_failure = code;
    std::string text = read_text(log);
    std::string why = WIFEXITED(status) ? "exit status " + std::to_string(code)
                                        : "killed by signal " + std::to_string(WTERMSIG(status));
    write_file_atomically(dir + "/error.txt", (text.empty() ? why : text) + (text.empty() ? "\n" : "(" + why + ")\n"));
    std::remove(log.c_str());
  }
  progress.update(done, failed, 0, true);
  sigaction(SIGINT, &previous, nullptr);
  if (g_interrupted) {
    std::fprintf(stderr, "sweep: interrupted; %zu of %zu runs not started or stopped: run the same command again to resume\n",
                 runs.size() - done - failed, runs.size());
    return 130;
  }
  return first_failure;
}

} // namespace contsim
