#include "sim/scenario/Workload.hpp"

#include "sim/core/CsvLine.hpp"
#include "sim/core/Error.hpp"
#include "sim/scenario/Workflow.hpp"

#include <boost/random/exponential_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace contsim {
namespace {

Attributes parse_attributes(const YamlRef& ref)
{
  Attributes out;
  MapReader r(ref);
  for (const auto& k : r.keys())
    out.emplace_back(k, ref.child(ref.node[k], k).as_double());
  return out;
}

void set_attribute(Attributes& attrs, const std::string& name, double value)
{
  for (auto& [k, v] : attrs)
    if (k == name) {
      v = value;
      return;
    }
  attrs.emplace_back(name, value);
}

} // namespace

WorkloadSource parse_workload_source(const YamlRef& ref, const std::string& scenario_dir, std::size_t index)
{
  MapReader r(ref);
  WorkloadSource s;
  s.line = ref.line();
  s.name = "upload" + (index ? std::to_string(index) : "");
  if (auto v = r.optional("name"))
    s.name = v->as_string();
  if (auto to = r.optional("to")) {
    MapReader t(*to);
    s.storage_label = t.required("storage_provider").as_string();
    s.path = t.required("path").as_string();
    while (!s.path.empty() && s.path.back() == '/')
      s.path.pop_back();
    t.finish();
  }
  if (auto inv = r.optional("invoke")) {
    if (r.ref().node["to"])
      inv->fail("a source either uploads files (`to:`) or invokes a function over HTTP (`invoke:`), not both");
    MapReader ir(*inv);
    s.invoke_function = ir.required("function").as_string();
    if (auto m = ir.optional("mode")) {
      std::string mode = m->as_string();
      if (mode != "sync" && mode != "async")
        m->fail("mode must be sync (OSCAR /run, Lambda RequestResponse) or async (OSCAR /job, Lambda Event)");
      s.invoke_sync = mode == "sync";
    }
    ir.finish();
  }
  if (auto v = r.optional("from"))
    s.from_site = v->as_string();
  if (auto f = r.optional("file")) {
    MapReader fr(*f);
    if (auto v = fr.optional("name"))
      s.name_template = v->as_string();
    if (auto v = fr.optional("size_bytes"))
      s.size_bytes = v->is_scalar() ? Distribution::constant(v->as_bytes()) : Distribution::parse(*v);
    if (auto v = fr.optional("attributes"))
      s.attributes = parse_attributes(*v);
    fr.finish();
  }
  YamlRef arrivals = r.required("arrivals");
  MapReader a(arrivals);
  int kinds = 0;
  if (auto v = a.optional("schedule")) {
    ++kinds;
    s.kind = WorkloadSource::Kind::schedule;
    if (!v->is_sequence())
      v->fail("expected a list of {at_s, count} entries");
    for (std::size_t i = 0; i < v->node.size(); ++i) {
      MapReader e(v->item(v->node[i], i));
      ScheduleEntry entry;
      entry.at_s = e.required("at_s").as_non_negative();
      if (auto c = e.optional("count")) {
        entry.count = c->as_int();
        if (entry.count < 0)
          c->fail("count must not be negative");
      }
      if (auto sz = e.optional("size_bytes"))
        entry.size_bytes = sz->as_bytes();
      if (auto at = e.optional("attributes"))
        entry.attributes = parse_attributes(*at);
      if (auto n = e.optional("name"))
        entry.name_template = n->as_string();
      e.finish();
      s.schedule.push_back(entry);
    }
  }
  if (auto v = a.optional("poisson")) {
    ++kinds;
    s.kind = WorkloadSource::Kind::poisson;
    MapReader p(*v);
    YamlRef rate = p.required("rate_per_s");
    s.rate_per_s = rate.as_double();
    if (!(s.rate_per_s > 0))
      rate.fail("rate_per_s must be positive");
    if (auto c = p.optional("count")) {
      s.count = c->as_int();
      if (s.count < 0)
        c->fail("count must not be negative");
    }
    p.finish();
  }
  if (auto v = a.optional("phases")) {
    ++kinds;
    s.kind = WorkloadSource::Kind::phases;
    if (!v->is_sequence() || v->node.size() == 0)
      v->fail("expected a list of {duration_s, rate_per_s, process} phases");
    for (std::size_t i = 0; i < v->node.size(); ++i) {
      MapReader p(v->item(v->node[i], i));
      Phase phase;
      phase.duration_s = p.required("duration_s").as_seconds();
      phase.rate_per_s = p.required("rate_per_s").as_non_negative();
      if (auto pr = p.optional("process")) {
        std::string proc = pr->as_string();
        if (proc != "poisson" && proc != "periodic")
          pr->fail("process must be poisson or periodic");
        phase.periodic = proc == "periodic";
      }
      p.finish();
      s.phases.push_back(phase);
    }
  }
  if (auto v = a.optional("csv")) {
    ++kinds;
    s.kind = WorkloadSource::Kind::csv;
    s.csv_file = v->as_string();
    if (!s.csv_file.empty() && s.csv_file[0] != '/')
      s.csv_file = scenario_dir + "/" + s.csv_file;
    std::ifstream probe(s.csv_file);
    if (!probe)
      v->fail("cannot open arrivals file '" + s.csv_file + "'");
  }
  a.finish();
  if (kinds != 1)
    arrivals.fail("give exactly one of schedule, poisson, phases or csv");
  r.finish();
  return s;
}

