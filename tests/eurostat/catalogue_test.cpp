#include "parse/catalogue.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace omvarld {
namespace {

TEST(Catalogue, ParsesTreeAndDates) {
  std::string toc =
      "\"title\"\t\"code\"\t\"type\"\t\"last update of data\"\t\"last table structure "
      "change\"\t\"data start\"\t\"data "
      "end\"\t\"values\"\n"
      "\"Database by themes\"\t\"data\"\t\"folder\"\t\" \"\t\" \"\t\" \"\t\" \"\t\n"
      "\"    City statistics\"\t\"urb\"\t\"folder\"\t\" \"\t\" \"\t\" \"\t\" \"\t\n"
      "\"        Population on 1 "
      "January\"\t\"urb_cpop1\"\t\"dataset\"\t\"20.04.2023\"\t\"12.10."
      "2022\"\t\"1989\"\t\"2022\"\t\n";
  auto r = parse_catalogue_toc(toc, "toc");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  const auto& e = (*r)[2];
  EXPECT_EQ(e.code, "urb_cpop1");
  EXPECT_EQ(e.title, "Population on 1 January");
  EXPECT_EQ(e.depth, 2);
  EXPECT_EQ(e.last_update, "2023-04-20");
  EXPECT_EQ(e.path, "Database by themes > City statistics");
  EXPECT_EQ(e.data_start, "1989");
}

TEST(Catalogue, RejectsWhatIsNotATableOfContents) {
  EXPECT_FALSE(parse_catalogue_toc("<html><body>oops</body></html>", "toc").ok());
  EXPECT_FALSE(parse_catalogue_toc("code,title\nx,y\n", "toc").ok());
  EXPECT_EQ(dmy_to_iso("32.x.2023"), "");
}

TEST(Catalogue, RealSnapshot) {
  REQUIRE_SHARED_FIXTURE(path, "eurostat/catalogue_toc_txt_en_2023-04.txt");
  auto r = parse_catalogue_toc(test::read_file(path), path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->size(), 10955u);  // 10,956 lines less the header
  bool found = false;
  for (const auto& e : *r)
    if (e.code == "urb_cpop1") {
      found = true;
      EXPECT_EQ(e.last_update, "2023-04-20");
      EXPECT_NE(e.path.find("City statistics"), std::string::npos);
    }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace omvarld
