// parse_csv(): RFC 4180 in a loop over the bytes. Issue 10: each cell costs
// about 40 bytes, so a file of commas cost 40 times its size; cells are
// capped.
#include "parse/csv_table.h"

#include <gtest/gtest.h>

namespace omvarld {
namespace {

TEST(CsvTable, QuotedFieldsMissingCellsAndCrlf) {
  auto t = parse_csv("a,b ,c\r\n1,\"x,\"\"y\"\"\",\r\n\n2,\"\",3\n", "t.csv");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][1].text, "x,\"y\"");
  EXPECT_TRUE(t->rows[0][2].missing);
  EXPECT_FALSE(t->rows[1][1].missing);
}

TEST(CsvTable, FileOfCommasIsRefusedAtTheCellCap) {
  auto t = parse_csv(std::string(kMaxCsvCells + 10, ','), "commas.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, ErrorKind::kTooLarge);
  EXPECT_NE(t.error().message.find("commas.csv"), std::string::npos);
  auto lines = parse_csv(std::string(kMaxCsvCells + 10, '\n'), "lines.csv");
  ASSERT_FALSE(lines.ok());
  EXPECT_EQ(lines.error().kind, ErrorKind::kTooLarge);
}

TEST(CsvTable, UnclosedQuoteAndRaggedRowsAreErrors) {
  EXPECT_FALSE(parse_csv("a,b\n\"1,2\n", "t").ok());
  EXPECT_FALSE(parse_csv("a,b\n1,2,3\n", "t").ok());
}

}  // namespace
}  // namespace omvarld
