// out/timeline.csv: every `timeline_interval` seconds, per service: invocations running and
// queued, warm idle environments (or free slots), and units up (environments, instances, nodes).
#pragma once
#include "sim/ComputeService.hpp"
#include "sim/CsvBuffer.hpp"

namespace contsim {

class TimelineWriter {
public:
  static constexpr const char* kHeader = "t_s,platform,service,running,queued,warm_idle,units_up";
  explicit TimelineWriter(const std::string& path);
  void write(double t, const std::string& platform, const std::string& service, const TimelineSample& s);

private:
  CsvBuffer out_;
};

} // namespace contsim
