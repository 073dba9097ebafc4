#include "sim/scenario/Platform.hpp"

namespace contsim {

int PlatformSpec::site_index(const std::string& name) const
{
  for (std::size_t i = 0; i < sites.size(); ++i)
    if (sites[i].name == name)
      return static_cast<int>(i);
  return -1;
}

const LinkSpec* PlatformSpec::link_between(int a, int b) const
{
  for (const auto& l : links)
    if ((l.site_a == a && l.site_b == b) || (l.site_a == b && l.site_b == a))
      return &l;
  return nullptr;
}

bool PlatformSpec::connected(int a, int b) const
{
  return a == b || link_between(a, b) != nullptr;
}

} // namespace contsim
