// Lambda prices from a dated, versioned price table (calibration/prices/*.yaml) and the
// billing rules: duration rounded up to the next 1 ms, priced per ms by memory size (AWS's
// published, rounded per-ms prices where the table has them, facts L6b; the per-GB-s rate
// otherwise), plus the per-request fee.
#pragma once
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
long long billed_ms(double duration_s);

} // namespace contsim::lambda
