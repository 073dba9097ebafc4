#include "sim/sweep/SweepResults.hpp"

#include "sim/core/Error.hpp"
#include "sim/schema/Schema.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace contsim::sweep {

namespace fs = std::filesystem;

namespace {

std::string at(const std::string& dir, const std::string& rel) { return (fs::path(dir) / rel).string(); }

/// %.12g: enough digits that a CSV round-trips the double the summaries hold, fewer than 17
/// so that 0.1 stays 0.1.
std::string number(double v)
{
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

std::string csv_cell(const std::string& v)
{
  if (v.find_first_of(",\"\n") == std::string::npos)
    return v;
  std::string q = "\"";
  for (char c : v)
    q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string first_line(const std::string& path)
{
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line.empty() ? "(no reason recorded)" : line;
}

bool is_memory_sweep(const SweepPlan& plan)
{
  if (plan.axes.size() != 1)
    return false;
  const std::string& p = plan.axes[0].path;
  return p.rfind("functions.", 0) == 0 && p.size() > 7 && p.compare(p.size() - 7, 7, ".memory") == 0;
}

} // namespace

RunState run_state(const std::string& dir, const SweepPlan& plan, std::size_t point, int r)
{
  std::string run = at(dir, plan.run_dir(point, r));
  if (fs::exists(run + "/summary.json"))
    return RunState::done;
  if (fs::exists(run + "/error.txt"))
    return RunState::failed;
  return RunState::pending;
}

std::vector<double> metrics_of(const nlohmann::json& s)
{
  double n = s.at("invocations").get<double>();
  double exec = 0, executions = 0, billed = 0, attributed = 0;
  for (auto& [name, c] : s.at("cost_usd").at("per_function").items())
    attributed += c.get<double>();
  for (auto& [name, f] : s.at("functions").items()) {
    // Gateway and delegated attempts run no script: the mean is over the runs that did.
    exec += f.at("exec_s").at("mean").get<double>() * f.at("exec_s").at("count").get<double>();
    executions += f.at("exec_s").at("count").get<double>();
    billed += f.at("billed_ms").get<double>();
  }
  double cost = s.at("cost_usd").at("total").get<double>();
  return {n,
          s.at("cold_starts").get<double>(),
          s.at("makespan_s").get<double>(),
          executions > 0 ? exec / executions : 0,
          s.at("response_s").at("mean").get<double>(),
          s.at("response_s").at("p95").get<double>(),
          n > 0 ? billed / n : 0,
          cost,
          n > 0 ? cost / n : 0,
          attributed};
}

SweepResults gather(const SweepPlan& plan, const std::string& dir)
{
  SweepResults out;
  const std::size_t m = schema::sweep_metrics().size();
  std::vector<PowerSample> power;
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    PointResult pr;
    std::vector<std::vector<double>> values(m);
    for (int r = 0; r < plan.replications; ++r) {
      std::string run = at(dir, plan.run_dir(p, r));
      switch (run_state(dir, plan, p, r)) {
      case RunState::pending: ++out.pending; break;
      case RunState::failed:
        ++pr.failed;
        ++out.failed;
        pr.errors.push_back("rep-" + std::to_string(r) + ": " + first_line(run + "/error.txt"));
        break;
      case RunState::done: {
        std::ifstream in(run + "/summary.json");
        nlohmann::json s;
        try {
          s = nlohmann::json::parse(in);
          auto x = metrics_of(s);
          for (std::size_t k = 0; k < m; ++k)
            values[k].push_back(x[k]);
        } catch (const nlohmann::json::exception& e) {
          throw InputError(run + "/summary.json", 0, 0, "", std::string("not a contsim summary: ") + e.what());
        }
        ++pr.done;
        ++out.done;
        break;
      }
      }
    }
    for (std::size_t k = 0; k < m; ++k)
      pr.metrics.push_back(estimate(values[k]));
    if (pr.done > 0)
      power.push_back({plan.axes[0].values[plan.points[p][0]], pr.metrics[8].mean, pr.metrics[3].mean});
    out.points.push_back(std::move(pr));
  }
  if (is_memory_sweep(plan))
    out.power_tuning = power_tuning(power);
  return out;
}

std::string sweep_csv(const SweepPlan& plan, const SweepResults& res)
{
  const auto& table = schema::sweep_table();
  std::ostringstream csv;
  csv << table.version_line() << "\n";
  std::string header;
  for (const auto& c : table.columns) {
    if (std::string(c.name) == schema::kSweepAxisColumns) {
      for (const auto& a : plan.axes)
        header += csv_cell(a.column) + ",";
      continue;
    }
    header += std::string(c.name) + ",";
  }
  header.pop_back();
  csv << header << "\n";
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const auto& pr = res.points[p];
    csv << p;
    for (std::size_t a = 0; a < plan.axes.size(); ++a)
      csv << "," << csv_cell(plan.axes[a].values[plan.points[p][a]]);
    csv << "," << pr.done << "," << pr.failed;
    for (const auto& e : pr.metrics) {
      if (e.n == 0) {
        csv << ",,,";
        continue;
      }
      csv << "," << number(e.mean) << "," << (e.sd ? number(*e.sd) : "") << "," << (e.ci95 ? number(*e.ci95) : "");
    }
    csv << "\n";
  }
  return csv.str();
}

