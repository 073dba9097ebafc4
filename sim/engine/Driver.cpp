#include "sim/engine/Driver.hpp"

#include "sim/core/Error.hpp"
#include "sim/engine/CalendarDriver.hpp"

#include <dlfcn.h>
#include <unistd.h>
#include <xbt/base.h>  // before simgrid/version.h, which uses its macros
#include <simgrid/version.h>

#include <cerrno>
#include <climits>
#include <stdexcept>

namespace contsim {

namespace {

// The engine module's one entry point (SimgridDriver.cpp).
using MakeSimgridDriver = Driver* (*)(const PlatformSpec*, const std::vector<ComputeHostSpec>*, Calendar*);
constexpr const char* kModule = "libcontsim_simgrid.so";
constexpr const char* kEntryPoint = "contsim_make_simgrid_driver";
// Lazy, as the libraries ask (ns-3's are not bound at load), and each library's lookups in the
// module's own scope first (RTLD_DEEPBIND): otherwise every ns-3 symbol is first looked for in
// the ~40 libraries contsim itself links, and loading SimGrid costs more than it did at start-up
// (measured: 44 ms a run with, 36 ms without, 39 ms linked). AddressSanitizer refuses
// RTLD_DEEPBIND (it must interpose malloc everywhere): sanitized builds look up in the usual order.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kOpenFlags = RTLD_LAZY | RTLD_LOCAL;
#else
constexpr int kOpenFlags = RTLD_LAZY | RTLD_LOCAL | RTLD_DEEPBIND;
#endif

std::string executable_dir()
{
  char path[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0)
    return ".";
  std::string p(path, static_cast<std::size_t>(n));
  return p.substr(0, p.find_last_of('/'));
}

// Beside contsim (the build tree), then where cmake --install puts it (PREFIX/lib/contsim, with
// contsim in PREFIX/bin). Loaded once; it stays for the process (SimGrid's engine runs once).
MakeSimgridDriver load_engine_module()
{
  static MakeSimgridDriver make = nullptr;
  if (make)
    return make;
  const std::string dir = executable_dir();
  std::string tried, reason;
  for (const std::string& path : {dir + "/" + kModule, dir + "/../lib/contsim/" + kModule}) {
    tried += (tried.empty() ? "" : ", ") + path;
    if (access(path.c_str(), F_OK) != 0)
      continue;
    void* module = dlopen(path.c_str(), kOpenFlags);
    if (!module) {
      reason = dlerror();
      continue;
    }
    make = reinterpret_cast<MakeSimgridDriver>(dlsym(module, kEntryPoint));
    if (make)
      return make;
    reason = path + " has no " + kEntryPoint;
  }
  throw MissingPrerequisite("this platform has links or compute hosts, and SimGrid's engine module could not be loaded (" +
                            (reason.empty() ? "not found at " + tried : reason) +
                            "): reinstall contsim, or rebuild it (cmake --build build)");
}

} // namespace

bool needs_simgrid(const PlatformSpec& platform, const std::vector<ComputeHostSpec>& compute_hosts)
{
  return !platform.links.empty() || !compute_hosts.empty();
}

std::unique_ptr<Driver> make_driver(const PlatformSpec& platform, const std::vector<ComputeHostSpec>& compute_hosts,
                                    Calendar& calendar)
{
  if (!needs_simgrid(platform, compute_hosts))
    return std::make_unique<CalendarDriver>(calendar);
  return std::unique_ptr<Driver>(load_engine_module()(&platform, &compute_hosts, &calendar));
}

std::string simgrid_version()
{
  return std::to_string(SIMGRID_VERSION_MAJOR) + "." + std::to_string(SIMGRID_VERSION_MINOR) + "." +
         std::to_string(SIMGRID_VERSION_PATCH);
}

} // namespace contsim

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer's exit check walks every thread's dynamic TLS as AddressSanitizer recorded it
// through __tls_get_addr; with the module's libraries dlopen'd, glibc 2.36 hands it a bogus
// range and the check crashes ("Tracer caught signal 11"), failing runs that leaked nothing
// (seen under the test harness, every time). Their TLS is not tracked: leaks are still found.
extern "C" const char* __asan_default_options()
{
  return "intercept_tls_get_addr=0";
}
#endif
