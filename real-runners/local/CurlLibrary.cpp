#include "real-runners/local/CurlLibrary.hpp"

#include "sim/core/Error.hpp"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace contsim::real {

namespace {

constexpr const char* kSoname = "libcurl.so.4";

template <typename F>
void resolve(void* handle, const char* name, F& f)
{
  void* symbol = dlsym(handle, name);
  if (!symbol)
    throw MissingPrerequisite(std::string("S3: ") + kSoname + " has no " + name +
                              ": a libcurl of 7.75 or later is needed (AWS SigV4); install Debian's libcurl4");
  f = reinterpret_cast<F>(symbol);
}

CurlLibrary load()
{
  void* handle = dlopen(kSoname, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    throw MissingPrerequisite(std::string("S3 needs libcurl, which could not be loaded (") + (why ? why : kSoname) +
                              "): install Debian's libcurl4 (./setup.sh does)");
  }
  CurlLibrary c{};
  resolve(handle, "curl_global_init", c.global_init);
  resolve(handle, "curl_easy_init", c.easy_init);
  resolve(handle, "curl_easy_cleanup", c.easy_cleanup);
  resolve(handle, "curl_easy_reset", c.easy_reset);
  resolve(handle, "curl_easy_setopt", c.easy_setopt);
  resolve(handle, "curl_easy_perform", c.easy_perform);
  resolve(handle, "curl_easy_getinfo", c.easy_getinfo);
  resolve(handle, "curl_easy_strerror", c.easy_strerror);
  resolve(handle, "curl_slist_append", c.slist_append);
  resolve(handle, "curl_slist_free_all", c.slist_free_all);
  // Kept loaded to the end of the process (never dlclose'd: its handles may outlive any owner).
  c.global_init(CURL_GLOBAL_DEFAULT);
  return c;
}

} // namespace

const CurlLibrary& curl_library()
{
  // A static initialised once, thread-safe; a failed load throws and is tried again next time.
  static const CurlLibrary library = load();
  return library;
}

} // namespace contsim::real
