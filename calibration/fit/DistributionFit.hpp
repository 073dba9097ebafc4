// Maximum-likelihood fits of a sample to the distributions the simulator samples from
// (sim/core/Distribution.hpp), compared by AIC = 2k − 2 ln L. Positive-only candidates (lognormal,
// gamma, Weibull) are tried only on positive samples. A sample with no spread is a constant.
#pragma once
#include <string>
#include <vector>

namespace contsim::calibration {

struct FittedDistribution {
  std::string type;  // constant | normal | lognormal | gamma | weibull
  double p1 = 0;     // constant: value; normal: mean; lognormal: mu (log scale); gamma, weibull: shape
  double p2 = 0;     // normal: sd; lognormal: sigma; gamma, weibull: scale
  int parameters = 0;
  double log_likelihood = 0;
  double aic = 0;
  double ks = 0;     // one-sample Kolmogorov-Smirnov distance between the sample and the fit
  double mean() const;
  double cdf(double x) const;
};

struct DistributionFitReport {
  std::size_t n = 0;
  std::vector<FittedDistribution> candidates;  // best (lowest AIC) first
  bool prior = false;   // too few samples: a wide prior around the sample, not a fit
  std::string warning;
  const FittedDistribution& best() const { return candidates.front(); }
};

/// Fewer samples than this give a wide prior (lognormal with the sample's mean, CV ≥ 1).
inline constexpr std::size_t kMinSamplesForFit = 8;

/// Fits every applicable candidate. `sample` must not be empty.
DistributionFitReport fit_distributions(std::vector<double> sample);

FittedDistribution fit_normal(const std::vector<double>& x);
FittedDistribution fit_lognormal(const std::vector<double>& x);
FittedDistribution fit_gamma(const std::vector<double>& x);
FittedDistribution fit_weibull(const std::vector<double>& x);

} // namespace contsim::calibration
