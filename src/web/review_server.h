// `omvarld serve`: the review page, an HTTP server over the database.
//
// Safe by default: it listens on loopback; any other address needs
// authentication (a users file checked with HTTP Basic, to be put behind a
// TLS-terminating reverse proxy, or a header such a proxy sets after its own
// login). Every state-changing request carries a CSRF token (a random cookie,
// SameSite=Strict, that the form must repeat). Responses carry a Content-
// Security-Policy without inline script, nosniff and frame-ancestors 'none'.
// Request bodies are capped; decisions and failed logins are rate-limited per
// client address. The database is opened per worker thread in WAL mode, so a
// harvest can write while officers read and decide.
#pragma once

#include <memory>
#include <string>

#include "config/settings.h"
#include "core/log.h"
#include "core/result.h"
#include "report/benchmark_report.h"

namespace omvarld {

struct ReviewServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                // 0: any free port
  std::string users_file;         // name:hash lines (see web/auth.h)
  std::string trusted_header;     // e.g. "X-Remote-User", set by a reverse proxy
  Settings settings;              // the database, configuration, for the benchmark report
  std::string feeds_dir;          // relevance.toml: theme labels, urgent window
  std::string reports_dir;        // where the benchmark report is written and read
  Lang lang = Lang::kSv;          // default language; ?lang= switches per browser
  int decisions_per_minute = 60;  // per client address
  size_t max_body_bytes = 64 * 1024;
  int threads = 64;  // keep-alive connections each hold one
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

class ReviewServer {
 public:
  // Refuses a non-loopback host without authentication, and a users file
  // that cannot be read.
  static Result<std::unique_ptr<ReviewServer>> create(ReviewServerOptions options, const Log& log);
  ~ReviewServer();
  Status start();  // serves on a background thread
  void stop();
  int port() const;
  std::string base_url() const;

 private:
  ReviewServer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace omvarld
