#include "models/batch/BatchConfig.hpp"

#include "models/lambda/LambdaParameters.hpp"
#include "sim/core/PriceFile.hpp"
#include "sim/policy/InstanceTypeSelection.hpp"

#include <algorithm>

namespace contsim::batch {

std::shared_ptr<const ServiceConfig> BatchConfig::read(const ServiceConfigContext& context)
{
  auto c = std::make_shared<BatchConfig>();
  const ServiceDecl& decl = context.decl;
  MapReader entry(decl.config);
  for (const char* k : {"kind", "site", "region", "parameters"})
    entry.optional(k);
  if (auto v = entry.optional("allocation_strategy")) {
    c->allocation_strategy = v->as_string();
    if (!make_instance_type_selection(c->allocation_strategy))
      v->fail("allocation_strategy '" + c->allocation_strategy + "' is not modelled" +
              suggest_among(c->allocation_strategy, instance_type_selection_names()) +
              "; the Spot strategies need Spot capacity, which contsim does not model");
  }
  entry.finish();
  for (const auto& layer : context.layers("batch"))
    c->param_set.apply(layer);
  c->p = BatchParameters::from(c->param_set);
  for (const auto& layer : context.layers("ec2_instance_types"))
    c->catalog.apply(layer);
  std::string region = context.aws_region();
  c->prices = Ec2Prices::load(context.price_table(), region);
  c->catalog.price_with(c->prices);
  ParameterSet lambda_params(lambda::parameter_specs());
  for (const auto& layer : context.layers("lambda"))
    lambda_params.apply(layer);
  c->lambda_mb_per_vcpu = lambda::LambdaParameters::from(lambda_params).mb_per_vcpu;

  for (int f : context.functions) {
    const FunctionSpec* spec = &context.workflow[f];
    const FdlFunction& fn = spec->fdl;
    const BatchSpec& b = fn.batch;
    auto fail = [&](const std::string& key, const std::string& msg) {
      throw InputError(context.fdl_file, fn.line, 0, "batch." + key, "function '" + fn.name + "': " + msg);
    };
    if (b.vcpus < 1)
      fail("vcpus", "a Batch job needs at least 1 vCPU");
    if (b.memory_mib < 4)
      fail("memory", "a Batch job needs at least 4 MiB");
    if (b.min_v_cpus > b.max_v_cpus)
      fail("compute_resources.min_v_cpus", "min_v_cpus is above max_v_cpus");
    EnvironmentConfig env;
    env.function = f;
    env.shape = JobShape{b.vcpus, b.memory_mib, b.enable_gpu};
    std::string why_not;
    for (const auto& type_name : b.instance_types) {
      const InstanceType* t = c->catalog.find(type_name);
      if (!t) {
        std::string known;
        for (const auto& n : c->catalog.names())
          known += (known.empty() ? "" : ", ") + n;
        fail("compute_resources.instance_types", "instance type '" + type_name +
                                                     "' is not in the calibration's ec2_instance_types (" + known + ")");
      }
      if (t->usd_per_hour < 0)
        fail("compute_resources.instance_types", "no on-demand price for '" + type_name + "' in region " + region +
                                                     " of " + c->prices.file);
      if (job_slots(*t, env.shape) > 0)
        env.fitting.push_back(t);
      else
        why_not += (why_not.empty() ? "" : "; ") + type_name + " has " + std::to_string(static_cast<int>(t->vcpus)) +
                   " vCPUs, " + std::to_string(static_cast<long long>(t->memory_mib)) + " MiB, " +
                   std::to_string(t->gpus) + " GPUs";
    }
    if (env.fitting.empty())
      fail("compute_resources.instance_types",
           "no instance type can run a job of " + std::to_string(static_cast<int>(b.vcpus)) + " vCPUs, " +
               std::to_string(static_cast<long long>(b.memory_mib)) + " MiB" + (b.enable_gpu ? " and a GPU" : "") +
               " (" + why_not + "): it would stay RUNNABLE forever");
    double smallest = env.fitting.front()->vcpus;
    for (const auto* t : env.fitting)
      smallest = std::min(smallest, t->vcpus);
    if (smallest > b.max_v_cpus + 1e-9)
      fail("compute_resources.max_v_cpus", "max_v_cpus " + std::to_string(static_cast<int>(b.max_v_cpus)) +
                                               " is below the smallest fitting instance's " +
                                               std::to_string(static_cast<int>(smallest)) +
                                               " vCPUs: no instance could ever launch");
    if (b.enable_gpu && !spec->profile.gpu_exec_time)
      throw InputError(context.calibration.first_calibration_file(), 0, 0, "functions." + fn.name + ".gpu_exec_time",
                       "function '" + fn.name + "' runs Batch jobs with enable_gpu: its profile needs a gpu_exec_time");
    env.min_vcpus = b.min_v_cpus;
    env.desired_vcpus = b.desired_v_cpus;
    env.max_vcpus = b.max_v_cpus;
    c->environments.push_back(std::move(env));
  }
  return c;
}

void BatchConfig::check_calibration(const CalibrationSource& calibration, const std::string& price_table_file)
{
  ParameterSet params{parameter_specs()};
  for (const auto& layer : calibration.layers("batch"))
    params.apply(layer);
  BatchParameters::from(params);
  InstanceCatalog catalog;
  for (const auto& layer : calibration.layers("ec2_instance_types"))
    catalog.apply(layer);
  if (price_table_file.empty())
    return;
  // every region of the price table's EC2 section, whether a Batch service uses it or not
  PriceFile file = open_price_file(price_table_file, "ec2");
  if (!file.section || !file.section->node["regions"] || !file.section->node["regions"].IsMap())
    return;  // Ec2Prices::load says what is missing when a service needs it
  for (auto region = file.section->node["regions"].begin(); region != file.section->node["regions"].end(); ++region)
    Ec2Prices::load(price_table_file, region->first.Scalar());
}

nlohmann::ordered_json BatchConfig::describe() const
{
  nlohmann::ordered_json envs = nlohmann::ordered_json::array();
  for (const auto& e : environments) {
    std::vector<std::string> types;
    for (const auto* t : e.fitting)
      types.push_back(t->name);
    envs.push_back({{"vcpus", e.shape.vcpus},
                    {"memory_mib", e.shape.memory_mib},
                    {"gpu", e.shape.gpu},
                    {"instance_types", types},
                    {"min_vcpus", e.min_vcpus},
                    {"max_vcpus", e.max_vcpus}});
  }
  return {{"allocation_strategy", allocation_strategy},
          {"price_table", {{"name", prices.name}, {"region", prices.region}}},
          {"compute_environments", envs}};
}

} // namespace contsim::batch
