#include "net/curl_http_client.h"

#include <curl/curl.h>

#include <algorithm>

#include "core/text.h"
#include "net/curl_handles.h"
#include "omvarld/version.h"

namespace omvarld {

std::string default_user_agent() {
  return std::string("omvarld/") + OMVARLD_VERSION +
         " (City of Stockholm horizon scanning; +https://github.com/omvarld)";
}

namespace {

struct Transfer {
  HttpResponse* response;
  std::size_t max_body;
  bool over_cap = false;
};

size_t on_body(char* data, size_t size, size_t nmemb, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * nmemb;
  if (t->response->body.size() + n > t->max_body) {
    t->over_cap = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  t->response->body.append(data, n);
  return n;
}

size_t on_header(char* data, size_t size, size_t nmemb, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * nmemb;
  std::string_view line(data, n);
  if (starts_with_ci(line, "HTTP/")) {
    t->response->headers.clear();  // a new response (after a redirect or 100)
    return n;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    t->response->headers[to_lower(trim(line.substr(0, colon)))] =
        std::string(trim(line.substr(colon + 1)));
  }
  return n;
}

}  // namespace

// The easy handle kept from one send() to the next (its connection cache).
struct CurlHttpClient::Handle : CurlEasy {};

CurlHttpClient::CurlHttpClient(HttpOptions options) : options_(std::move(options)) {
  curl_global_init_once();
  handle_ = std::make_unique<Handle>();
}

CurlHttpClient::~CurlHttpClient() = default;

Result<HttpResponse> CurlHttpClient::send(const HttpRequest& request) {
  CURL* curl = handle_->curl;
  if (!curl) return make_error(ErrorKind::kNetwork, "could not initialise libcurl");
  curl_easy_reset(curl);

  HttpResponse response;
  const std::size_t cap = request.max_body_bytes
                              ? std::min(request.max_body_bytes, options_.max_body_bytes)
                              : options_.max_body_bytes;
  Transfer transfer{&response, cap};
  char errbuf[CURL_ERROR_SIZE] = {0};
  CurlSlist headers;
  for (const auto& [name, value] : request.headers) headers.append(name + ": " + value);
  if (!request.if_none_match.empty()) headers.append("If-None-Match: " + request.if_none_match);
  if (!request.if_modified_since.empty())
    headers.append("If-Modified-Since: " + request.if_modified_since);

  std::string ua = !request.user_agent.empty()    ? request.user_agent
                   : !options_.user_agent.empty() ? options_.user_agent
                                                  : default_user_agent();

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, ua.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(options_.max_redirects));
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count() * 1000));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(options_.total_timeout.count() * 1000));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes_per_s);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(options_.low_speed_time.count()));
  // A Content-Length over the cap is refused before the body is read; a
  // body without one (chunked, endless) is cut by on_body as it arrives.
  if (cap <= static_cast<std::size_t>(INT64_MAX))
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(cap));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }

  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (transfer.over_cap || rc == CURLE_FILESIZE_EXCEEDED)
      return make_error(ErrorKind::kTooLarge,
                        request.url + ": response larger than the cap of " +
                            with_thousands(static_cast<long long>(cap)) + " bytes (stopped after " +
                            with_thousands(static_cast<long long>(response.body.size())) +
                            " bytes)");
    if (rc == CURLE_PARTIAL_FILE)
      return make_error(ErrorKind::kNetwork, request.url + ": truncated body (" + detail + ")");
    // Permanent failures: another try would fail the same way, so they are
    // not kNetwork (which RetryingHttpClient retries).
    const std::string never = " (permanent: not retried)";
    switch (rc) {
      case CURLE_URL_MALFORMAT:
      case CURLE_BAD_FUNCTION_ARGUMENT:
        return make_error(ErrorKind::kUsage,
                          request.url + ": malformed URL (" + detail + ")" + never);
      case CURLE_UNSUPPORTED_PROTOCOL: {
        char* target = nullptr;
        curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &target);
        return make_error(
            ErrorKind::kSource,
            request.url + ": only http and https are followed" +
                (target ? std::string(", not a redirect to ") + target : std::string()) + " (" +
                detail + ")" + never);
      }
      case CURLE_TOO_MANY_REDIRECTS:
        return make_error(ErrorKind::kSource, request.url + ": more than " +
                                                  std::to_string(options_.max_redirects) +
                                                  " redirects (a redirect loop?)" + never);
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_ISSUER_ERROR:
        return make_error(ErrorKind::kSource,
                          request.url + ": TLS certificate not trusted (" + detail + ")" + never);
      default:
        return make_error(ErrorKind::kNetwork, request.url + ": " + detail);
    }
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  char* effective = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  response.effective_url = effective ? effective : request.url;
  return response;
}

}  // namespace omvarld
