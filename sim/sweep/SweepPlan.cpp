#include "sim/sweep/SweepPlan.hpp"

#include "sim/core/Error.hpp"
#include "sim/core/Random.hpp"
#include "sim/scenario/Overrides.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

namespace contsim::sweep {

namespace {

constexpr std::size_t kMaxPoints = 10000000;

std::string canonical(const std::string& path)
{
  Override o = parse_override(path + "=x");
  std::string out;
  for (const auto& p : o.path)
    out += (out.empty() ? "" : ".") + p;
  return out;
}

std::string hex(std::uint64_t v)
{
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

/// Column names: the shortest path suffix that tells the axes apart.
void name_columns(std::vector<PlannedAxis>& axes)
{
  std::vector<std::vector<std::string>> parts;
  for (const auto& a : axes) {
    Override o = parse_override(a.path + "=x");
    parts.push_back(o.path);
  }
  std::vector<std::size_t> depth(axes.size(), 1);
  for (bool clash = true; clash;) {
    clash = false;
    auto suffix = [&](std::size_t i) {
      std::string s;
      for (std::size_t k = parts[i].size() - std::min(depth[i], parts[i].size()); k < parts[i].size(); ++k)
        s += (s.empty() ? "" : ".") + parts[i][k];
      return s;
    };
    std::map<std::string, std::vector<std::size_t>> by_name;
    for (std::size_t i = 0; i < axes.size(); ++i)
      by_name[suffix(i)].push_back(i);
    for (auto& [name, members] : by_name)
      if (members.size() > 1)
        for (auto i : members)
          if (depth[i] < parts[i].size()) {
            ++depth[i];
            clash = true;
          }
    for (std::size_t i = 0; i < axes.size(); ++i)
      axes[i].column = suffix(i);
  }
  // Never a metric's name or the point column (a parameter called `cost_usd`?): prefix it.
  static const std::set<std::string> reserved = {"point", "replications", "failed"};
  for (auto& a : axes)
    if (reserved.count(a.column))
      a.column = "param." + a.column;
}

} // namespace

std::uint64_t replication_seed(std::uint64_t base, int r)
{
  if (r == 0)
    return base;
  // splitmix64 of (base, r): independent-looking seeds, the same on every machine; kept
  // below 2^48, among the integers a scenario's seed: holds exactly.
  std::uint64_t z = base + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(r + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return z >> 16;
}

SweepPlan expand(const SweepDefinition& d, std::uint64_t base_seed)
{
  SweepPlan plan;
  plan.sets = d.sets;
  plan.replications = d.replications;
  plan.sample = d.sample;
  const std::string origin = d.file.empty() ? "sweep" : d.file;
  std::set<std::string> seen;
  auto add = [&](const Axis& a, const char* kind) {
    PlannedAxis p{canonical(a.path), kind, a.values, ""};
    if (p.path == "seed")
      throw InputError(origin, 0, 0, a.path,
                       "the seed is not an axis: --replications N runs every point with N derived seeds");
    if (!seen.insert(p.path).second)
      throw InputError(origin, 0, 0, a.path, "is swept twice (each parameter is one axis)");
    plan.axes.push_back(p);
  };
  for (const auto& a : d.grid)
    add(a, "grid");
  for (const auto& a : d.zip)
    add(a, "zip");
  for (const auto& s : d.sets) {
    Override o = parse_override(s);
    if (redacted_override(s) != s)
      throw InputError("--set", 0, 0, redacted_override(s),
                       "a credential has no place in a sweep: its manifest (sweep.json) is a file others read");
    std::string path;
    for (const auto& c : o.path)
      path += (path.empty() ? "" : ".") + c;
    if (seen.count(path))
      throw InputError("--set", 0, 0, redacted_override(s), "is also an axis of the sweep: give it one role");
  }
  if (plan.axes.empty())
    throw InputError(origin, 0, 0, "",
                     "a sweep needs an axis: --grid PATH=V1,V2,... (every combination), --zip PATH=... (paired), or a "
                     "--sweep-file with grid: or zip:");
  if (!d.zip.empty())
    for (const auto& a : d.zip)
      if (a.values.size() != d.zip.front().values.size())
        throw InputError(origin, 0, 0, a.path,
                         "has " + std::to_string(a.values.size()) + " values but " + d.zip.front().path + " has " +
                             std::to_string(d.zip.front().values.size()) +
                             ": zipped axes move together and need as many values each (--grid combines them all)");

  // Points must differ: no value twice on a grid axis, no pair twice among the zipped ones.
  for (const auto& a : d.grid) {
    std::set<std::string> values;
    for (const auto& v : a.values)
      if (!values.insert(v).second)
        throw InputError(origin, 0, 0, a.path, "value '" + v + "' is listed twice: each point must differ");
  }
  if (!d.zip.empty()) {
    std::set<std::vector<std::string>> tuples;
    for (std::size_t i = 0; i < d.zip.front().values.size(); ++i) {
      std::vector<std::string> t;
      for (const auto& a : d.zip)
        t.push_back(a.values[i]);
      if (!tuples.insert(t).second)
        throw InputError(origin, 0, 0, d.zip.front().path,
                         "the zipped values at position " + std::to_string(i + 1) + " repeat an earlier position: each point must differ");
    }
  }
  // Dimensions: each grid axis, then the zip group (one index for all its axes).
  std::vector<std::size_t> sizes;
  for (const auto& a : d.grid)
    sizes.push_back(a.values.size());
  if (!d.zip.empty())
    sizes.push_back(d.zip.front().values.size());
  double total = 1;
  for (auto s : sizes)
    total *= static_cast<double>(s);
  auto point_of = [&](std::vector<std::size_t> coords) {
    std::vector<std::uint32_t> idx;
    for (std::size_t k = 0; k < d.grid.size(); ++k)
      idx.push_back(static_cast<std::uint32_t>(coords[k]));
    for (std::size_t k = 0; k < d.zip.size(); ++k)
      idx.push_back(static_cast<std::uint32_t>(coords.back()));
    return idx;
  };
  auto coords_of = [&](std::uint64_t flat) {
    std::vector<std::size_t> c(sizes.size());
    for (std::size_t k = sizes.size(); k-- > 0;) {
      c[k] = flat % sizes[k];
      flat /= sizes[k];
    }
    return c;
  };
  RandomEngine rng(d.sample.seed);
  switch (d.sample.kind) {
  case Sampling::Kind::all:
    if (total > static_cast<double>(kMaxPoints))
      throw InputError(origin, 0, 0, "", "the grid has " + std::to_string(static_cast<long long>(total)) +
                                             " points (more than " + std::to_string(kMaxPoints) +
                                             "): thin it with --sample random:N or --sample lhs:N");
    for (std::uint64_t f = 0; f < static_cast<std::uint64_t>(total); ++f)
      plan.points.push_back(point_of(coords_of(f)));
    break;
  case Sampling::Kind::random: {
    if (static_cast<double>(d.sample.count) > total)
      throw InputError(origin, 0, 0, d.sample.text(),
                       "asks for more points than the grid has (" + std::to_string(static_cast<long long>(total)) + ")");
    if (total > 9e18)
      throw InputError(origin, 0, 0, d.sample.text(), "the grid is too large to sample from");
    // Distinct flat indices (Floyd's algorithm), then in grid order: the same N points on
    // every machine for the same seed.
    std::set<std::uint64_t> chosen;
    std::uint64_t n = static_cast<std::uint64_t>(total);
    for (std::uint64_t j = n - d.sample.count; j < n; ++j) {
      boost::random::uniform_int_distribution<std::uint64_t> pick(0, j);
      std::uint64_t t = pick(rng);
      chosen.insert(chosen.count(t) ? j : t);
    }
    for (auto f : chosen)
      plan.points.push_back(point_of(coords_of(f)));
    break;
  }
  case Sampling::Kind::latin_hypercube: {
    // N strata per dimension, one point in each, strata shuffled independently per dimension;
    // a stratum maps to the value whose share of [0, 1) holds a random position in it.
    std::size_t n = d.sample.count;
    if (n > kMaxPoints)
      throw InputError(origin, 0, 0, d.sample.text(), "more than " + std::to_string(kMaxPoints) + " points");
    std::vector<std::vector<std::size_t>> columns;
    boost::random::uniform_real_distribution<double> u(0.0, 1.0);
    for (auto size : sizes) {
      std::vector<std::size_t> strata(n);
      std::iota(strata.begin(), strata.end(), 0);
      for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates with Boost's portable draws
        boost::random::uniform_int_distribution<std::size_t> pick(0, i - 1);
        std::swap(strata[i - 1], strata[pick(rng)]);
      }
      std::vector<std::size_t> col(n);
      for (std::size_t i = 0; i < n; ++i) {
        double x = (static_cast<double>(strata[i]) + u(rng)) / static_cast<double>(n);
        col[i] = std::min(size - 1, static_cast<std::size_t>(x * static_cast<double>(size)));
      }
      columns.push_back(col);
    }
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::size_t> c;
      for (auto& col : columns)
        c.push_back(col[i]);
      plan.points.push_back(point_of(c));
    }
    break;
  }
  }
  for (int r = 0; r < d.replications; ++r)
    plan.seeds.push_back(replication_seed(base_seed, r));
  name_columns(plan.axes);
  std::string text = plan.to_json().dump();
  plan.definition_hash = hex(stable_hash(text));
  return plan;
}

std::vector<std::string> SweepPlan::overrides(std::size_t p, int r) const
{
  std::vector<std::string> out = sets;
  for (std::size_t a = 0; a < axes.size(); ++a)
    out.push_back(axes[a].path + "=" + axes[a].values[points[p][a]]);
  out.push_back("seed=" + std::to_string(seeds[static_cast<std::size_t>(r)]));
  return out;
}

std::string SweepPlan::point_dir(std::size_t p) const
{
  int width = 4;
  for (std::size_t n = points.size(); n >= 10000; n /= 10)
    ++width;
  std::string digits = std::to_string(p);
  return "points/" + std::string(digits.size() < static_cast<std::size_t>(width) ? width - digits.size() : 0, '0') + digits;
}

std::string SweepPlan::run_dir(std::size_t p, int r) const { return point_dir(p) + "/rep-" + std::to_string(r); }

nlohmann::ordered_json SweepPlan::to_json() const
{
  nlohmann::ordered_json j;
  j["schema"] = "contsim-sweep-manifest/1";
  j["scenario"] = scenario;
  j["calibrations"] = calibrations;
  j["sets"] = nlohmann::ordered_json::array();
  for (const auto& s : sets)
    j["sets"].push_back(redacted_override(s));
  j["axes"] = nlohmann::ordered_json::array();
  for (const auto& a : axes)
    j["axes"].push_back({{"path", a.path}, {"kind", a.kind}, {"column", a.column}, {"values", a.values}});
  j["replications"] = replications;
  j["seeds"] = seeds;
  j["sample"] = sample.text();
  j["chunk"] = chunk;
  j["inputs_hash"] = inputs_hash;
  if (!definition_hash.empty())
    j["definition_hash"] = definition_hash;
  auto& pts = j["points"] = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < points.size(); ++p) {
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    for (std::size_t a = 0; a < axes.size(); ++a)
      values[axes[a].path] = axes[a].values[points[p][a]];
    pts.push_back({{"index", p}, {"dir", point_dir(p)}, {"values", values}});
  }
  return j;
}

