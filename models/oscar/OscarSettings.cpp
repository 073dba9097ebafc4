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
  if (auto v = e.optional("rescheduler_threshold_from")) {
    std::string from = v->as_string();
    if (from == "service")
      s.rescheduler_threshold_from = ThresholdFrom::service;
    else if (from == "global")
      s.rescheduler_threshold_from = ThresholdFrom::global;
    else
      v->fail("rescheduler_threshold_from must be `service` (OSCAR >= 2.5.1: the FDL's rescheduler_threshold, else "
              "RESCHEDULER_THRESHOLD) or `global` (OSCAR 2.5.0: RESCHEDULER_THRESHOLD for every service), not '" + from + "'");
  }
  return s;
}

nlohmann::ordered_json OscarSettings::to_json() const
{
  return {{"RESOURCE_MANAGER_ENABLE", resource_manager_enable},
          {"RESOURCE_MANAGER_INTERVAL", resource_manager_interval_s},
          {"RESCHEDULER_ENABLE", rescheduler_enable},
          {"RESCHEDULER_INTERVAL", rescheduler_interval_s},
          {"RESCHEDULER_THRESHOLD", rescheduler_threshold_s},
          {"rescheduler_threshold_from", rescheduler_threshold_from == ThresholdFrom::service ? "service" : "global"}};
}

} // namespace contsim::oscar
