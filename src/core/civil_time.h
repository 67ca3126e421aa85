// Civil time: the proleptic Gregorian calendar and Central European time
// (Europe/Stockholm and Europe/Brussels share it). CET is UTC+1; summer time
// (CEST, UTC+2) runs from 01:00 UTC on the last Sunday of March to 01:00 UTC
// on the last Sunday of October, as EU Directive 2000/84/EC sets for every
// member state since 1996. The EU sources write Brussels local time (Have
// your say) and the officers read deadlines in Stockholm time; both go
// through here. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace omvarld {

// Days since 1970-01-01 for a proleptic Gregorian date (any year).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

struct CivilTime {
  int64_t year = 1970;
  int month = 1, day = 1;  // 1..12, 1..31
  int hour = 0, minute = 0, second = 0;
};

// The calendar date and time of `unix_seconds` at `offset_seconds` east of UTC.
CivilTime civil_from_unix(int64_t unix_seconds, int offset_seconds = 0);

// 7200 in summer time, 3600 otherwise: Central European time's offset from UTC
// at the instant `unix_seconds`.
int central_european_offset(int64_t unix_seconds);

// The instant a Central European wall-clock reading names, or nullopt for an
// impossible date. In the hour that repeats in October the first (summer)
// reading is taken; a reading in the hour skipped in March is read as summer
// time, as clocks that were not moved would show it.
std::optional<int64_t> central_european_to_unix(const CivilTime& local);

// "2026-03-12" and "2026-03-12 23:59" in Stockholm time.
std::string format_stockholm_date(int64_t unix_seconds);
std::string format_stockholm_minute(int64_t unix_seconds);

// An instant to the second, UTC: what the store records of a run (and shows
// as "2026-12-01T07:00:00Z"), so a time is never any other text.
struct UtcTime {
  int64_t unix_seconds = 0;
  auto operator<=>(const UtcTime&) const = default;
  // "2026-12-01T07:00:00Z".
  std::string iso() const;
};
// Reads exactly "YYYY-MM-DDTHH:MM:SSZ" (what iso() writes); nullopt otherwise.
std::optional<UtcTime> parse_utc_time(std::string_view text);

// Whole calendar days from `now`'s Stockholm date to `deadline`'s: 0 on the
// deadline's own day, 1 the day before, negative once it has passed. What an
// officer means by "days left".
int64_t stockholm_days_between(int64_t now, int64_t deadline);

}  // namespace omvarld
