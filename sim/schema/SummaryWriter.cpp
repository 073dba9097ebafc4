#include "sim/schema/SummaryWriter.hpp"

#include <algorithm>

namespace contsim {

RunSummary::RunSummary(std::vector<std::string> functions, std::vector<std::string> services)
    : function_names_(std::move(functions))
    , service_names_(std::move(services))
    , functions_(function_names_.size())
    , service_cost_(service_names_.size(), 0)
    , service_extra_cost_(service_names_.size(), 0)
{
}

void RunSummary::on_upload(double t, double bytes)
{
  if (first_upload_ < 0 || t < first_upload_)
    first_upload_ = t;
  ++uploads_;
  upload_bytes_ += bytes;
}

// {status: count} for the statuses that occurred, by name (as a std::map orders them).
std::map<std::string, std::uint64_t> RunSummary::by_status(const StatusCounts& counts)
{
  std::map<std::string, std::uint64_t> out;
  for (std::size_t s = 0; s < counts.size(); ++s)
    if (counts[s])
      out[to_string(static_cast<InvocationStatus>(s))] = counts[s];
  return out;
}

void RunSummary::on_attempt(const TraceRecord& inv, int function, int service)
{
  auto& f = functions_[function];
  ++invocations_;
  ++f.invocations;
  if (inv.cold_start) {
    ++cold_starts_;
    ++f.cold_starts;
  }
  ++status_[static_cast<std::size_t>(inv.status)];
  ++f.status[static_cast<std::size_t>(inv.status)];
  f.billed_ms += inv.billed_ms;
  f.cost_usd += inv.cost_usd;
  service_cost_[service] += inv.cost_usd;
  // The run's distributions count each sample now and take the functions' samples at the end.
  if (inv.t_start >= 0) {
    wait_s_.add_moments(inv.t_start - inv.t_trigger);
    f.wait_s.add(inv.t_start - inv.t_trigger);
  }
  if (inv.t_end >= 0) {
    last_end_ = std::max(last_end_, inv.t_end);
    // Response = the event's whole story, from its first trigger to its last attempt's end;
    // a delegated attempt is only part of it.
    if (inv.status != InvocationStatus::delegated) {
      double origin = inv.t_origin >= 0 ? inv.t_origin : inv.t_trigger;
      response_s_.add_moments(inv.t_end - origin);
      f.response_s.add(inv.t_end - origin);
    }
  }
  if (inv.t_exec_start >= 0 && inv.t_exec_end >= 0)
    f.exec_s.add(inv.t_exec_end - inv.t_exec_start);
}

nlohmann::ordered_json RunSummary::to_json()
{
  nlohmann::ordered_json j;
  if (!run_samples_taken_) {
    for (const auto& f : functions_) {
      wait_s_.add_samples_of(f.wait_s);
      response_s_.add_samples_of(f.response_s);
    }
    run_samples_taken_ = true;
  }
  j["invocations"] = invocations_;
  j["by_status"] = by_status(status_);
  double origin = first_upload_ >= 0 ? first_upload_ : run_start_;
  j["makespan_s"] = rounded(origin < 0 ? 0 : last_end_ - origin, 6);
  j["cold_starts"] = cold_starts_;
  j["wait_s"] = wait_s_.to_json();
  j["response_s"] = response_s_.to_json();
  j["percentiles_exact"] = wait_s_.exact() && response_s_.exact();
  double total = 0;
  nlohmann::ordered_json per_service = nlohmann::ordered_json::object();
  for (std::size_t s = 0; s < service_names_.size(); ++s) {
    double c = service_cost_[s] + service_extra_cost_[s];
    per_service[service_names_[s]] = rounded(c, 12);
    total += c;
  }
  nlohmann::ordered_json per_function = nlohmann::ordered_json::object();
  for (std::size_t f = 0; f < function_names_.size(); ++f)
    per_function[function_names_[f]] = rounded(functions_[f].cost_usd, 12);
  j["cost_usd"] = {{"total", rounded(total, 12)}, {"per_service", per_service}, {"per_function", per_function}};
  nlohmann::ordered_json fns = nlohmann::ordered_json::object();
  for (std::size_t f = 0; f < function_names_.size(); ++f) {
    auto& pf = functions_[f];
    fns[function_names_[f]] = {{"invocations", pf.invocations},
                               {"cold_starts", pf.cold_starts},
                               {"by_status", by_status(pf.status)},
                               {"billed_ms", pf.billed_ms},
                               {"cost_usd", rounded(pf.cost_usd, 12)},
                               {"wait_s", pf.wait_s.to_json()},
                               {"exec_s", pf.exec_s.to_json()},
                               {"response_s", pf.response_s.to_json()}};
  }
  j["functions"] = fns;
  j["uploads"] = {{"count", uploads_}, {"bytes", upload_bytes_}};
  return j;
}

} // namespace contsim
