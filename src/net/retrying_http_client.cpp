#include "net/retrying_http_client.h"

#include <algorithm>
#include <ctime>

#include "core/text.h"
#include "net/curl_http_client.h"

namespace omvarld {

bool is_retryable_status(int status) {
  if (status == 408 || status == 429) return true;
  return status >= 500 && status <= 599 && status != 501 && status != 505;
}

bool is_retryable_error(const Error& error) { return error.kind == ErrorKind::kNetwork; }

std::optional<std::chrono::milliseconds> parse_retry_after(const std::string& value,
                                                           int64_t now_unix) {
  std::string_view v = trim(value);
  if (v.empty()) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (v.size() > 9) return std::chrono::milliseconds(INT64_MAX / 2);
    return std::chrono::seconds(std::stoll(std::string(v)));
  }
  std::tm tm{};
  std::string s(v);
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end) return std::nullopt;
  int64_t when = static_cast<int64_t>(timegm(&tm));
  return std::chrono::seconds(std::max<int64_t>(0, when - now_unix));
}

RetryingHttpClient::RetryingHttpClient(HttpClient& inner, Clock& clock, RetryPolicy policy,
                                       const Log* log)
    : inner_(inner), clock_(clock), policy_(policy), log_(log) {
  rng_.seed(policy_.jitter_seed
                ? policy_.jitter_seed
                : static_cast<uint64_t>(clock_.now_unix()) ^ reinterpret_cast<uintptr_t>(this));
}

std::chrono::milliseconds RetryingHttpClient::backoff(int attempt) {
  // "Equal jitter": uniform in [c/2, c] with c = min(cap, base * 2^(attempt-1)),
  // so retries from many clients spread out but never come back at once.
  int64_t base = policy_.base_delay.count();
  int64_t ceiling = base;
  for (int i = 1; i < attempt && ceiling < policy_.max_delay.count(); ++i) ceiling *= 2;
  ceiling = std::min<int64_t>(ceiling, policy_.max_delay.count());
  std::uniform_int_distribution<int64_t> dist(ceiling / 2, std::max<int64_t>(ceiling / 2, ceiling));
  return std::chrono::milliseconds(dist(rng_));
}

Result<HttpResponse> RetryingHttpClient::send(const HttpRequest& request) {
  for (int attempt = 1;; ++attempt) {
    last_attempts_ = attempt;
    Result<HttpResponse> r = inner_.send(request);
    bool last = attempt >= policy_.max_attempts;
    std::string why;
    std::chrono::milliseconds delay = backoff(attempt);
    if (!r.ok()) {
      if (!is_retryable_error(r.error()) || last) return r;
      why = r.error().message;
    } else {
      int status = r->status;
      if (!is_retryable_status(status) || last) return r;
      why = request.url + ": HTTP " + std::to_string(status);
      if (status == 429 || status == 503) {
        auto after = parse_retry_after(r->header("retry-after"), clock_.now_unix());
        if (after) {
          if (*after > policy_.max_retry_after) {
            Error e = make_error(ErrorKind::kHttp,
                                 request.url + ": HTTP " + std::to_string(status) +
                                     ", server asks to retry after " +
                                     std::to_string(after->count() / 1000) +
                                     " s, longer than we wait; try again later",
                                 status);
            return e;
          }
          delay = std::max(delay, *after);
        }
      }
    }
    if (log_)
      log_->warning(why + "; retry " + std::to_string(attempt) + " of " +
                    std::to_string(policy_.max_attempts - 1) + " in " +
                    std::to_string(delay.count()) + " ms");
    clock_.sleep_for(delay);
  }
}

namespace {

// Owns the curl client that the retrying client wraps.
class CurlWithRetries final : public HttpClient {
 public:
  CurlWithRetries(const HttpOptions& options, const RetryPolicy& policy, Clock& clock,
                  const Log* log)
      : curl_(options), retrying_(curl_, clock, policy, log) {}
  Result<HttpResponse> send(const HttpRequest& request) override { return retrying_.send(request); }

 private:
  CurlHttpClient curl_;
  RetryingHttpClient retrying_;
};

}  // namespace

std::unique_ptr<HttpClient> make_http_client(const HttpOptions& options, const RetryPolicy& policy,
                                             Clock& clock, const Log* log) {
  return std::make_unique<CurlWithRetries>(options, policy, clock, log);
}

}  // namespace omvarld
