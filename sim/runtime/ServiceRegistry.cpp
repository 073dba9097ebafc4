#include "sim/runtime/ServiceRegistry.hpp"

namespace contsim {

void ServiceRegistry::add(ModelEntry entry)
{
  entries_.push_back(std::move(entry));
}

const ModelEntry& ServiceRegistry::by_kind(const std::string& kind, const YamlRef& where) const
{
  for (const auto& e : entries_)
    if (e.binding.kind == kind)
      return e;
  bindings().by_kind(kind, where);  // fails, listing the valid kinds
  throw std::logic_error("unreachable: kind " + kind);
}

ModelBindings ServiceRegistry::bindings() const
{
  std::vector<ModelBinding> all;
  for (const auto& e : entries_)
    all.push_back(e.binding);
  return ModelBindings(std::move(all));
}

} // namespace contsim
