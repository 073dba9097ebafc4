#include "sim/scenario/Binding.hpp"

#include <algorithm>

namespace contsim {

bool FunctionFilter::covers_mode(const FdlFunction& fn) const
{
  return fn.provider == provider &&
         (execution_modes.empty() ||
          std::find(execution_modes.begin(), execution_modes.end(), fn.execution_mode) != execution_modes.end());
}

std::string FunctionFilter::why_not(const FdlFunction& fn, const ServiceDecl& decl) const
{
  if (fn.provider != provider)
    return provider == FdlFunction::Provider::aws ? "'" + fn.name + "' is an OSCAR service"
                                                  : "'" + fn.name + "' is not an OSCAR service";
  if (!covers_mode(fn))
    return "'" + fn.name + "' runs in execution_mode " + fn.execution_mode;
  if (key == Key::region && !decl.region.empty() && decl.region != fn.region)
    return "the function is in region '" + fn.region + "', the service in '" + decl.region + "'";
  if (key == Key::cluster_id && !decl.cluster_id.empty() && decl.cluster_id != fn.cluster_id)
    return "'" + fn.name + "' belongs to cluster '" + fn.cluster_id + "', the service is cluster '" +
           decl.cluster_id + "'";
  return "";
}

const ModelBinding& ModelBindings::by_kind(const std::string& kind, const YamlRef& where) const
{
  std::vector<std::string> names;
  for (const auto& b : bindings_) {
    if (b.kind == kind)
      return b;
    names.push_back(b.kind);
  }
  std::string list;
  for (const auto& n : names)
    list += (list.empty() ? "" : ", ") + n;
  std::string hint = closest_match(kind, names);
  where.fail("unknown service kind '" + kind + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
             " (available: " + list + ")");
}

} // namespace contsim
