// Strict reading of YAML maps: every key must be consumed or declared known-but-ignored,
// otherwise the reader fails with file:line, the YAML path, a "did you mean" and the valid keys.
#pragma once
#include "sim/core/Error.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace contsim {

/// Bounds on values with units: beyond them a value is a typo (or an overflow waiting to happen
/// in integer arithmetic downstream), never a plan.
inline constexpr double kMaxBytes = 1e18;    // 1 EB, for sizes and bytes per second
inline constexpr double kMaxSeconds = 1e10;  // about 317 years

/// A YAML node together with where it came from, for error messages.
struct YamlRef {
  YAML::Node node;
  std::string file;
  std::string path;  // dotted path from the document root, e.g. "functions.aws[0].lambda.memory"

  [[noreturn]] void fail(const std::string& message) const;
  int line() const;  // 1-based
  YamlRef child(const YAML::Node& n, const std::string& key) const;
  YamlRef item(const YAML::Node& n, std::size_t index) const;

  // Scalars. Values are trimmed (real FDL files carry tab characters after values).
  std::string as_string() const;
  double as_double() const;
  double as_non_negative() const;
  long long as_int() const;
  bool as_bool() const;
  /// Sizes with units: "1.5GB", "219MB", "2Gi", "256Mi", plain number = bytes.
  double as_bytes() const;
  /// Bandwidth "100Mbps", "1Gbps", "10MBps", plain number = bytes/s.
  double as_bandwidth() const;
  /// Durations "20ms", "1.5s", "5min", "2h", "7d", plain number = seconds.
  double as_seconds() const;
  std::vector<std::string> as_string_list() const;  // a scalar or a sequence of scalars
  bool is_map() const { return node.IsMap(); }
  bool is_sequence() const { return node.IsSequence(); }
  bool is_scalar() const { return node.IsScalar(); }
  /// A scalar `TODO` (a value `contsim init` left for the user) fails with a message saying so.
  void fail_if_todo() const;
};

/// Loads a YAML file. InputErrors with file:line for: a missing, unreadable or non-regular
/// file, invalid UTF-8, malformed YAML, a duplicate key, an unterminated quoted string, and
/// aliases that expand beyond reason (YamlStructure.hpp).
YAML::Node load_yaml_file(const std::string& file);
/// The same checks on text already read (`file` names it in errors).
YAML::Node parse_yaml_text(const std::string& text, const std::string& file);

/// Reads one YAML map key by key; finish() rejects keys nobody asked for.
class MapReader {
public:
  explicit MapReader(YamlRef ref);
  bool has(const std::string& key) const;
  std::optional<YamlRef> optional(const std::string& key);
  YamlRef required(const std::string& key);
  /// Keys that belong to the format but that contsim does not model: accepted, recorded.
  void ignore(std::initializer_list<const char*> keys, std::vector<std::string>* not_simulated = nullptr);
  /// All keys of the map, marking them consumed (for maps keyed by user names).
  std::vector<std::string> keys();
  void finish() const;
  const YamlRef& ref() const { return ref_; }

private:
  YamlRef ref_;
  std::set<std::string> consumed_;
  std::set<std::string> known_;
};

/// The closest candidate to `word` by edit distance, or "" when none is close.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);
/// "; did you mean 'x'? (a, b, c)": what follows a message about `word`, which is none of `valid`.
std::string suggest_among(const std::string& word, const std::vector<std::string>& valid);

} // namespace contsim
