#include "models/common/MachineType.hpp"

namespace contsim::common {

void read_machine_keys(MapReader& e, MachineKeys keys, MachineType& t)
{
  auto positive = [](const YamlRef& v, const char* what) {
    double x = v.as_double();
    if (!(x > 0))
      v.fail(std::string(what) + " must be positive");
    return x;
  };
  if (auto v = e.optional("vcpus"))
    t.vcpus = positive(*v, "vcpus");
  if (auto v = e.optional("memory"))
    t.memory_mib = v->as_bytes() / 1048576.0;
  if (auto v = e.optional("gpus")) {
    long long g = v->as_int();
    if (g < 0)
      v->fail("gpus must not be negative");
    t.gpus = static_cast<int>(g);
  }
  if (auto v = e.optional("cpu_speed"))
    t.cpu_speed = positive(*v, "cpu_speed");
  if (auto v = e.optional("gpu_speed"))
    t.gpu_speed = positive(*v, "gpu_speed");
  if (auto v = e.optional("source"))
    t.source = v->as_string();
  if (auto v = e.optional("gpu_model"))
    t.gpu_model = v->as_string();
  if (keys == MachineKeys::rented)
    return;
  if (auto v = e.optional("image_pull_bandwidth")) {
    t.image_pull_bytes_per_s = v->as_bandwidth();
    if (!(t.image_pull_bytes_per_s > 0))
      v->fail("image_pull_bandwidth must be positive");
  }
  if (auto v = e.optional("system_reserved_cpu"))
    t.reserved_cpu = v->as_non_negative();
  if (auto v = e.optional("system_reserved_memory"))
    t.reserved_memory_mib = v->as_bytes() / 1048576.0;
  if (auto v = e.optional("power_idle_w"))
    t.power_idle_w = v->as_non_negative();
  if (auto v = e.optional("power_max_w"))
    t.power_max_w = v->as_non_negative();
  if (auto v = e.optional("usd_per_hour"))
    t.usd_per_hour = v->as_non_negative();
}

void check_machine(const MachineType& t, const YamlRef& where)
{
  if ((t.power_idle_w >= 0) != (t.power_max_w >= 0))
    where.fail("give both power_idle_w and power_max_w, or neither");
  if (t.power_max_w >= 0 && t.power_max_w < t.power_idle_w)
    where.fail("power_max_w is below power_idle_w");
}

void MachineCatalog::apply(const YamlRef& section)
{
  MapReader r(section);
  for (const auto& name : r.keys()) {
    YamlRef entry = section.child(section.node[name], name);
    MachineType* t = nullptr;
    for (auto& existing : types_)
      if (existing.name == name)
        t = &existing;
    if (!t) {
      types_.push_back(MachineType{});
      t = &types_.back();
      t->name = name;
    }
    t->line = entry.line();
    MapReader e(entry);
    read_machine_keys(e, keys_, *t);
    if (keys_ == MachineKeys::owned)
      e.ignore({"note", "cpu_model"});
    else
      e.ignore({"note"});
    e.finish();
    check_machine(*t, entry);
    if (t->vcpus <= 0 || t->memory_mib <= 0)
      entry.fail(noun_ + " '" + name + "' needs vcpus and memory");
  }
}

const MachineType* MachineCatalog::find(const std::string& name) const
{
  for (const auto& t : types_)
    if (t.name == name)
      return &t;
  return nullptr;
}

std::vector<std::string> MachineCatalog::names() const
{
  std::vector<std::string> out;
  for (const auto& t : types_)
    out.push_back(t.name);
  return out;
}

} // namespace contsim::common
