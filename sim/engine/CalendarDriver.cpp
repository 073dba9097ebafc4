#include "sim/engine/CalendarDriver.hpp"

#include <stdexcept>

namespace contsim {

void CalendarDriver::transfer(int from_site, int to_site, double bytes, EventHandler* handler, std::uint32_t kind,
                              std::uint64_t payload)
{
  // The Plan refuses transfers between sites without a link; within a site without a network of
  // its own they take no time (Platform.hpp), as in SimGrid's driver.
  if (from_site != to_site && bytes > 0)
    throw std::logic_error("a transfer between two sites on a platform without links");
  handler->on_event(kind, payload);
}

void CalendarDriver::execute(int, double work, double, EventHandler* handler, std::uint32_t kind, std::uint64_t payload)
{
  if (work > 0)
    throw std::logic_error("an execution on a platform without compute hosts");
  handler->on_event(kind, payload);
}

void CalendarDriver::run()
{
  while (!calendar_.empty()) {
    if (calendar_.next_time() > deadline_) {
      ended_early_ = true;  // what is left never completes; the clock stays where it is
      return;
    }
    calendar_.run_next();
  }
}

} // namespace contsim
