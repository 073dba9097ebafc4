// A probability distribution read from YAML, e.g.
//   {type: constant, value: 2.123}
//   {type: exponential, mean: 1.991}
//   {type: normal, mean: 129, sd: 10}            (truncated at 0: durations are never negative)
//   {type: lognormal, median: 300, sigma: 0.3}   or {type: lognormal, mean: 300, sd: 60}
//   {type: gamma, shape: 2, scale: 10}   {type: weibull, shape: 1.5, scale: 100}
//   {type: uniform, min: 5, max: 10}
// A plain number means a constant.
#pragma once
#include "sim/core/Random.hpp"
#include "sim/core/YamlReader.hpp"

#include <string>

namespace contsim {

class Distribution {
public:
  enum class Type { constant, exponential, normal, lognormal, gamma, weibull, uniform };

  Distribution() = default;
  static Distribution constant(double v);
  static Distribution exponential(double mean);
  static Distribution parse(const YamlRef& ref);

  double sample(RandomEngine& rng) const;
  double mean() const;
  Type type() const { return type_; }
  std::string describe() const;

private:
  Type type_ = Type::constant;
  double a_ = 0;  // constant: value; exponential: mean; normal/lognormal: mu; gamma/weibull: shape; uniform: min
  double b_ = 0;  // normal/lognormal: sigma; gamma/weibull: scale; uniform: max
  // exponential: 1 / mean, divided once here rather than at each draw (a division on the draw's
  // chain of dependent operations); the draw is the same number either way
  double rate_ = 0;
};

} // namespace contsim
