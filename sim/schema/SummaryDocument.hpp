// summary.json: the one writer of the document (its keys are documented in scenarios/README.md
// "Outputs"): the schema id, provenance, the statistics of every attempt (RunSummary), then what
// each service reports and every parameter used with its source.
#pragma once
#include "sim/schema/OutputDirectory.hpp"
#include "sim/schema/Provenance.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace contsim {

struct SummaryParts {
  Provenance provenance;
  nlohmann::ordered_json results;   // RunSummary::to_json()
  nlohmann::ordered_json services = nlohmann::ordered_json::object();    // name → model results (with kind)
  long long dropped_outputs = 0;
  std::vector<std::string> functions_not_simulated;
  std::vector<std::string> fdl_keys_not_simulated;
  std::vector<std::string> warnings;
  nlohmann::ordered_json outputs;  // how the files were written, when not as by default (null: by default)
  nlohmann::ordered_json parameters = nlohmann::ordered_json::object();  // service → parameters
};

nlohmann::ordered_json summary_document(const SummaryParts& parts);
/// Ends a run directory: summary.json is written (as summary.json.partial), the CSVs of `files`
/// (finished by their close()) get their names, and summary.json last; a WriteError leaves no
/// summary.json. So a summary.json means every output beside it is complete.
void write_summary(OutputDirectory& files, const std::string& dir, const nlohmann::ordered_json& document);
/// A run that wrote no CSV (a sweep point): summary.json alone, whole or not at all.
void write_summary_alone(const std::string& dir, const nlohmann::ordered_json& document);

} // namespace contsim
