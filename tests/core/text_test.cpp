#include "core/text.h"

#include <gtest/gtest.h>

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
