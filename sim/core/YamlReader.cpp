#include "sim/core/YamlReader.hpp"

#include "sim/core/InputFile.hpp"
#include "sim/core/YamlStructure.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace contsim {
namespace {

std::string trim(const std::string& s) { return trim_space(s); }

std::string lower(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

/// Splits "12.5MB" into 12.5 and "mb"; returns false when the number part is missing.
bool split_number_unit(const std::string& text, double& number, std::string& unit)
{
  std::string s = trim(text);
  std::size_t consumed = 0;
  if (!starts_decimal(s))
    return false;
  try {
    number = std::stod(s, &consumed);
  } catch (const std::exception&) {
    return false;
  }
  unit = lower(trim(s.substr(consumed)));
  return std::isfinite(number);
}

} // namespace

void YamlRef::fail(const std::string& message) const
{
  throw InputError(file, line(), node.IsDefined() ? node.Mark().column + 1 : 0, path, message);
}

int YamlRef::line() const
{
  if (!node.IsDefined() || node.Mark().line < 0)
    return 0;
  return node.Mark().line + 1;
}

YamlRef YamlRef::child(const YAML::Node& n, const std::string& key) const
{
  return YamlRef{n, file, path.empty() ? key : path + "." + key};
}

YamlRef YamlRef::item(const YAML::Node& n, std::size_t index) const
{
  return YamlRef{n, file, path + "[" + std::to_string(index) + "]"};
}

std::string YamlRef::as_string() const
{
  if (!node.IsScalar())
    fail("expected a single value (a scalar), found a " + std::string(node.IsMap() ? "map" : "list"));
  return trim(node.Scalar());
}

void YamlRef::fail_if_todo() const
{
  if (node.IsScalar() && trim(node.Scalar()) == "TODO")
    fail("still TODO: fill in this value (`contsim init` left it; the comment beside it says what goes there)");
}

double YamlRef::as_double() const
{
  fail_if_todo();
  std::string s = as_string();
  std::size_t consumed = 0;
  double v = 0;
  try {
    v = std::stod(s, &consumed);
  } catch (const std::exception&) {
    fail("expected a number, found '" + clip(s) + "'");
  }
  if (consumed != s.size() || !std::isfinite(v) || !starts_decimal(s))
    fail("expected a number, found '" + clip(s) + "'");
  return v;
}

double YamlRef::as_non_negative() const
{
  double v = as_double();
  if (v < 0)
    fail("must not be negative (found " + clip(as_string()) + ")");
  return v;
}

long long YamlRef::as_int() const
{
  double v = as_double();
  if (v != std::floor(v) || std::fabs(v) > 9e15)
    fail("expected an integer, found '" + clip(as_string()) + "'");
  return static_cast<long long>(v);
}

bool YamlRef::as_bool() const
{
  std::string s = lower(as_string());
  if (s == "true" || s == "yes" || s == "on")
    return true;
  if (s == "false" || s == "no" || s == "off")
    return false;
  fail("expected true or false, found '" + clip(as_string()) + "'");
}

double YamlRef::as_bytes() const
{
  fail_if_todo();
  double n = 0;
  std::string unit;
  if (!split_number_unit(as_string(), n, unit))
    fail("expected a size such as 219MB, 2Gi or 1048576, found '" + clip(as_string()) + "'");
  static const std::pair<const char*, double> units[] = {
      {"", 1},          {"b", 1},           {"k", 1e3},         {"kb", 1e3},       {"m", 1e6},
      {"mb", 1e6},      {"g", 1e9},         {"gb", 1e9},        {"t", 1e12},       {"tb", 1e12},
      {"ki", 1024.0},   {"kib", 1024.0},    {"mi", 1048576.0},  {"mib", 1048576.0}, {"gi", 1073741824.0},
      {"gib", 1073741824.0}, {"ti", 1099511627776.0}, {"tib", 1099511627776.0}};
  for (auto& [name, factor] : units)
    if (unit == name) {
      if (n < 0)
        fail("a size must not be negative (found " + clip(as_string()) + ")");
      if (n * factor > kMaxBytes)
        fail("a size above 1 EB (found " + clip(as_string()) + "): no machine or file is that large");
      return n * factor;
    }
  fail("unknown size unit '" + clip(unit) + "' (use B, KB, MB, GB, TB, Ki, Mi, Gi, Ti)");
}

double YamlRef::as_bandwidth() const
{
  fail_if_todo();
  double n = 0;
  std::string unit;
  if (!split_number_unit(as_string(), n, unit))
    fail("expected a bandwidth such as 100Mbps or 1GBps, found '" + clip(as_string()) + "'");
  // Lower-cased: "mbps" is ambiguous between megabits and megabytes, so read the original case.
  std::string raw = trim(as_string());
  std::string raw_unit = raw.substr(raw.size() - unit.size());
  double factor = 0;
  if (unit.empty() || (unit == "bps" && raw_unit == "Bps"))
    factor = 1;
  else if (unit == "bps")
    factor = 1.0 / 8;
  else if (unit.size() == 4 && unit.substr(2) == "ps") {
    double scale = unit[0] == 'k' ? 1e3 : unit[0] == 'm' ? 1e6 : unit[0] == 'g' ? 1e9 : unit[0] == 't' ? 1e12 : 0;
    bool bytes = raw_unit[1] == 'B';
    factor = bytes ? scale : scale / 8;
  }
  if (factor == 0)
    fail("unknown bandwidth unit '" + clip(raw_unit) + "' (use bps, kbps, Mbps, Gbps for bits/s; kBps, MBps, GBps for bytes/s)");
  if (n <= 0)
    fail("a bandwidth must be positive (found " + clip(as_string()) + ")");
  if (n * factor > kMaxBytes)
    fail("a bandwidth above 1 EB/s (found " + clip(as_string()) + ")");
  return n * factor;
}

double YamlRef::as_seconds() const
{
  fail_if_todo();
  double n = 0;
  std::string unit;
  if (!split_number_unit(as_string(), n, unit))
    fail("expected a duration such as 20ms, 1.5s or 5min, found '" + clip(as_string()) + "'");
  double factor = unit.empty() || unit == "s" ? 1 : unit == "ms" ? 1e-3 : unit == "us" ? 1e-6
                : unit == "min" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : -1;
  if (factor < 0)
    fail("unknown time unit '" + clip(unit) + "' (use us, ms, s, min, h, d)");
  if (n < 0)
    fail("a duration must not be negative (found " + clip(as_string()) + ")");
  if (n * factor > kMaxSeconds)
    fail("a duration above 10^10 s (about 317 years; found " + clip(as_string()) + ")");
  return n * factor;
}

std::vector<std::string> YamlRef::as_string_list() const
{
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(as_string());
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      out.push_back(item(node[i], i).as_string());
  } else if (!node.IsNull()) {
    fail("expected a value or a list of values");
  }
  return out;
}

