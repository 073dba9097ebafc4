// JSON trace files are read with yaml-cpp (JSON is YAML), so every object keeps its line for
// error messages; a malformed file fails with its line and column.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

namespace contsim::traces {

YAML::Node load_json_document(const std::string& path);

/// The string under `key` of `object`: "" when absent or null; an InputError at its line when
/// it is an object or a list (a wrong shape must not read as a missing value).
std::string json_text(const YAML::Node& object, const char* key, const std::string& path);

} // namespace contsim::traces
