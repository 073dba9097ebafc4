// Invocations in flight: records are recycled (their strings keep their capacity), so memory
// follows the number in flight at once, never the number run; ids are handed out in trigger order.
#pragma once
#include "sim/runtime/Invocation.hpp"

#include <memory>
#include <vector>

namespace contsim {

class InvocationPool {
public:
  /// A clean record with the next id.
  Invocation* acquire()
  {
    Invocation* inv;
    if (free_.empty()) {
      storage_.push_back(std::make_unique<Invocation>());
      inv = storage_.back().get();
    } else {
      inv = free_.back();
      free_.pop_back();
    }
    ++in_flight_;
    inv->id = next_id_++;
    return inv;
  }
  /// Resets every field and keeps the record for reuse.
  void release(Invocation* inv);
  long long in_flight() const { return in_flight_; }

private:
  std::vector<std::unique_ptr<Invocation>> storage_;
  std::vector<Invocation*> free_;
  std::uint64_t next_id_ = 1;
  long long in_flight_ = 0;
};

} // namespace contsim
