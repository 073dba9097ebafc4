#include "models/gpu/GpuServerConfig.hpp"

#include "models/batch/InstanceCatalog.hpp"

namespace contsim::gpu {

std::shared_ptr<const ServiceConfig> GpuServerConfig::read(const ServiceConfigContext& context)
{
  auto c = std::make_shared<GpuServerConfig>();
  const ServiceDecl& decl = context.decl;
  MapReader entry(decl.config);
  for (const char* k : {"kind", "site", "region"})
    entry.optional(k);
  if (auto t = entry.optional("instance_type")) {
    c->instance_type = t->as_string();
    batch::Ec2Prices prices = batch::Ec2Prices::load(context.price_table(), context.aws_region());
    const double* usd = prices.price(c->instance_type);
    if (!usd)
      t->fail("the price table " + context.price_table() + " has no on-demand price for '" + c->instance_type +
              "' in " + context.aws_region());
    c->usd_per_hour = *usd;
    c->minimum_billed_s = prices.minimum_billed_s;
  }
  if (auto t = entry.optional("node_type")) {
    if (!c->instance_type.empty())
      t->fail("give instance_type (an EC2 instance) or node_type (an on-premises server), not both");
    common::MachineCatalog catalog{common::MachineKeys::owned, "node type"};
    for (const auto& l : context.layers("node_types"))
      catalog.apply(l);
    c->node_type = t->as_string();
    const common::MachineType* type = catalog.find(c->node_type);
    if (!type) {
      std::string known;
      for (const auto& n : catalog.names())
        known += (known.empty() ? "" : ", ") + n;
      t->fail("unknown node type '" + c->node_type + "' (calibration node_types: " + (known.empty() ? "none" : known) + ")");
    }
    c->usd_per_hour = type->usd_per_hour;
    c->minimum_billed_s = 0;
    c->power_idle_w = type->power_idle_w;
    c->power_max_w = type->power_max_w;
  }
  if (auto p = entry.optional("parameters")) {
    MapReader pr(*p);
    for (const char* s : {"rcuda", "gpu_models", "node_types"})
      pr.optional(s);
    pr.finish();
  }
  GpuCatalog catalog;
  for (const auto& l : context.layers("gpu_models"))
    catalog.apply(l);
  for (const auto& l : context.layers("rcuda"))
    c->rcuda_params.apply(l);
  c->rcuda = read_params(c->rcuda_params, rcuda_parameter_table());
  YamlRef model = entry.required("gpu_model");
  const GpuModel* m = catalog.find(model.as_string());
  if (!m) {
    std::string known;
    for (const auto& n : catalog.names())
      known += (known.empty() ? "" : ", ") + n;
    model.fail("unknown GPU model '" + model.as_string() + "' (calibration gpu_models: " +
               (known.empty() ? "none" : known) + ")");
  }
  c->model = *m;
  if (auto g = entry.optional("gpus")) {
    long long n = g->as_int();
    if (n < 1 || n > 1024)
      g->fail("gpus must be from 1 to 1024");
    c->gpus = static_cast<int>(n);
  }
  if (auto s = entry.optional("ssgm")) {
    c->ssgm = true;
    MapReader sr(*s);
    if (auto m = sr.optional("mode")) {
      std::string mode = m->as_string();
      if (mode != "blocking" && mode != "non-blocking")
        m->fail("mode is blocking or non-blocking (SSGM's two modes), not '" + mode + "'");
      c->ssgm_blocking = mode == "blocking";
    }
    if (auto j = sr.optional("jobs_per_gpu")) {
      long long n = j->as_int();
      if (n < 0 || n > 1000000)
        j->fail("jobs_per_gpu is 0 (no cap) or a positive number of jobs");
      c->ssgm_settings.jobs_per_gpu = static_cast<int>(n);
    }
    if (auto m = sr.optional("check_memory"))
      c->ssgm_settings.check_memory = m->as_bool();
    if (auto a = sr.optional("clients_ask"))
      c->ssgm_clients_ask = a->as_bool();
    sr.finish();
  }
  entry.finish();
  for (int k = 0; k < c->gpus; ++k)
    c->hosts.push_back(ComputeHostSpec{decl.name + "/gpu" + std::to_string(k), decl.site, 1, c->model.speed});
  return c;
}

void GpuServerConfig::check_calibration(const CalibrationSource& calibration, const std::string&)
{
  GpuCatalog catalog;
  for (const auto& l : calibration.layers("gpu_models"))
    catalog.apply(l);
  ParameterSet rcuda{rcuda_parameter_specs()};
  for (const auto& l : calibration.layers("rcuda"))
    rcuda.apply(l);
  read_params(rcuda, rcuda_parameter_table());
}

nlohmann::ordered_json GpuServerConfig::describe() const
{
  nlohmann::ordered_json j = {{"gpu_model", model.name},
                               {"gpus", gpus},
                               {"gpu_speed", model.speed},
                               {"gpu_memory_bytes", model.memory_bytes}};
  if (!instance_type.empty()) {
    j["instance_type"] = instance_type;
    j["usd_per_hour"] = usd_per_hour;
  }
  if (!node_type.empty()) {
    j["node_type"] = node_type;
    j["usd_per_hour"] = usd_per_hour;
  }
  if (ssgm)
    j["ssgm"] = {{"mode", ssgm_blocking ? "blocking" : "non-blocking"},
                 {"jobs_per_gpu", ssgm_settings.jobs_per_gpu},
                 {"check_memory", ssgm_settings.check_memory},
                 {"clients_ask", ssgm_clients_ask}};
  return j;
}

} // namespace contsim::gpu
