// The one definition of every table contsim writes or exchanges (trace.csv, timeline.csv,
// instances.csv, job_states.csv, sweep.csv): its schema id and version, and each column's
// name, unit and meaning. Writers emit the version line and the header from here, readers check
// them against it, `contsim help outputs` generates sim/schema/OUTPUTS.md and
// reports/schema.py from it, and tests keep those two files current.
#pragma once
#include <string>
#include <vector>

namespace contsim::schema {

struct Column {
  const char* name;
  const char* unit;     // "s", "USD", "MiB", "count", "" (text)
  const char* meaning;  // one sentence; empty cell semantics included
};

struct Table {
  const char* file;     // "trace.csv"
  const char* id;       // "contsim-trace"
  int version;          // bumped when a column changes meaning or is removed; added columns go last
  const char* about;    // one paragraph for the docs
  std::vector<Column> columns;

  /// "# schema: contsim-trace/1": the first line of every file of this table.
  std::string version_line() const;
  std::string header() const;  // "id,function,..."
  /// Index of a column, or -1.
  int index_of(const std::string& name) const;
};

const Table& trace_table();
const Table& timeline_table();
const Table& instance_table();
const Table& job_state_table();
const Table& phase_table();
const Table& sweep_table();
/// In sweep_table(): where the swept parameters' columns go (their names depend on the sweep).
inline constexpr const char* kSweepAxisColumns = "{axes}";
/// What sweep.csv reports per point, each as mean, _sd and _ci95 (from every summary.json).
struct SweepMetric {
  const char* name;
  const char* unit;
  const char* meaning;
};
const std::vector<SweepMetric>& sweep_metrics();
/// Every table above, in documentation order.
std::vector<const Table*> all_tables();

/// The `schema` value summary.json carries (a JSON document has no header line).
inline constexpr const char* kSummarySchema = "contsim-summary/1";

/// Markdown of every table (sim/schema/OUTPUTS.md) and the Python column lists (reports/schema.py).
std::string outputs_markdown();
std::string outputs_python();

} // namespace contsim::schema
