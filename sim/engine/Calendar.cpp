#include "sim/engine/Calendar.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>

namespace contsim {

void Calendar::at(double time, EventHandler* handler, std::uint32_t kind, std::uint64_t payload)
{
  assert(time >= now_ && "events cannot be scheduled in the past");
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    if (events_.size() >= kMaxPending || seq_ >> (64 - kSlotBits))
      throw std::length_error("the event calendar is full: more than " + std::to_string(kMaxPending) +
                              " events pending at once, or 2^40 in the run");
    slot = static_cast<std::uint32_t>(events_.size());
    events_.emplace_back();
  }
  events_[slot] = Event{handler, payload, kind};
  // Never before now (the assert above, in debug builds); + 0.0 turns -0 into +0.
  double t = time >= now_ ? time + 0.0 : now_;
  std::uint64_t bits;
  std::memcpy(&bits, &t, sizeof bits);
  queue_.push(Entry{bits, (seq_++ << kSlotBits) | slot});
}

void Calendar::run_next()
{
  Entry top = queue_.pop();
  auto slot = static_cast<std::uint32_t>(top.key & kMaxPending);
  Event e = events_[slot];
  free_.push_back(slot);
  now_ = top.time();
  ++processed_;
  e.handler->on_event(e.kind, e.payload);
}

void Calendar::advance_to(double time)
{
  if (time > now_)
    now_ = time;
}

} // namespace contsim
