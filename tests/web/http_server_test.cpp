// The HTTP layer under the review page (web/http_server.h) and its small
// pure parts: SHA-256 and HMAC against the standards' vectors, form and
// --listen parsing, and the server against raw sockets: pipelining, limits
// on the request head, idle connections, a port in use, stopping mid-request.
#include "web/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "web/hmac_sha256.h"
#include "web/review_fixture.h"

namespace omvarld {
namespace {

std::string hex_of(const std::string& bytes) {
  return to_hex(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

TEST(WebHmac, Sha256MatchesFips180Vectors) {
  EXPECT_EQ(to_hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(to_hex(sha256(std::string(1000000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(WebHmac, HmacSha256MatchesRfc4231Vectors) {
  struct Case {
    std::string key, data, mac;
  };
  std::string key4;
  for (int b = 1; b <= 25; ++b) key4 += static_cast<char>(b);
  const Case cases[] = {
      {std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {std::string(20, '\xaa'), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {key4, std::string(50, '\xcd'),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {std::string(131, '\xaa'),
       "This is a test using a larger than block-size key and a larger than block-size data. "
       "The key needs to be hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const auto& c : cases) EXPECT_EQ(to_hex(hmac_sha256(c.key, c.data)), c.mac) << c.data;
  // Test case 5: the output truncated to 128 bits.
  EXPECT_EQ(to_hex(hmac_sha256(std::string(20, '\x0c'), "Test With Truncation")).substr(0, 32),
            "a3b6167473100ee06e0c796c2955552b");
  EXPECT_EQ(hex_of("\x01\xff"), "01ff");
}

TEST(WebForm, UrlEncodedBodiesDecode) {
  auto f = parse_form("a=1&note=x+y%21%C3%A5&empty=&flag&bad=%zz%4");
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[1].first, "note");
  EXPECT_EQ(f[1].second, "x y!å");
  EXPECT_EQ(f[2].second, "");
  EXPECT_EQ(f[3].first, "flag");
  EXPECT_EQ(f[4].second, "%zz%4");  // malformed escapes stay as they are
}

TEST(WebListen, ListenRefusesWhatIsNotAPort) {
  for (const char* bad :
       {"127.0.0.1:1e3", "127.0.0.1:80.5", ":80.5", "127.0.0.1:65536", "127.0.0.1:", "127.0.0.1:-1",
        "127.0.0.1:+80", "127.0.0.1: 80", "127.0.0.1:0x50", "127.0.0.1:000080", "8080"}) {
    auto a = parse_listen_address(bad);
    EXPECT_FALSE(a.ok()) << bad << " -> " << (a.ok() ? std::to_string(a->port) : "");
  }
  auto a = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8080);
  auto v6 = parse_listen_address("[::1]:0");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  EXPECT_FALSE(parse_listen_address("127.0.0.1:1e3").error().message.find("not a port") ==
               std::string::npos);
}

TEST(WebListen, SameIpAddressKnowsMappedAddresses) {
  EXPECT_TRUE(same_ip_address("127.0.0.1", "::ffff:127.0.0.1"));
  EXPECT_TRUE(same_ip_address("::1", "0:0:0:0:0:0:0:1"));
  EXPECT_FALSE(same_ip_address("127.0.0.1", "127.0.0.2"));
  EXPECT_FALSE(same_ip_address("", ""));
  EXPECT_FALSE(same_ip_address("proxy.local", "proxy.local"));
}

class WebHttpServer : public ::testing::Test {
 protected:
  std::unique_ptr<HttpServer> serve(HttpServerOptions o = {}) {
    auto s = HttpServer::start(o, [this](const ServerRequest& req, ServerResponse& res) {
      ++handled_;
      if (req.path == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(200));
      res.set_content(req.method + " " + req.path + " " + req.param("x") + "\n", "text/plain");
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s.ok() ? std::move(*s) : nullptr;
  }
  std::atomic<int> handled_{0};
};

TEST_F(WebHttpServer, PipelinedRequestsAreAllAnswered) {
  auto server = serve();
  ASSERT_TRUE(server);
  const std::string raw = test::raw_exchange(
      server->port(),
      "GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\nGET /b?x=2 HTTP/1.1\r\nHost: h\r\n\r\n"
      "GET /c?x=3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
  const size_t a = raw.find("GET /a 1"), b = raw.find("GET /b 2"), c = raw.find("GET /c 3");
  ASSERT_NE(a, std::string::npos) << raw;
  ASSERT_NE(b, std::string::npos) << raw;
  ASSERT_NE(c, std::string::npos) << raw;
  EXPECT_LT(a, b);  // in order
  EXPECT_LT(b, c);
}

TEST_F(WebHttpServer, OversizedRequestHeadIsRefused) {
  auto server = serve();
  ASSERT_TRUE(server);
  test::RawConnection c(server->port());
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: h\r\n"));
  // 1 MiB of header lines: refused long before the end (32 KiB), none handled.
  const std::string line = "X-Filler: " + std::string(990, 'a') + "\r\n";
  for (int k = 0; k < 1024 && c.send(line); ++k) {
  }
  c.send("\r\n");
  const std::string answer = c.receive(3000);
  EXPECT_EQ(test::status_of(answer), 431) << answer.substr(0, 200);
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(WebHttpServer, TooManyHeaderFieldsAreRefused) {
  HttpServerOptions o;
  o.max_headers = 100;
  auto server = serve(o);
  ASSERT_TRUE(server);
  std::string request = "GET / HTTP/1.1\r\nHost: h\r\n";
  for (int k = 0; k < 150; ++k) request += "X-" + std::to_string(k) + ": 1\r\n";
  const std::string answer = test::raw_exchange(server->port(), request + "\r\n");
  EXPECT_EQ(test::status_of(answer), 431) << answer;
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(WebHttpServer, IdleHalfSentRequestIsClosed) {
  HttpServerOptions o;
  o.idle_timeout_s = 1;
  auto server = serve(o);
  ASSERT_TRUE(server);
  test::RawConnection c(server->port());
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: h\r\nX-Half: "));
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_server(4000));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(WebHttpServer, SecondServerOnSamePortFailsAddressInUse) {
  auto first = serve();
  ASSERT_TRUE(first);
  HttpServerOptions o;
  o.port = first->port();
  auto second = HttpServer::start(o, [](const ServerRequest&, ServerResponse&) {});
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find("address in use"), std::string::npos)
      << second.error().message;
}

TEST_F(WebHttpServer, StopsWhileRequestsAreBeingHandled) {
  auto server = serve();
  ASSERT_TRUE(server);
  const int port = server->port();
  std::vector<std::thread> clients;
  for (int k = 0; k < 8; ++k)
    clients.emplace_back(
        [port] { test::raw_exchange(port, "GET /slow HTTP/1.1\r\nHost: h\r\n\r\n", 2000); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server.reset();  // waits for the handlers in flight, then closes every connection
  for (auto& t : clients) t.join();
  EXPECT_GT(handled_.load(), 0);
}

TEST_F(WebHttpServer, BodiesOverTheLimitAre413) {
  HttpServerOptions o;
  o.max_body_bytes = 1000;
  auto server = serve(o);
  ASSERT_TRUE(server);
  const std::string big(2000, 'x');
  const std::string declared = test::raw_exchange(
      server->port(), "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000\r\n\r\n" + big);
  EXPECT_EQ(test::status_of(declared), 413) << declared;
  // Chunked, so the length is known only while reading.
  const std::string chunked = test::raw_exchange(
      server->port(), "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" +
                          big + "\r\n0\r\n\r\n");
  EXPECT_EQ(test::status_of(chunked), 413) << chunked;
  EXPECT_EQ(handled_.load(), 0);
  const std::string fits = test::raw_exchange(
      server->port(),
      "POST /f HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 5\r\nConnection: close\r\n\r\nx=%41");
  EXPECT_NE(fits.find("POST /f A"), std::string::npos) << fits;
}

}  // namespace
}  // namespace omvarld
