// `runs: N`: the workload repeated N times on the same platform (the published experiments
// report means of several runs, the first cold, the others warm). This sink splits the attempts
// by run (run k starts when run k-1 has drained) and writes summary.json's `runs`: each run's
// figures and their mean over the runs.
#pragma once
#include "sim/core/Statistics.hpp"
#include "sim/schema/RecordSink.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace contsim {

class RepetitionSummary : public RecordSink {
public:
  explicit RepetitionSummary(int runs);
  /// The next run starts at `t` (the first at 0, without a call).
  void begin_run(double t);
  void on_attempt(const TraceRecord& record, int function, int service) override;
  void on_upload(double t, double bytes) override;
  /// {"count", "per_run": [...], "mean": {...}}
  nlohmann::ordered_json to_json();

private:
  struct Run {
    double t_start = 0;
    double first_upload = -1;
    double last_end = -1;
    long long invocations = 0;
    long long cold_starts = 0;
    long long delegations = 0;
    double cost_usd = 0;
    Distribution1D response_s;
  };
  int planned_;
  std::vector<Run> runs_;
};

} // namespace contsim
