// A metric over a point's replications: mean, sample standard deviation and the half-width
// of the 95 % confidence interval of the mean (Student's t with n - 1 degrees of freedom).
#pragma once
#include <optional>
#include <vector>

namespace contsim::sweep {

struct Estimate {
  std::size_t n = 0;
  double mean = 0;
  std::optional<double> sd;    // none with fewer than two values
  std::optional<double> ci95;  // likewise
};

Estimate estimate(const std::vector<double>& values);

} // namespace contsim::sweep
