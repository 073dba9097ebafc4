#include "models/lambda/LambdaBilling.hpp"

#include "sim/core/PriceFile.hpp"

#include <cmath>

namespace contsim::lambda {

PriceTable PriceTable::load(const std::string& file, const std::string& region, const std::string& architecture)
{
  PriceTable t;
  t.file = file;
  t.region = region;
  t.architecture = architecture;
  PriceFile pf = open_price_file(file, "lambda");
  t.name = pf.name;
  t.date = pf.date;
  if (!pf.section)
    throw InputError(file, 0, 0, "lambda", "the price table has no `lambda:` section");
  YamlRef lambda = *pf.section;
  MapReader lr(lambda);
  YamlRef regions = lr.required("regions");
  if (auto ft = lr.optional("free_tier")) {
    MapReader f(*ft);
    t.free_requests_per_month = f.required("requests_per_month").as_non_negative();
    t.free_gb_s_per_month = f.required("gb_s_per_month").as_non_negative();
    f.ignore({"source"});
    f.finish();
  }
  lr.ignore({"source", "note"});
  lr.finish();
  MapReader rr(regions);
  rr.keys();
  if (!regions.node[region])
    regions.fail("no prices for region '" + region + "'");
  YamlRef reg = regions.child(regions.node[region], region);
  if (!reg.node[architecture])
    reg.fail("no prices for architecture '" + architecture + "'");
  MapReader a(reg.child(reg.node[architecture], architecture));
  t.per_gb_s = a.required("per_gb_s").as_non_negative();
  t.per_request = a.required("per_request").as_non_negative();
  if (auto m = a.optional("per_ms_by_memory_mb")) {
    MapReader mr(*m);
    mr.keys();  // every key is a memory size, read below with its line
    for (auto it = m->node.begin(); it != m->node.end(); ++it) {
      YamlRef key{YAML::Node(it->first), m->file, m->path + "." + it->first.Scalar()};
      long long memory_mb = key.as_int();
      if (memory_mb < 128 || memory_mb > 10240)
        key.fail("a key here is a Lambda memory size in MB, 128 to 10240");
      t.per_ms_by_memory_mb[memory_mb] = m->child(YAML::Node(it->second), it->first.Scalar()).as_non_negative();
    }
  }
  a.ignore({"source", "note"});
  a.finish();
  return t;
}

double PriceTable::price_per_ms(double memory_mb) const
{
  auto it = per_ms_by_memory_mb.find(std::llround(memory_mb));
  if (it != per_ms_by_memory_mb.end() && std::fabs(memory_mb - std::llround(memory_mb)) < 1e-9)
    return it->second;
  return per_gb_s * memory_mb / 1024.0 / 1000.0;
}

} // namespace contsim::lambda
