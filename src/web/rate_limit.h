// Per-client-address budgets for the review server: decisions per minute,
// and a lock-out after repeated failed logins. Times are passed in, so tests
// need no sleeping. Thread-safe (one mutex each).
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace omvarld {

using SteadyTime = std::chrono::steady_clock::time_point;

// At most `per_window` events per key in any sliding window.
class RateLimiter {
 public:
  explicit RateLimiter(std::chrono::seconds window = std::chrono::minutes(1)) : window_(window) {}
  // Records the event and returns true when it fits the budget.
  bool allow(const std::string& key, int per_window, SteadyTime now);

 private:
  std::mutex mu_;
  std::chrono::seconds window_;
  std::map<std::string, std::deque<SteadyTime>> seen_;
};

// After `max_failures` failed logins from an address within `window`, every
// attempt from it, right or wrong, is refused for `lockout`: a guesser learns
// nothing while locked out.
class LoginLockout {
 public:
  LoginLockout(int max_failures, std::chrono::seconds window, std::chrono::seconds lockout)
      : max_failures_(max_failures), window_(window), lockout_(lockout) {}
  bool locked(const std::string& address, SteadyTime now);
  void failed(const std::string& address, SteadyTime now);

 private:
  struct State {
    std::deque<SteadyTime> failures;
    SteadyTime until{};
  };
  void prune(SteadyTime now);  // REQUIRES: mu_ held

  std::mutex mu_;
  int max_failures_;
  std::chrono::seconds window_, lockout_;
  std::map<std::string, State> by_address_;
};

}  // namespace omvarld
