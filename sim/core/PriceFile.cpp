#include "sim/core/PriceFile.hpp"

#include "sim/core/InputFile.hpp"

#include <map>
#include <mutex>
#include <utility>

namespace contsim {

namespace {

// Every model that bills reads the price table, both when the Plan checks the calibration and
// when it builds the service: one parse per file and text in a process (yaml-cpp takes ~1,000
// instructions a byte), not one per reader. Keyed by the text too, so a file rewritten between
// two runs in one process is parsed again.
YAML::Node parsed_price_file(const std::string& file)
{
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, YAML::Node> parsed;
  std::string text = read_input_file(file);
  std::lock_guard<std::mutex> lock(mutex);
  auto key = std::make_pair(file, std::move(text));
  auto it = parsed.find(key);
  if (it == parsed.end())
    it = parsed.emplace(key, parse_yaml_text(key.second, file)).first;
  return it->second;
}

} // namespace

PriceFile open_price_file(const std::string& file, const std::string& section)
{
  // The sections any model reads; a key outside them is a typo worth reporting.
  static const char* const kSections[] = {"lambda", "ec2"};
  PriceFile p;
  p.file = file;
  YamlRef root{parsed_price_file(file), file, ""};
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
