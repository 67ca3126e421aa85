// `omvarld serve`: the review page, an HTTP server over the database.
//
// Safe by default: it listens on loopback (and then answers only requests
// whose Host names loopback, against DNS rebinding); any other address needs
// authentication: a users file checked with HTTP Basic (to be put behind a
// TLS-terminating reverse proxy), or a header that a reverse proxy at a
// given address sets after its own login (`trusted_proxy`: the header is
// taken only from that address, and its last copy, the proxy's, counts).
// Every state-changing request carries a CSRF token the server issued (a
// nonce HMAC-signed with the database's secret and bound to the user, in a
// SameSite=Strict cookie that the form must repeat) and, where the browser
// sends Origin or Referer, comes from this site. Responses carry a Content-
// Security-Policy without inline script, nosniff and frame-ancestors 'none'.
//
// Under hostile clients (web/http_server.h): request heads and bodies are
// bounded, idle connections time out, a client trickling its request holds
// no worker, so /healthz and every other page keep answering. Decisions are
// rate-limited per client address; after repeated failed logins an address
// is locked out, right password or not. The database is opened per worker
// thread in WAL mode, so a harvest can write while officers read and decide.
#pragma once

#include <memory>
#include <string>

#include "core/lang.h"
#include "core/log.h"
#include "core/result.h"
#include "services/settings.h"

namespace omvarld {

struct ReviewServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                // 0: any free port
  std::string users_file;         // name:hash lines (see web/auth.h)
  std::string trusted_header;     // e.g. "X-Remote-User", set by a reverse proxy...
  std::string trusted_proxy;      // ...at this IP address (required with trusted_header)
  Settings settings;              // the database, configuration, for the benchmark report
  std::string feeds_dir;          // relevance.toml: theme labels, urgent window
  std::string reports_dir;        // where the benchmark report is written and read
  Lang lang = Lang::kSv;          // default language; ?lang= switches per browser
  int decisions_per_minute = 60;  // per client address
  // A note of kMaxNoteChars four-byte characters, percent-encoded (96,000
  // bytes), with the other fields of the form.
  size_t max_body_bytes = 128 * 1024;
  size_t max_head_bytes = 32 * 1024;  // request line and headers
  int max_headers = 100;
  int threads = 16;            // workers running handlers; waiting for a client holds none
  int max_connections = 1000;  // open at once
  int idle_timeout_s = 10;     // a connection silent this long is closed
  int max_failed_logins = 10;  // per address within a minute; then...
  int login_lockout_s = 60;    // ...every login from it is refused this long
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

class ReviewServer {
 public:
  // Refuses a non-loopback host without authentication, --trusted-header
  // without --trusted-proxy, and a users file that cannot be read.
  static Result<std::unique_ptr<ReviewServer>> create(ReviewServerOptions options, const Log& log);
  ~ReviewServer();
  Status start();  // binds ("address in use" when taken) and serves on background threads
  void stop();
  int port() const;
  std::string base_url() const;

 private:
  ReviewServer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace omvarld
