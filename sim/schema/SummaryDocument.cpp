#include "sim/schema/SummaryDocument.hpp"

#include "sim/schema/Schema.hpp"

#include <fstream>
#include <stdexcept>

namespace contsim {

nlohmann::ordered_json summary_document(const SummaryParts& p)
{
  nlohmann::ordered_json j;
  j["schema"] = schema::kSummarySchema;
  j["provenance"] = p.provenance.to_json();
  for (auto& [k, v] : p.results.items())
    j[k] = v;
  j["services"] = p.services;
  j["dropped_outputs"] = p.dropped_outputs;
  j["functions_not_simulated"] = p.functions_not_simulated;
  j["fdl_keys_not_simulated"] = p.fdl_keys_not_simulated;
  j["warnings"] = p.warnings;
  j["parameters"] = p.parameters;
  return j;
}

void write_summary(const std::string& dir, const nlohmann::ordered_json& document)
{
  std::string path = (dir.empty() ? std::string(".") : dir) + "/summary.json";
  std::ofstream out(path);
  out << document.dump(2) << "\n";
  out.close();
  if (!out)
    throw std::runtime_error("could not write " + path + " completely (disk full?)");
}

} // namespace contsim
