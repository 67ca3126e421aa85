// Central European time: the offsets on either side of both changes, the
// wall-clock readings the EU sources write, and days left as an officer in
// Stockholm counts them.
#include "core/civil_time.h"

#include <gtest/gtest.h>

namespace omvarld {
namespace {

int64_t utc(int64_t y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60 + s;
}

TEST(CivilTime, RoundTripsTheCalendar) {
  for (int64_t t : {int64_t{0}, utc(2026, 2, 28, 23, 59, 59), utc(2024, 2, 29, 12), utc(100, 1, 1),
                    utc(1969, 12, 31, 23, 0), utc(2100, 12, 31)}) {
    CivilTime c = civil_from_unix(t);
    EXPECT_EQ(utc(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day), c.hour,
                  c.minute, c.second),
              t);
  }
  CivilTime c = civil_from_unix(utc(1969, 12, 31, 23, 30));
  EXPECT_EQ(c.year, 1969);
  EXPECT_EQ(c.day, 31);
  EXPECT_EQ(c.hour, 23);
}

TEST(CivilTime, SummerTimeStartsAndEndsAtOneUtc) {
  // 2026: last Sunday of March is the 29th, of October the 25th.
  EXPECT_EQ(central_european_offset(utc(2026, 3, 29, 0, 59, 59)), 3600);
  EXPECT_EQ(central_european_offset(utc(2026, 3, 29, 1)), 7200);
  EXPECT_EQ(central_european_offset(utc(2026, 10, 25, 0, 59, 59)), 7200);
  EXPECT_EQ(central_european_offset(utc(2026, 10, 25, 1)), 3600);
  EXPECT_EQ(central_european_offset(utc(2026, 1, 15)), 3600);
  EXPECT_EQ(central_european_offset(utc(2026, 7, 15)), 7200);
}

TEST(CivilTime, WallClockReadingsToUtc) {
  // Have your say: "2026/09/28 23:59:59" Brussels is 21:59:59Z (the recorded detail's attachment
  // times are two hours earlier than its publication times).
  EXPECT_EQ(central_european_to_unix({2026, 9, 28, 23, 59, 59}), utc(2026, 9, 28, 21, 59, 59));
  EXPECT_EQ(central_european_to_unix({2026, 12, 1, 0, 0, 0}), utc(2026, 11, 30, 23));
  // The repeated hour in October: the first (summer) reading.
  EXPECT_EQ(central_european_to_unix({2026, 10, 25, 2, 30, 0}), utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(central_european_to_unix({2026, 10, 25, 3, 30, 0}), utc(2026, 10, 25, 2, 30));
  EXPECT_FALSE(central_european_to_unix({2026, 2, 29, 0, 0, 0}).has_value());
  EXPECT_FALSE(central_european_to_unix({2026, 4, 1, 24, 0, 0}).has_value());
}

TEST(CivilTime, UtcTimesReadBackExactly) {
  const UtcTime t{utc(2026, 12, 1, 7, 5, 9)};
  EXPECT_EQ(t.iso(), "2026-12-01T07:05:09Z");
  EXPECT_EQ(parse_utc_time(t.iso()), t);
  EXPECT_EQ(UtcTime{0}.iso(), "1970-01-01T00:00:00Z");
  for (const char* bad :
       {"now", "later", "2026-12-01", "2026-12-01T07:05:09", "2026-12-01 07:05:09Z",
        "2026-02-29T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T07:05:09+01:00"})
    EXPECT_FALSE(parse_utc_time(bad).has_value()) << bad;
}

TEST(CivilTime, StockholmDatesAndDaysLeft) {
  // 23:30Z on 30 November is already 1 December in Stockholm.
  EXPECT_EQ(format_stockholm_date(utc(2026, 11, 30, 23, 30)), "2026-12-01");
  EXPECT_EQ(format_stockholm_minute(utc(2026, 9, 28, 21, 59, 59)), "2026-09-28 23:59");
  int64_t now = utc(2026, 12, 1, 7);                                        // 08:00 in Stockholm
  EXPECT_EQ(stockholm_days_between(now, utc(2026, 12, 1, 22, 59, 59)), 0);  // tonight 23:59
  EXPECT_EQ(stockholm_days_between(now, utc(2026, 12, 1, 23, 0, 0)), 1);    // midnight: tomorrow
  EXPECT_EQ(stockholm_days_between(now, utc(2026, 11, 30, 12)), -1);
}

}  // namespace
}  // namespace omvarld
