// One logging facility for models, the engine and (next) the real-runners: named categories
// in a dotted tree ("oscar.rescheduler"), levels set at run time with `--log=oscar:debug`
// (a category sets its children too), lines on stderr through spdlog, stamped with the
// simulated time when an engine runs. Off below `warn` by default; a disabled level costs a
// comparison, nothing is formatted. Warnings about the set-up still go to summary.json through
// RecordPort::warn; the log is for watching a run.
#pragma once
#include <fmt/format.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace contsim::log {

enum class Level { trace = 0, debug = 1, info = 2, warn = 3, error = 4, off = 5 };

class Category {
public:
  /// Declare one per file, at namespace scope: `static log::Category kLog("oscar.rescheduler");`
  explicit Category(std::string name);
  const std::string& name() const { return name_; }
  bool enabled(Level level) const { return level >= level_; }

  template <class... Args>
  void debug(fmt::format_string<Args...> f, Args&&... args) { emit(Level::debug, f, std::forward<Args>(args)...); }
  template <class... Args>
  void info(fmt::format_string<Args...> f, Args&&... args) { emit(Level::info, f, std::forward<Args>(args)...); }
  template <class... Args>
  void warn(fmt::format_string<Args...> f, Args&&... args) { emit(Level::warn, f, std::forward<Args>(args)...); }

  void set_level(Level level) { level_ = level; }

private:
  template <class... Args>
  void emit(Level level, fmt::format_string<Args...> f, Args&&... args)
  {
    if (enabled(level))
      write(level, fmt::format(f, std::forward<Args>(args)...));
  }
  void write(Level level, const std::string& message) const;

  std::string name_;
  Level level_ = Level::warn;
};

/// Applies a `--log` value: comma-separated CATEGORY:LEVEL (levels trace, debug, info, warn,
/// error, off; `all` or `*` names every category). Throws InputError naming `--log` when a
/// level or category is unknown (the message lists the categories).
void configure(const std::string& spec);
/// Every category declared in the program, sorted.
std::vector<std::string> categories();
/// The simulated clock shown on each line (none: lines carry no time).
void set_clock(std::function<double()> now);

} // namespace contsim::log
