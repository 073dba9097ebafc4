// The event calendar every model is driven by: a radix heap (MonotoneQueue) of small plain
// records, ordered by (time, insertion sequence) so simultaneous events run in a fixed order.
// No allocation per event and no std::function on the hot path: a handler receives
// its own `kind` code and a 64-bit payload (usually an index or a pointer).
// The queue moves 16-byte entries (time; sequence and slot in one word) and the event itself
// waits in a recycled slot.
#pragma once
#include "sim/engine/MonotoneQueue.hpp"

#include <cstdint>
#include <cstring>
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

  bool empty() const { return queue_.empty(); }
  std::size_t size() const { return queue_.size(); }
  double next_time() const { return queue_.min().time(); }
  /// At most this many events may be pending at once, and 2^40 scheduled in a run.
  static constexpr std::uint64_t kMaxPending = (1ULL << 24) - 1;
  /// Pops the earliest event, advances now() to its time and dispatches it.
  void run_next();
  /// Moves now() forward to an instant at which something outside the calendar happened.
  void advance_to(double time);
  std::uint64_t events_processed() const { return processed_; }

private:
  static constexpr int kSlotBits = 24;
  // Times are never negative, and non-negative doubles order as their bit patterns do: an
  // entry's (time bits, key) is one 128-bit number, compared without a branch.
  struct Entry {
    std::uint64_t time_bits;
    std::uint64_t key;  // sequence << kSlotBits | slot: the sequence decides ties
    double time() const
    {
      double t;
      std::memcpy(&t, &time_bits, sizeof t);
      return t;
    }
    __extension__ typedef unsigned __int128 Order;  // GCC's and Clang's; __extension__: not ISO
    Order order() const { return static_cast<Order>(time_bits) << 64 | key; }
  };
  struct Event {
    EventHandler* handler;
    std::uint64_t payload;
    std::uint32_t kind;
  };

  MonotoneQueue<Entry> queue_;
  std::vector<Event> events_;        // by slot
  std::vector<std::uint32_t> free_;  // slots to reuse
  double now_ = 0;
  std::uint64_t seq_ = 0;
  std::uint64_t processed_ = 0;
};

} // namespace contsim
