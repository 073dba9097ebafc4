#include "calibration/fit/KolmogorovSmirnov.hpp"

#include <algorithm>
#include <cmath>

namespace contsim::calibration {

KsResult ks_two_sample(std::vector<double> a, std::vector<double> b)
{
  KsResult r;
  if (a.empty() || b.empty())
    return r;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  std::size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x)
      ++i;
    while (j < b.size() && b[j] <= x)
      ++j;
    d = std::max(d, std::abs(i / na - j / nb));
  }
  r.statistic = d;
  double en = std::sqrt(na * nb / (na + nb));
  double lambda = (en + 0.12 + 0.11 / en) * d;
  double q = 0;
  for (int k = 1; k <= 100; ++k) {
    double term = 2 * ((k % 2) ? 1 : -1) * std::exp(-2.0 * k * k * lambda * lambda);
    q += term;
    if (std::abs(term) < 1e-12)
      break;
  }
  r.p_value = std::clamp(q, 0.0, 1.0);
  if (lambda < 0.2)
    r.p_value = 1;  // the series does not converge there; the samples are indistinguishable
  return r;
}

} // namespace contsim::calibration