nlohmann::ordered_json results_json(const SweepPlan& plan, const SweepResults& res)
{
  nlohmann::ordered_json j;
  j["replications"] = {{"done", res.done}, {"failed", res.failed}, {"pending", res.pending}};
  // Filled, then placed: a reference into an ordered_json dangles when a key is added.
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  nlohmann::ordered_json failed = nlohmann::ordered_json::array();
  const auto& metrics = schema::sweep_metrics();
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const auto& pr = res.points[p];
    nlohmann::ordered_json pj{{"index", p}, {"replications", pr.done}, {"failed", pr.failed}};
    nlohmann::ordered_json mj = nlohmann::ordered_json::object();
    if (pr.done > 0)
      for (std::size_t k = 0; k < metrics.size(); ++k) {
        const auto& e = pr.metrics[k];
        mj[metrics[k].name] = {{"mean", e.mean},
                               {"sd", e.sd ? nlohmann::ordered_json(*e.sd) : nlohmann::ordered_json()},
                               {"ci95", e.ci95 ? nlohmann::ordered_json(*e.ci95) : nlohmann::ordered_json()}};
      }
    pj["metrics"] = mj;
    points.push_back(pj);
    if (pr.failed > 0)
      failed.push_back({{"index", p}, {"dir", plan.point_dir(p)}, {"errors", pr.errors}});
  }
  j["points"] = std::move(points);
  j["failed"] = std::move(failed);
  if (res.power_tuning)
    j["power_tuning"] = res.power_tuning->to_json();
  return j;
}

std::string results_text(const SweepPlan& plan, const SweepResults& res)
{
  std::ostringstream out;
  char cell[128];
  for (const auto& a : plan.axes) {
    std::snprintf(cell, sizeof cell, "%-14s ", a.column.c_str());
    out << cell;
  }
  std::snprintf(cell, sizeof cell, "%5s %11s %22s %22s %26s\n", "reps", "invocations", "mean exec s", "mean response s",
                "cost USD/invocation");
  out << cell;
  auto pm = [&](const Estimate& e, int decimals) {
    char b[64];
    if (e.ci95)
      std::snprintf(b, sizeof b, "%.*f ± %.*f", decimals, e.mean, decimals, *e.ci95);
    else
      std::snprintf(b, sizeof b, "%.*f", decimals, e.mean);
    return std::string(b);
  };
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const auto& pr = res.points[p];
    for (std::size_t a = 0; a < plan.axes.size(); ++a) {
      std::snprintf(cell, sizeof cell, "%-14s ", plan.axes[a].values[plan.points[p][a]].c_str());
      out << cell;
    }
    if (pr.done == 0) {
      std::snprintf(cell, sizeof cell, "%5d %s\n", 0, pr.failed ? "failed" : "pending");
      out << cell;
      continue;
    }
    std::snprintf(cell, sizeof cell, "%5d %11.0f %22s %22s %26s\n", pr.done, pr.metrics[0].mean, pm(pr.metrics[3], 3).c_str(),
                  pm(pr.metrics[4], 3).c_str(), pm(pr.metrics[8], 10).c_str());
    out << cell;
  }
  if (res.power_tuning)
    out << "\n" << res.power_tuning->text();
  return out.str();
}

} // namespace contsim::sweep
