#include "models/gpu/GpuModel.hpp"

namespace contsim::gpu {

void GpuCatalog::apply(const YamlRef& section)
{
  MapReader r(section);
  for (const auto& name : r.keys()) {
    YamlRef ref = section.child(section.node[name], name);
    GpuModel* m = nullptr;
    for (auto& existing : models_)
      if (existing.name == name)
        m = &existing;
    bool added = m == nullptr;
    if (added) {
      models_.push_back(GpuModel{name, 1, 0, "", ref.line()});
      m = &models_.back();
    }
    MapReader e(ref);
    if (auto v = e.optional("speed")) {
      m->speed = v->as_double();
      if (!(m->speed > 0))
        v->fail("speed must be positive");
    }
    if (auto v = e.optional("memory")) {
      m->memory_bytes = v->as_bytes();
      if (!(m->memory_bytes > 0))
        v->fail("memory must be positive");
    }
    if (auto v = e.optional("source"))
      m->source = v->as_string();
    e.finish();
    if (added && (!ref.node["speed"] || !ref.node["memory"]))
      ref.fail("GPU model '" + name + "' needs speed and memory");
  }
}

const GpuModel* GpuCatalog::find(const std::string& name) const
{
  for (const auto& m : models_)
    if (m.name == name)
      return &m;
  return nullptr;
}

std::vector<std::string> GpuCatalog::names() const
{
  std::vector<std::string> out;
  for (const auto& m : models_)
    out.push_back(m.name);
  return out;
}

} // namespace contsim::gpu
