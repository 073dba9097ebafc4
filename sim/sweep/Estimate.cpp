#include "sim/sweep/Estimate.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>

namespace contsim::sweep {

Estimate estimate(const std::vector<double>& values)
{
  Estimate e;
  e.n = values.size();
  if (values.empty())
    return e;
  // Two passes: exact for the handful of replications a point has.
  double sum = 0;
  for (double v : values)
    sum += v;
  e.mean = sum / static_cast<double>(e.n);
  if (e.n < 2)
    return e;
  double ss = 0;
  for (double v : values)
    ss += (v - e.mean) * (v - e.mean);
  e.sd = std::sqrt(ss / static_cast<double>(e.n - 1));
  boost::math::students_t t(static_cast<double>(e.n - 1));
  e.ci95 = boost::math::quantile(boost::math::complement(t, 0.025)) * *e.sd / std::sqrt(static_cast<double>(e.n));
  return e;
}

} // namespace contsim::sweep
