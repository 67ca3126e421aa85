#include "core/log.h"

#include <cstdio>

#include "core/clock.h"

namespace omvarld {

Log::Sink stderr_log_sink() {
  return [](LogLevel level, const std::string& message) {
    SystemClock clock;
    const char* tag = level == LogLevel::kInfo      ? "info"
                      : level == LogLevel::kWarning ? "warning"
                                                    : "error";
    std::fprintf(stderr, "%s %s: %s\n", format_iso8601_utc(clock.now_unix()).c_str(), tag,
                 message.c_str());
  };
}

}  // namespace omvarld
