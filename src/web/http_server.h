// A small HTTP/1.1 server over libmicrohttpd, made to hold against slow and
// hostile clients: one event-driven thread reads and writes every
// connection, so a client that trickles its request holds no worker; the
// request head (line and headers) is bounded in bytes and in headers, the
// body in bytes; a connection silent for `idle_timeout_s` is closed.
// Complete requests go to a fixed pool of workers that run the handler
// (which may block on SQLite); their answers go back to the event thread.
// Pipelined and keep-alive requests are answered in order. Range requests
// are not interpreted: every answer is the whole resource, once.
//
// The listening socket is bound without SO_REUSEPORT, so a second server on
// a port in use fails with "address in use". start() raises the process's
// soft limit on open files (towards the hard one) to fit max_connections.
//
// Thread-safety: the handler is called from several worker threads at once.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace omvarld {

struct ServerRequest {
  std::string method;       // "GET", "HEAD", "POST", ... as sent
  std::string path;         // percent-decoded, without the query
  std::string remote_addr;  // the peer's IP address ("127.0.0.1", "::1")
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order
  std::vector<std::pair<std::string, std::string>> params;   // query, then an url-encoded body
  std::string body;

  // The last value of a header (names compare case-insensitively); "" when
  // absent. A proxy appends its headers after the client's.
  std::string header(std::string_view name) const;
  size_t header_count(std::string_view name) const;
  bool has_param(std::string_view key) const;
  std::string param(std::string_view key) const;  // the first value; "" when absent
};

struct ServerResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set_header(const std::string& name, const std::string& value);  // replaces
  void add_header(const std::string& name, const std::string& value);  // keeps others (Set-Cookie)
  bool has_header(std::string_view name) const;
  void set_content(std::string text, const std::string& content_type);
};

using HttpHandler = std::function<void(const ServerRequest&, ServerResponse&)>;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                        // 0: any free port
  int workers = 16;                    // threads running the handler
  int max_connections = 1000;          // open at once; more wait in the kernel's queue
  size_t max_head_bytes = 32 * 1024;   // request line and headers: 431 beyond
  int max_headers = 100;               // header fields: 431 beyond
  size_t max_body_bytes = 128 * 1024;  // 413 beyond
  int idle_timeout_s = 10;             // a connection that sends nothing this long is closed
};

class HttpServer {
 public:
  // Binds, listens and starts serving. kIo errors name the address and why
  // ("address in use").
  static Result<std::unique_ptr<HttpServer>> start(const HttpServerOptions& options,
                                                   HttpHandler handler);
  ~HttpServer();  // stops: finishes the requests being handled, closes every connection
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const;

 private:
  HttpServer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses "a=1&b=x+y%21" (application/x-www-form-urlencoded) into pairs.
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body);

// "address:port", "[v6]:port": the port must be 0-65535 in decimal digits.
struct ListenAddress {
  std::string host;
  int port = 0;
};
Result<ListenAddress> parse_listen_address(const std::string& text);

// True when both are the same IP address (IPv4-mapped IPv6 equals its IPv4).
bool same_ip_address(const std::string& a, const std::string& b);
bool is_ip_address(const std::string& text);

}  // namespace omvarld
