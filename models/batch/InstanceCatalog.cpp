#include "models/batch/InstanceCatalog.hpp"

#include "sim/core/PriceFile.hpp"

#include <cmath>

namespace contsim::batch {

Ec2Prices Ec2Prices::load(const std::string& file, const std::string& region)
{
  Ec2Prices p;
  p.file = file;
  p.region = region;
  PriceFile pf = open_price_file(file, "ec2");
  p.name = pf.name;
  p.date = pf.date;
  if (!pf.section)
    throw InputError(file, 0, 0, "ec2", "the price table has no `ec2:` section: AWS Batch needs EC2 on-demand prices");
  const YamlRef& ec2 = *pf.section;
  MapReader er(ec2);
  if (auto m = er.optional("minimum_billed_s"))
    p.minimum_billed_s = m->as_non_negative();
  YamlRef regions = er.required("regions");
  er.ignore({"source", "note"});
  er.finish();
  MapReader rr(regions);
  rr.keys();
  if (!regions.node[region])
    regions.fail("no EC2 prices for region '" + region + "'");
  YamlRef reg = regions.child(regions.node[region], region);
  MapReader g(reg);
  YamlRef table = g.required("on_demand_usd_per_hour");
  g.ignore({"source", "note"});
  g.finish();
  MapReader t(table);
  for (const auto& type : t.keys())
    p.usd_per_hour.emplace_back(type, table.child(table.node[type], type).as_non_negative());
  return p;
}

const double* Ec2Prices::price(const std::string& type) const
{
  for (const auto& [name, usd] : usd_per_hour)
    if (name == type)
      return &usd;
  return nullptr;
}

void InstanceCatalog::apply(const YamlRef& section)
{
  MapReader r(section);
  for (const auto& name : r.keys()) {
    YamlRef entry = section.child(section.node[name], name);
    InstanceType* t = nullptr;
    for (auto& existing : types_)
      if (existing.name == name)
        t = &existing;
    if (!t) {
      types_.push_back(InstanceType{});
      t = &types_.back();
      t->name = name;
    }
    t->line = entry.line();
    MapReader e(entry);
    if (auto v = e.optional("vcpus")) {
      t->vcpus = v->as_double();
      if (!(t->vcpus > 0))
        v->fail("vcpus must be positive");
    }
    if (auto v = e.optional("memory"))
      t->memory_mib = v->as_bytes() / 1048576.0;
    if (auto v = e.optional("gpus"))
      t->gpus = static_cast<int>(v->as_int());
    if (auto v = e.optional("gpu_model"))
      t->gpu_model = v->as_string();
    if (auto v = e.optional("cpu_speed")) {
      t->cpu_speed = v->as_double();
      if (!(t->cpu_speed > 0))
        v->fail("cpu_speed must be positive");
    }
    if (auto v = e.optional("gpu_speed")) {
      t->gpu_speed = v->as_double();
      if (!(t->gpu_speed > 0))
        v->fail("gpu_speed must be positive");
    }
    if (auto v = e.optional("source"))
      t->source = v->as_string();
    e.ignore({"note"});
    e.finish();
    if (t->vcpus <= 0 || t->memory_mib <= 0)
      entry.fail("instance type '" + name + "' needs vcpus and memory");
  }
}

void InstanceCatalog::price_with(const Ec2Prices& prices)
{
  for (auto& t : types_)
    if (const double* p = prices.price(t.name))
      t.usd_per_hour = *p;
    else
      t.usd_per_hour = -1;
}

const InstanceType* InstanceCatalog::find(const std::string& name) const
{
  for (const auto& t : types_)
    if (t.name == name)
      return &t;
  return nullptr;
}

std::vector<std::string> InstanceCatalog::names() const
{
  std::vector<std::string> out;
  for (const auto& t : types_)
    out.push_back(t.name);
  return out;
}

long long ec2_billed_seconds(double uptime_s, double minimum_s)
{
  if (uptime_s < 0)
    uptime_s = 0;
  // Whole seconds, rounded up after rounding to 1 µs (floating-point noise is not a second).
  long long us = std::llround(uptime_s * 1e6);
  long long s = (us + 999999) / 1000000;
  return std::max(s, static_cast<long long>(std::ceil(minimum_s)));
}

} // namespace contsim::batch
