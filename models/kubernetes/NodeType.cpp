#include "models/kubernetes/NodeType.hpp"

namespace contsim::kubernetes {

void NodeType::update(const YamlRef& ref)
{
  MapReader e(ref);
  read(e);
  e.ignore({"note", "cpu_model"});
  e.finish();
  check(ref);
}

void NodeType::read(MapReader& e)
{
  auto positive = [](const YamlRef& v, const char* what) {
    double x = v.as_double();
    if (!(x > 0))
      v.fail(std::string(what) + " must be positive");
    return x;
  };
  if (auto v = e.optional("vcpus"))
    vcpus = positive(*v, "vcpus");
  if (auto v = e.optional("memory"))
    memory_mib = v->as_bytes() / 1048576.0;
  if (auto v = e.optional("gpus")) {
    long long g = v->as_int();
    if (g < 0)
      v->fail("gpus must not be negative");
    gpus = static_cast<int>(g);
  }
  if (auto v = e.optional("cpu_speed"))
    cpu_speed = positive(*v, "cpu_speed");
  if (auto v = e.optional("gpu_speed"))
    gpu_speed = positive(*v, "gpu_speed");
  if (auto v = e.optional("image_pull_bandwidth")) {
    image_pull_bytes_per_s = v->as_bandwidth();
    if (!(image_pull_bytes_per_s > 0))
      v->fail("image_pull_bandwidth must be positive");
  }
  if (auto v = e.optional("system_reserved_cpu"))
    reserved_cpu = v->as_non_negative();
  if (auto v = e.optional("system_reserved_memory"))
    reserved_memory_mib = v->as_bytes() / 1048576.0;
  if (auto v = e.optional("power_idle_w"))
    power_idle_w = v->as_non_negative();
  if (auto v = e.optional("power_max_w"))
    power_max_w = v->as_non_negative();
  if (auto v = e.optional("usd_per_hour"))
    usd_per_hour = v->as_non_negative();
  if (auto v = e.optional("source"))
    source = v->as_string();
}

void NodeType::check(const YamlRef& ref) const
{
  if ((power_idle_w >= 0) != (power_max_w >= 0))
    ref.fail("give both power_idle_w and power_max_w, or neither");
  if (power_max_w >= 0 && power_max_w < power_idle_w)
    ref.fail("power_max_w is below power_idle_w");
}

void NodeCatalog::apply(const YamlRef& section)
{
  MapReader r(section);
  for (const auto& name : r.keys()) {
    YamlRef entry = section.child(section.node[name], name);
    NodeType* t = nullptr;
    for (auto& existing : types_)
      if (existing.name == name)
        t = &existing;
    if (!t) {
      types_.push_back(NodeType{});
      t = &types_.back();
      t->name = name;
    }
    t->line = entry.line();
    t->update(entry);
    if (t->vcpus <= 0 || t->memory_mib <= 0)
      entry.fail("node type '" + name + "' needs vcpus and memory");
  }
}

const NodeType* NodeCatalog::find(const std::string& name) const
{
  for (const auto& t : types_)
    if (t.name == name)
      return &t;
  return nullptr;
}

std::string NodeCatalog::names() const
{
  std::string out;
  for (const auto& t : types_)
    out += (out.empty() ? "" : ", ") + t.name;
  return out.empty() ? "none" : out;
}

} // namespace contsim::kubernetes
