// What a run writes for its records, for big runs: the whole trace, every Nth attempt or none
// (summary.json's statistics still see every attempt), compressed or not, and whether a writer
// thread takes compression and writes off the simulation's core. Set by the scenario's
// `output:` section or the command line (`--trace`, `--compress`, `--writer-thread`).
#pragma once
#include "sim/core/BlockSink.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace contsim {

struct OutputOptions {
  enum class Trace { full, sample, none };
  Trace trace = Trace::full;
  std::uint64_t every = 1;  // sample: attempts 1, 1 + every, 1 + 2 every, ... (in the order they end)
  Compression compression = Compression::none;
  std::optional<bool> writer_thread;  // unset: when the process may use more than one core

  bool uses_writer_thread() const { return writer_thread ? *writer_thread : writer_threads_by_default(); }
  /// "full", "none" or "sample:N".
  std::string trace_text() const;
  /// Whether every output is as a default run writes it (summary.json then says nothing of it).
  bool is_default() const { return trace == Trace::full && compression == Compression::none; }
};

/// Reads `full`, `none` or `sample:N` (N ≥ 1); an error message, empty when it reads.
std::string parse_trace_mode(const std::string& text, OutputOptions& out);
/// Reads `none` or `zstd`; an error message, empty when it reads.
std::string parse_compression(const std::string& text, OutputOptions& out);

} // namespace contsim
