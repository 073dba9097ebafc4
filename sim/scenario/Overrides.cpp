#include "sim/scenario/Overrides.hpp"

#include "sim/core/Error.hpp"
#include "sim/core/InputFile.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace contsim {
namespace {

void set_path(YAML::Node node, const std::vector<std::string>& keys, std::size_t i, const std::string& value,
              const Override& o)
{
  if (node.IsSequence()) {  // a list: the path component is an index
    std::size_t index = 0;
    try {
      index = std::stoul(keys[i]);
    } catch (const std::exception&) {
      throw InputError("--set", 0, 0, redacted_override(o.text), "'" + keys[i - 1] + "' is a list: index it with a number");
    }
    if (index >= node.size())
      throw InputError("--set", 0, 0, redacted_override(o.text), "'" + keys[i - 1] + "' has only " + std::to_string(node.size()) + " entries");
    if (i + 1 == keys.size()) {
      node[index] = value;
      return;
    }
    set_path(node[index], keys, i + 1, value, o);
    return;
  }
  if (node.IsDefined() && !node.IsNull() && !node.IsMap())
    throw InputError("--set", 0, 0, redacted_override(o.text), "'" + keys[i - 1] + "' is not a map, cannot set a key below it");
  if (i + 1 == keys.size()) {
    node[keys[i]] = value;
    return;
  }
  YAML::Node child = node[keys[i]];
  if (!child.IsDefined() || child.IsNull()) {
    child = YAML::Node(YAML::NodeType::Map);
    node[keys[i]] = child;
  }
  set_path(node[keys[i]], keys, i + 1, value, o);
}

} // namespace

/// "functions.f.secret_key=abc" → "functions.f.secret_key=(redacted)": a credential given on the
/// command line must not reach summary.json.
std::string redacted_override(const std::string& override_text)
{
  auto eq = override_text.find('=');
  if (eq == std::string::npos)
    return override_text;
  std::string key = override_text.substr(0, eq);
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  static const char* const kSecretWords[] = {"password", "passwd", "secret", "token", "access_key", "credential",
                                             "auth", "private_key", "api_key"};
  for (const char* word : kSecretWords)
    if (key.find(word) != std::string::npos)
      return override_text.substr(0, eq + 1) + "(redacted)";
  return override_text;
}

Override parse_override(const std::string& text)
{
  Override o;
  o.text = text;
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError("--set", 0, 0, redacted_override(text), "expected PATH=VALUE, e.g. functions.my-fn.memory=2048");
  if (auto fault = find_text_fault(text))
    throw InputError("--set", 0, 0, redacted_override(text), fault->what);
  o.value = text.substr(eq + 1);
  std::string path = text.substr(0, eq);
  std::size_t start = 0;
  while (true) {
    auto dot = path.find('.', start);
    o.path.push_back(path.substr(start, dot - start));
    if (o.path.back().empty())
      throw InputError("--set", 0, 0, redacted_override(text), "empty component in path '" + path + "'");
    if (dot == std::string::npos)
      break;
    start = dot + 1;
  }
  // `lambda.keep_alive_s` is shorthand for `parameters.lambda.keep_alive_s`: a first component
  // that is no key of a scenario file names a model's parameter section.
  static const std::set<std::string> kScenarioKeys = {
      "schema",   "name",    "description", "fdl",      "simulate_only", "calibration", "prices", "parameters",
      "platform", "workload", "seed",       "horizon",  "drain_limit",   "output",      "billing", "real",
      "expect",   "runs",    "functions"};
  if (o.path.size() >= 2 && !kScenarioKeys.count(o.path[0]))
    o.path.insert(o.path.begin(), "parameters");
  return o;
}

std::optional<InputError> error_at_override(const InputError& e, const std::vector<Override>& overrides)
{
  const std::string& key = e.key();
  if (key.empty() || e.file().rfind("--set", 0) == 0)
    return std::nullopt;
  auto ends_with = [](const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0 &&
           (s.size() == tail.size() || s[s.size() - tail.size() - 1] == '.');
  };
  for (auto it = overrides.rbegin(); it != overrides.rend(); ++it) {  // the last one set wins
    std::string path;
    for (const auto& p : it->path)
      path += (path.empty() ? "" : ".") + p;
    // The same key, or one written relative to where it lands (an FDL function's `memory`, a
    // calibration section's `keep_alive_s`): a suffix of at least two components.
    bool same = key == path || (key.find('.') != std::string::npos && ends_with(path, key)) ||
                (path.find('.') != std::string::npos && ends_with(key, path));
    if (!same && it->targets_fdl()) {  // an FDL function's key, named relative to the function
      std::string relative;
      for (std::size_t i = 2; i < it->path.size(); ++i)
        relative += (relative.empty() ? "" : ".") + it->path[i];
      same = key == relative && e.message().find("'" + it->path[1] + "'") != std::string::npos;
    }
    if (!same)
      continue;
    std::string where = e.file() + (e.line() > 0 ? ":" + std::to_string(e.line()) : "");
    return InputError("--set " + redacted_override(it->text), 0, 0, key, e.message() + " (the value applies at " + where + ")");
  }
  return std::nullopt;
}

void apply_scenario_override(YAML::Node& scenario, const Override& o)
{
  set_path(scenario, o.path, 0, o.value, o);
}

void apply_fdl_override(YAML::Node& fdl, const Override& o)
{
  const std::string& name = o.path[1];
  std::vector<std::string> rest(o.path.begin() + 2, o.path.end());
  std::string known;
  YAML::Node functions = fdl["functions"];
  auto matches = [&](const YAML::Node& n) { return n.IsMap() && n["name"] && n["name"].Scalar() == name; };
  auto note = [&](const YAML::Node& n) {
    if (n.IsMap() && n["name"])
      known += (known.empty() ? "" : ", ") + n["name"].Scalar();
  };
  if (functions && functions.IsMap()) {
    if (functions["aws"] && functions["aws"].IsSequence())
      for (YAML::Node item : functions["aws"]) {
        YAML::Node lambda = item["lambda"];
        note(lambda);
        if (matches(lambda)) {
          // batch/iam/... sections sit beside `lambda:`; everything else is a lambda key.
          bool beside = rest[0] == "batch" || rest[0] == "iam" || rest[0] == "api_gateway" || rest[0] == "cloudwatch";
          set_path(beside ? item : lambda, rest, 0, o.value, o);
          return;
        }
      }
    if (functions["oscar"] && functions["oscar"].IsSequence())
      for (YAML::Node item : functions["oscar"])
        if (item.IsMap())
          for (auto it = item.begin(); it != item.end(); ++it) {
            YAML::Node svc = it->second;
            note(svc);
            if (matches(svc)) {
              set_path(svc, rest, 0, o.value, o);
              return;
            }
          }
    for (auto it = functions.begin(); it != functions.end(); ++it) {
      std::string key = it->first.Scalar();
      if (key != "aws" && key != "oscar") {
        known += (known.empty() ? "" : ", ") + key;
        if (key == name) {
          YAML::Node fn = it->second;
          set_path(fn, rest, 0, o.value, o);
          return;
        }
      }
    }
  }
  throw InputError("--set", 0, 0, redacted_override(o.text), "no function named '" + name + "' in the FDL (functions: " + known + ")");
}

} // namespace contsim
