// CurlHttpClient: HttpClient over libcurl, one attempt per send().
//
// TLS peer and host verification are always on (there is no option to turn
// them off). Proxies come from the environment (http_proxy, https_proxy,
// no_proxy), as libcurl reads them. gzip and deflate are accepted and
// decoded. A body larger than HttpOptions::max_body_bytes (or the request's
// own, smaller cap) is an Error of kind kTooLarge, raised while it arrives.
// Only http and https are spoken and followed, at most max_redirects times;
// anything else fails at once, as a permanent (not kNetwork) Error. Not
// thread-safe: use one client per thread.
#pragma once

#include <memory>

#include "net/http_client.h"

namespace omvarld {

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(HttpOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  struct Handle;
  HttpOptions options_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace omvarld
