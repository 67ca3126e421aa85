#include "core/civil_time.h"

#include <cstdio>

namespace omvarld {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  // H. Hinnant's algorithm (public domain description of the civil calendar).
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int64_t y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

// The last Sunday of a 31-day month (March, October), as day of month.
unsigned last_sunday(int64_t y, unsigned m) {
  int64_t days = days_from_civil(y, m, 31);
  int64_t weekday = ((days + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  return 31 - static_cast<unsigned>(weekday);
}

}  // namespace

CivilTime civil_from_unix(int64_t unix_seconds, int offset_seconds) {
  int64_t t = unix_seconds + offset_seconds;
  int64_t days = floor_div(t, 86400);
  int64_t secs = t - days * 86400;
  // Inverse of days_from_civil (same algorithm).
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  CivilTime c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int64_t>(yoe) + era * 400 + (c.month <= 2);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs % 3600 / 60);
  c.second = static_cast<int>(secs % 60);
  return c;
}

int central_european_offset(int64_t unix_seconds) {
  int64_t y = civil_from_unix(unix_seconds).year;
  int64_t start = days_from_civil(y, 3, last_sunday(y, 3)) * 86400 + 3600;
  int64_t end = days_from_civil(y, 10, last_sunday(y, 10)) * 86400 + 3600;
  return unix_seconds >= start && unix_seconds < end ? 7200 : 3600;
}

std::optional<int64_t> central_european_to_unix(const CivilTime& l) {
  if (l.month < 1 || l.month > 12 || l.day < 1 || l.day > days_in_month(l.year, l.month))
    return std::nullopt;
  if (l.hour < 0 || l.hour > 23 || l.minute < 0 || l.minute > 59 || l.second < 0 || l.second > 60)
    return std::nullopt;
  int64_t wall =
      days_from_civil(l.year, static_cast<unsigned>(l.month), static_cast<unsigned>(l.day)) *
          86400 +
      l.hour * 3600 + l.minute * 60 + l.second;
  // Summer reading first: it is right whenever the instant it names is in summer time.
  int64_t summer = wall - 7200;
  if (central_european_offset(summer) == 7200) return summer;
  int64_t winter = wall - 3600;
  if (central_european_offset(winter) == 3600) return winter;
  return summer;  // the skipped hour in March
}

std::string UtcTime::iso() const {
  CivilTime c = civil_from_unix(unix_seconds);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ", static_cast<long long>(c.year),
                c.month, c.day, c.hour, c.minute, c.second);
  return buf;
}

std::optional<UtcTime> parse_utc_time(std::string_view t) {
  // 0123456789012345678 9
  // YYYY-MM-DDTHH:MM:SSZ
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
      t[16] != ':' || t[19] != 'Z')
    return std::nullopt;
  auto field = [&](size_t at, size_t n) -> int {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int y = field(0, 4), mo = field(5, 2), d = field(8, 2), h = field(11, 2), mi = field(14, 2),
            s = field(17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 || h > 23 ||
      mi < 0 || mi > 59 || s < 0 || s > 59)
    return std::nullopt;
  return UtcTime{days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                 h * 3600 + mi * 60 + s};
}

std::string format_stockholm_date(int64_t unix_seconds) {
  CivilTime c = civil_from_unix(unix_seconds, central_european_offset(unix_seconds));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(c.year), c.month,
                c.day);
  return buf;
}

std::string format_stockholm_minute(int64_t unix_seconds) {
  CivilTime c = civil_from_unix(unix_seconds, central_european_offset(unix_seconds));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d %02d:%02d", static_cast<long long>(c.year),
                c.month, c.day, c.hour, c.minute);
  return buf;
}

int64_t stockholm_days_between(int64_t now, int64_t deadline) {
  auto day = [](int64_t t) { return floor_div(t + central_european_offset(t), 86400); };
  return day(deadline) - day(now);
}

}  // namespace omvarld
