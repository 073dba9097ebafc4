#include "models/lambda/LambdaConfig.hpp"

#include "sim/core/PriceFile.hpp"

namespace contsim::lambda {

std::shared_ptr<const ServiceConfig> LambdaConfig::read(const ServiceConfigContext& context)
{
  auto c = std::make_shared<LambdaConfig>();
  const ServiceDecl& decl = context.decl;
  MapReader entry(decl.config);
  for (const char* k : {"kind", "site", "region", "parameters"})
    entry.optional(k);
  if (auto v = entry.optional("keep_alive")) {  // the keep-alive policy (sim/policy/WarmPool.hpp)
    if (!WarmPool::parse(v->as_string(), c->reuse))
      v->fail("unknown keep-alive policy '" + v->as_string() + "'" + suggest_among(v->as_string(), WarmPool::names()));
  }
  entry.finish();
  for (const auto& layer : context.layers("lambda"))
    c->param_set.apply(layer);
  c->p = LambdaParameters::from(c->param_set);
  c->billing = context.billing;
  c->prices = PriceTable::load(context.price_table(), context.aws_region(), "x86_64");

  const LambdaParameters& p = c->p;
  for (int f : context.functions) {
    const FunctionSpec* spec = &context.workflow[f];
    const FdlFunction& fn = spec->fdl;
    if (fn.memory_mb < p.min_memory_mb || fn.memory_mb > p.max_memory_mb)
      throw InputError(context.fdl_file, fn.line, 0, "memory",
                       "function '" + fn.name + "': memory " + std::to_string(static_cast<long long>(fn.memory_mb)) +
                           " MB is outside Lambda's " + std::to_string(static_cast<long long>(p.min_memory_mb)) +
                           "-" + std::to_string(static_cast<long long>(p.max_memory_mb)) + " MB");
    if (fn.timeout_s <= 0 || fn.timeout_s > p.max_timeout_s)
      throw InputError(context.fdl_file, fn.line, 0, "timeout",
                       "function '" + fn.name + "': timeout must be between 1 and " +
                           std::to_string(static_cast<long long>(p.max_timeout_s)) + " s");
  }
  return c;
}

void LambdaConfig::check_calibration(const CalibrationSource& calibration, const std::string& price_table_file)
{
  ParameterSet params{parameter_specs()};
  for (const auto& layer : calibration.layers("lambda"))
    params.apply(layer);
  LambdaParameters::from(params);
  if (price_table_file.empty())
    return;
  // every region and architecture of the price table's Lambda section, not only the one used
  PriceFile file = open_price_file(price_table_file, "lambda");
  if (!file.section || !file.section->node["regions"] || !file.section->node["regions"].IsMap())
    return;  // PriceTable::load says what is missing when a service needs it
  for (auto region = file.section->node["regions"].begin(); region != file.section->node["regions"].end(); ++region)
    if (region->second.IsMap())
      for (auto arch = region->second.begin(); arch != region->second.end(); ++arch)
        PriceTable::load(price_table_file, region->first.Scalar(), arch->first.Scalar());
}

nlohmann::ordered_json LambdaConfig::describe() const
{
  return {{"keep_alive", WarmPool::name_of(reuse)},
          {"concurrency_limit", p.concurrency_limit},
          {"price_table", {{"name", prices.name}, {"region", prices.region}}}};
}

} // namespace contsim::lambda
