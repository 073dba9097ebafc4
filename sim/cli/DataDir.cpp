#include "sim/cli/DataDir.hpp"

#include <cstdlib>
#include <filesystem>

namespace contsim {

namespace fs = std::filesystem;

std::string data_dir()
{
  if (const char* env = std::getenv("CONTSIM_DATA_DIR"); env && *env)
    return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // PREFIX/bin/contsim -> PREFIX/share/contsim (CONTSIM_INSTALL_DATA_SUBDIR relative to PREFIX)
    fs::path installed = exe.parent_path().parent_path() / CONTSIM_INSTALL_DATA_SUBDIR;
    if (fs::is_regular_file(installed / "reports" / "contsim_report.py", ec))
      return installed.string();
  }
  return CONTSIM_SOURCE_DATA_DIR;
}

std::string python_interpreter()
{
  if (const char* env = std::getenv("CONTSIM_PYTHON"); env && *env)
    return env;
  return CONTSIM_PYTHON;
}

} // namespace contsim
