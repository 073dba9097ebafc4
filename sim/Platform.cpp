#include "sim/Platform.hpp"

namespace contsim {

int PlatformSpec::site_index(const std::string& name) const
{
  for (std::size_t i = 0; i < sites.size(); ++i)
    if (sites[i].name == name)
      return static_cast<int>(i);
  return -1;
}

bool PlatformSpec::connected(int a, int b) const
{
  if (a == b)
    return true;
  for (const auto& l : links)
    if ((l.site_a == a && l.site_b == b) || (l.site_a == b && l.site_b == a))
      return true;
  return false;
}

} // namespace contsim
