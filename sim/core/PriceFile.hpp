// A dated price table (calibration/prices/*.yaml, schema contsim-prices/1): a header (name,
// date, source) and one section per provider service (`lambda:`, `ec2:` ...). Each model
// reads its own section; the others are left to their models.
#pragma once
#include "sim/core/YamlReader.hpp"

#include <optional>
#include <string>

namespace contsim {

struct PriceFile {
  std::string file;
  std::string name;
  std::string date;
  std::optional<YamlRef> section;  // the requested section, when the file has one
};

/// Loads `file`, checks its schema and header, and returns `section` (InputError on a bad
/// header or an unknown top-level key).
PriceFile open_price_file(const std::string& file, const std::string& section);

} // namespace contsim
