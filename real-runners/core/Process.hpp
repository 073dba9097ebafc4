// Running a helper command to completion (input generators, tool version probes): argv, extra
// environment, stdout captured, stderr to a file or discarded. Not for the functions' scripts
// (real-runners/local/Sandbox.hpp runs those, limited and timed).
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace contsim::real {

struct ProcessResult {
  int exit_code = -1;       // -1: could not be started; 128 + signal when killed
  std::string output;       // stdout (the first 64 KiB)
};

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& extra_env = {},
                          const std::string& stderr_file = "");

/// The first line a shell command prints (stdout and stderr), or "not found".
std::string first_line_of(const std::string& shell_command);

} // namespace contsim::real
