#include "sim/core/PriceFile.hpp"

namespace contsim {

PriceFile open_price_file(const std::string& file, const std::string& section)
{
  // The sections any model reads; a key outside them is a typo worth reporting.
  static const char* const kSections[] = {"lambda", "ec2"};
  PriceFile p;
  p.file = file;
  YamlRef root{load_yaml_file(file), file, ""};
  MapReader r(root);
  std::string schema = r.required("schema").as_string();
  if (schema != "contsim-prices/1")
    root.fail("unsupported price table schema '" + schema + "' (expected contsim-prices/1)");
  p.name = r.required("name").as_string();
  p.date = r.required("date").as_string();
  r.ignore({"source", "note"});
  for (const char* s : kSections)
    if (section == s)
      p.section = r.optional(s);
    else
      r.optional(s);
  r.finish();
  return p;
}

} // namespace contsim
