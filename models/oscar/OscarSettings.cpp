#include "models/oscar/OscarSettings.hpp"

namespace contsim::oscar {

namespace {
double interval(const YamlRef& v)
{
  double s = v.as_seconds();
  if (!(s > 0))
    v.fail("an interval must be positive");
  return s;
}
} // namespace

OscarSettings OscarSettings::read(MapReader& e)
{
  OscarSettings s;
  if (auto v = e.optional("RESOURCE_MANAGER_ENABLE"))
    s.resource_manager_enable = v->as_bool();
  if (auto v = e.optional("RESOURCE_MANAGER_INTERVAL"))
    s.resource_manager_interval_s = interval(*v);
  if (auto v = e.optional("RESCHEDULER_ENABLE"))
    s.rescheduler_enable = v->as_bool();
  if (auto v = e.optional("RESCHEDULER_INTERVAL"))
    s.rescheduler_interval_s = interval(*v);
  if (auto v = e.optional("RESCHEDULER_THRESHOLD"))
    s.rescheduler_threshold_s = v->as_seconds();
  return s;
}

nlohmann::ordered_json OscarSettings::to_json() const
{
  return {{"RESOURCE_MANAGER_ENABLE", resource_manager_enable},
          {"RESOURCE_MANAGER_INTERVAL", resource_manager_interval_s},
          {"RESCHEDULER_ENABLE", rescheduler_enable},
          {"RESCHEDULER_INTERVAL", rescheduler_interval_s},
          {"RESCHEDULER_THRESHOLD", rescheduler_threshold_s}};
}

} // namespace contsim::oscar