ArrivalGenerator::ArrivalGenerator(const WorkloadSource& source, RandomEngine rng, double horizon_s)
    : source_(source), rng_(rng), horizon_s_(horizon_s)
{
  if (source.kind == WorkloadSource::Kind::schedule) {
    sorted_ = source.schedule;
    std::stable_sort(sorted_.begin(), sorted_.end(),
                     [](const ScheduleEntry& a, const ScheduleEntry& b) { return a.at_s < b.at_s; });
  } else if (source.kind == WorkloadSource::Kind::csv) {
    csv_ = std::make_unique<std::ifstream>(source.csv_file);
    std::string header;
    std::getline(*csv_, header);
    csv_line_ = 1;
    csv_columns_ = split_csv(header);
    if (csv_columns_.empty() || csv_columns_[0] != "t_s")
      throw InputError(source.csv_file, 1, 1, "t_s",
                       "an arrivals CSV starts with a header whose first column is t_s (then optional name, "
                       "size_bytes and attribute columns)");
  }
}

bool ArrivalGenerator::next_time(double& t, const ScheduleEntry*& entry)
{
  entry = nullptr;
  switch (source_.kind) {
    case WorkloadSource::Kind::schedule:
      while (entry_ < sorted_.size() && entry_done_ >= sorted_[entry_].count) {
        ++entry_;
        entry_done_ = 0;
      }
      if (entry_ == sorted_.size())
        return false;
      entry = &sorted_[entry_];
      ++entry_done_;
      t = entry->at_s;
      return true;
    case WorkloadSource::Kind::poisson:
      if (source_.count > 0 && produced_ >= source_.count)
        return false;
      t_ += boost::random::exponential_distribution<double>(source_.rate_per_s)(rng_);
      t = t_;
      return true;
    case WorkloadSource::Kind::phases:
      while (phase_ < source_.phases.size()) {
        const Phase& p = source_.phases[phase_];
        double end = phase_start_ + p.duration_s;
        if (p.rate_per_s > 0) {
          double candidate;
          if (p.periodic)  // k-th arrival at start + k / rate: no accumulated rounding
            candidate = phase_start_ + static_cast<double>(phase_fresh_ ? 0 : phase_k_ + 1) / p.rate_per_s;
          else
            candidate = std::max(t_, phase_start_) +
                        boost::random::exponential_distribution<double>(p.rate_per_s)(rng_);
          if (candidate < end) {
            phase_k_ = phase_fresh_ ? 0 : phase_k_ + 1;
            phase_fresh_ = false;
            t_ = candidate;
            t = t_;
            return true;
          }
        }
        // Each phase starts its own arrivals (Poisson is memoryless; periodic restarts at its start).
        phase_start_ = end;
        phase_fresh_ = true;
        ++phase_;
      }
      return false;
    case WorkloadSource::Kind::csv:
      return false;
  }
  return false;
}

bool ArrivalGenerator::next_csv(Upload& out)
{
  std::string line;
  while (std::getline(*csv_, line)) {
    ++csv_line_;
    if (line.empty() || line[0] == '#')
      continue;
    auto cells = split_csv(line);
    if (cells.size() != csv_columns_.size())
      throw InputError(source_.csv_file, csv_line_, 0, "",
                       "expected " + std::to_string(csv_columns_.size()) + " columns, found " +
                           std::to_string(cells.size()));
    out = Upload{};
    out.attributes = source_.attributes;
    out.size_bytes = source_.size_bytes.sample(rng_);
    out.name = upload_name(source_.name_template, produced_ + 1);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string& col = csv_columns_[c];
      if (col == "name") {
        out.name = cells[c];
        continue;
      }
      double v = 0;
      try {
        std::size_t used = 0;
        v = std::stod(cells[c], &used);
        if (used != cells[c].size() || !std::isfinite(v))
          throw std::invalid_argument("trailing");
      } catch (const std::exception&) {
        throw InputError(source_.csv_file, csv_line_, static_cast<int>(c + 1), col,
                         "expected a number, found '" + cells[c] + "'");
      }
      if ((col == "t_s" || col == "size_bytes") && v < 0)
        throw InputError(source_.csv_file, csv_line_, static_cast<int>(c + 1), col, "must not be negative");
      if (col == "t_s")
        out.t = v;
      else if (col == "size_bytes")
        out.size_bytes = v;
      else
        set_attribute(out.attributes, col, v);
    }
    if (out.t < csv_last_t_)
      throw InputError(source_.csv_file, csv_line_, 1, "t_s", "arrivals must be sorted by t_s");
    csv_last_t_ = out.t;
    if (out.t > horizon_s_)
      return false;
    ++produced_;
    return true;
  }
  return false;
}

std::string ArrivalGenerator::upload_name(const std::string& pattern, long long index) const
{
  // {source} names the workload source; {i} counts its uploads from 1.
  std::string out = expand_name(pattern, source_.name, index);
  auto pos = out.find("{source}");
  if (pos != std::string::npos)
    out.replace(pos, 8, source_.name);
  return out;
}

bool ArrivalGenerator::next(Upload& out)
{
  if (source_.kind == WorkloadSource::Kind::csv)
    return next_csv(out);
  double t = 0;
  const ScheduleEntry* entry = nullptr;
  if (!next_time(t, entry) || t > horizon_s_)
    return false;
  ++produced_;
  out.t = t;
  out.attributes = source_.attributes;
  const std::string& pattern = entry && !entry->name_template.empty() ? entry->name_template : source_.name_template;
  // {i} counts within a schedule entry that names its own files, else within the source.
  out.name = upload_name(pattern, entry && !entry->name_template.empty() ? entry_done_ : produced_);
  out.size_bytes = entry && entry->size_bytes >= 0 ? entry->size_bytes : source_.size_bytes.sample(rng_);
  if (entry)
    for (const auto& [k, v] : entry->attributes)
      set_attribute(out.attributes, k, v);
  return true;
}

} // namespace contsim
