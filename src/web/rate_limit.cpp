#include "web/rate_limit.h"

namespace omvarld {
namespace {
// Past this many addresses, forgotten ones are dropped on the next call, so
// that a spray of addresses cannot grow the maps without bound.
constexpr size_t kPruneAbove = 10000;
}  // namespace

bool RateLimiter::allow(const std::string& key, int per_window, SteadyTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (seen_.size() > kPruneAbove)
    for (auto it = seen_.begin(); it != seen_.end();)
      it = it->second.empty() || now - it->second.back() > window_ ? seen_.erase(it) : ++it;
  auto& times = seen_[key];
  while (!times.empty() && now - times.front() > window_) times.pop_front();
  if (static_cast<int>(times.size()) >= per_window) return false;
  times.push_back(now);
  return true;
}

void LoginLockout::prune(SteadyTime now) {
  if (by_address_.size() <= kPruneAbove) return;
  for (auto it = by_address_.begin(); it != by_address_.end();) {
    const bool stale = now >= it->second.until &&
                       (it->second.failures.empty() || now - it->second.failures.back() > window_);
    it = stale ? by_address_.erase(it) : ++it;
  }
}

bool LoginLockout::locked(const std::string& address, SteadyTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_address_.find(address);
  return it != by_address_.end() && now < it->second.until;
}

void LoginLockout::failed(const std::string& address, SteadyTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  prune(now);
  State& s = by_address_[address];
  s.failures.push_back(now);
  while (!s.failures.empty() && now - s.failures.front() > window_) s.failures.pop_front();
  if (static_cast<int>(s.failures.size()) >= max_failures_) {
    s.until = now + lockout_;
    s.failures.clear();
  }
}

}  // namespace omvarld
