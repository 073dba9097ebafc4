// One row of timeline.csv (schema::timeline_table()): a service's state at one sample time.
#pragma once

namespace contsim {

struct TimelineSample {
  long long running = 0;
  long long queued = 0;
  long long warm_idle = 0;  // environments / slots ready but idle
  long long units_up = 0;   // environments (Lambda), instances or nodes up
};

} // namespace contsim
