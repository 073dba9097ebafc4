// The event calendar every model is driven by: a binary heap of small plain records,
// ordered by (time, insertion sequence) so simultaneous events run in a fixed order.
// No allocation per event and no std::function on the hot path: a handler receives
// its own `kind` code and a 64-bit payload (usually an index or a pointer).
#pragma once
#include <cstdint>
#include <vector>

namespace contsim {

class EventHandler {
public:
  virtual ~EventHandler() = default;
  virtual void on_event(std::uint32_t kind, std::uint64_t payload) = 0;
};

class Calendar {
public:
  double now() const { return now_; }
  void at(double time, EventHandler* handler, std::uint32_t kind, std::uint64_t payload = 0);
  void after(double delay, EventHandler* handler, std::uint32_t kind, std::uint64_t payload = 0)
  {
    at(now_ + delay, handler, kind, payload);
  }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  double next_time() const { return heap_.front().time; }
  /// Pops the earliest event, advances now() to its time and dispatches it.
  void run_next();
  /// Moves now() forward to an instant at which something outside the calendar happened.
  void advance_to(double time);
  std::uint64_t events_processed() const { return processed_; }

private:
  struct Event {
    double time;
    std::uint64_t seq;
    EventHandler* handler;
    std::uint64_t payload;
    std::uint32_t kind;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const
    {
      return a.time > b.time || (a.time == b.time && a.seq > b.seq);
    }
  };

  std::vector<Event> heap_;
  double now_ = 0;
  std::uint64_t seq_ = 0;
  std::uint64_t processed_ = 0;
};

} // namespace contsim
