#include "sim/cli/RunCommand.hpp"

#include "models/Registry.hpp"
#include "real-runners/core/RealSection.hpp"
#include "sim/cli/ExpectationReport.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/runtime/ServiceRegistry.hpp"
#include "sim/scenario/Overrides.hpp"

#include <boost/program_options/errors.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace contsim {

namespace {

std::string fmt(double v, int decimals)
{
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

/// What OSCAR clusters, GPU servers and orchGPU did, a line each (summary.json has the rest).
void print_service_results(const nlohmann::ordered_json& s, std::ostream& out)
{
  for (auto& [name, svc] : s["services"].items()) {
    std::string kind = svc.value("kind", std::string());
    if (svc.contains("jobs_created") && svc.contains("delegated")) {  // an OSCAR cluster
      out << "  " << name << ": " << svc["jobs_created"].get<long long>() << " jobs";
      for (auto& [mechanism, n] : svc["delegated"].items())
        out << ", " << n.get<long long>() << " delegated by " << mechanism;
      out << "; " << svc.value("duplicates", 0LL) << " duplicates; nodes powered on "
          << svc.value("nodes_powered_on", 0LL) << ", off " << svc.value("nodes_powered_off", 0LL) << "; "
          << fmt(svc.value("node_seconds", 0.0) / 3600.0, 2) << " node-hours";
      if (svc.contains("energy_wh") && svc["energy_wh"].is_number())
        out << ", " << fmt(svc["energy_wh"].get<double>(), 2) << " Wh";
      if (svc.contains("co2e_g"))
        out << " (" << fmt(svc["co2e_g"].get<double>(), 1) << " gCO2e)";
      out << "\n";
    } else if (kind == "gpu-server") {
      long long sessions = 0, refusals = 0, peak = 0;
      for (auto& d : svc["devices"]) {
        sessions += d["sessions"].get<long long>();
        refusals += d["memory_refusals"].get<long long>();
        peak = std::max(peak, d["peak_clients"].get<long long>());
      }
      out << "  " << name << ": " << sessions << " rCUDA sessions, at most " << peak << " at once per GPU, "
          << refusals << " refused for memory";
      if (svc.contains("energy_wh"))
        out << "; " << fmt(svc["energy_wh"].get<double>(), 2) << " Wh";
      if (svc.contains("co2e_g"))
        out << " (" << fmt(svc["co2e_g"].get<double>(), 1) << " gCO2e)";
      out << "\n";
    } else if (kind == "orchgpu") {
      out << "  " << name << ": " << svc["messages"].get<long long>() << " messages, "
          << svc["dispatched"].get<long long>() << " dispatched, " << svc["released"].get<long long>()
          << " GPUs released, " << svc["busy_answers"].get<long long>() << " busy answers (head-of-line "
          << fmt(svc["head_of_line_blocked_s"].get<double>(), 1) << " s)\n";
    }
  }
}

void print_summary(const nlohmann::ordered_json& s, std::ostream& out)
{
  out << "scenario   " << s["provenance"]["scenario"].get<std::string>() << "  (seed "
      << s["provenance"]["seed"].get<long long>() << ")\n";
  out << "invocations " << s["invocations"].get<long long>() << "   cold starts " << s["cold_starts"].get<long long>()
      << "   makespan " << fmt(s["makespan_s"].get<double>(), 3) << " s\n";
  out << "wait       mean " << fmt(s["wait_s"]["mean"].get<double>(), 3) << " s   p95 "
      << fmt(s["wait_s"]["p95"].get<double>(), 3) << " s\n";
  out << "response   mean " << fmt(s["response_s"]["mean"].get<double>(), 3) << " s   p95 "
      << fmt(s["response_s"]["p95"].get<double>(), 3) << " s\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-32s %10s %7s %12s %12s %14s\n", "function", "invocations", "cold",
                "mean resp s", "mean exec s", "cost USD");
  out << line;
  for (auto& [name, f] : s["functions"].items()) {
    std::snprintf(line, sizeof line, "%-32s %10lld %7lld %12.3f %12.3f %14.8f\n", name.c_str(),
                  f["invocations"].get<long long>(), f["cold_starts"].get<long long>(),
                  f["response_s"]["mean"].get<double>(), f["exec_s"]["mean"].get<double>(),
                  f["cost_usd"].get<double>());
    out << line;
  }
  out << "\ncost per service:";
  for (auto& [name, c] : s["cost_usd"]["per_service"].items())
    out << "  " << name << " $" << fmt(c.get<double>(), 8);
  out << "   total $" << fmt(s["cost_usd"]["total"].get<double>(), 8) << "\n";
  // Services that rent machines bill more than their jobs carry (the per-function column).
  for (auto& [name, svc] : s["services"].items())
    if (svc.contains("billed_usd") && svc.contains("attributed_usd"))
      out << "  " << name << ": billed $" << fmt(svc["billed_usd"].get<double>(), 8) << " = jobs' running time $"
          << fmt(svc["attributed_usd"].get<double>(), 8) << " + boot/idle/scale-in $"
          << fmt(svc["unattributed_usd"].get<double>(), 8) << " (" << svc["instances_launched"].get<long long>()
          << " instances, instances.csv)\n";
  print_service_results(s, out);
  for (auto& w : s["warnings"])
    out << "warning: " << w.get<std::string>() << "\n";
}

} // namespace

