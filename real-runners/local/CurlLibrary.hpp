// libcurl, loaded when the first S3 client is made (dlopen of libcurl.so.4), not when contsim
// starts: linked, libcurl and the TLS, LDAP, Kerberos and IDN libraries it pulls in cost every
// contsim process ~6.5 ms of start-up (their relocations and initialisers), though only real
// runs with S3 storage use it. The functions S3Client calls, resolved once.
#pragma once
#include <curl/curl.h>

namespace contsim::real {

struct CurlLibrary {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

/// libcurl, loaded and initialised (curl_global_init) on the first call; a MissingPrerequisite
/// naming the library when it cannot be loaded.
const CurlLibrary& curl_library();

} // namespace contsim::real
