// Clock: the side effect of time. Harvests read the wall clock (run start and
// end, provenance) and the retry policy sleeps; both go through this interface
// so that tests run without waiting and with fixed timestamps.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace omvarld {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual int64_t now_unix() = 0;
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

// The real clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  int64_t now_unix() override;
  void sleep_for(std::chrono::milliseconds duration) override;
};

// "2026-11-28T05:33:46Z" for a Unix time.
std::string format_iso8601_utc(int64_t unix_seconds);

}  // namespace omvarld
