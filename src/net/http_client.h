// HttpClient: the side effect of talking HTTP. One call, one logical request.
//
// Implementations: CurlHttpClient (libcurl, one attempt per call) and
// RetryingHttpClient (wraps another client with backoff). Tests use the real
// curl client against a loopback server, and small doubles for pure logic.
// Conditional-GET state (ETag, Last-Modified) is kept by the caller, not here:
// the request carries it in, the response carries the new values out.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>

#include "core/result.h"

namespace omvarld {

struct HttpRequest {
  static HttpRequest get(std::string url) {
    HttpRequest r;
    r.url = std::move(url);
    return r;
  }
  std::string url;
  std::string method = "GET";  // "GET" or "POST"
  std::string body;            // for POST
  std::map<std::string, std::string> headers;
  std::string if_none_match;      // ETag from an earlier response; empty: none
  std::string if_modified_since;  // Last-Modified from an earlier response; empty: none
  std::string user_agent;         // empty: the client's default
  // Cap on the decoded body of this request, for what the caller will accept
  // (32 MiB for a feed); 0: the client's HttpOptions::max_body_bytes. The
  // smaller of the two applies, while the body arrives.
  std::size_t max_body_bytes = 0;
};

struct HttpResponse {
  int status = 0;
  std::string body;                            // decoded (gzip/deflate undone)
  std::map<std::string, std::string> headers;  // names lower-cased; last one wins
  std::string effective_url;                   // after redirects

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string content_type() const { return header("content-type"); }
  std::string etag() const { return header("etag"); }
  std::string last_modified() const { return header("last-modified"); }
  bool not_modified() const { return status == 304; }
};

// A response that is not what the caller asked for (a status outside 2xx, or
// an HTML page where data was expected) as an Error naming `source`: "source:
// HTTP 503, an HTML page (title "...")", with kind kNotFound for 404,
// kTooLarge for 413, kParse for a 2xx page and kHttp otherwise. Services
// with error bodies of their own read them first (parse/eurostat_errors.h).
Error http_status_error(const HttpResponse& response, const std::string& source);

// Options for the real client. Defaults suit Eurostat's API.
struct HttpOptions {
  std::chrono::seconds connect_timeout{15};  // TCP + TLS handshake
  std::chrono::seconds total_timeout{300};   // whole request, body included
  long low_speed_bytes_per_s = 100;          // abort if slower than this ...
  std::chrono::seconds low_speed_time{60};   // ... for this long
  std::size_t max_body_bytes = 512u << 20;   // decoded body cap: 512 MiB
  std::string user_agent;                    // empty: "omvarld/VERSION (+url)"
  int max_redirects = 5;                     // more is an Error at once (a loop), not retried
  std::string ca_file;  // trust these CA certificates (PEM) instead of the system's; for tests
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Performs the request. An HTTP status of any value (404, 500, ...) is a
  // response, not an Error; Errors are reserved for failures to get one.
  // Failures worth another try (connection refused or reset, timeout,
  // truncated body) are kNetwork; permanent ones are not: a malformed URL
  // (kUsage), a redirect to another scheme (file://, ftp://...), a redirect
  // loop or an untrusted certificate (kSource), a body over the cap (kTooLarge).
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

// The User-Agent omvarld sends unless told otherwise.
std::string default_user_agent();

}  // namespace omvarld
