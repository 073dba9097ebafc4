// The calendar alone, for a platform with no shared resource (Driver.hpp): events run in order,
// every transfer completes at once (inside a site without a network of its own), and the run
// ends when the calendar empties or at the end_by() time. It gives the same results as SimGrid's
// driver on such a platform, whose clock then never moves.
#pragma once
#include "sim/engine/Driver.hpp"

#include <limits>

namespace contsim {

class CalendarDriver final : public Driver {
public:
  explicit CalendarDriver(Calendar& calendar) : calendar_(calendar) {}

  void transfer(int from_site, int to_site, double bytes, EventHandler* handler, std::uint32_t kind,
                std::uint64_t payload) override;
  void execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
               std::uint64_t payload) override;
  void end_by(double t) override { deadline_ = t; }
  void run() override;
  bool ended_early() const override { return ended_early_; }

private:
  Calendar& calendar_;
  double deadline_ = std::numeric_limits<double>::infinity();
  bool ended_early_ = false;
};

} // namespace contsim
