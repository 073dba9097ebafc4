#include "sim/core/Distribution.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>

#include <cmath>
#include <sstream>

namespace contsim {

Distribution Distribution::constant(double v)
{
  Distribution d;
  d.type_ = Type::constant;
  d.a_ = v;
  return d;
}

Distribution Distribution::exponential(double mean)
{
  Distribution d;
  d.type_ = Type::exponential;
  d.a_ = mean;
  d.rate_ = 1.0 / mean;
  return d;
}

Distribution Distribution::parse(const YamlRef& ref)
{
  if (ref.is_scalar())
    return constant(ref.as_non_negative());
  MapReader r(ref);
  std::string type = r.required("type").as_string();
  Distribution d;
  auto positive = [&](const char* key) {
    YamlRef v = r.required(key);
    double x = v.as_double();
    if (!(x > 0))
      v.fail(std::string(key) + " must be positive");
    return x;
  };
  if (type == "constant") {
    d = constant(r.required("value").as_non_negative());
  } else if (type == "exponential") {
    d = exponential(positive("mean"));
  } else if (type == "normal") {
    d.type_ = Type::normal;
    d.a_ = r.required("mean").as_double();
    d.b_ = r.required("sd").as_non_negative();
  } else if (type == "lognormal") {
    d.type_ = Type::lognormal;
    if (r.has("median")) {
      d.a_ = std::log(positive("median"));
      d.b_ = r.required("sigma").as_non_negative();
    } else {
      // From the arithmetic mean and standard deviation of the variable itself.
      double m = positive("mean"), s = r.required("sd").as_non_negative();
      d.b_ = std::sqrt(std::log(1 + (s * s) / (m * m)));
      d.a_ = std::log(m) - d.b_ * d.b_ / 2;
    }
  } else if (type == "gamma") {
    d.type_ = Type::gamma;
    d.a_ = positive("shape");
    d.b_ = positive("scale");
  } else if (type == "weibull") {
    d.type_ = Type::weibull;
    d.a_ = positive("shape");
    d.b_ = positive("scale");
  } else if (type == "uniform") {
    d.type_ = Type::uniform;
    d.a_ = r.required("min").as_non_negative();
    d.b_ = r.required("max").as_non_negative();
    if (d.b_ < d.a_)
      ref.fail("uniform: max must be >= min");
  } else {
    r.required("type").fail("unknown distribution '" + type +
                            "' (valid: constant, exponential, normal, lognormal, gamma, weibull, uniform)");
  }
  r.ignore({"source", "note", "fit"});  // provenance travels with the value in calibration files
  r.finish();
  return d;
}

double Distribution::sample(RandomEngine& rng) const
{
  switch (type_) {
    case Type::constant:
      return a_;
    case Type::exponential:
      return boost::random::exponential_distribution<double>(rate_)(rng);
    case Type::normal:
      return std::max(0.0, boost::random::normal_distribution<double>(a_, b_)(rng));
    case Type::lognormal:
      return std::exp(boost::random::normal_distribution<double>(a_, b_)(rng));
    case Type::gamma:
      return boost::random::gamma_distribution<double>(a_, b_)(rng);
    case Type::weibull:
      return boost::random::weibull_distribution<double>(a_, b_)(rng);
    case Type::uniform:
      return boost::random::uniform_real_distribution<double>(a_, b_)(rng);
  }
  return a_;
}

double Distribution::mean() const
{
  switch (type_) {
    case Type::constant:
    case Type::exponential:
      return a_;
    case Type::normal:
      return a_;  // ignoring the (small, for realistic sd) truncation at 0
    case Type::lognormal:
      return std::exp(a_ + b_ * b_ / 2);
    case Type::gamma:
      return a_ * b_;
    case Type::weibull:
      return b_ * std::tgamma(1 + 1 / a_);
    case Type::uniform:
      return (a_ + b_) / 2;
  }
  return a_;
}

std::string Distribution::describe() const
{
  std::ostringstream s;
  switch (type_) {
    case Type::constant: s << "constant(" << a_ << ")"; break;
    case Type::exponential: s << "exponential(mean=" << a_ << ")"; break;
    case Type::normal: s << "normal(mean=" << a_ << ", sd=" << b_ << ")"; break;
    case Type::lognormal: s << "lognormal(median=" << std::exp(a_) << ", sigma=" << b_ << ")"; break;
    case Type::gamma: s << "gamma(shape=" << a_ << ", scale=" << b_ << ")"; break;
    case Type::weibull: s << "weibull(shape=" << a_ << ", scale=" << b_ << ")"; break;
    case Type::uniform: s << "uniform(" << a_ << ", " << b_ << ")"; break;
  }
  return s.str();
}

} // namespace contsim
