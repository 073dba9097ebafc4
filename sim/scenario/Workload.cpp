#include "sim/scenario/Workload.hpp"

#include "sim/core/InputFile.hpp"
#include "sim/scenario/ArrivalsCsv.hpp"
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
    try {
      check_readable_file(s.csv_file, "arrivals file '" + s.csv_file + "'");
      validate_arrivals_csv(s.csv_file);  // every row now: a bad one must not surface mid-run
    } catch (const InputError& e) {
      if (e.line() > 0)
        throw;
      v->fail(e.message());  // where the scenario names it
    }
  }
  if (auto v = a.optional("closed_loop")) {
    s.closed_loop = v->as_bool();
    if (s.closed_loop && s.kind != WorkloadSource::Kind::poisson && s.kind != WorkloadSource::Kind::phases)
      v->fail("closed_loop applies to poisson and phases arrivals (the gap after each upload); a schedule or a "
              "csv gives the times themselves");
    if (s.closed_loop && !s.invoke_function.empty())
      v->fail("closed_loop applies to uploads (`to:`), not to `invoke:` requests");
  }
  a.finish();
  if (kinds != 1)
    arrivals.fail("give exactly one of schedule, poisson, phases or csv");
  r.finish();
  return s;
}

double expected_arrivals(const WorkloadSource& source, double horizon_s)
{
  double n = 0;
  switch (source.kind) {
    case WorkloadSource::Kind::schedule:
      for (const auto& e : source.schedule)
        n += e.at_s <= horizon_s ? static_cast<double>(e.count) : 0;
      return n;
    case WorkloadSource::Kind::poisson:
      return source.count > 0 ? static_cast<double>(source.count) : source.rate_per_s * horizon_s;
    case WorkloadSource::Kind::phases: {
      double start = 0;
      for (const auto& p : source.phases) {
        n += p.rate_per_s * std::max(0.0, std::min(start + p.duration_s, horizon_s) - start);
        start += p.duration_s;
      }
      return n;
    }
    case WorkloadSource::Kind::csv:
      return 0;
  }
  return n;
}

ArrivalGenerator::ArrivalGenerator(const WorkloadSource& source, RandomEngine rng, double horizon_s, std::string key_prefix)
    : source_(source)
    , rng_(rng)
    , horizon_s_(horizon_s)
    , key_prefix_(std::move(key_prefix))
    , names_(NameTemplate(source.name_template), source.name, key_prefix_)
{
  // {source} names the workload source; {i} counts its uploads from 1.
  if (source.kind == WorkloadSource::Kind::schedule) {
    sorted_ = source.schedule;
    std::stable_sort(sorted_.begin(), sorted_.end(),
                     [](const ScheduleEntry& a, const ScheduleEntry& b) { return a.at_s < b.at_s; });
    for (const auto& e : sorted_)
      entry_names_.push_back(e.name_template.empty() ? names_
                                                     : FixedInputNames(NameTemplate(e.name_template), source.name, key_prefix_));
  } else if (source.kind == WorkloadSource::Kind::csv) {
    csv_ = std::make_unique<ArrivalsCsvReader>(source.csv_file);
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

bool ArrivalGenerator::next_closed_loop(double& t)
{
  // t_: when the previous upload finished (0 before the first). The first upload starts its
  // phase at once; each later one a gap after the previous upload's end, the gap being the rate
  // of the phase that upload ended in (a sleep begun before a phase switch keeps its length).
  if (source_.kind == WorkloadSource::Kind::poisson) {
    if (source_.count > 0 && produced_ >= source_.count)
      return false;
    t = (produced_ == 0 ? 0.0 : t_) + boost::random::exponential_distribution<double>(source_.rate_per_s)(rng_);
    return true;
  }
  while (phase_ < source_.phases.size()) {
    const Phase& p = source_.phases[phase_];
    double end = phase_start_ + p.duration_s;
    if (p.rate_per_s > 0 && (phase_fresh_ || t_ < end)) {
      if (phase_fresh_) {
        t = std::max(phase_start_, t_);
        phase_fresh_ = false;
      } else {
        t = t_ + (p.periodic ? 1.0 / p.rate_per_s
                             : boost::random::exponential_distribution<double>(p.rate_per_s)(rng_));
      }
      if (t < end || phase_ + 1 < source_.phases.size())
        return true;
      return false;  // the last phase is over: the client stops
    }
    phase_start_ = end;
    phase_fresh_ = phase_fresh_ || p.rate_per_s <= 0;
    ++phase_;
  }
  return false;
}

bool ArrivalGenerator::next_csv(Upload& out)
{
  ArrivalRow row;
  if (!csv_->next(row) || row.t_s > horizon_s_)
    return false;
  out = Upload{};
  out.t = row.t_s;
  out.attributes = source_.attributes;
  out.size_bytes = source_.size_bytes.sample(rng_);  // drawn for every row: the stream stays aligned
  if (row.size_bytes >= 0)
    out.size_bytes = row.size_bytes;
  if (row.name.empty())
    names_.expand(out.key, produced_ + 1);
  else
    out.key.assign(key_prefix_).append(row.name);
  out.name_at = static_cast<std::uint32_t>(key_prefix_.size());
  for (const auto& [column, value] : row.attributes)
    set_attribute(out.attributes, column, value);
  ++produced_;
  return true;
}

bool ArrivalGenerator::next(Upload& out)
{
  if (source_.kind == WorkloadSource::Kind::csv)
    return next_csv(out);
  double t = 0;
  const ScheduleEntry* entry = nullptr;
  if (!(source_.closed_loop ? next_closed_loop(t) : next_time(t, entry)) || t > horizon_s_)
    return false;
  ++produced_;
  out.t = t;
  if (!source_.attributes.empty() || !out.attributes.empty())  // (an empty copy is still a call)
    out.attributes = source_.attributes;
  // {i} counts within a schedule entry that names its own files, else within the source.
  if (entry && !entry->name_template.empty())
    entry_names_[entry_].expand(out.key, entry_done_);
  else
    names_.expand(out.key, produced_);
  out.name_at = static_cast<std::uint32_t>(key_prefix_.size());
  out.size_bytes = entry && entry->size_bytes >= 0 ? entry->size_bytes : source_.size_bytes.sample(rng_);
  if (entry)
    for (const auto& [k, v] : entry->attributes)
      set_attribute(out.attributes, k, v);
  return true;
}

} // namespace contsim