void check_real_section(const Scenario& scenario)
{
  if (scenario.real)
    real::RealSection::read(scenario);
}

int run_scenario(const RunOptions& o)
{
  const std::string& out_dir = o.out_dir;
  std::vector<Override> overrides;
  for (const auto& s : o.sets)
    overrides.push_back(parse_override(s));
  Scenario scenario = load_scenario(o.scenario, overrides, o.calibrations);
  if (!o.junit_file.empty() && scenario.expectations.empty())
    throw InputError("--junit", 0, 0, "", o.scenario + " has no `expect:` block: there is nothing to report "
                                          "(scenarios/README.md, \"Expectations\")");
  if (o.check_real)
    check_real_section(scenario);
  ServiceRegistry registry;
  register_builtin_models(registry);
  Plan plan = resolve_plan(scenario, registry.bindings());
  prepare_output_directory(out_dir);
  Simulation sim(plan, registry, out_dir, o.outputs);
  auto t0 = std::chrono::steady_clock::now();
  sim.run();
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (o.print) {
    print_summary(sim.summary(), std::cout);
    const OutputOptions& out = scenario.output;
    std::string z = out.compression == Compression::zstd ? ".zst" : "";
    std::string trace = out.trace == OutputOptions::Trace::none ? "" : "trace.csv" + z + ", ";
    if (out.trace == OutputOptions::Trace::sample)
      trace = "trace.csv" + z + " (every " + std::to_string(out.every) + "th attempt), ";
    std::cout << "\noutputs in " << out_dir << "/ (" << trace << "timeline.csv" << z << ", instances.csv" << z
              << ", job_states.csv" << z << ", phases.csv" << z << ", summary.json)\n";
  }
  long long n = sim.summary()["invocations"].get<long long>();
  std::fprintf(stderr, "contsim: %lld invocations, %llu events in %.3f s wall (%.0f invocations/s)\n", n,
               static_cast<unsigned long long>(sim.events_processed()), wall, wall > 0 ? n / wall : 0.0);
  if (!o.check_expectations || scenario.expectations.empty())
    return 0;
  std::vector<ExpectationResult> results = check_expectations(scenario.expectations, sim.summary());
  std::ostringstream table;
  int violated = print_expectations(results, table);
  // A violation is printed even with -q: it is why the exit status is 1.
  if (o.print)
    std::cout << table.str();
  else if (violated)
    std::cerr << table.str();
  if (!o.junit_file.empty())
    write_file_atomically(o.junit_file, junit_xml(scenario.name, results));
  return violated ? 1 : 0;
}

int guarded(const std::function<int()>& body, const std::vector<std::string>* sets)
{
  try {
    return body();
  } catch (const InputError& e) {
    std::vector<Override> overrides;
    for (std::size_t i = 0; sets && i < sets->size(); ++i) {
      try {
        overrides.push_back(parse_override((*sets)[i]));
      } catch (const InputError&) {
        // a malformed --set is the error itself, reported as it is
      }
    }
    std::optional<InputError> at = error_at_override(e, overrides);
    std::cerr << (at ? at->what() : e.what()) << "\n";
    return 2;
  } catch (const boost::program_options::error& e) {
    std::cerr << "contsim: " << e.what() << "\n(see contsim --help)\n";
    return 2;
  } catch (const WriteError& e) {
    std::cerr << "contsim: " << e.what() << " (nothing was left under that name)\n";
    return 4;
  } catch (const std::filesystem::filesystem_error& e) {
    // an output path that is a file, a directory that cannot be made: the user's to fix
    std::cerr << "contsim: cannot write " << e.path1().string() << ": " << e.code().message() << "\n";
    return 2;
  } catch (const MissingPrerequisite& e) {
    std::cerr << "contsim: " << e.what() << "\n";
    return 5;
  } catch (const std::exception& e) {
    std::cerr << "contsim: internal error: " << e.what() << "\n";
    return 3;
  }
}

} // namespace contsim
