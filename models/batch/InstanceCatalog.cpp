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

void InstanceCatalog::price_with(const Ec2Prices& prices)
{
  for (auto& t : types_.types())
    if (const double* p = prices.price(t.name))
      t.usd_per_hour = *p;
    else
      t.usd_per_hour = -1;
}

} // namespace contsim::batch
