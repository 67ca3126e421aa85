#include "core/text.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <random>

namespace omvarld {

TEST(Text, TrimAndSplit) {
  EXPECT_EQ(trim("  2019 \r"), "2019");
  auto parts = split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
}

TEST(Text, ParseDoubleIsStrictAndExact) {
  EXPECT_EQ(parse_double("45300.0"), 45300.0);
  EXPECT_EQ(parse_double("+1.5"), 1.5);
  EXPECT_EQ(parse_double("0.1"), 0.1);
  EXPECT_FALSE(parse_double("1.5e"));
  EXPECT_FALSE(parse_double("KG"));
  EXPECT_FALSE(parse_double(""));
  EXPECT_FALSE(parse_double("1 2"));
}

// The fast path of parse_double must give exactly what from_chars gives.
TEST(Text, ParseDoubleFastPathAgreesWithFromChars) {
  std::mt19937_64 rng(7);
  const char* digits = "0123456789";
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    if (rng() % 4 == 0) s += '-';
    int a = 1 + static_cast<int>(rng() % 12), b = static_cast<int>(rng() % 10);
    for (int k = 0; k < a; ++k) s += digits[rng() % 10];
    if (b) {
      s += '.';
      for (int k = 0; k < b; ++k) s += digits[rng() % 10];
    }
    double want = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), want);
    ASSERT_EQ(ec, std::errc()) << s;
    auto got = parse_double(s);
    ASSERT_TRUE(got.has_value()) << s;
    ASSERT_EQ(*got, want) << s;
    ASSERT_EQ(std::signbit(*got), std::signbit(want)) << s;
  }
  EXPECT_EQ(parse_double("12."), 12.0);  // as from_chars reads them
  EXPECT_EQ(parse_double(".5"), 0.5);
  EXPECT_FALSE(parse_double("-"));
  EXPECT_FALSE(parse_double("1.2.3"));
  EXPECT_EQ(parse_double("12345678901234567890"), 12345678901234567890.0);
}

TEST(Text, RecognisesHtmlPages) {
  EXPECT_TRUE(looks_like_html("\xEF\xBB\xBF  <!DOCTYPE html><html>"));
  EXPECT_TRUE(looks_like_html("<HTML><body>Service unavailable"));
  EXPECT_FALSE(looks_like_html("{\"version\":\"2.0\"}"));
  EXPECT_FALSE(looks_like_html("<?xml version=\"1.0\"?><S:Fault/>"));
}

TEST(Text, FormatsDoublesShortestRoundTrip) {
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(864324), "864324");
  EXPECT_EQ(*parse_double(format_double(1.0 / 3.0)), 1.0 / 3.0);
  EXPECT_EQ(with_thousands(1579896), "1,579,896");
  EXPECT_EQ(with_thousands(-12), "-12");
}

}  // namespace omvarld
