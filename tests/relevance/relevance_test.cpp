#include "relevance/relevance.h"

#include <gtest/gtest.h>

namespace omvarld {
namespace {

const char* kRules = R"(
flag_threshold = 30
urgent_days = 10
[fields]
title = 3.0
topics = 2.0
summary = 1.0
[[theme]]
id = "transport"
committee = "Trafiknämnden"
terms_en = ["public transport", "mobility", "railway*"]
terms_sv = ["kollektivtrafik*"]
[[theme]]
id = "housing"
terms_en = ["housing"]
negative = ["housing market statistics"]
)";

RelevanceScorer scorer() {
  auto r = parse_relevance_rules(kRules, "rules.toml");
  EXPECT_TRUE(r.ok()) << r.error().message;
  return RelevanceScorer(std::move(r).value());
}

TEST(Relevance, TitleOutweighsSummaryAndSaysWhy) {
  auto s = scorer();
  Relevance t = s.score("Urban mobility package", "", "");
  EXPECT_EQ(t.score, 30);
  EXPECT_TRUE(t.flagged);
  EXPECT_EQ(t.committee, "Trafiknämnden");
  EXPECT_EQ(t.why(), "transport (title: mobility)");
  Relevance sum = s.score("A regulation", "", "It concerns mobility.");
  EXPECT_EQ(sum.score, 10);
  EXPECT_FALSE(sum.flagged);
  Relevance both =
      s.score("Public transport and mobility", "Transport", "New railways for Kollektivtrafiken");
  // title: 3 * (1 + 0.5) = 4.5; summary: 1 * (1 + 0.5) = 1.5; -> 60
  EXPECT_EQ(both.score, 60);
  EXPECT_EQ(both.why(),
            "transport (title: public transport, mobility; summary: railway*, kollektivtrafik*)");
}

TEST(Relevance, PhrasesWholeWordsPrefixesAndNegatives) {
  auto s = scorer();
  EXPECT_EQ(s.score("Transport publications", "", "").score, 0);  // "public transport" is a phrase
  EXPECT_EQ(s.score("Immobility", "", "").score, 0);              // whole words only
  EXPECT_EQ(s.score("RAILWAYS", "", "").score, 30);               // prefix, any case
  EXPECT_EQ(s.score("Housing market statistics and housing", "", "").score, 0);  // negative cancels
  EXPECT_EQ(s.score("Housing", "Mobility", "").themes.size(), 2u);
  EXPECT_EQ(s.score("Bättre KOLLEKTIVTRAFIKEN i Malmö", "", "").score, 30);  // Swedish, upper case
}

TEST(Relevance, ContextWordsAloneNeverFlag) {
  auto r = parse_relevance_rules(R"(
[[theme]]
id = "digital"
terms_en = ["digital public services"]
weak_en = ["digital", "data", "cyber*"]
)",
                                 "rules");
  ASSERT_TRUE(r.ok()) << r.error().message;
  RelevanceScorer s(std::move(r).value());
  Relevance weak = s.score("Digital data, cyber data, digital", "Digital data", "digital data");
  EXPECT_GE(weak.score, 30);   // plenty of context ...
  EXPECT_FALSE(weak.flagged);  // ... but no term of the theme's own
  EXPECT_TRUE(s.score("Digital public services", "", "").flagged);
  // "cyber*" and a term starting at the same word count once.
  EXPECT_EQ(s.score("Cyber", "", "").score, 10);
}

TEST(Relevance, ThreeGradesFlagLookAndNone) {
  auto r = parse_relevance_rules(R"(
flag_threshold = 30
look_threshold = 10
[[theme]]
id = "digital"
terms_en = ["digital public services"]
weak_en = ["digital", "data"]
)",
                                 "rules");
  ASSERT_TRUE(r.ok()) << r.error().message;
  RelevanceScorer s(std::move(r).value());
  const Relevance flag = s.score("Digital public services", "", "");
  EXPECT_TRUE(flag.flagged);
  EXPECT_EQ(flag.grade, Grade::kFlag);
  // Context only, however much of it: never flagged, but worth a look.
  const Relevance look = s.score("Digital data", "Digital data", "");
  EXPECT_FALSE(look.flagged);
  EXPECT_EQ(look.grade, Grade::kLook);
  const Relevance topic_only = s.score("Fisheries", "", "digital");  // 1/3 of the summary's 10
  EXPECT_EQ(topic_only.grade, Grade::kNone);
  EXPECT_EQ(s.score("Fisheries quotas", "", "").grade, Grade::kNone);
  for (Grade g : {Grade::kFlag, Grade::kLook, Grade::kNone})
    EXPECT_EQ(parse_grade(grade_name(g)), g);
  EXPECT_FALSE(parse_grade("maybe"));
  EXPECT_FALSE(parse_relevance_rules("flag_threshold = 30\nlook_threshold = 40\n[[theme]]\nid='x'\n"
                                     "terms_en=['x']\n",
                                     "r")
                   .ok());
}

