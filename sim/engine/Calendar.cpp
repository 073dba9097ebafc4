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
  heap_.push_back(Entry{time, (seq_++ << kSlotBits) | slot});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
}

void Calendar::run_next()
{
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  Entry top = heap_.back();
  heap_.pop_back();
  auto slot = static_cast<std::uint32_t>(top.key & kMaxPending);
  Event e = events_[slot];
  free_.push_back(slot);
  now_ = top.time;
  ++processed_;
  e.handler->on_event(e.kind, e.payload);
}

void Calendar::advance_to(double time)
{
  if (time > now_)
    now_ = time;
}

} // namespace contsim
