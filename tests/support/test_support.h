// Test support: temporary folders, the shared fixtures (skipped with a clear
// message when ../shared is absent), a fake clock, and loopback servers that
// misbehave on demand.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "net/retrying_http_client.h"

namespace omvarld::test {

// A fresh folder under /tmp, removed with everything in it at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

// Path of a file under ../shared/fixtures, or "" when the folder is absent.
std::string shared_fixture(const std::string& relative);

#define REQUIRE_SHARED_FIXTURE(var, rel)                  \
  std::string var = ::omvarld::test::shared_fixture(rel); \
  if (var.empty())                                        \
  GTEST_SKIP() << "../shared/fixtures/" << rel            \
               << " is absent; skipping test "            \
                  "that reads the shared recorded data"

// Unix seconds of a UTC date and time.
int64_t utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

// A retry policy for loopback tests: `attempts` tries, 1 ms apart (before
// jitter), so failure paths are exercised without waiting.
RetryPolicy fast_retry_policy(int attempts);

// A clock that never sleeps: it advances its time by the duration asked and
// records every sleep.
class FakeClock final : public Clock {
 public:
  int64_t now = 1764300000;  // 2025-11-28
  std::vector<std::chrono::milliseconds> sleeps;
  int64_t now_unix() override { return now; }
  void sleep_for(std::chrono::milliseconds d) override {
    sleeps.push_back(d);
    now += d.count() / 1000;
  }
};

// A cpp-httplib server on 127.0.0.1, any free port, serving on its own
// thread. Add handlers to `server`, then ask for a url(): the first call
// starts the server (so handlers are never added while it serves).
// Connections are not kept alive, so stopping never waits.
class LoopbackHttpServer {
 public:
  LoopbackHttpServer() = default;
  ~LoopbackHttpServer();
  std::string url(const std::string& path);
  std::string base() { return url(""); }
  httplib::Server server;

 private:
  int port_ = 0;
  std::thread thread_;
};

// A listening TCP socket on a free port of 127.0.0.1 (aborts when there is
// none); `port` is set to it.
int listen_on_loopback(int& port);

// A raw TCP server on 127.0.0.1 for what cpp-httplib will not do: send a
// truncated body, reset the connection. For each connection it reads the
// request head and calls `respond(fd, request_head)`.
class RawServer {
 public:
  using Responder = std::function<void(int fd, const std::string& request)>;
  explicit RawServer(Responder respond);
  ~RawServer();
  int port() const { return port_; }
  std::string url(const std::string& path = "/") const;
  int connections() const { return connections_.load(); }

  // Helpers for responders.
  static void send_all(int fd, const std::string& bytes);
  static void reset(int fd);  // SO_LINGER 0 then close: the peer sees ECONNRESET

 private:
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
  Responder respond_;
};

// Runs the omvarld binary with arguments; returns exit code, stdout, stderr.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
RunResult run_omvarld(const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {});
// Runs any program (an absolute path) the same way.
RunResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {});

}  // namespace omvarld::test
