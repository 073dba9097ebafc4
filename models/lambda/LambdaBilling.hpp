// Lambda prices from a dated, versioned price table (calibration/prices/*.yaml) and the
// billing rules: duration rounded up to the next 1 ms, priced per ms by memory size (AWS's
// published, rounded per-ms prices where the table has them, facts L6b; the per-GB-s rate
// otherwise), plus the per-request fee.
#pragma once
#include "sim/core/NumberFormat.hpp"

#include <cmath>
#include <map>
#include <string>

namespace contsim::lambda {

struct PriceTable {
  std::string file;
  std::string name;
  std::string date;
  std::string region;
  std::string architecture;
  double per_gb_s = 0;
  double per_request = 0;
  std::map<long long, double> per_ms_by_memory_mb;
  double free_requests_per_month = 0;
  double free_gb_s_per_month = 0;

  /// Loads the (region, architecture) entry; InputError when absent.
  static PriceTable load(const std::string& file, const std::string& region, const std::string& architecture);
  double price_per_ms(double memory_mb) const;
};

/// Billed milliseconds for a duration in seconds: rounded up to 1 ms, after rounding to 1 µs
/// so that floating-point noise (2.123 s → 2123.0000000001 ms) does not bill an extra ms.
/// Inline, with std::llround's rounding (halves away from zero) done without the libm call:
/// every attempt is billed.
inline long long billed_ms(double duration_s)
{
  if (duration_s <= 0)
    return 0;
  double us = duration_s * 1e6;
  long long rounded = us < 9e18 ? number_format::round_half_away(us) : std::llround(us);
  return (rounded + 999) / 1000;
}

} // namespace contsim::lambda
