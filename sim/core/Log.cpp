#include "sim/core/Log.hpp"

#include "sim/core/Error.hpp"
#include "sim/core/YamlReader.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace contsim::log {
namespace {

struct Registry {
  std::vector<Category*> categories;
  std::vector<std::pair<std::string, Level>> rules;  // applied to categories declared later too
  std::function<double()> clock;
  std::shared_ptr<spdlog::logger> out;
};

Registry& registry()
{
  static Registry r;
  return r;
}

spdlog::logger& output()
{
  Registry& r = registry();
  if (!r.out) {
    r.out = std::make_shared<spdlog::logger>("contsim", std::make_shared<spdlog::sinks::stderr_sink_st>());
    r.out->set_pattern("%v");
    r.out->set_level(spdlog::level::trace);
  }
  return *r.out;
}

bool covers(const std::string& rule, const std::string& category)
{
  return rule == "all" || rule == "*" || category == rule || category.rfind(rule + ".", 0) == 0;
}

const char* level_name(Level l)
{
  static const char* names[] = {"trace", "debug", "info", "warning", "error", "off"};
  return names[static_cast<int>(l)];
}

} // namespace

Category::Category(std::string name) : name_(std::move(name))
{
  Registry& r = registry();
  r.categories.push_back(this);
  for (const auto& [rule, level] : r.rules)
    if (covers(rule, name_))
      level_ = level;
}

void Category::write(Level level, const std::string& message) const
{
  const Registry& r = registry();
  if (r.clock)
    output().log(spdlog::level::info, "[{:.6f}] {}: {}: {}", r.clock(), name_, level_name(level), message);
  else
    output().log(spdlog::level::info, "{}: {}: {}", name_, level_name(level), message);
}

void configure(const std::string& spec)
{
  Registry& r = registry();
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t comma = spec.find(',', start);
    std::string item = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? spec.size() + 1 : comma + 1;
    if (item.empty())
      continue;
    std::size_t colon = item.rfind(':');
    std::string name = colon == std::string::npos ? item : item.substr(0, colon);
    std::string level_text = colon == std::string::npos ? "debug" : item.substr(colon + 1);
    static const std::vector<std::string> levels{"trace", "debug", "info", "warn", "error", "off"};
    auto it = std::find(levels.begin(), levels.end(), level_text);
    if (it == levels.end())
      throw InputError("--log", 0, 0, item,
                       "unknown level '" + level_text + "' (trace, debug, info, warn, error, off)");
    Level level = static_cast<Level>(it - levels.begin());
    bool any = false;
    for (Category* c : r.categories)
      if (covers(name, c->name())) {
        c->set_level(level);
        any = true;
      }
    if (!any) {
      std::vector<std::string> names = categories();
      std::string list;
      for (const auto& n : names)
        list += (list.empty() ? "" : ", ") + n;
      std::string hint = closest_match(name, names);
      throw InputError("--log", 0, 0, item,
                       "no log category '" + name + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                           " (categories: " + list + ")");
    }
    r.rules.emplace_back(name, level);
  }
}

std::vector<std::string> categories()
{
  std::vector<std::string> names;
  for (const Category* c : registry().categories)
    names.push_back(c->name());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

void set_clock(std::function<double()> now)
{
  registry().clock = std::move(now);
}

} // namespace contsim::log
