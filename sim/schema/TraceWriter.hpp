// trace.csv, streamed as attempts finish: the version line and header from schema::trace_table(),
// then one row per TraceRecord in the table's column order. A sampled trace keeps attempts 1,
// 1 + N, 1 + 2N, ... (in the order they end) and says so in a `# sampled:` line after the version.
#pragma once
#include "sim/core/CsvBuffer.hpp"
#include "sim/schema/TraceRecord.hpp"

#include <string>

namespace contsim {

class TraceWriter {
public:
  explicit TraceWriter(const std::string& path, CsvOptions options = {}, std::uint64_t every = 1);
  void write(const TraceRecord& r)
  {
    if (seen_++ % every_ == 0)
      write_row(r);
  }
  std::uint64_t rows() const { return rows_; }
  /// Flushes and closes; throws when the file could not be written completely.
  void finish() { out_.finish(); }
  /// Gives the finished file its name.
  void publish() { out_.publish(); }

private:
  void write_row(const TraceRecord& r);
  void write_row_slowly(const TraceRecord& r);
  CsvBuffer out_;

  std::uint64_t every_;
  std::uint64_t seen_ = 0;
  std::uint64_t rows_ = 0;
};

} // namespace contsim
