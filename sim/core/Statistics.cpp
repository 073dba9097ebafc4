#include "sim/core/Statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace contsim {
namespace {
constexpr double kFloor = 1e-6;     // values below 1 µs share bucket 0
constexpr double kGrowth = 1.001;   // bucket width: 0.1 % (midpoint error < 0.05 %)
constexpr std::size_t kBuckets = 32000;  // covers 1 µs .. ~8e7 s

// The definition of a value's bucket: floor(log_1.001(v / 1 µs)) + 1, clamped.
std::size_t bucket_by_log(double v)
{
  if (v <= kFloor)
    return 0;
  auto b = static_cast<std::size_t>(std::log(v / kFloor) / std::log(kGrowth)) + 1;
  return std::min(b, kBuckets - 1);
}

// The same buckets without a log() per sample. A double's exponent and top 10 mantissa bits cut
// the line into cells 2^-10 (0.098 %) wide, narrower than a bucket (0.1 %), so a cell holds at
// most one bucket boundary: bucket = the cell's first bucket, plus one past that boundary. Each
// cell is one 32-bit word: its first bucket and the top 16 of the 42 bits that place the
// boundary inside it, so a sample costs one table read of a table small enough to stay in cache;
// a sample whose top 16 bits equal the boundary's (1 in 65,536) is asked of the definition. The
// boundaries are found once, by asking bucket_by_log itself, so the two agree on every double.
class BucketTable {
public:
  static const BucketTable& get()
  {
    static const BucketTable table;  // built on first use (past 100,000 samples), thread-safe
    return table;
  }
  std::size_t bucket(double v) const
  {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    std::uint64_t cell = bits >> kCellShift;
    if (v <= kFloor || cell < first_cell_ || cell - first_cell_ >= cells_.size())
      return bucket_by_log(v);  // outside the table (tiny, negative, huge, NaN)
    std::uint32_t entry = cells_[cell - first_cell_];
    auto top = static_cast<std::uint32_t>(bits >> kTopShift) & 0xFFFFU;
    std::uint32_t split_top = entry & 0xFFFFU;  // 0xFFFF when no boundary lies in the cell
    if (top == split_top)
      return bucket_by_log(v);  // next to the boundary: the definition decides
    return static_cast<std::size_t>(entry >> 16) + (top > split_top ? 1 : 0);
  }

private:
  static constexpr int kCellShift = 42;
  static constexpr int kTopShift = kCellShift - 16;
  static constexpr std::uint64_t kLowMask = (1ULL << kCellShift) - 1;

  BucketTable()
  {
    // lower_bound[k]: the smallest double in bucket k, found from its formula's estimate by
    // stepping one ulp at a time (positive doubles step as their bits do).
    auto bits_of = [](double d) {
      std::uint64_t b;
      std::memcpy(&b, &d, sizeof b);
      return b;
    };
    auto of_bits = [](std::uint64_t b) {
      double d;
      std::memcpy(&d, &b, sizeof d);
      return d;
    };
    std::vector<double> lower_bound(kBuckets, 0);
    lower_bound[0] = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 1; k < kBuckets; ++k) {
      double g = kFloor * std::pow(kGrowth, static_cast<double>(k - 1));
      if (bucket_by_log(g) >= k) {
        for (double below = of_bits(bits_of(g) - 1); below > kFloor && bucket_by_log(below) >= k;
             below = of_bits(bits_of(below) - 1))
          g = below;
      } else {
        do
          g = of_bits(bits_of(g) + 1);
        while (bucket_by_log(g) < k);
      }
      lower_bound[k] = g;
    }
    std::uint64_t lo = bits_of(kFloor), hi = bits_of(lower_bound[kBuckets - 1]);
    first_cell_ = (lo >> kCellShift) + 1;  // the cell of 1 µs itself is left to bucket_by_log
    // A cell's first bucket: the last bucket whose lower bound is not above the cell's first
    // double (the buckets only grow with the value), walking both in step.
    std::size_t first = 0;
    for (std::uint64_t cell = first_cell_; cell <= (hi >> kCellShift); ++cell) {
      double start = of_bits(cell << kCellShift);
      while (first + 1 < kBuckets && lower_bound[first + 1] <= start)
        ++first;
      std::uint32_t split_top = 0xFFFFU;
      if (first + 1 < kBuckets) {
        std::uint64_t next_bits = bits_of(lower_bound[first + 1]);
        if (next_bits >> kCellShift == cell)
          split_top = static_cast<std::uint32_t>((next_bits & kLowMask) >> kTopShift);
      }
      cells_.push_back(static_cast<std::uint32_t>(first) << 16 | split_top);
    }
  }
  std::uint64_t first_cell_ = 0;
  std::vector<std::uint32_t> cells_;
};
static_assert(kBuckets <= 65536, "bucket numbers are stored in 16 bits");
} // namespace

