#include "net/retrying_http_client.h"

#include <gtest/gtest.h>

#include <deque>

#include "support/test_support.h"

namespace omvarld {
namespace {

// Answers from a script, one entry per attempt.
class ScriptedClient final : public HttpClient {
 public:
  std::deque<Result<HttpResponse>> script;
  int calls = 0;
  Result<HttpResponse> send(const HttpRequest&) override {
    ++calls;
    Result<HttpResponse> r = script.front();
    script.pop_front();
    return r;
  }
};

HttpResponse status(int s, std::map<std::string, std::string> headers = {}) {
  HttpResponse r;
  r.status = s;
  r.headers = std::move(headers);
  r.body = "body " + std::to_string(s);
  return r;
}

RetryPolicy policy(int attempts) {
  RetryPolicy p;
  p.max_attempts = attempts;
  p.base_delay = std::chrono::milliseconds(1000);
  p.max_delay = std::chrono::milliseconds(8000);
  p.jitter_seed = 42;
  return p;
}

TEST(Retry, RetriesServerErrorsWithGrowingCappedDelays) {
  ScriptedClient inner;
  for (int i = 0; i < 5; ++i) inner.script.push_back(status(503));
  inner.script.push_back(status(200));
  test::FakeClock clock;
  RetryingHttpClient client(inner, clock, policy(6));
  auto r = client.send(HttpRequest::get("http://x/"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(inner.calls, 6);
  ASSERT_EQ(clock.sleeps.size(), 5u);
  // Delay k lies in [c/2, c] with c = min(8000, 1000 * 2^(k-1)).
  int64_t ceilings[] = {1000, 2000, 4000, 8000, 8000};
  for (size_t k = 0; k < 5; ++k) {
    EXPECT_GE(clock.sleeps[k].count(), ceilings[k] / 2) << k;
    EXPECT_LE(clock.sleeps[k].count(), ceilings[k]) << k;
  }
}

TEST(Retry, HonoursRetryAfterSecondsAndDates) {
  ScriptedClient inner;
  inner.script.push_back(status(429, {{"retry-after", "30"}}));
  inner.script.push_back(status(503, {{"retry-after", "Fri, 28 Nov 2025 03:20:50 GMT"}}));
  inner.script.push_back(status(200));
  test::FakeClock clock;
  clock.now = 1764300000;  // 2025-11-28T03:20:00Z
  RetryingHttpClient client(inner, clock, policy(5));
  auto r = client.send(HttpRequest::get("http://x/"));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(clock.sleeps.size(), 2u);
  EXPECT_EQ(clock.sleeps[0].count(), 30000);
  // 50 s after the first request, less the 30 s already waited.
  EXPECT_EQ(clock.sleeps[1].count(), 20000);
}

TEST(Retry, GivesUpOnRetryAfterLongerThanPolicy) {
  ScriptedClient inner;
  inner.script.push_back(status(429, {{"retry-after", "86400"}}));
  test::FakeClock clock;
  RetryingHttpClient client(inner, clock, policy(5));
  auto r = client.send(HttpRequest::get("http://x/"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("retry after 86400"), std::string::npos) << r.error().message;
  EXPECT_TRUE(clock.sleeps.empty());
}

TEST(Retry, DoesNotRetryClientErrorsOrParseProblems) {
  for (int s : {400, 404, 413, 501}) {
    ScriptedClient inner;
    inner.script.push_back(status(s));
    test::FakeClock clock;
    RetryingHttpClient client(inner, clock, policy(5));
    auto r = client.send(HttpRequest::get("http://x/"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, s);
    EXPECT_EQ(inner.calls, 1) << s;
  }
  ScriptedClient inner;
  inner.script.push_back(make_error(ErrorKind::kTooLarge, "cap"));
  test::FakeClock clock;
  RetryingHttpClient client(inner, clock, policy(5));
  EXPECT_FALSE(client.send(HttpRequest::get("http://x/")).ok());
  EXPECT_EQ(inner.calls, 1);
}

TEST(Retry, NetworkErrorsAreRetriedThenReported) {
  ScriptedClient inner;
  for (int i = 0; i < 3; ++i)
    inner.script.push_back(make_error(ErrorKind::kNetwork, "http://x/: connection reset"));
  test::FakeClock clock;
  RetryingHttpClient client(inner, clock, policy(3));
  auto r = client.send(HttpRequest::get("http://x/"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
  EXPECT_EQ(inner.calls, 3);
  EXPECT_EQ(client.last_attempts(), 3);
}

TEST(Retry, ParseRetryAfter) {
  EXPECT_EQ(parse_retry_after("120", 0)->count(), 120000);
  EXPECT_FALSE(parse_retry_after("soon", 0).has_value());
  EXPECT_EQ(parse_retry_after("Thu, 01 Jan 1970 00:00:10 GMT", 4)->count(), 6000);
  EXPECT_EQ(parse_retry_after("Thu, 01 Jan 1970 00:00:10 GMT", 100)->count(), 0);
}

}  // namespace
}  // namespace omvarld
