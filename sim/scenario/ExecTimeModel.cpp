#include "sim/scenario/ExecTimeModel.hpp"

#include "sim/core/Parameters.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>

namespace contsim {

double attribute(const Attributes& attrs, const std::string& name, double fallback)
{
  for (const auto& [k, v] : attrs)
    if (k == name)
      return v;
  return fallback;
}

void ExecTimeModel::update(const YamlRef& ref)
{
  MapReader r(ref);
  if (auto v = r.optional("seconds")) {
    base = Distribution::parse(*v);
    linear = false;
  }
  if (auto v = r.optional("linear")) {
    MapReader l(*v);
    linear = true;
    intercept_s = 0;
    per_attribute.clear();
    if (auto i = l.optional("intercept_s"))
      intercept_s = i->as_double();
    if (auto p = l.optional("per")) {
      MapReader pr(*p);
      for (const auto& k : pr.keys())
        per_attribute.emplace_back(k, p->child(p->node[k], k).as_double());
    }
    l.finish();
  }
  if (auto v = r.optional("noise_sd_s"))
    noise_sd_s = v->as_non_negative();
  if (auto v = r.optional("fixed_s"))
    fixed_s = v->as_non_negative();
  if (auto v = r.optional("reference_vcpu")) {
    reference_vcpu = v->as_double();
    reference_memory_mb = 0;
    if (!(reference_vcpu > 0))
      v->fail("reference_vcpu must be positive");
  }
  if (auto v = r.optional("reference_memory_mb")) {
    reference_memory_mb = v->as_double();
    if (!(reference_memory_mb > 0))
      v->fail("reference_memory_mb must be positive");
  }
  if (auto v = r.optional("parallel_fraction")) {
    parallel_fraction = v->as_double();
    if (parallel_fraction < 0 || parallel_fraction > 1)
      v->fail("parallel_fraction must be between 0 and 1");
  }
  if (auto v = r.optional("reference_gpu_speed")) {
    reference_gpu_speed = v->as_double();
    if (!(reference_gpu_speed > 0))
      v->fail("reference_gpu_speed must be positive");
  }
  if (auto v = r.optional("source"))
    source = v->as_string();
  r.ignore({"fit"});  // how `contsim calibrate` obtained it (method, goodness, n, trace)
  r.finish();
}

double ExecTimeModel::slowdown(double vcpu, double p)
{
  return (1 - p) / std::min(vcpu, 1.0) + p / vcpu;
}

double ExecTimeModel::sample(double vcpu, const Attributes& input, RandomEngine& rng) const
{
  double t;
  if (linear) {
    t = intercept_s;
    for (const auto& [name, coefficient] : per_attribute)
      t += coefficient * attribute(input, name, 0);
    if (noise_sd_s > 0)
      t += boost::random::normal_distribution<double>(0, noise_sd_s)(rng);
    t = std::max(0.0, t);
  } else {
    t = base.sample(rng);
  }
  return fixed_s + t * cpu_stretch(vcpu);
}

double ExecTimeModel::cpu_stretch(double vcpu) const
{
  if (vcpu == reference_vcpu)
    return 1;
  return slowdown(vcpu, parallel_fraction) / slowdown(reference_vcpu, parallel_fraction);
}

double ExecTimeModel::sample_on_gpu(double gpu_speed, const Attributes& input, RandomEngine& rng) const
{
  return sample(reference_vcpu, input, rng) * reference_gpu_speed / gpu_speed;
}

} // namespace contsim