double rounded(double v, int digits)
{
  double f = std::pow(10.0, digits);
  double r = std::round(v * f) / f;
  return r == 0 ? 0 : r;  // no "-0"
}

std::size_t Distribution1D::bucket(double v) const { return BucketTable::get().bucket(v); }

std::size_t Distribution1D::bucket_by_definition(double v) { return bucket_by_log(v); }

double Distribution1D::bucket_value(std::size_t b) const
{
  if (b == 0)
    return 0;
  return kFloor * std::pow(kGrowth, static_cast<double>(b) - 0.5);
}

void Distribution1D::add_moments(double v)
{
  if (count_ == 0 || v > max_)
    max_ = v;
  if (count_ == 0 || v < min_)
    min_ = v;
  ++count_;
  sum_ += v;
}

void Distribution1D::add(double v)
{
  add_moments(v);
  if (histogram_.empty()) {
    if (!values_.empty() && v < values_.back())
      sorted_ = false;
    values_.push_back(v);
    partition_ = 0;
    if (values_.size() > exact_cap)
      to_histogram();
  } else {
    pending_.push_back(v);  // room reserved by to_histogram: no allocation
    if (pending_.size() == kPendingBatch)
      bin_pending();
  }
}

void Distribution1D::bin_pending()
{
  const BucketTable& table = BucketTable::get();
  for (double x : pending_)
    histogram_.increment(table.bucket(x));
  pending_.clear();
}

void Distribution1D::to_histogram()
{
  histogram_.assign(kBuckets);
  for (double x : values_)
    histogram_.increment(bucket(x));
  values_.clear();
  values_.shrink_to_fit();
  pending_.reserve(kPendingBatch);
}

void Distribution1D::add_samples_of(const Distribution1D& part)
{
  if (histogram_.empty() && part.histogram_.empty() && values_.size() + part.values_.size() <= exact_cap) {
    if (!part.values_.empty()) {
      values_.insert(values_.end(), part.values_.begin(), part.values_.end());
      sorted_ = false;
      partition_ = 0;
    }
    return;
  }
  if (histogram_.empty())
    to_histogram();
  bin_pending();
  for (double x : part.values_)
    histogram_.increment(bucket(x));
  for (double x : part.pending_)
    histogram_.increment(bucket(x));
  for (std::size_t b = 0; b < part.histogram_.size(); ++b)
    if (std::uint64_t n = part.histogram_[b])
      histogram_.add(b, n);
}

double Distribution1D::percentile(double p)
{
  if (count_ == 0)
    return 0;
  if (histogram_.empty()) {
    // Linear interpolation between closest ranks (the usual "type 7" definition).
    double pos = p / 100.0 * static_cast<double>(values_.size() - 1);
    auto lo = static_cast<std::size_t>(std::floor(pos));
    auto hi = std::min(lo + 1, values_.size() - 1);
    if (sorted_)
      return values_[lo] + (values_[hi] - values_[lo]) * (pos - static_cast<double>(lo));
    // The lo-th smallest by selection, not a sort: within the side of the last selection it lies
    // on, so a summary's p50, p90, p95, p99 in turn cost about 1.7 passes over the values in all.
    auto first = values_.begin(), last = values_.end();
    if (lo >= partition_)
      first += static_cast<std::ptrdiff_t>(partition_);
    else
      last = values_.begin() + static_cast<std::ptrdiff_t>(partition_);
    std::nth_element(first, values_.begin() + static_cast<std::ptrdiff_t>(lo), last);
    partition_ = lo + 1;  // [0, lo] <= [lo + 1, end)
    double at_lo = values_[lo];
    double at_hi = hi == lo ? at_lo : *std::min_element(values_.begin() + static_cast<std::ptrdiff_t>(hi), values_.end());
    return at_lo + (at_hi - at_lo) * (pos - static_cast<double>(lo));
  }
  bin_pending();
  auto rank = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_)));
  rank = std::max<std::uint64_t>(rank, 1);
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < histogram_.size(); ++b) {
    seen += histogram_[b];
    if (seen >= rank)
      return std::min(std::max(bucket_value(b), min_), max_);
  }
  return max_;
}

nlohmann::ordered_json Distribution1D::to_json()
{
  return {{"count", count_},                      {"mean", rounded(mean(), 6)},         {"p50", rounded(percentile(50), 6)},
          {"p90", rounded(percentile(90), 6)},  {"p95", rounded(percentile(95), 6)},
          {"p99", rounded(percentile(99), 6)},  {"max", rounded(max(), 6)}};
}

} // namespace contsim
