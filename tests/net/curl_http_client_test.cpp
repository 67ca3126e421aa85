// The real libcurl client against real servers on 127.0.0.1 that misbehave
// on demand.
#include "net/curl_http_client.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>

#include "eurostat/gzip.h"
#include "eurostat/jsonstat_parser.h"
#include "net/retrying_http_client.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using LoopbackServer = test::LoopbackHttpServer;

HttpOptions fast_options() {
  HttpOptions o;
  o.connect_timeout = std::chrono::seconds(2);
  o.total_timeout = std::chrono::seconds(10);
  return o;
}

TEST(CurlClient, SendsUserAgentAndReadsHeaders) {
  LoopbackServer s;
  std::string seen_ua;
  s.server.Get("/data", [&](const httplib::Request& req, httplib::Response& res) {
    seen_ua = req.get_header_value("User-Agent");
    res.set_header("ETag", "\"v1\"");
    res.set_content("{}", "application/json");
  });
  CurlHttpClient client(fast_options());
  auto r = client.send(HttpRequest::get(s.url("/data")));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->etag(), "\"v1\"");
  EXPECT_EQ(r->content_type(), "application/json");
  EXPECT_EQ(seen_ua.rfind("omvarld/", 0), 0u) << seen_ua;
}

TEST(CurlClient, ConditionalGetSendsValidatorsAndGets304) {
  LoopbackServer s;
  s.server.Get("/data", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"v1\"" &&
        req.get_header_value("If-Modified-Since") == "Tue, 01 Oct 2024 10:00:00 GMT") {
      res.status = 304;
      return;
    }
    res.set_content("fresh", "text/plain");
  });
  CurlHttpClient client(fast_options());
  HttpRequest req = HttpRequest::get(s.url("/data"));
  req.if_none_match = "\"v1\"";
  req.if_modified_since = "Tue, 01 Oct 2024 10:00:00 GMT";
  auto r = client.send(req);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->not_modified());
  EXPECT_TRUE(r->body.empty());
}

TEST(CurlClient, DecodesGzip) {
  LoopbackServer s;
  std::string text(100000, 'a');
  s.server.Get("/gz", [&](const httplib::Request& req, httplib::Response& res) {
    EXPECT_NE(req.get_header_value("Accept-Encoding").find("gzip"), std::string::npos);
    res.set_header("Content-Encoding", "gzip");
    res.set_content(gzip_compress(text), "text/plain");
  });
  CurlHttpClient client(fast_options());
  auto r = client.send(HttpRequest::get(s.url("/gz")));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->body, text);
}

TEST(CurlClient, CapsResponseSize) {
  LoopbackServer s;
  s.server.Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(2 << 20, 'x'), "text/plain");
  });
  HttpOptions o = fast_options();
  o.max_body_bytes = 1 << 20;
  CurlHttpClient client(o);
  auto r = client.send(HttpRequest::get(s.url("/big")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
  EXPECT_NE(r.error().message.find(s.url("/big")), std::string::npos);
}

TEST(CurlClient, RetriesThrough500sAnd429WithRetryAfter) {
  LoopbackServer s;
  std::atomic<int> hits{0};
  s.server.Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
    int n = ++hits;
    if (n == 1) {
      res.status = 500;
      res.set_content("<html><body>Internal error</body></html>", "text/html");
    } else if (n == 2) {
      res.status = 429;
      res.set_header("Retry-After", "1");
    } else {
      res.set_content("ok", "text/plain");
    }
  });
  CurlHttpClient curl(fast_options());
  test::FakeClock clock;
  RetryPolicy p;
  p.base_delay = std::chrono::milliseconds(10);
  RetryingHttpClient client(curl, clock, p);
  auto r = client.send(HttpRequest::get(s.url("/flaky")));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "ok");
  EXPECT_EQ(hits.load(), 3);
  ASSERT_EQ(clock.sleeps.size(), 2u);
  EXPECT_EQ(clock.sleeps[1].count(), 1000);  // Retry-After: 1
}

