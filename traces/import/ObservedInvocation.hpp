// The one table every trace importer produces: observed invocations with the columns of
// contsim's trace.csv (so simulated and real runs compare line by line), plus what some real
// formats carry beyond them. Times are seconds; real traces keep epoch seconds, contsim
// traces their simulated time. NaN = not in the source.
#pragma once
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace contsim::traces {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
inline bool known(double v) { return !std::isnan(v); }

struct ObservedInvocation {
  // trace.csv columns
  std::string id, function, platform, site, node, input, status = "ok";
  std::string delegated_to, mechanism, parent_id;
  double t_trigger = kUnknown, t_start = kUnknown, t_exec_start = kUnknown, t_exec_end = kUnknown,
         t_end = kUnknown;
  double t_stage_in = kUnknown;  // OSCAR: the supervisor starts the input's download
  int cold_start = -1;  // -1 unknown, 0 warm, 1 cold
  double billed_ms = kUnknown, cost_usd = kUnknown;
  // beyond trace.csv
  double memory_mb = kUnknown;          // Lambda Memory Size, Batch/Kubernetes memory request (MiB)
  double max_memory_used_mb = kUnknown; // CloudWatch
  double init_duration_s = kUnknown;    // CloudWatch Init Duration (cold starts only)
  double vcpus = kUnknown;              // Batch vCPUs, Kubernetes CPU request
  std::string image;
  std::vector<std::pair<std::string, double>> attributes;  // joined from --attributes
  std::string source;  // FILE:LINE it came from
};

/// A Kubernetes node seen in `kubectl get ... nodes -o json`: registered, then Ready.
struct ObservedNode {
  std::string name;
  double t_created = kUnknown;
  double t_ready = kUnknown;
  std::string source;
};

struct TraceTable {
  std::vector<ObservedInvocation> invocations;
  std::vector<ObservedNode> nodes;
  std::vector<std::string> files;     // the traces read, in order
  std::vector<std::string> warnings;  // noise skipped, with FILE:LINE
  void append(TraceTable&& other);
};

} // namespace contsim::traces
