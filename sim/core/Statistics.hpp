// Percentiles in bounded memory: exact below a sample cap, then a log-bucketed histogram
// (relative error < 0.05 %), so memory never grows with the number of invocations.
#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace contsim {

/// Counters of 32 bits, widened where one overflows: half the cache a 64-bit counter takes (a
/// histogram's counts are read and written at random), and exact past 2^32 all the same.
class WideCounts {
public:
  void assign(std::size_t n)
  {
    low_.assign(n, 0);
    high_.clear();
  }
  bool empty() const { return low_.empty(); }
  std::size_t size() const { return low_.size(); }
  void increment(std::size_t i)
  {
    if (++low_[i] == 0)
      carry(i, 1ULL << 32);
  }
  void add(std::size_t i, std::uint64_t n)
  {
    std::uint64_t sum = low_[i] + (n & 0xFFFFFFFFULL);
    low_[i] = static_cast<std::uint32_t>(sum);
    if (std::uint64_t over = (sum >> 32 << 32) + (n >> 32 << 32))
      carry(i, over);
  }
  std::uint64_t operator[](std::size_t i) const { return low_[i] + (high_.empty() ? 0 : high_[i]); }

private:
  void carry(std::size_t i, std::uint64_t n)
  {
    if (high_.empty())
      high_.assign(low_.size(), 0);
    high_[i] += n;
  }
  std::vector<std::uint32_t> low_;
  std::vector<std::uint64_t> high_;  // multiples of 2^32, once a counter has needed one
};

class Distribution1D {
public:
  static constexpr std::size_t exact_cap = 100000;
  void add(double v);
  /// Counts `v` in the count, sum, min and max only: for a distribution whose samples are the
  /// union of others' (a run's over its functions), taken once at the end with add_samples_of.
  void add_moments(double v);
  /// Adds `part`'s samples (values or histogram) to this one's, whose moments already count
  /// them (add_moments): the percentiles are those of adding every sample one by one.
  void add_samples_of(const Distribution1D& part);
  std::uint64_t count() const { return count_; }
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0; }
  double max() const { return max_; }
  double min() const { return min_; }
  double sum() const { return sum_; }
  double percentile(double p);  // p in [0, 100]
  bool exact() const { return histogram_.empty(); }
  /// {count, mean, p50, p90, p95, p99, max}
  nlohmann::ordered_json to_json();
  /// A value's histogram bucket by its defining formula (a log per value); bucket() gives the
  /// same number from a table. For the tests.
  static std::size_t bucket_by_definition(double v);
  std::size_t bucket_of(double v) const { return bucket(v); }

private:
  std::size_t bucket(double v) const;
  void to_histogram();
  /// Bins the samples waiting in pending_ (histogram mode).
  void bin_pending();
  double bucket_value(std::size_t b) const;
  std::vector<double> values_;
  bool sorted_ = true;
  // Unsorted values_ are ordered only as far as percentile() needed: nothing before index
  // partition_ is greater than anything from it on (0: no such order known).
  std::size_t partition_ = 0;
  WideCounts histogram_;
  // In histogram mode samples wait here and are binned kPendingBatch at a time: a sample costs
  // a table read and a count that miss the cache, and a batch's do not depend on each other, so
  // they overlap instead of each stalling the simulation between two events.
  static constexpr std::size_t kPendingBatch = 256;
  std::vector<double> pending_;
  std::uint64_t count_ = 0;
  double sum_ = 0;
  double max_ = 0;
  double min_ = 0;
};

/// Rounds to `digits` decimals so outputs read cleanly and stay byte-stable.
double rounded(double v, int digits);

} // namespace contsim