TEST(CurlClient, HtmlErrorPageWithStatus200IsReportedByTheParser) {
  LoopbackServer s;
  s.server.Get("/statistics/1.0/data/urb_cpop1", [](const httplib::Request&,
                                                    httplib::Response& res) {
    res.set_content(
        "<!DOCTYPE html><html><head><title>Service temporarily unavailable</title></head></html>",
        "text/html");
  });
  CurlHttpClient client(fast_options());
  auto r = client.send(HttpRequest::get(s.url("/statistics/1.0/data/urb_cpop1")));
  ASSERT_TRUE(r.ok());
  auto parsed = parse_jsonstat(r->body, "Eurostat urb_cpop1");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("HTML page"), std::string::npos);
  EXPECT_NE(parsed.error().message.find("Service temporarily unavailable"), std::string::npos);
}

TEST(CurlClient, WrongContentTypeDoesNotFoolTheParser) {
  LoopbackServer s;
  s.server.Get("/j", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        R"({"id":["t"],"size":[1],"dimension":{"t":{"category":{"index":{"2020":0}}}},"value":[1]})",
        "text/html; charset=iso-8859-1");
  });
  CurlHttpClient client(fast_options());
  auto r = client.send(HttpRequest::get(s.url("/j")));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content_type(), "text/html; charset=iso-8859-1");
  auto parsed = parse_jsonstat(r->body, "src");  // judged by its bytes, not its label
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->observations.size(), 1u);
}

TEST(CurlClient, TruncatedBodyIsANetworkError) {
  test::RawServer s([](int fd, const std::string&) {
    test::RawServer::send_all(
        fd,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        "{\"version\":\"2.0\",\"value\":{");
  });
  CurlHttpClient client(fast_options());
  auto r = client.send(HttpRequest::get(s.url("/x")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(r.error().message.find("truncated"), std::string::npos) << r.error().message;
}

TEST(CurlClient, ConnectionResetIsRetriedThenReported) {
  test::RawServer s([](int fd, const std::string&) { test::RawServer::reset(fd); });
  CurlHttpClient curl(fast_options());
  test::FakeClock clock;
  RetryPolicy p;
  p.max_attempts = 3;
  RetryingHttpClient client(curl, clock, p);
  auto r = client.send(HttpRequest::get(s.url("/x")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
  EXPECT_EQ(s.connections(), 3);
  EXPECT_NE(r.error().message.find(s.url("/x")), std::string::npos);
}

TEST(CurlClient, SlowBodyHitsTheLowSpeedLimit) {
  test::RawServer s([](int fd, const std::string&) {
    test::RawServer::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nabc");
    for (int i = 0; i < 40; ++i) {  // trickle 1 byte every 100 ms, at most 4 s
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      test::RawServer::send_all(fd, "x");
    }
  });
  HttpOptions o = fast_options();
  o.low_speed_bytes_per_s = 1000;
  o.low_speed_time = std::chrono::seconds(1);
  CurlHttpClient client(o);
  auto start = std::chrono::steady_clock::now();
  auto r = client.send(HttpRequest::get(s.url("/slow")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
}

TEST(CurlClient, ConnectionRefusedIsANetworkError) {
  int port;
  {
    test::RawServer s([](int, const std::string&) {});
    port = s.port();
  }
  CurlHttpClient client(fast_options());
  auto r = client.send(HttpRequest::get("http://127.0.0.1:" + std::to_string(port) + "/"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
}

TEST(CurlClient, TlsVerificationStaysOn) {
  // An https URL to a plain-HTTP loopback server fails in the TLS handshake;
  // there is no option to skip verification, so the error is the TLS one.
  LoopbackServer s;
  s.server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("x", "text/plain");
  });
  std::string url = s.url("/");
  url.replace(0, 4, "https");
  CurlHttpClient client(fast_options());
  auto r = client.send(HttpRequest::get(url));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNetwork);
}

}  // namespace
}  // namespace omvarld