SweepPlan SweepPlan::from_json(const nlohmann::json& j, const std::string& file)
{
  SweepPlan plan;
  try {
    if (j.at("schema").get<std::string>() != "contsim-sweep-manifest/1")
      throw InputError(file, 0, 0, "schema", "not a contsim sweep manifest (contsim-sweep-manifest/1)");
    plan.scenario = j.at("scenario").get<std::string>();
    plan.calibrations = j.at("calibrations").get<std::vector<std::string>>();
    plan.sets = j.at("sets").get<std::vector<std::string>>();
    for (const auto& a : j.at("axes"))
      plan.axes.push_back({a.at("path").get<std::string>(), a.at("kind").get<std::string>(),
                           a.at("values").get<std::vector<std::string>>(), a.at("column").get<std::string>()});
    plan.replications = j.at("replications").get<int>();
    plan.seeds = j.at("seeds").get<std::vector<std::uint64_t>>();
    plan.chunk = j.at("chunk").get<std::size_t>();
    plan.inputs_hash = j.at("inputs_hash").get<std::string>();
    plan.definition_hash = j.value("definition_hash", "");
    std::string sample = j.at("sample").get<std::string>();
    if (sample != "all")
      plan.sample = parse_sampling(sample, file);
    for (const auto& p : j.at("points")) {
      std::vector<std::uint32_t> idx;
      const auto& values = p.at("values");
      for (const auto& a : plan.axes) {
        const std::string v = values.at(a.path).get<std::string>();
        auto it = std::find(a.values.begin(), a.values.end(), v);
        if (it == a.values.end())
          throw InputError(file, 0, 0, a.path, "point value '" + v + "' is not among the axis's values");
        idx.push_back(static_cast<std::uint32_t>(it - a.values.begin()));
      }
      plan.points.push_back(idx);
    }
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file, 0, 0, "", std::string("not a readable sweep manifest: ") + e.what());
  }
  if (plan.replications < 1 || plan.seeds.size() != static_cast<std::size_t>(plan.replications) || plan.chunk < 1 ||
      plan.points.empty())
    throw InputError(file, 0, 0, "", "inconsistent sweep manifest (replications, seeds, chunk or points)");
  return plan;
}

} // namespace contsim::sweep
