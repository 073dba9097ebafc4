#include "sim/engine/Calendar.hpp"

#include <algorithm>
#include <cassert>

namespace contsim {

void Calendar::at(double time, EventHandler* handler, std::uint32_t kind, std::uint64_t payload)
{
  assert(time >= now_ && "events cannot be scheduled in the past");
  heap_.push_back(Event{time, seq_++, handler, payload, kind});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
}

void Calendar::run_next()
{
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  Event e = heap_.back();
  heap_.pop_back();
  now_ = e.time;
  ++processed_;
  e.handler->on_event(e.kind, e.payload);
}

void Calendar::advance_to(double time)
{
  if (time > now_)
    now_ = time;
}

} // namespace contsim
