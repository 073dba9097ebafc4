// The calendar's pending events: a radix heap over 128-bit keys (time bits, then sequence). A
// calendar's keys only grow: nothing is scheduled before now, and the sequence breaks ties in
// scheduling order. A radix heap exploits that: an entry sits in the bucket of the highest bit
// where its key differs from the last key taken out, so putting one in is O(1), and the smallest
// is found in the lowest non-empty bucket, whose entries then spread into lower buckets (each
// entry moves down at most 128 times in its life, in practice a few). No comparison chain whose
// outcome the processor has to guess, as in a binary heap's sift-down.
//
// `min()` looks without taking: the base (the last key taken) moves only in `pop()`, so an entry
// added after a look, earlier than what the look found but not earlier than the last one taken,
// still goes where it belongs.
#pragma once
#include <cstdint>
#include <vector>

namespace contsim {

template <class Entry>  // Entry::order(): an unsigned 128-bit key, unique per entry
class MonotoneQueue {
public:
  __extension__ typedef unsigned __int128 Key;  // GCC's and Clang's; __extension__: not ISO

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  /// Adds `e`, whose key must not be below the last key popped.
  void push(const Entry& e)
  {
    int b = bucket_of(e.order());
    buckets_[b].push_back(e);
    occupied_[b >> 6] |= 1ULL << (b & 63);
    ++size_;
    if (min_bucket_ >= 0 && e.order() < min_key_)
      remember_min(b, buckets_[b].size() - 1, e.order());
  }

  /// The entry with the smallest key (the queue must not be empty).
  const Entry& min() const
  {
    find_min();
    return buckets_[min_bucket_][min_index_];
  }

  /// Takes out the entry with the smallest key.
  Entry pop()
  {
    find_min();
    int b = min_bucket_;
    if (b != 0) {
      // The new base: every entry of bucket b shares its bits above b - 1 with it, so each moves
      // to a lower bucket (the smallest to bucket 0); higher buckets stay as they are.
      base_ = min_key_;
      std::vector<Entry>& from = buckets_[b];
      for (const Entry& e : from) {
        int nb = bucket_of(e.order());
        buckets_[nb].push_back(e);
        occupied_[nb >> 6] |= 1ULL << (nb & 63);
      }
      from.clear();
      occupied_[b >> 6] &= ~(1ULL << (b & 63));
    }
    // Bucket 0 holds the keys equal to the base: the smallest, and only it (keys are unique).
    Entry top = buckets_[0].back();
    buckets_[0].pop_back();
    if (buckets_[0].empty())
      occupied_[0] &= ~1ULL;
    --size_;
    min_bucket_ = -1;
    return top;
  }

private:
  static constexpr int kBuckets = 129;  // 0: equal to the base; b: highest differing bit b - 1

  int bucket_of(Key k) const
  {
    Key x = k ^ base_;
    auto hi = static_cast<std::uint64_t>(x >> 64), lo = static_cast<std::uint64_t>(x);
    if (hi)
      return 128 - __builtin_clzll(hi);
    return lo ? 64 - __builtin_clzll(lo) : 0;
  }
  void remember_min(int bucket, std::size_t index, Key key) const
  {
    min_bucket_ = bucket;
    min_index_ = index;
    min_key_ = key;
  }
  // The lowest non-empty bucket holds the smallest key; a scan of it finds which.
  void find_min() const
  {
    if (min_bucket_ >= 0)
      return;
    int b = 0;
    for (int w = 0; w < 3; ++w)
      if (occupied_[w]) {
        b = 64 * w + __builtin_ctzll(occupied_[w]);
        break;
      }
    const std::vector<Entry>& in = buckets_[b];
    std::size_t best = 0;
    Key best_key = in[0].order();
    for (std::size_t i = 1; i < in.size(); ++i) {
      Key k = in[i].order();
      bool less = k < best_key;
      best = less ? i : best;
      best_key = less ? k : best_key;
    }
    remember_min(b, best, best_key);
  }

  std::vector<Entry> buckets_[kBuckets];
  std::uint64_t occupied_[3] = {0, 0, 0};  // bit b: bucket b is not empty
  Key base_ = 0;                           // the last key popped
  std::size_t size_ = 0;
  // The smallest entry, once found (-1: not known); kept by push, forgotten by pop.
  mutable int min_bucket_ = -1;
  mutable std::size_t min_index_ = 0;
  mutable Key min_key_ = 0;
};

} // namespace contsim
