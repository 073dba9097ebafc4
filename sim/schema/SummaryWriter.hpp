// Accumulates what out/summary.json reports (bounded memory: a few counters and
// percentile sketches per function), then writes it. Keys are documented in
// scenarios/README.md "Outputs".
#pragma once
#include "sim/core/Statistics.hpp"
#include "sim/schema/RecordSink.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <string>
#include <vector>

namespace contsim {

class RunSummary : public RecordSink {
public:
  RunSummary(std::vector<std::string> functions, std::vector<std::string> services);
  /// One finished attempt of function index `function` on service index `service`.
  void on_attempt(const TraceRecord& inv, int function, int service) override;
  void on_upload(double t, double bytes) override;
  void on_run_start(double t) override { run_start_ = t; }
  void add_unattributed_cost(int service, double usd) { service_extra_cost_[service] += usd; }

  std::uint64_t invocations() const { return invocations_; }
  /// The summary without provenance; the caller adds provenance, parameters and model sections.
  /// Further attempts after the first call are not counted in the run's percentiles.
  nlohmann::ordered_json to_json();

private:
  using StatusCounts = std::array<std::uint64_t, kInvocationStatuses>;
  static std::map<std::string, std::uint64_t> by_status(const StatusCounts& counts);
  struct PerFunction {
    std::uint64_t invocations = 0;
    std::uint64_t cold_starts = 0;
    StatusCounts status{};
    long long billed_ms = 0;
    double cost_usd = 0;
    Distribution1D response_s;
    Distribution1D wait_s;
    Distribution1D exec_s;
  };
  std::vector<std::string> function_names_;
  std::vector<std::string> service_names_;
  std::vector<PerFunction> functions_;
  std::vector<double> service_cost_;
  std::vector<double> service_extra_cost_;
  std::uint64_t invocations_ = 0;
  std::uint64_t cold_starts_ = 0;
  StatusCounts status_{};
  Distribution1D wait_s_;      // moments as attempts end; samples from functions_ in to_json()
  Distribution1D response_s_;
  bool run_samples_taken_ = false;
  double first_upload_ = -1;
  double run_start_ = -1;  // without uploads: the makespan's origin
  double last_end_ = 0;
  std::uint64_t uploads_ = 0;
  double upload_bytes_ = 0;
};

} // namespace contsim
