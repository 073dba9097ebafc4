// trace.csv, streamed as attempts finish: the version line and header from schema::trace_table(),
// then one row per TraceRecord in the table's column order. A sampled trace keeps attempts 1,
// 1 + N, 1 + 2N, ... (in the order they end) and says so in a `# sampled:` line after the version.
//
// With a writer thread (CsvOptions::threaded), the caller's thread only packs each record into a
// block (PackedTraceRecord.hpp); the writer thread formats the rows, compresses and writes them.
// The bytes are the same either way: the same row formatter runs, on the records in their order.
// A follower (the run's summary) may then take each record there too, after its row.
#pragma once
#include "sim/core/CsvBuffer.hpp"
#include "sim/schema/RecordSink.hpp"
#include "sim/schema/TraceRecord.hpp"

#include <memory>
#include <string>

namespace contsim {

class TraceWriter {
public:
  explicit TraceWriter(const std::string& path, CsvOptions options = {}, std::uint64_t every = 1);
  ~TraceWriter();
  /// One attempt; `function` and `service` index the run's lists (RecordSink), -1 when unknown.
  void write(const TraceRecord& r, int function = -1, int service = -1)
  {
    if (--until_next_ > 0)  // a countdown, not seen % every: no division per attempt
      return;
    until_next_ = every_;
    ++rows_;
    if (writer_thread_)
      pack(r, function, service);
    else
      write_row(out_, r);
  }
  /// From now on, `follower` gets every attempt (its on_attempt) on the writer thread, after the
  /// attempt's row, in the same order; it must outlive finish(). Only a trace of every attempt
  /// with a writer thread takes one: false otherwise, and the caller keeps feeding it itself.
  bool follow(RecordSink* follower);
  std::uint64_t rows() const { return rows_; }
  /// Flushes and closes; throws when the file could not be written completely.
  void finish();
  /// Gives the finished file its name.
  void publish() { out_.publish(); }

  /// One record's row, formatted into `out`.
  static void write_row(CsvBuffer& out, const TraceRecord& r);

private:
  static void write_row_slowly(CsvBuffer& out, const TraceRecord& r);
  void pack(const TraceRecord& r, int function, int service);
  /// Hands the packed records over and waits until the writer thread has formatted them all.
  void stop_writer_thread();
  CsvBuffer out_;  // written by the writer thread while there is one
  std::uint64_t every_;
  std::uint64_t until_next_ = 1;  // attempts to the next row written: the 1st, then every every_-th
  std::uint64_t rows_ = 0;
  static constexpr std::size_t kPackedBlockBytes = 1 << 20;
  RecordSink* follower_ = nullptr;  // read by the writer thread (set before the first block)
  std::unique_ptr<BlockSink> writer_thread_;  // unpacks and formats into out_; declared after it: stops first
  Block packed_;
};

} // namespace contsim
