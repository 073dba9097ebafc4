#include "sim/schema/SummaryDocument.hpp"

#include "sim/schema/Schema.hpp"

#include "sim/core/OutputFile.hpp"

#include <cstdio>

namespace contsim {

nlohmann::ordered_json summary_document(const SummaryParts& p)
{
  nlohmann::ordered_json j;
  j["schema"] = schema::kSummarySchema;
  j["run_id"] = p.provenance.run_id();
  j["provenance"] = p.provenance.to_json();
  for (auto& [k, v] : p.results.items())
    j[k] = v;
  j["services"] = p.services;
  j["dropped_outputs"] = p.dropped_outputs;
  j["functions_not_simulated"] = p.functions_not_simulated;
  j["fdl_keys_not_simulated"] = p.fdl_keys_not_simulated;
  j["warnings"] = p.warnings;
  if (!p.outputs.is_null())
    j["outputs"] = p.outputs;
  j["parameters"] = p.parameters;
  return j;
}

void write_summary(OutputDirectory& files, const std::string& dir, const nlohmann::ordered_json& document)
{
  std::string path = (dir.empty() ? std::string(".") : dir) + "/summary.json";
  write_partial_file(path, document.dump(2) + "\n");
  try {
    files.publish();
  } catch (...) {
    std::remove(partial_name(path).c_str());
    throw;
  }
  publish_partial(path);
}

void write_summary_alone(const std::string& dir, const nlohmann::ordered_json& document)
{
  write_file_atomically((dir.empty() ? std::string(".") : dir) + "/summary.json", document.dump(2) + "\n");
}

} // namespace contsim
