// Log: where harvests report what they did. One line per event, written to a
// sink; the CLI decides whether that is stderr with timestamps (unattended
// runs) or a progress line on a terminal. Thread-compatible, not thread-safe.
#pragma once

#include <functional>
#include <string>

namespace omvarld {

enum class LogLevel { kInfo, kWarning, kError };

class Log {
 public:
  using Sink = std::function<void(LogLevel, const std::string&)>;
  Log() = default;
  explicit Log(Sink sink) : sink_(std::move(sink)) {}

  void info(const std::string& message) const { emit(LogLevel::kInfo, message); }
  void warning(const std::string& message) const { emit(LogLevel::kWarning, message); }
  void error(const std::string& message) const { emit(LogLevel::kError, message); }

  // Progress of long work ("urb_percep: 12,000 of 37,651 rows"). Dropped
  // unless a progress sink was set (the CLI sets one only on a terminal).
  void progress(const std::string& message) const {
    if (progress_) progress_(message);
  }
  void set_progress_sink(std::function<void(const std::string&)> sink) {
    progress_ = std::move(sink);
  }

 private:
  void emit(LogLevel level, const std::string& message) const {
    if (sink_) sink_(level, message);
  }
  Sink sink_;
  std::function<void(const std::string&)> progress_;
};

// A sink that writes "2026-11-28T05:33:46Z warning: message" lines to stderr.
Log::Sink stderr_log_sink();

}  // namespace omvarld
