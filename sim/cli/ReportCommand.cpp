#include "sim/cli/ReportCommand.hpp"

#include "sim/cli/DataDir.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <vector>

namespace contsim {
namespace {

// Where the plotting scripts are: $CONTSIM_REPORTS_DIR, else DATA_DIR/reports (DataDir.hpp).
std::string reports_dir()
{
  if (const char* env = std::getenv("CONTSIM_REPORTS_DIR"); env && *env)
    return env;
  return data_dir() + "/reports";
}

} // namespace

int run_report(const ReportOptions& o)
{
  std::string script = reports_dir() + "/contsim_report.py";
  if (!std::filesystem::exists(script)) {
    std::cerr << "contsim: report: " << script << " not found (set CONTSIM_REPORTS_DIR to contsim's reports/ folder)\n";
    return 2;
  }
  const std::string python = python_interpreter();
  if (!std::filesystem::exists(python)) {
    std::cerr << "contsim: report needs " << python << " with matplotlib (Debian: apt install python3-matplotlib; "
              << "another interpreter: CONTSIM_PYTHON=/path/to/python3)\n";
    return 2;
  }
  std::vector<std::string> args{python, script, o.run_dir, "--format", o.formats};
  if (!o.output_dir.empty()) {
    args.push_back("-o");
    args.push_back(o.output_dir);
  }
  if (!o.compare_dir.empty()) {
    args.push_back("--compare");
    args.push_back(o.compare_dir);
  }
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    execv(python.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status)) {
    std::cerr << "contsim: report: the plotting script was killed\n";
    return 3;
  }
  if (WEXITSTATUS(status) == 127) {
    std::cerr << "contsim: report: could not run " << python << "\n";
    return 2;
  }
  return WEXITSTATUS(status);
}

} // namespace contsim
