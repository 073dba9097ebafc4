// trace.csv, streamed as attempts finish: the version line and header from schema::trace_table(),
// then one row per TraceRecord in the table's column order.
#pragma once
#include "sim/core/CsvBuffer.hpp"
#include "sim/schema/TraceRecord.hpp"

#include <string>

namespace contsim {

class TraceWriter {
public:
  explicit TraceWriter(const std::string& path, CsvPublish publish = CsvPublish::when_complete);
  void write(const TraceRecord& r);
  /// Flushes and closes; throws when the file could not be written completely.
  void finish() { out_.finish(); }
  /// Gives the finished file its name.
  void publish() { out_.publish(); }

private:
  CsvBuffer out_;
};

} // namespace contsim