TEST(Relevance, ProgrammesByIdentifierAddTheirThemeOrCancelTheCall) {
  auto r = parse_relevance_rules(R"(
[[theme]]
id = "urban"
terms_en = ["urban mobility"]
negative = ["military"]
[[theme]]
id = "climate"
terms_en = ["climate adaptation"]
weak_en = ["climate"]
[[programme]]
pattern = "HORIZON-MISS-*-CIT-*"
label = "Cities mission"
theme = "urban"
field = "title"
[[programme]]
pattern = "LIFE-*"
theme = "climate"
[[programme]]
pattern = "EDF-*"
none = true
)",
                                 "rules");
  ASSERT_TRUE(r.ok()) << r.error().message;
  RelevanceScorer s(std::move(r).value());
  // A cities-mission call flags on its identifier alone, and says why.
  const Relevance mission =
      s.score("Positive energy districts", "", "", "HORIZON-MISS-2026-CIT-02-01");
  EXPECT_TRUE(mission.flagged);
  EXPECT_NE(mission.why().find("programme Cities mission"), std::string::npos) << mission.why();
  // A LIFE call is worth a look on its identifier, flagged with a title word.
  EXPECT_EQ(s.score("Nature and biodiversity", "", "", "LIFE-2026-SAP-NAT").grade, Grade::kLook);
  EXPECT_TRUE(s.score("Climate action", "", "", "LIFE-2026-SAP-CLIMA-CCA").flagged);
  // Defence: cancelled, whatever the text says.
  EXPECT_EQ(s.score("Urban mobility for troops", "", "", "EDF-2026-RA-X").score, 0);
  // A theme's negative still cancels what the programme adds.
  EXPECT_FALSE(s.score("Military bases", "", "", "HORIZON-MISS-2026-CIT-01").flagged);
  // Only whole identifiers match; no identifier, no programme.
  EXPECT_FALSE(s.score("Positive energy districts", "", "", "").flagged);
  EXPECT_FALSE(s.score("Positive energy districts", "", "", "XHORIZON-MISS-1-CIT-2").flagged);
  EXPECT_FALSE(parse_relevance_rules("[[theme]]\nid='x'\nterms_en=['x']\n[[programme]]\n"
                                     "pattern='A*'\ntheme='nosuch'\n",
                                     "r")
                   .ok());
}

TEST(Relevance, TermsMatchOnStems) {
  auto r = parse_relevance_rules(R"(
[[theme]]
id = "transport"
terms_en = ["clean vehicles", "charging infrastructure"]
[[theme]]
id = "urban"
terms_sv = ["kommun"]
weak_sv = ["data"]
)",
                                 "rules");
  ASSERT_TRUE(r.ok()) << r.error().message;
  RelevanceScorer s(std::move(r).value());
  // One entry for the forms of its words, and the why names the entry.
  const Relevance clean = s.score("Clean vehicle directive", "", "");
  EXPECT_TRUE(clean.flagged);
  EXPECT_EQ(clean.why(), "transport (title: clean vehicles)");
  EXPECT_EQ(s.score("Infrastructure for charge points", "", "Charging infrastructure").grade,
            Grade::kLook);
  EXPECT_TRUE(s.score("Charge infrastructure", "", "").flagged);
  // Swedish terms on Swedish stems in a Swedish item ...
  EXPECT_TRUE(s.score("Kommunerna och klimatet", "", "").flagged);
  EXPECT_TRUE(s.score("Stöd åt kommunerna", "", "").flagged);  // å/ä/ö, no function word
  // ... and as written in an English one, where the Swedish stemmer's
  // guesses about English words ("dates" -> "dat", like "data") do not count.
  EXPECT_EQ(s.score("Dates of the kommun elections", "", "").why(), "urban (title: kommun)");
  EXPECT_EQ(s.score("Dates and deadlines", "", "").score, 0);
  EXPECT_EQ(s.score("Data om kommunerna", "", "").why(), "urban (title: data, kommun)");
}

