// out/phases.csv: one row per phase of an attempt (schema::phase_table documents the columns).
#pragma once
#include "sim/core/CsvBuffer.hpp"

#include <string>
#include <string_view>

namespace contsim {

struct PhaseRecord {
  unsigned long long id = 0;
  std::string_view function;
  std::string_view service;
  std::string_view phase;
  std::string_view ran_on;
  std::string_view where;
  double t_start = 0;
  double t_end = 0;
};

class PhaseWriter {
public:
  explicit PhaseWriter(const std::string& path, CsvOptions options = {});
  void write(const PhaseRecord& r);
  /// Flushes and closes; throws when the file could not be written completely.
  void finish() { out_.finish(); }
  /// Gives the finished file its name.
  void publish() { out_.publish(); }

private:
  CsvBuffer out_;
};

} // namespace contsim
