#include "models/kubernetes/NodeType.hpp"

namespace contsim::kubernetes {

std::string NodeCatalog::names() const
{
  std::string out;
  for (const auto& n : types_.names())
    out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

} // namespace contsim::kubernetes
