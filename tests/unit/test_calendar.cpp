// The event calendar: events run in (time, scheduling order), whatever its queue's state (looks
// at the next event between runs, events scheduled before it), and the clock never moves back.
#include "sim/engine/Calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

namespace contsim {
namespace {

struct Recorder : EventHandler {
  Calendar* calendar = nullptr;
  std::vector<std::pair<double, std::uint64_t>> seen;
  void on_event(std::uint32_t, std::uint64_t payload) override { seen.emplace_back(calendar->now(), payload); }
};

TEST(Calendar, EventsRunInTimeThenSchedulingOrder)
{
  for (int pending : {1, 3, 4, 5, 17, 1000, 20000}) {
    Calendar cal;
    Recorder r;
    r.calendar = &cal;
    std::mt19937_64 rng(pending);
    std::vector<std::pair<double, std::uint64_t>> expected;
    std::uint64_t next = 0;
    // Times on a coarse grid: many ties, and -0 among the zeros.
    auto schedule = [&](double t) {
      cal.at(t, &r, 0, next);
      expected.emplace_back(t == 0 ? 0.0 : t, next++);
    };
    for (int i = 0; i < pending; ++i)
      schedule(static_cast<double>(rng() % 8) * (i % 2 ? 0.5 : 1.0) + (i == 1 ? -0.0 : 0.0));
    // Hold model: each event run schedules another, later or at the same instant, often after a
    // look at the next event (the driver's loop does that) and before it.
    for (int i = 0; i < 30000; ++i) {
      cal.run_next();
      bool was_empty = cal.empty();
      double next = was_empty ? 0 : cal.next_time();
      double t = cal.now() + static_cast<double>(rng() % 4) * 0.25;
      schedule(t);
      ASSERT_EQ(cal.next_time(), was_empty ? t : std::min(next, t));
    }
    while (!cal.empty())
      cal.run_next();
    std::stable_sort(expected.begin(), expected.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    ASSERT_EQ(r.seen, expected) << pending << " pending";
  }
}

} // namespace
} // namespace contsim
