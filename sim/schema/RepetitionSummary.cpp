#include "sim/schema/RepetitionSummary.hpp"

#include <algorithm>

namespace contsim {

RepetitionSummary::RepetitionSummary(int runs) : planned_(runs), runs_(1) {}

void RepetitionSummary::begin_run(double t)
{
  runs_.emplace_back();
  runs_.back().t_start = t;
}

void RepetitionSummary::on_upload(double t, double /*bytes*/)
{
  Run& r = runs_.back();
  if (r.first_upload < 0)
    r.first_upload = t;
}

void RepetitionSummary::on_attempt(const TraceRecord& inv, int /*function*/, int /*service*/)
{
  Run& r = runs_.back();  // a run starts only when the previous one has no attempt in flight
  ++r.invocations;
  r.cold_starts += inv.cold_start ? 1 : 0;
  r.cost_usd += inv.cost_usd;
  if (inv.status == InvocationStatus::delegated)
    ++r.delegations;
  if (inv.t_end >= 0) {
    r.last_end = std::max(r.last_end, inv.t_end);
    if (inv.status != InvocationStatus::delegated)
      r.response_s.add(inv.t_end - (inv.t_origin >= 0 ? inv.t_origin : inv.t_trigger));
  }
}

nlohmann::ordered_json RepetitionSummary::to_json()
{
  nlohmann::ordered_json per_run = nlohmann::ordered_json::array();
  double n = static_cast<double>(runs_.size());
  double sum_makespan = 0, sum_mean = 0, sum_p95 = 0, sum_cost = 0, sum_cold = 0, sum_inv = 0;
  for (std::size_t k = 0; k < runs_.size(); ++k) {
    Run& r = runs_[k];
    double origin = r.first_upload >= 0 ? r.first_upload : r.t_start;
    double makespan = r.last_end >= origin ? r.last_end - origin : 0;
    double mean = r.response_s.mean(), p95 = r.response_s.percentile(95);
    per_run.push_back({{"run", k + 1},
                       {"t_start", rounded(r.t_start, 6)},
                       {"invocations", r.invocations},
                       {"cold_starts", r.cold_starts},
                       {"delegations", r.delegations},
                       {"makespan_s", rounded(makespan, 6)},
                       {"mean_response_s", rounded(mean, 6)},
                       {"p95_response_s", rounded(p95, 6)},
                       {"cost_usd", rounded(r.cost_usd, 10)}});
    sum_makespan += makespan;
    sum_mean += mean;
    sum_p95 += p95;
    sum_cost += r.cost_usd;
    sum_cold += static_cast<double>(r.cold_starts);
    sum_inv += static_cast<double>(r.invocations);
  }
  nlohmann::ordered_json j;
  j["count"] = runs_.size();
  j["planned"] = planned_;
  j["per_run"] = per_run;
  j["mean"] = {{"invocations", rounded(sum_inv / n, 6)},
               {"cold_starts", rounded(sum_cold / n, 6)},
               {"makespan_s", rounded(sum_makespan / n, 6)},
               {"mean_response_s", rounded(sum_mean / n, 6)},
               {"p95_response_s", rounded(sum_p95 / n, 6)},
               {"cost_usd", rounded(sum_cost / n, 10)}};
  return j;
}

} // namespace contsim
