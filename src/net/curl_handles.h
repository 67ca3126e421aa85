// RAII around libcurl's C handles, for the net layer's curl users (the HTTP
// client and the mail sender): libcurl's global initialisation once per
// process, an easy handle, and a header/recipient list. Not copyable.
#pragma once

#include <curl/curl.h>

#include <mutex>
#include <string>

namespace omvarld {

// curl_global_init, once per process, whichever curl user comes first.
inline void curl_global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// An easy handle (nullptr when libcurl could not make one).
struct CurlEasy {
  CURL* curl = nullptr;
  CurlEasy() : curl(curl_easy_init()) {}
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;
  ~CurlEasy() {
    if (curl) curl_easy_cleanup(curl);
  }
};

// A curl_slist of lines (headers, mail recipients).
struct CurlSlist {
  curl_slist* list = nullptr;
  CurlSlist() = default;
  CurlSlist(const CurlSlist&) = delete;
  CurlSlist& operator=(const CurlSlist&) = delete;
  ~CurlSlist() { curl_slist_free_all(list); }
  void append(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
};

}  // namespace omvarld
