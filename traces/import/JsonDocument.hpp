// JSON trace files are read with yaml-cpp (JSON is YAML), so every object keeps its line for
// error messages; a malformed file fails with its line and column.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

namespace contsim::traces {

YAML::Node load_json_document(const std::string& path);

} // namespace contsim::traces
