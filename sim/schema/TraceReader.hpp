// Reads trace.csv (simulated or from a real-runner) back into TraceRecords: the one reader of
// the format TraceWriter writes. Views in the record are valid until the next call.
#pragma once
#include "sim/schema/TableReader.hpp"
#include "sim/schema/TraceRecord.hpp"

#include <string>

namespace contsim {

class TraceReader {
public:
  /// The required columns: id, function and the five times; the others may be absent (older files).
  explicit TraceReader(const std::string& path);
  /// False at the end. t_origin is left at -1 (see TraceRecord).
  bool next(TraceRecord& r);
  int line() const { return table_.line(); }
  const std::string& path() const { return table_.path(); }
  const schema::TableReader& table() const { return table_; }

private:
  schema::TableReader table_;
  struct Columns {  // the table's column of each field, looked up once
    int id, function, platform, site, node, input, t_trigger, t_start, t_exec_start, t_exec_end, t_end, cold_start, status, delegated_to, mechanism, billed_ms, cost_usd, parent_id, t_stage_in, memory_mb;
  } col_;
};

} // namespace contsim
