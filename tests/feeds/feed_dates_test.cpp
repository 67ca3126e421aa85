#include "parse/feed_dates.h"

#include <gtest/gtest.h>

#include <sstream>

#include "support/test_support.h"

namespace omvarld {
namespace {

using test::utc;

TEST(FeedDates, CommonForms) {
  EXPECT_EQ(parse_feed_date("Tue, 06 Oct 2026 13:00:00 GMT"), utc(2026, 10, 6, 13));
  EXPECT_EQ(parse_feed_date("Tue, 06 Oct 2026 15:00:00 +0200"), utc(2026, 10, 6, 13));
  EXPECT_EQ(parse_feed_date("2026-10-06T13:00:00.000+0000"),
            utc(2026, 10, 6, 13));  // SEDIA deadlineDate
  EXPECT_EQ(parse_feed_date("2026-05-13T15:08:21+02:00"), utc(2026, 5, 13, 13, 8, 21));
  EXPECT_EQ(parse_feed_date("2026-05-13"), utc(2026, 5, 13));
  EXPECT_FALSE(parse_feed_date("soon"));
  EXPECT_FALSE(parse_feed_date("Tue, 31 Feb 2026 10:00:00 GMT"));
  EXPECT_FALSE(parse_feed_date(std::string(200, '1')));
}

std::string unquote_json(const std::string& s) {
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) ++i;
    out.push_back(s[i]);
  }
  return out;
}

// feedparser's table of real date strings (see ../shared/fixtures/feeds/SOURCES.md).
TEST(FeedDates, FeedparserTable) {
  REQUIRE_SHARED_FIXTURE(path, "feeds/rss-atom-edge-cases/feedparser_date_parser_cases.tsv");
  std::istringstream in(test::read_file(path));
  std::string line;
  int checked = 0, unsupported = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream row(line);
    std::string parser, input, expected;
    std::getline(row, parser, '\t');
    std::getline(row, input, '\t');
    std::getline(row, expected, '\t');
    std::string text = unquote_json(input);
    auto got = parse_feed_date(text);
    if (expected == "null") {
      EXPECT_FALSE(got.has_value()) << parser << " \"" << text << "\" should not parse";
      ++checked;
      continue;
    }
    int v[9];
    std::sscanf(expected.c_str(), "[%d, %d, %d, %d, %d, %d, %d, %d, %d]", &v[0], &v[1], &v[2],
                &v[3], &v[4], &v[5], &v[6], &v[7], &v[8]);
    int64_t want = utc(v[0], v[1], v[2], v[3], v[4], v[5]);
    // Not understood, by decision: non-English month names and feedparser's
    // two-digit ISO 8601 forms ("031231", "-0312"). They must come out as
    // unknown, never as a wrong date.
    bool by_design =
        parser == "_parse_date_greek" || parser == "_parse_date_hungarian" ||
        parser == "_parse_date_nate" || parser == "_parse_date_onblog" ||
        (parser == "_parse_date_iso8601" &&
         !(text.size() >= 4 && std::isdigit(text[0]) && std::isdigit(text[3]) && text[4] == '-'));
    if (by_design) {
      EXPECT_FALSE(got.has_value()) << parser << " \"" << text << "\"";
      ++unsupported;
      continue;
    }
    ASSERT_TRUE(got.has_value()) << parser << " \"" << text << "\"";
    EXPECT_EQ(*got, want) << parser << " \"" << text << "\"";
    ++checked;
  }
  EXPECT_EQ(checked + unsupported, 72);
  EXPECT_EQ(unsupported, 9);  // 4 non-English, 5 two-digit ISO 8601 forms
}

}  // namespace
}  // namespace omvarld
