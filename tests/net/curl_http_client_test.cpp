// The real libcurl client against real servers on 127.0.0.1 that misbehave
// on demand.
#include "net/curl_http_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "net/retrying_http_client.h"
#include "parse/gzip.h"
#include "parse/jsonstat_parser.h"
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

// A TLS server on loopback: `openssl s_server -www` (the openssl package) in
// a child process, with a self-signed certificate for 127.0.0.1 made for the
// test, so the real handshake and verification run.
class TlsServer {
 public:
  explicit TlsServer(const std::string& dir) : dir_(dir) {
    cert_ = dir + "/cert.pem";
    const std::string cmd =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
        "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
        dir + "/key.pem -out " + cert_ + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) return;
    port_ = free_port();
    // Built before the fork: the child only runs async-signal-safe calls.
    const std::string accept = "127.0.0.1:" + std::to_string(port_);
    const std::string key = dir + "/key.pem";
    pid_ = ::fork();
    if (pid_ == 0) {
      int devnull = ::open("/dev/null", O_RDWR);
      dup2(devnull, 0);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execlp("openssl", "openssl", "s_server", "-accept", accept.c_str(), "-cert", cert_.c_str(),
             "-key", key.c_str(), "-www", "-quiet", static_cast<char*>(nullptr));
      _exit(127);
    }
    // Ready once it accepts a connection (a few ms; 5 s at most).
    for (int i = 0; i < 500 && !ready_; ++i) {
      int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      addr.sin_port = htons(static_cast<uint16_t>(port_));
      ready_ = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
      ::close(fd);
      if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~TlsServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool ready() const { return ready_; }
  const std::string& cert() const { return cert_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  static int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
  }
  std::string dir_, cert_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
};

// Issue 10: this test used to send https to a plain-HTTP server, so it
// passed whether verification was on or off. Now a real TLS server presents
// a certificate the client does not trust (refused, at once) and then one it
// is told to trust (accepted).
TEST(CurlClient, TlsVerificationStaysOn) {
  test::TempDir dir;
  TlsServer tls(dir.path());
  if (!tls.ready()) GTEST_SKIP() << "openssl (package openssl) cannot run a TLS server here";
  {
    CurlHttpClient client(fast_options());  // the system's CAs: ours is unknown
    test::FakeClock clock;
    RetryingHttpClient retrying(client, clock, test::fast_retry_policy(5));
    auto r = retrying.send(HttpRequest::get(tls.url()));
    ASSERT_FALSE(r.ok()) << "an untrusted certificate was accepted";
    EXPECT_EQ(r.error().kind, ErrorKind::kSource);
    EXPECT_NE(r.error().message.find("certificate"), std::string::npos) << r.error().message;
    EXPECT_EQ(retrying.last_attempts(), 1);  // permanent: not retried
  }
  {
    test::TempDir other;  // trusting another certificate does not help
    ASSERT_EQ(
        std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
                     "-nodes -days 2 -subj /CN=127.0.0.1 -addext "
                     "subjectAltName=IP:127.0.0.1 -keyout " +
                     other.file("k.pem") + " -out " + other.file("c.pem") + " >/dev/null 2>&1")
                        .c_str()),
        0);
    HttpOptions o = fast_options();
    o.ca_file = other.file("c.pem");
    CurlHttpClient client(o);
    auto r = client.send(HttpRequest::get(tls.url()));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kSource);
  }
  HttpOptions o = fast_options();
  o.ca_file = tls.cert();
  CurlHttpClient client(o);
  auto r = client.send(HttpRequest::get(tls.url()));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("s_server"), std::string::npos);
}

