#include "sim/core/Statistics.hpp"

#include <algorithm>
#include <cmath>

namespace contsim {
namespace {
constexpr double kFloor = 1e-6;     // values below 1 µs share bucket 0
constexpr double kGrowth = 1.001;   // bucket width: 0.1 % (midpoint error < 0.05 %)
constexpr std::size_t kBuckets = 32000;  // covers 1 µs .. ~8e7 s
} // namespace

double rounded(double v, int digits)
{
  double f = std::pow(10.0, digits);
  double r = std::round(v * f) / f;
  return r == 0 ? 0 : r;  // no "-0"
}

std::size_t Distribution1D::bucket(double v) const
{
  if (v <= kFloor)
    return 0;
  auto b = static_cast<std::size_t>(std::log(v / kFloor) / std::log(kGrowth)) + 1;
  return std::min(b, kBuckets - 1);
}

double Distribution1D::bucket_value(std::size_t b) const
{
  if (b == 0)
    return 0;
  return kFloor * std::pow(kGrowth, static_cast<double>(b) - 0.5);
}

void Distribution1D::add(double v)
{
  if (count_ == 0 || v > max_)
    max_ = v;
  if (count_ == 0 || v < min_)
    min_ = v;
  ++count_;
  sum_ += v;
  if (histogram_.empty()) {
    if (!values_.empty() && v < values_.back())
      sorted_ = false;
    values_.push_back(v);
    if (values_.size() > exact_cap) {
      histogram_.assign(kBuckets, 0);
      for (double x : values_)
        ++histogram_[bucket(x)];
      values_.clear();
      values_.shrink_to_fit();
    }
  } else {
    ++histogram_[bucket(v)];
  }
}

double Distribution1D::percentile(double p)
{
  if (count_ == 0)
    return 0;
  if (histogram_.empty()) {
    if (!sorted_) {
      std::sort(values_.begin(), values_.end());
      sorted_ = true;
    }
    // Linear interpolation between closest ranks (the usual "type 7" definition).
    double pos = p / 100.0 * static_cast<double>(values_.size() - 1);
    auto lo = static_cast<std::size_t>(std::floor(pos));
    auto hi = std::min(lo + 1, values_.size() - 1);
    return values_[lo] + (values_[hi] - values_[lo]) * (pos - static_cast<double>(lo));
  }
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
