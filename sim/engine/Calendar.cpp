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

// A binary heap whose sift-down picks the earlier child without a branch (the comparison's
// carry is added to the index): which child is earlier is a coin toss the processor would
// mispredict at every level. The hole goes down to a leaf, then the last entry rises into it
// (it mostly belongs near the bottom).
void Calendar::push(Entry e)
{
  heap_.push_back(e);
  rise(heap_.size() - 1, e);
}

void Calendar::rise(std::size_t hole, Entry e)
{
  Entry* h = heap_.data();
  const auto order = e.order();
  while (hole > 0) {
    std::size_t parent = (hole - 1) / 2;
    if (h[parent].order() <= order)
      break;
    h[hole] = h[parent];
    hole = parent;
  }
  h[hole] = e;
}

Calendar::Entry Calendar::pop()
{
  Entry top = heap_.front();
  Entry last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0)
    return top;
  Entry* h = heap_.data();
  std::size_t i = 0;
  std::size_t child = 1;
  while (child + 1 < n) {
    child += h[child + 1].order() < h[child].order() ? 1 : 0;
    h[i] = h[child];
    i = child;
    child = 2 * i + 1;
  }
  if (child < n) {  // an only child
    h[i] = h[child];
    i = child;
  }
  rise(i, last);
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