// Issue 10.15: a redirect to file:// (or any scheme but http and https) was
// a kNetwork error, retried four times; it now fails at once, saying why.
TEST(CurlClient, RedirectToFileSchemeFailsAtOnce) {
  for (const std::string target :
       {"file:///etc/passwd", "ftp://127.0.0.1/x", "dict://127.0.0.1/x", "gopher://127.0.0.1/"}) {
    LoopbackServer s;
    std::atomic<int> hits{0};
    s.server.Get("/r", [&](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.status = 302;
      res.set_header("Location", target);
    });
    CurlHttpClient curl(fast_options());
    test::FakeClock clock;
    RetryingHttpClient client(curl, clock, test::fast_retry_policy(5));
    auto r = client.send(HttpRequest::get(s.url("/r")));
    ASSERT_FALSE(r.ok()) << target;
    EXPECT_NE(r.error().kind, ErrorKind::kNetwork) << r.error().message;
    EXPECT_NE(r.error().message.find("only http and https"), std::string::npos)
        << r.error().message;
    EXPECT_NE(r.error().message.find(s.url("/r")), std::string::npos);
    EXPECT_EQ(hits.load(), 1) << target;
    EXPECT_TRUE(clock.sleeps.empty());
  }
}

TEST(CurlClient, RedirectLoopFailsAtOnce) {
  LoopbackServer s;
  std::atomic<int> hits{0};
  s.server.Get("/loop", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.status = 302;
    res.set_header("Location", "/loop");
  });
  CurlHttpClient curl(fast_options());
  test::FakeClock clock;
  RetryingHttpClient client(curl, clock, test::fast_retry_policy(5));
  auto r = client.send(HttpRequest::get(s.url("/loop")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kSource);
  EXPECT_NE(r.error().message.find("more than 5 redirects"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(hits.load(), 6);  // one attempt: the request and 5 redirects
  EXPECT_TRUE(clock.sleeps.empty());
}

TEST(CurlClient, MalformedUrlFailsAtOnce) {
  for (const std::string url : {"http://127.0.0.1:99999/", "http://[::1/x", "ht tp://x/"}) {
    CurlHttpClient curl(fast_options());
    test::FakeClock clock;
    RetryingHttpClient client(curl, clock, test::fast_retry_policy(5));
    auto r = client.send(HttpRequest::get(url));
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_NE(r.error().kind, ErrorKind::kNetwork) << url << ": " << r.error().message;
    EXPECT_NE(r.error().message.find(url), std::string::npos) << r.error().message;
    EXPECT_EQ(client.last_attempts(), 1) << url;
  }
}

// Issue 10.14: the request carries its own cap, applied as the body arrives:
// an endless body stops there, and a Content-Length over it is refused
// before the body is read.
TEST(CurlClient, RequestCapStopsAnEndlessBodyWhileItArrives) {
  std::atomic<long long> sent{0};
  test::RawServer s([&](int fd, const std::string&) {
    test::RawServer::send_all(fd, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
    const std::string chunk(1 << 16, 'x');
    for (int i = 0; i < (1 << 14); ++i) {  // 1 GiB at most
      if (::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) break;
      sent += static_cast<long long>(chunk.size());
    }
  });
  CurlHttpClient client(fast_options());  // 512 MiB client cap
  HttpRequest req = HttpRequest::get(s.url("/endless"));
  req.max_body_bytes = 1 << 20;
  auto r = client.send(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
  EXPECT_NE(r.error().message.find("cap of 1,048,576 bytes"), std::string::npos)
      << r.error().message;
  EXPECT_LT(sent.load(), 16ll << 20);
}

TEST(CurlClient, ContentLengthOverTheRequestCapIsRefusedUnread) {
  LoopbackServer s;
  s.server.Get("/big", [](const httplib::Request&, httplib::Response& res) {
    // Not text: cpp-httplib would gzip text, chunked, with no Content-Length.
    res.set_content(std::string(4 << 20, 'x'), "application/octet-stream");
  });
  CurlHttpClient client(fast_options());
  HttpRequest req = HttpRequest::get(s.url("/big"));
  req.max_body_bytes = 1 << 20;
  auto r = client.send(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
  EXPECT_NE(r.error().message.find("stopped after 0 bytes"), std::string::npos)
      << r.error().message;
  req.max_body_bytes = 8 << 20;  // the smaller of the request's and the client's cap
  EXPECT_TRUE(client.send(req).ok());
}

}  // namespace
}  // namespace omvarld
