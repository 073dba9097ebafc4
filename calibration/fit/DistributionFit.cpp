#include "calibration/fit/DistributionFit.hpp"

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace contsim::calibration {
namespace {

double mean_of(const std::vector<double>& x)
{
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double mean_log(const std::vector<double>& x)
{
  double s = 0;
  for (double v : x)
    s += std::log(v);
  return s / static_cast<double>(x.size());
}

template <class Dist>
void score(FittedDistribution& f, const Dist& d, const std::vector<double>& sorted)
{
  double ll = 0;
  for (double v : sorted)
    ll += std::log(std::max(boost::math::pdf(d, v), 1e-300));
  f.log_likelihood = ll;
  f.aic = 2.0 * f.parameters - 2.0 * ll;
  double n = static_cast<double>(sorted.size()), ks = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    double F = boost::math::cdf(d, sorted[i]);
    ks = std::max({ks, (i + 1) / n - F, F - i / n});
  }
  f.ks = ks;
}

} // namespace

double FittedDistribution::mean() const
{
  if (type == "constant" || type == "normal")
    return p1;
  if (type == "lognormal")
    return std::exp(p1 + p2 * p2 / 2);
  if (type == "gamma")
    return p1 * p2;
  if (type == "weibull")
    return p2 * std::tgamma(1 + 1 / p1);
  throw std::logic_error("unknown fitted distribution " + type);
}

double FittedDistribution::cdf(double x) const
{
  if (type == "constant")
    return x >= p1 ? 1 : 0;
  if (type == "normal")
    return boost::math::cdf(boost::math::normal(p1, p2), x);
  if (x <= 0)
    return 0;
  if (type == "lognormal")
    return boost::math::cdf(boost::math::lognormal(p1, p2), x);
  if (type == "gamma")
    return boost::math::cdf(boost::math::gamma_distribution<>(p1, p2), x);
  return boost::math::cdf(boost::math::weibull(p1, p2), x);
}

FittedDistribution fit_normal(const std::vector<double>& x)
{
  FittedDistribution f{"normal", mean_of(x), 0, 2};
  double ss = 0;
  for (double v : x)
    ss += (v - f.p1) * (v - f.p1);
  f.p2 = std::sqrt(ss / static_cast<double>(x.size()));  // the MLE (biased) variance
  score(f, boost::math::normal(f.p1, f.p2), x);
  return f;
}

FittedDistribution fit_lognormal(const std::vector<double>& x)
{
  FittedDistribution f{"lognormal", mean_log(x), 0, 2};
  double ss = 0;
  for (double v : x)
    ss += (std::log(v) - f.p1) * (std::log(v) - f.p1);
  f.p2 = std::sqrt(ss / static_cast<double>(x.size()));
  score(f, boost::math::lognormal(f.p1, f.p2), x);
  return f;
}

FittedDistribution fit_gamma(const std::vector<double>& x)
{
  // ln k − ψ(k) = s with s = ln(mean) − mean(ln x): Minka's start, then Newton's steps.
  double m = mean_of(x);
  double s = std::log(m) - mean_log(x);
  double k = (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (int i = 0; i < 50; ++i) {
    double step = (std::log(k) - boost::math::digamma(k) - s) / (1 / k - boost::math::trigamma(k));
    double next = k - step;
    if (next <= 0)
      next = k / 2;
    if (std::abs(next - k) < 1e-12 * k) {
      k = next;
      break;
    }
    k = next;
  }
  FittedDistribution f{"gamma", k, m / k, 2};
  score(f, boost::math::gamma_distribution<>(f.p1, f.p2), x);
  return f;
}

FittedDistribution fit_weibull(const std::vector<double>& x)
{
  // Profile likelihood: g(k) = Σ xᵏ ln x / Σ xᵏ − 1/k − mean(ln x) = 0, increasing in k.
  // Computed on x / max(x) to keep xᵏ finite; the scale is rescaled at the end.
  double top = *std::max_element(x.begin(), x.end());
  std::vector<double> y(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    y[i] = x[i] / top;
  double ml = mean_log(y);
  auto g = [&](double k) {
    double a = 0, b = 0;
    for (double v : y) {
      double p = std::pow(v, k);
      a += p * std::log(v);
      b += p;
    }
    return a / b - 1 / k - ml;
  };
  double lo = 1e-3, hi = 1e3;  // bisection in log space: g(lo) < 0 < g(hi) for any spread sample
  for (int i = 0; i < 200; ++i) {
    double mid = std::sqrt(lo * hi);
    (g(mid) < 0 ? lo : hi) = mid;
  }
  double k = std::sqrt(lo * hi);
  double b = 0;
  for (double v : y)
    b += std::pow(v, k);
  double scale = top * std::pow(b / static_cast<double>(y.size()), 1 / k);
  FittedDistribution f{"weibull", k, scale, 2};
  score(f, boost::math::weibull(f.p1, f.p2), x);
  return f;
}

DistributionFitReport fit_distributions(std::vector<double> x)
{
  if (x.empty())
    throw std::invalid_argument("fit_distributions: empty sample");
  std::sort(x.begin(), x.end());
  DistributionFitReport r;
  r.n = x.size();
  double lo = x.front(), hi = x.back();
  if (hi - lo <= 1e-9 * std::max(1.0, std::abs(hi))) {
    FittedDistribution c{"constant", lo, 0, 1};
    c.aic = 2;
    r.candidates.push_back(c);
    if (x.size() < kMinSamplesForFit) {
      r.warning = "only " + std::to_string(x.size()) + " sample(s), all equal: a constant, not a fit";
      r.prior = true;
    }
    return r;
  }
  if (x.size() < kMinSamplesForFit) {
    // A wide prior that keeps the sample's mean: lognormal with a coefficient of variation of
    // at least 1 (normal with a wide spread when some values are not positive).
    r.prior = true;
    r.warning = "only " + std::to_string(x.size()) + " samples (fewer than " + std::to_string(kMinSamplesForFit) +
                "): a wide prior around their mean, not a fit";
    FittedDistribution n = fit_normal(x);
    if (lo > 0) {
      double cv = std::max(1.0, n.p2 / n.p1);
      double sigma = std::sqrt(std::log(1 + cv * cv));
      r.candidates.push_back(FittedDistribution{"lognormal", std::log(n.p1) - sigma * sigma / 2, sigma, 2});
    } else {
      n.p2 = std::max(n.p2 * 3, std::abs(n.p1));
      r.candidates.push_back(n);
    }
    return r;
  }
  r.candidates.push_back(fit_normal(x));
  if (lo > 0) {
    r.candidates.push_back(fit_lognormal(x));
    r.candidates.push_back(fit_gamma(x));
    r.candidates.push_back(fit_weibull(x));
  }
  std::stable_sort(r.candidates.begin(), r.candidates.end(),
                   [](const FittedDistribution& a, const FittedDistribution& b) { return a.aic < b.aic; });
  return r;
}

} // namespace contsim::calibration
