// Checks on a parsed YAML document that yaml-cpp does not make: it keeps the first of two
// equal keys, accepts a quoted string left open at the end of the file (swallowing the rest),
// and expands aliases without limit ("billion laughs"). Each becomes an InputError with a line.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

namespace contsim {

/// Throws an InputError for: a duplicate key in a map (both lines named), a key that is not a
/// single value, an unterminated quoted string, nesting deeper than kMaxYamlDepth, or aliases
/// expanding to more than kMaxYamlNodes nodes. `text` is the document `root` was parsed from.
void check_yaml_structure(const YAML::Node& root, const std::string& text, const std::string& file);

inline constexpr int kMaxYamlDepth = 200;
inline constexpr double kMaxYamlNodes = 1e6;

/// `s` without leading and trailing spaces, tabs and line ends (real FDL files carry tabs).
std::string trim_space(const std::string& s);

/// A value quoted for a message: at most `max` characters, control characters escaped.
std::string clip(const std::string& value, std::size_t max = 80);

} // namespace contsim
