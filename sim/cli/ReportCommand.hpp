// `contsim report RUN_DIR`: the plots live in reports/ (Python, Debian's python3-matplotlib);
// this runs them with /usr/bin/python3 and passes the exit status through.
#pragma once
#include <string>

namespace contsim {

struct ReportOptions {
  std::string run_dir;
  std::string formats = "png";
  std::string output_dir;   // empty: RUN_DIR
  std::string compare_dir;  // empty: no comparison
};

/// Returns the script's exit status; 2 with a clear message when python3 or the script is missing.
int run_report(const ReportOptions& options);

} // namespace contsim
