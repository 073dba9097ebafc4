// Two-sample Kolmogorov-Smirnov test: the largest distance between two empirical CDFs, and
// its asymptotic p-value (Kolmogorov's distribution with Stephens' small-sample correction).
#pragma once
#include <vector>

namespace contsim::calibration {

struct KsResult {
  double statistic = 0;
  double p_value = 1;
};

KsResult ks_two_sample(std::vector<double> a, std::vector<double> b);

} // namespace contsim::calibration
