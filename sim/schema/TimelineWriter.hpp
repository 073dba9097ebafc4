// out/timeline.csv: every `timeline_interval` seconds, per service: invocations running and
// queued, warm idle environments (or free slots), and units up (environments, instances, nodes).
#pragma once
#include "sim/core/CsvBuffer.hpp"
#include "sim/schema/TimelineRow.hpp"

namespace contsim {

class TimelineWriter {
public:
  explicit TimelineWriter(const std::string& path, CsvOptions options = {});
  void write(double t, std::string_view platform, std::string_view service, const TimelineSample& s);

  /// Flushes and closes; throws when the file could not be written completely.
  void finish() { out_.finish(); }
  /// Gives the finished file its name.
  void publish() { out_.publish(); }

private:
  CsvBuffer out_;
};

} // namespace contsim
