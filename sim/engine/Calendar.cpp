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
  push(Entry{bits, (seq_++ << kSlotBits) | slot});
}

// A 4-ary heap: half the levels of a binary one, and a node's four children share a cache line.
void Calendar::push(Entry e)
{
  std::size_t i = heap_.size();
  heap_.push_back(e);
  const auto order = e.order();
  while (i > 0) {
    std::size_t parent = (i - 1) / 4;
    if (heap_[parent].order() <= order)
      break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = e;
}

Calendar::Entry Calendar::pop()
{
  Entry top = heap_.front();
  Entry last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0)
    return top;
  const auto order = last.order();
  std::size_t i = 0;
  for (;;) {
    std::size_t child = 4 * i + 1;
    if (child >= n)
      break;
    std::size_t least = child;
    std::size_t end = std::min(child + 4, n);
    for (std::size_t c = child + 1; c < end; ++c)
      if (heap_[c].order() < heap_[least].order())
        least = c;
    if (heap_[least].order() >= order)
      break;
    heap_[i] = heap_[least];
    i = least;
  }
  heap_[i] = last;
  return top;
}

void Calendar::run_next()
{
  Entry top = pop();
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