YAML::Node load_yaml_file(const std::string& file)
{
  return parse_yaml_text(read_input_file(file), file);
}

YAML::Node parse_yaml_text(const std::string& text, const std::string& file)
{
  check_utf8(text, file);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(file, e.mark.line + 1, e.mark.column + 1, "", "malformed YAML: " + clip(e.msg));
  }
  check_yaml_structure(root, text, file);
  return root;
}

MapReader::MapReader(YamlRef ref) : ref_(std::move(ref))
{
  if (!ref_.node.IsMap() && !ref_.node.IsNull())
    ref_.fail("expected a map of keys");
  // Real FDL files carry tabs after keys too ("access_key\t: ..."); the real tools accept them.
  bool untrimmed = false;
  for (auto it = ref_.node.begin(); ref_.node.IsMap() && it != ref_.node.end(); ++it)
    untrimmed |= it->first.IsScalar() && trim(it->first.Scalar()) != it->first.Scalar();
  if (untrimmed) {
    YAML::Node copy(YAML::NodeType::Map);
    for (auto it = ref_.node.begin(); it != ref_.node.end(); ++it)
      copy[trim(it->first.Scalar())] = it->second;
    ref_.node = copy;
  }
}

bool MapReader::has(const std::string& key) const
{
  return ref_.node.IsMap() && ref_.node[key].IsDefined() && !ref_.node[key].IsNull();
}

std::optional<YamlRef> MapReader::optional(const std::string& key)
{
  known_.insert(key);
  consumed_.insert(key);
  if (!has(key))
    return std::nullopt;
  return ref_.child(ref_.node[key], key);
}

YamlRef MapReader::required(const std::string& key)
{
  auto v = optional(key);
  if (!v)
    ref_.fail("missing required key '" + key + "'");
  return *v;
}

void MapReader::ignore(std::initializer_list<const char*> keys, std::vector<std::string>* not_simulated)
{
  for (const char* k : keys) {
    known_.insert(k);
    bool present = has(k);
    if (consumed_.insert(k).second && present && not_simulated)
      not_simulated->push_back(ref_.path.empty() ? k : ref_.path + "." + k);
  }
}

std::vector<std::string> MapReader::keys()
{
  std::vector<std::string> out;
  if (!ref_.node.IsMap())
    return out;
  for (auto it = ref_.node.begin(); it != ref_.node.end(); ++it) {
    out.push_back(it->first.as<std::string>());
    consumed_.insert(out.back());
  }
  return out;
}

void MapReader::finish() const
{
  if (!ref_.node.IsMap())
    return;
  for (auto it = ref_.node.begin(); it != ref_.node.end(); ++it) {
    std::string key = it->first.as<std::string>();
    if (consumed_.count(key))
      continue;
    std::vector<std::string> valid(known_.begin(), known_.end());
    std::string message = "unknown key";
    std::string hint = closest_match(key, valid);
    if (!hint.empty())
      message += "; did you mean '" + hint + "'?";
    std::string list;
    for (auto& v : valid)
      list += (list.empty() ? "" : ", ") + v;
    message += " (valid keys here: " + list + ")";
    YamlRef key_ref{it->first, ref_.file, ref_.path.empty() ? key : ref_.path + "." + key};
    key_ref.fail(message);
  }
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates)
{
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    std::vector<std::size_t> prev(c.size() + 1), cur(c.size() + 1);
    for (std::size_t j = 0; j <= c.size(); ++j)
      prev[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= c.size(); ++j)
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (word[i - 1] == c[j - 1] ? 0 : 1)});
      std::swap(prev, cur);
    }
    if (prev[c.size()] < best_distance) {
      best_distance = prev[c.size()];
      best = c;
    }
  }
  return best;
}

std::string suggest_among(const std::string& word, const std::vector<std::string>& valid)
{
  std::string list;
  for (const auto& v : valid)
    list += (list.empty() ? "" : ", ") + v;
  std::string hint = closest_match(word, valid);
  return (hint.empty() ? "" : "; did you mean '" + hint + "'?") + " (" + list + ")";
}

} // namespace contsim
