#include "sim/scenario/ScenarioProvenance.hpp"

#include <algorithm>
#include <cctype>

namespace contsim {
namespace {

/// "functions.f.secret_key=abc" → "functions.f.secret_key=(redacted)": a credential given on the
/// command line must not reach summary.json.
std::string redacted(const std::string& override_text)
{
  auto eq = override_text.find('=');
  if (eq == std::string::npos)
    return override_text;
  std::string key = override_text.substr(0, eq);
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  static const char* const kSecretWords[] = {"password", "passwd", "secret", "token", "access_key", "credential",
                                             "auth", "private_key", "api_key"};
  for (const char* word : kSecretWords)
    if (key.find(word) != std::string::npos)
      return override_text.substr(0, eq + 1) + "(redacted)";
  return override_text;
}

} // namespace

Provenance provenance_of(const Scenario& sc)
{
  Provenance p;
  p.scenario = sc.name;
  p.scenario_file = sc.file;
  p.fdl_file = sc.fdl_file;
  p.calibration_file = sc.calibration_file;
  for (const auto& c : sc.calibrations)
    p.calibration_files.push_back(c.file);
  p.price_table_file = sc.price_table_file;
  p.content_hash = sc.content_hash;
  p.seed = sc.seed;
  for (const auto& o : sc.overrides_applied)
    p.overrides.push_back(redacted(o));
  return p;
}

} // namespace contsim