TEST(Relevance, ExactWordsMatchAsWrittenAndWholeWordsOnly) {
  auto r = parse_relevance_rules(R"(
[[theme]]
id = "t"
terms_en = ["=parking", "=cities", "=buildings"]
weak_en = ["city"]
)",
                                 "rules");
  ASSERT_TRUE(r.ok()) << r.error().message;
  RelevanceScorer s(std::move(r).value());
  EXPECT_TRUE(s.score("Parking", "", "").flagged);
  EXPECT_EQ(s.score("Marine parks", "", "").score, 0);  // "parks" stems like "parking"
  EXPECT_EQ(s.score("Capacity building", "", "").score, 0);
  EXPECT_EQ(s.score("Energy in buildings", "", "").why(), "t (title: buildings)");
  // "city" inside another word is no city; "city" is context, "cities" a term.
  EXPECT_EQ(s.score("Electricity, capacity and ethnicity", "", "").score, 0);
  EXPECT_EQ(s.score("City", "", "").grade, Grade::kLook);
  EXPECT_TRUE(s.score("Cities", "", "").flagged);
}

TEST(Relevance, RulesErrorsNameTheFile) {
  auto r = parse_relevance_rules("[[theme]]\nid='x'\n", "feeds/relevance.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("feeds/relevance.toml: theme 1 (x) has no terms"),
            std::string::npos);
  EXPECT_FALSE(parse_relevance_rules("flag_threshold = 30\n", "r").ok());
}

TEST(Relevance, ShippedRulesLoadAndCoverTheCityThemes) {
  auto r = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_GE(r->themes.size(), 15u);
  for (const auto& t : r->themes) {
    EXPECT_FALSE(t.committee.empty()) << t.id;
    EXPECT_FALSE(t.label_sv.empty()) << t.id;
  }
  RelevanceScorer s(std::move(r).value());
  EXPECT_TRUE(
      s.score("Revision of the Urban Waste Water Treatment Directive", "Environment", "").flagged);
  EXPECT_TRUE(s.score("Energy performance of buildings – revision", "Energy", "").flagged);
  EXPECT_TRUE(
      s.score("Public procurement – evaluation of the directives", "Single market", "").flagged);
  EXPECT_FALSE(
      s.score("Fees paid to the Agency for the Cooperation of Energy Regulators", "Energy", "")
          .flagged);
}

TEST(Tokenize, LowersLatinLettersAndSplitsOnPunctuation) {
  EXPECT_EQ(tokenize("ÅÄÖ-Stad, É\xE2\x80\x93x"),
            (std::vector<std::string>{"åäö", "stad", "é", "x"}));
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// negative_everywhere joins every theme's own negatives: one list cancels
// all themes, and a theme's own negatives stay.
TEST(Relevance, NegativeEverywhereCancelsEveryTheme) {
  auto r = parse_relevance_rules(R"(
flag_threshold = 20
look_threshold = 15
negative_everywhere = ["developing countries"]
[[theme]]
id = "transport"
terms_en = ["public transport"]
[[theme]]
id = "housing"
terms_en = ["housing"]
negative = ["housing market statistics"]
)",
                                 "rules.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->themes[0].negative, (std::vector<std::string>{"developing countries"}));
  EXPECT_EQ(r->themes[1].negative,
            (std::vector<std::string>{"housing market statistics", "developing countries"}));
  RelevanceScorer s(std::move(r).value());
  EXPECT_TRUE(s.score("Public transport and housing", "", "").flagged);
  const Relevance abroad = s.score("Public transport and housing in developing countries", "", "");
  EXPECT_FALSE(abroad.flagged);
  EXPECT_EQ(abroad.score, 0);
  EXPECT_TRUE(abroad.themes.empty()) << abroad.why();
}

}  // namespace
}  // namespace omvarld
