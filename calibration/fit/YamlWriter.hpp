// Writes a JSON document as block YAML (maps of maps as blocks, maps of scalars and lists of
// scalars as flow `{k: v}` / `[a, b]`), so calibration files stay readable and hand-editable.
#pragma once
#include <nlohmann/json.hpp>

#include <ostream>

namespace contsim::calibration {

void write_yaml(const nlohmann::ordered_json& doc, std::ostream& out, int indent = 0);

} // namespace contsim::calibration
