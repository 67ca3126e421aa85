// Urgency: the one rule for "urgent". An item is urgent when its deadline
// falls within the next `days` days: from `now` (a deadline that has passed
// is closed, not urgent) up to and including now + days × 24 hours. Times are
// Unix seconds, so the rule is the same in every time zone; stored deadlines
// are UTC ("2026-03-01T23:59:59Z"). The store applies the same window in SQL
// (ItemQuery), and the CLI, the review page and the digest ask is_urgent();
// both take their bounds from urgent_window(). Pure.
#pragma once

#include <cstdint>
#include <optional>

namespace omvarld {

// The default window, in days; feeds/relevance.toml's `urgent_days` overrides it.
inline constexpr int kDefaultUrgentDays = 14;

// A closed interval of Unix seconds: from <= t <= to.
struct TimeWindow {
  int64_t from = 0, to = 0;
  bool contains(int64_t t) const { return t >= from && t <= to; }
};

struct Urgency {
  int64_t now = 0;                // Unix seconds
  int days = kDefaultUrgentDays;  // 0 or more

  // [now, now + days × 86400].
  TimeWindow window() const { return TimeWindow{now, now + int64_t{days} * 86400}; }
  // True when `deadline` (Unix seconds; nullopt: none) falls in window().
  bool is_urgent(std::optional<int64_t> deadline) const {
    return deadline && window().contains(*deadline);
  }
  // True when `deadline` has passed (before now).
  bool is_closed(std::optional<int64_t> deadline) const { return deadline && *deadline < now; }
};

}  // namespace omvarld
