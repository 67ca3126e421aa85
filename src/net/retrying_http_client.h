// RetryingHttpClient: wraps another HttpClient and retries what is worth
// retrying: connection errors, timeouts and truncated bodies (kNetwork), HTTP
// 5xx, 429 and 408. Permanent failures (a malformed URL, a redirect to
// another scheme or in a loop, an untrusted certificate, a body over the cap,
// HTTP 4xx) are returned at once. Backoff is exponential with jitter, capped; a Retry-After
// header (seconds or HTTP-date) from a 429 or 503 is honoured, up to
// RetryPolicy::max_retry_after. Sleeps go through the Clock so tests do not
// wait. Not thread-safe (the jitter generator is state).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>

#include "core/clock.h"
#include "core/log.h"
#include "net/http_client.h"

namespace omvarld {

struct RetryPolicy {
  int max_attempts = 5;                               // first try included
  std::chrono::milliseconds base_delay{1000};         // delay before the 2nd try, before jitter
  std::chrono::milliseconds max_delay{60000};         // cap on one backoff delay
  std::chrono::milliseconds max_retry_after{300000};  // longest Retry-After we will wait
  uint64_t jitter_seed = 0;                           // 0: seed from the clock
};

class RetryingHttpClient final : public HttpClient {
 public:
  RetryingHttpClient(HttpClient& inner, Clock& clock, RetryPolicy policy = {},
                     const Log* log = nullptr);

  Result<HttpResponse> send(const HttpRequest& request) override;

  // Number of attempts the last send() made (1 when it succeeded at once).
  int last_attempts() const { return last_attempts_; }

 private:
  std::chrono::milliseconds backoff(int attempt);
  HttpClient& inner_;
  Clock& clock_;
  RetryPolicy policy_;
  const Log* log_;
  std::mt19937_64 rng_;
  int last_attempts_ = 0;
};

// Parses a Retry-After value: delta-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT"), relative to now_unix. Returns nullopt
// when it is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(const std::string& value,
                                                           int64_t now_unix);

// True for statuses worth another try: 408, 429 and 5xx except 501 and 505.
bool is_retryable_status(int status);

// True for Errors worth another try: kNetwork only (see HttpClient::send).
bool is_retryable_error(const Error& error);

// The client the commands talk to the world with: libcurl with `options`,
// wrapped in retries by `policy`, logging retries to `log` (may be null).
// `clock` must outlive the client. The one place this wiring is done.
std::unique_ptr<HttpClient> make_http_client(const HttpOptions& options, const RetryPolicy& policy,
                                             Clock& clock, const Log* log);

}  // namespace omvarld
