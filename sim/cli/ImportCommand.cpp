#include "sim/cli/ImportCommand.hpp"

#include "sim/cli/CalibrateCommand.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/schema/OutputDirectory.hpp"
#include "sim/schema/SummaryDocument.hpp"
#include "sim/schema/SummaryWriter.hpp"
#include "traces/import/TraceImport.hpp"
#include "traces/import/TraceRecords.hpp"

#include <filesystem>
#include <iostream>

namespace contsim {

int run_import(const ImportCommandOptions& o)
{
  if (o.traces.empty()) {
    std::cerr << "contsim: import needs at least one trace file (see contsim --help)\n";
    return 2;
  }
  if (o.output_dir.empty()) {
    std::cerr << "contsim: import needs -o DIR, the run directory to write\n";
    return 2;
  }
  traces::TraceTable table = import_trace_arguments(o.traces);
  for (const auto& w : table.warnings)
    std::cerr << "contsim: warning: " << w << "\n";
  prepare_output_directory(o.output_dir);
  traces::RecordedTrace names = traces::trace_names(table);
  OutputDirectory files(o.output_dir);
  RunSummary summary(names.functions, names.platforms);
  traces::record_trace(table, names, {&files, &summary});
  files.close();

  SummaryParts parts;
  parts.provenance.scenario = "import";
  parts.provenance.scenario_file = table.files.empty() ? std::string() : table.files.front();
  parts.provenance.calibration_files = {};
  parts.results = summary.to_json();
  for (const auto& p : names.platforms)
    parts.services[p] = {{"kind", p}};
  parts.warnings = table.warnings;
  write_summary(files, o.output_dir, summary_document(parts));
  std::cout << summary.invocations() << " invocations written to " << o.output_dir
            << "/ (trace.csv, summary.json); times are seconds from the first trigger\n";
  return 0;
}

} // namespace contsim
