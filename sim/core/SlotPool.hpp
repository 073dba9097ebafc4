// Slots addressed by index (event payloads carry the index), reused last-freed first so that
// a long run touches as many slots as it has in flight at once, never one per event.
// A reused slot keeps its old contents: the caller resets what it needs (and keeps string
// capacities that way).
#pragma once
#include <cstddef>
#include <vector>

namespace contsim {

template <class T>
class SlotPool {
public:
  std::size_t acquire()
  {
    if (free_.empty()) {
      items_.emplace_back();
      return items_.size() - 1;
    }
    std::size_t i = free_.back();
    free_.pop_back();
    return i;
  }
  void release(std::size_t i) { free_.push_back(i); }
  T& operator[](std::size_t i) { return items_[i]; }
  const T& operator[](std::size_t i) const { return items_[i]; }
  /// Slots ever created (in use or free).
  std::size_t size() const { return items_.size(); }
  std::size_t in_use() const { return items_.size() - free_.size(); }
  /// Every slot, free ones included (their contents say whether they are in use).
  typename std::vector<T>::const_iterator begin() const { return items_.begin(); }
  typename std::vector<T>::const_iterator end() const { return items_.end(); }

private:
  std::vector<T> items_;
  std::vector<std::size_t> free_;
};

} // namespace contsim
