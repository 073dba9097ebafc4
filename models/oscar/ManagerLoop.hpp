// When OSCAR's Resource Manager or Rescheduler next looks at the cluster. Both are goroutines
// started with the server that repeat "do a round, then sleep the interval"
// (oscar:pkg/resourcemanager/resourcemanager.go StartResourceManager, rescheduler.go
// StartReScheduler): a round's own time (its list calls, and the Rescheduler's delegation POSTs,
// one after another) pushes every later round back. The loops drift apart and off any grid from
// t = 0. The server is taken to start with the run (t = 0: the first round).
//
// contsim does not simulate rounds that cannot matter (an idle cluster); when the service needs
// the loop again, the rounds it skipped are replayed in closed form: each idle round takes only
// its list time, so they follow one another at interval + list time.
#pragma once
#include <cmath>

namespace contsim::oscar {

class ManagerLoop {
public:
  ManagerLoop(double interval_s, double list_s) : interval_s_(interval_s), list_s_(list_s) {}

  /// The first round strictly after `now`, had the loop kept running idle since its last round.
  double next_round_after(double now)
  {
    if (next_ <= now) {
      double period = interval_s_ + list_s_;
      next_ += (std::floor((now - next_) / period) + 1) * period;
      if (next_ <= now)  // rounding
        next_ += period;
    }
    return next_;
  }
  /// The round that began earlier has done its work at `t`: its list calls are added, then it sleeps.
  void round_done(double t) { next_ = t + list_s_ + interval_s_; }

  bool scheduled = false;  // a round is on the calendar

private:
  double interval_s_, list_s_;
  double next_ = 0;  // the next round of a loop that has not slept through any
};

} // namespace contsim::oscar
