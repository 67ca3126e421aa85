#include "relevance/stemmer.h"

#include <gtest/gtest.h>

#include <utility>

namespace omvarld {
namespace {

TEST(Stemmer, EnglishAndSwedishFormsShareAStem) {
  Stemmer en(StemLanguage::kEnglish);
  EXPECT_EQ(en.stem("vehicle"), en.stem("vehicles"));
  EXPECT_EQ(en.stem("charge"), en.stem("charging"));
  // Snowball strips suffixes, not prefixes: the rules keep "recharging" entries.
  EXPECT_NE(en.stem("recharging"), en.stem("charging"));
  Stemmer sv(StemLanguage::kSwedish);
  EXPECT_EQ(sv.stem("kommun"), sv.stem("kommunerna"));
  EXPECT_EQ(sv.stem("kommuner"), "kommun");
  EXPECT_EQ(sv.stem("städerna"), sv.stem("städer"));
}

TEST(Stemmer, MovedStemmerKeepsItsHandle) {
  Stemmer a(StemLanguage::kEnglish);
  Stemmer b = std::move(a);
  EXPECT_EQ(b.stem("cities"), "citi");
  EXPECT_EQ(b.stem(""), "");
}

}  // namespace
}  // namespace omvarld
