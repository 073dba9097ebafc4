// The fitters recover known parameters from synthetic samples (fixed seeds), pick the family
// that generated them by AIC, and fall back to a wide prior when samples are few.
#include "calibration/fit/DistributionFit.hpp"
#include "calibration/fit/KolmogorovSmirnov.hpp"
#include "calibration/fit/LinearFit.hpp"
#include "calibration/fit/YamlWriter.hpp"

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

using namespace contsim::calibration;

namespace {

template <class Dist>
std::vector<double> sample(Dist d, std::size_t n, unsigned seed)
{
  boost::random::mt19937_64 rng(seed);
  std::vector<double> x(n);
  for (auto& v : x)
    v = d(rng);
  return x;
}

constexpr std::size_t kN = 4000;  // parameters within a few % at this size

} // namespace

TEST(DistributionFit, RecoversNormalAndPrefersIt)
{
  auto r = fit_distributions(sample(boost::random::normal_distribution<>(10, 2), kN, 1));
  ASSERT_FALSE(r.prior);
  EXPECT_EQ(r.best().type, "normal");
  EXPECT_NEAR(r.best().p1, 10, 0.1);
  EXPECT_NEAR(r.best().p2, 2, 0.1);
  EXPECT_LT(r.best().ks, 0.03);
}

TEST(DistributionFit, RecoversLognormalAndPrefersIt)
{
  auto r = fit_distributions(sample(boost::random::lognormal_distribution<>(1, 0.5), kN, 2));
  EXPECT_EQ(r.best().type, "lognormal");
  EXPECT_NEAR(r.best().p1, 1, 0.03);
  EXPECT_NEAR(r.best().p2, 0.5, 0.025);
}

TEST(DistributionFit, RecoversGammaAndPrefersIt)
{
  auto r = fit_distributions(sample(boost::random::gamma_distribution<>(3, 2), kN, 3));
  EXPECT_EQ(r.best().type, "gamma");
  EXPECT_NEAR(r.best().p1, 3, 0.15);
  EXPECT_NEAR(r.best().p2, 2, 0.1);
  EXPECT_NEAR(r.best().mean(), 6, 0.15);
}

TEST(DistributionFit, RecoversWeibullAndPrefersIt)
{
  auto r = fit_distributions(sample(boost::random::weibull_distribution<>(1.5, 10), kN, 4));
  EXPECT_EQ(r.best().type, "weibull");
  EXPECT_NEAR(r.best().p1, 1.5, 0.05);
  EXPECT_NEAR(r.best().p2, 10, 0.3);
}

TEST(DistributionFit, CandidatesAreSortedByAic)
{
  auto r = fit_distributions(sample(boost::random::gamma_distribution<>(5, 1), 500, 5));
  ASSERT_EQ(r.candidates.size(), 4u);
  for (std::size_t i = 1; i < r.candidates.size(); ++i)
    EXPECT_LE(r.candidates[i - 1].aic, r.candidates[i].aic);
}

TEST(DistributionFit, NegativeValuesLeaveOnlyTheNormal)
{
  auto r = fit_distributions(sample(boost::random::normal_distribution<>(0.5, 1), 200, 6));
  ASSERT_EQ(r.candidates.size(), 1u);
  EXPECT_EQ(r.best().type, "normal");
}

TEST(DistributionFit, FewSamplesGiveAWidePriorThatKeepsTheMeanAndAWarning)
{
  auto r = fit_distributions({10, 12, 14});
  EXPECT_TRUE(r.prior);
  EXPECT_NE(r.warning.find("only 3 samples"), std::string::npos);
  EXPECT_EQ(r.best().type, "lognormal");
  EXPECT_NEAR(r.best().mean(), 12, 1e-9);
  EXPECT_GE(r.best().p2, 0.83);  // coefficient of variation at least 1
}

TEST(DistributionFit, EqualSamplesAreAConstant)
{
  auto r = fit_distributions(std::vector<double>(20, 2.123));
  EXPECT_EQ(r.best().type, "constant");
  EXPECT_DOUBLE_EQ(r.best().p1, 2.123);
  EXPECT_THROW(fit_distributions({}), std::invalid_argument);
}

TEST(LinearFit, RecoversCoefficientsAndR2)
{
  boost::random::mt19937_64 rng(7);
  boost::random::normal_distribution<> noise(0, 0.1), xs(50, 20);
  std::vector<std::vector<double>> X;
  std::vector<double> y;
  for (int i = 0; i < 500; ++i) {
    double a = xs(rng), b = xs(rng);
    X.push_back({a, b});
    y.push_back(3 + 2 * a + 0.5 * b + noise(rng));
  }
  LinearFitResult r = fit_linear({"duration_s", "size_mb"}, X, y);
  EXPECT_NEAR(r.intercept, 3, 0.1);
  EXPECT_NEAR(r.coefficients[0].second, 2, 0.002);
  EXPECT_NEAR(r.coefficients[1].second, 0.5, 0.002);
  EXPECT_GT(r.r_squared, 0.999);
  EXPECT_NEAR(r.residual_sd, 0.1, 0.01);
  EXPECT_THROW(fit_linear({"a", "b"}, {{1, 2}, {3, 4}}, {1, 2}), std::invalid_argument);
}

TEST(KolmogorovSmirnov, SameDistributionPassesAShiftedOneFails)
{
  auto a = sample(boost::random::normal_distribution<>(10, 2), 1000, 8);
  auto b = sample(boost::random::normal_distribution<>(10, 2), 1000, 9);
  auto c = sample(boost::random::normal_distribution<>(11, 2), 1000, 10);
  KsResult same = ks_two_sample(a, b);
  KsResult shifted = ks_two_sample(a, c);
  EXPECT_LT(same.statistic, 0.07);
  EXPECT_GT(same.p_value, 0.01);
  EXPECT_GT(shifted.statistic, 0.15);
  EXPECT_LT(shifted.p_value, 1e-6);
  EXPECT_DOUBLE_EQ(ks_two_sample(a, a).statistic, 0);
}

TEST(YamlWriter, WritesYamlThatReadsBackTheSameValues)
{
  nlohmann::ordered_json doc = {
      {"schema", "contsim-calibration/1"},
      {"functions", {{"f: odd name", {{"exec_time", {{"seconds", {{"type", "gamma"}, {"shape", 3.5}, {"scale", 0.25}}},
                                                     {"source", "fit: n = 3, \"quoted\""}}}}}}},
      {"list", {1, 2, 3}}};
  std::ostringstream out;
  write_yaml(doc, out);
  YAML::Node back = YAML::Load(out.str());
  EXPECT_EQ(back["schema"].as<std::string>(), "contsim-calibration/1");
  EXPECT_DOUBLE_EQ(back["functions"]["f: odd name"]["exec_time"]["seconds"]["shape"].as<double>(), 3.5);
  EXPECT_EQ(back["functions"]["f: odd name"]["exec_time"]["source"].as<std::string>(), "fit: n = 3, \"quoted\"");
  EXPECT_EQ(back["list"][2].as<int>(), 3);
}
