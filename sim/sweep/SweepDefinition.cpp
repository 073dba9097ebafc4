#include "sim/sweep/SweepDefinition.hpp"

#include "sim/core/Error.hpp"
#include "sim/core/YamlReader.hpp"
#include "sim/scenario/Overrides.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace contsim::sweep {

namespace {

constexpr std::size_t kMaxValuesPerAxis = 1000000;

bool parse_number(const std::string& text, double& out)
{
  // Decimal only (strtod also reads 0x10, inf and nan: not a sweep bound).
  if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string::npos)
    return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

bool is_integer_text(const std::string& text) { return text.find_first_of(".eE") == std::string::npos; }

std::vector<std::string> split(const std::string& text, char sep)
{
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto at = text.find(sep, start);
    parts.push_back(text.substr(start, at - start));
    if (at == std::string::npos)
      return parts;
    start = at + 1;
  }
}

} // namespace

std::string Sampling::text() const
{
  switch (kind) {
  case Kind::all: return "all";
  case Kind::random: return "random:" + std::to_string(count) + ":" + std::to_string(seed);
  case Kind::latin_hypercube: return "lhs:" + std::to_string(count) + ":" + std::to_string(seed);
  }
  return "all";
}

std::vector<std::string> expand_item(const std::string& item, const std::string& origin, int line,
                                     const std::string& key)
{
  if (item.empty())
    throw InputError(origin, line, 0, key, "an empty value in the list (two commas, or a trailing one?)");
  auto parts = split(item, ':');
  if (parts.size() == 1)
    return {item};
  double a = 0, b = 0, step = 0;
  if (parts.size() != 3 || !parse_number(parts[0], a) || !parse_number(parts[1], b) || !parse_number(parts[2], step))
    throw InputError(origin, line, 0, key, "'" + item + "' is not a range: write START:STOP:STEP with numbers, e.g. 60:600:60");
  if (step == 0 || (b - a) * step < 0)
    throw InputError(origin, line, 0, key,
                     "range '" + item + "' never reaches its stop: the step must be non-zero and point from start to stop");
  double n = std::floor((b - a) / step + 1e-9);
  if (n + 1 > static_cast<double>(kMaxValuesPerAxis))
    throw InputError(origin, line, 0, key, "range '" + item + "' has more than " + std::to_string(kMaxValuesPerAxis) + " values");
  bool integers = is_integer_text(parts[0]) && is_integer_text(parts[1]) && is_integer_text(parts[2]);
  std::vector<std::string> values;
  for (long long i = 0; i <= static_cast<long long>(n); ++i) {
    double v = a + static_cast<double>(i) * step;  // from the start each time: no drift from summing
    char buf[64];
    if (integers)
      std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
    else
      std::snprintf(buf, sizeof buf, "%.12g", v);
    values.push_back(buf);
  }
  return values;
}

Axis parse_axis(const std::string& text, const std::string& origin, int line)
{
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw InputError(origin, line, 0, text, "expected PATH=V1,V2,... or PATH=START:STOP:STEP, e.g. functions.f.memory=256,512,1024");
  Axis axis;
  axis.path = text.substr(0, eq);
  parse_override(axis.path + "=x");  // the path's own checks, as --set makes them
  for (const auto& item : split(text.substr(eq + 1), ',')) {
    auto values = expand_item(item, origin, line, axis.path);
    axis.values.insert(axis.values.end(), values.begin(), values.end());
    if (axis.values.size() > kMaxValuesPerAxis)
      throw InputError(origin, line, 0, axis.path, "more than " + std::to_string(kMaxValuesPerAxis) + " values");
  }
  return axis;
}

Sampling parse_sampling(const std::string& text, const std::string& origin, int line)
{
  auto parts = split(text, ':');
  Sampling s;
  auto bad = [&](const std::string& why) {
    throw InputError(origin, line, 0, text, why + " (expected random:N[:SEED] or lhs:N[:SEED], e.g. lhs:100:7)");
  };
  if (parts.size() < 2 || parts.size() > 3)
    bad("not a sampling");
  if (parts[0] == "random")
    s.kind = Sampling::Kind::random;
  else if (parts[0] == "lhs" || parts[0] == "latin-hypercube")
    s.kind = Sampling::Kind::latin_hypercube;
  else
    bad("unknown sampling '" + parts[0] + "'");
  auto whole = [&](const std::string& t, const char* what) -> unsigned long long {
    if (t.empty() || t.size() > 18 || t.find_first_not_of("0123456789") != std::string::npos)
      bad(std::string(what) + " '" + t + "' is not a whole number");
    return std::stoull(t);
  };
  s.count = whole(parts[1], "the count");
  if (s.count == 0)
    bad("the count must be at least 1");
  if (parts.size() == 3)
    s.seed = whole(parts[2], "the seed");
  return s;
}

void read_sweep_file(const std::string& path, SweepDefinition& into)
{
  YAML::Node root = load_yaml_file(path);
  YamlRef ref{root, path, ""};
  if (!root.IsMap())
    throw InputError(path, 1, 1, "", "a sweep file is a YAML map (grid:, zip:, set:, replications:, sample:)");
  into.file = path;
  MapReader r(ref);
  if (auto v = r.optional("schema"))
    if (v->as_string() != "contsim-sweep/1")
      v->fail("unknown schema '" + v->as_string() + "' (this contsim reads contsim-sweep/1)");
  r.optional("description");
  auto axes = [&](const char* key, std::vector<Axis>& out) {
    auto section = r.optional(key);
    if (!section)
      return;
    if (!section->is_map())
      section->fail(std::string("expected a map of PATH: [values] (or PATH: \"START:STOP:STEP\")"));
    MapReader m(*section);
    for (const auto& name : m.keys()) {
      YamlRef item = section->child(section->node[name], name);
      Axis axis;
      axis.path = name;
      try {
        parse_override(name + "=x");
      } catch (const InputError& e) {
        item.fail(e.message());
      }
      std::vector<YamlRef> items;
      if (item.is_sequence())
        for (std::size_t i = 0; i < item.node.size(); ++i)
          items.push_back(item.item(item.node[i], i));
      else
        items.push_back(item);
      if (items.empty())
        item.fail("an axis needs at least one value");
      for (auto& it : items) {
        if (!it.is_scalar())
          it.fail("expected a value or a range START:STOP:STEP");
        auto values = expand_item(it.as_string(), path, it.line(), name);
        axis.values.insert(axis.values.end(), values.begin(), values.end());
      }
      out.push_back(axis);
    }
  };
  axes("grid", into.grid);
  axes("zip", into.zip);
  if (auto set = r.optional("set")) {
    if (!set->is_map())
      set->fail("expected a map of PATH: VALUE (fixed for every point)");
    MapReader m(*set);
    for (const auto& name : m.keys()) {
      YamlRef v = set->child(set->node[name], name);
      if (!v.is_scalar())
        v.fail("expected one value (a swept parameter belongs under grid: or zip:)");
      into.sets.push_back(name + "=" + v.as_string());
    }
  }
  if (auto v = r.optional("replications")) {
    long long n = v->as_int();
    if (n < 1 || n > 100000)
      v->fail("replications must be between 1 and 100000");
    into.replications = static_cast<int>(n);
  }
  if (auto v = r.optional("sample"))
    into.sample = parse_sampling(v->as_string(), path, v->line());
  r.finish();
}

} // namespace contsim::sweep
