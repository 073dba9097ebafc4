// `contsim calibrate`: from a table of observed invocations to a calibration file
// (schema contsim-calibration/1) that scenarios can load, each value with its fit.
// Per function (and platform):
//   exec_time    script time (t_exec_end − t_exec_start; Lambda from CloudWatch: warm runs only,
//                since a SCAR cold Duration includes the image pull), a distribution chosen by
//                AIC among normal/lognormal/gamma/Weibull, or a linear model of the inputs'
//                attributes when those explain it (R² ≥ 0.5);
//   cold_exec_time  Lambda from CloudWatch: the whole cold Duration;
//   cold start overhead, queue wait, image pull: in the function's `fit:` record.
// Platform sections: lambda.platform_init_s (CloudWatch Init Duration, or the cold overhead of
// contsim traces), batch.launch_delay_s (wait of the first job on each instance; boot folded in),
// clues.power_on_s (Kubernetes node registration → Ready), kubernetes.image_pull_mb_per_s
// (pull time of a known image size).
#pragma once
#include "traces/import/ObservedInvocation.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace contsim::calibration {

struct CalibrateOptions {
  std::string name = "fitted";
  std::map<std::string, double> image_size_bytes;  // image → size, for pull throughput
};

struct CalibrationResult {
  nlohmann::ordered_json document;   // the calibration file's content
  std::vector<std::string> report;   // one line per fitted parameter, for the terminal
  std::vector<std::string> warnings;
};

CalibrationResult calibrate(const traces::TraceTable& table, const CalibrateOptions& options);

} // namespace contsim::calibration
