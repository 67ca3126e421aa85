// Committee profiles and the policy model inside the scorer (relevance.h):
// an item close to a remit scores without a listed term and the why names the
// committee; a confident model flags what the rules miss and the why shows
// its words; the shipped files load and name real themes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "relevance/relevance.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

const char* kRules = R"(
flag_threshold = 30
look_threshold = 10
[model]
flag = 0.8
look = 0.5
[[theme]]
id = "transport"
committee = "Trafiknämnden"
terms_en = ["public transport"]
[[theme]]
id = "care"
committee = "Äldrenämnden"
terms_en = ["elderly care"]
negative = ["veterinary"]
)";

RelevanceRules rules() {
  auto r = parse_relevance_rules(kRules, "rules.toml");
  EXPECT_TRUE(r.ok()) << r.error().message;
  return std::move(r).value();
}

std::vector<CommitteeProfile> profiles() {
  return {{"Trafiknämnden", "transport",
           "The committee runs the streets, cycle lanes, pavements and snow clearance, "
           "and plans parking.",
           "Nämnden ansvarar för gator, cykelbanor, trottoarer och snöröjning.", "test"},
          {"Äldrenämnden", "care",
           "The committee runs home care, nursing homes and support to carers of older people.",
           "Nämnden ansvarar för hemtjänst, vård- och omsorgsboenden och anhörigstöd.", "test"}};
}

TEST(RelevanceProfiles, AnItemCloseToARemitScoresWithoutAListedTermAndNamesTheCommittee) {
  RelevanceRules r = rules();
  const Relevance before = RelevanceScorer(r).score("Snow clearance of cycle lanes", "", "");
  EXPECT_EQ(before.score, 0);
  r.profiles = profiles();
  RelevanceScorer s(r);
  const Relevance after = s.score("Snow clearance of cycle lanes", "", "");
  EXPECT_GE(after.score, r.look_threshold) << after.why();
  EXPECT_FALSE(after.flagged) << "a profile alone never flags";
  EXPECT_EQ(after.grade, Grade::kLook);
  ASSERT_FALSE(after.themes.empty());
  EXPECT_EQ(after.themes[0].theme, "transport");
  EXPECT_EQ(after.committee, "Trafiknämnden");
  EXPECT_NE(after.why().find("close to the remit of Trafiknämnden"), std::string::npos)
      << after.why();
  EXPECT_NE(after.why().find("snow"), std::string::npos) << after.why();
  // Swedish items are compared with the Swedish remit, on Swedish stems.
  const Relevance sv = s.score("Snöröjning av cykelbanorna och gatorna", "", "");
  ASSERT_FALSE(sv.themes.empty()) << sv.why();
  EXPECT_EQ(sv.themes[0].profile, "Trafiknämnden");
  // An item far from every remit gets nothing; the closer one wins.
  EXPECT_EQ(s.score("Fishing quotas in the Baltic", "", "").score, 0);
  const Relevance care = s.score("Home care and nursing homes", "", "");
  ASSERT_FALSE(care.themes.empty());
  EXPECT_EQ(care.themes[0].profile, "Äldrenämnden");
  // A negative of the theme cancels the profile's points too.
  EXPECT_EQ(s.score("Veterinary home care and nursing homes", "", "").score, 0);
}

TEST(RelevanceProfiles, TheFilesTheRulesNameLieBesideThem) {
  auto r = parse_relevance_rules(
      "[profiles]\nfile = '../../etc/passwd'\n[[theme]]\nid='x'\nterms_en=['x']\n", "r.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("beside the rules"), std::string::npos) << r.error().message;
  EXPECT_FALSE(
      parse_relevance_rules("[model]\nfile = 'a/b.tsv'\n[[theme]]\nid='x'\nterms_en=['x']\n", "r")
          .ok());
}

TEST(RelevanceProfiles, ProfilesFileMustNameTheRulesThemes) {
  const std::vector<std::string> ids = {"transport"};
  EXPECT_TRUE(parse_committee_profiles(
                  "[[committee]]\nname='T'\ntheme='transport'\nremit_en='x y'\nremit_sv='x'\n",
                  "c.toml", ids)
                  .ok());
  auto bad = parse_committee_profiles(
      "[[committee]]\nname='T'\ntheme='roads'\nremit_en='x'\nremit_sv='x'\n", "c.toml", ids);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("roads"), std::string::npos);
  EXPECT_FALSE(parse_committee_profiles(
                   "[[committee]]\nname='T'\ntheme='transport'\nremit_en='x'\n", "c.toml", ids)
                   .ok());  // no Swedish remit
}

PolicyModel model() {
  PolicyModel m;
  m.bias = -3;
  m.weights = {{"s:kindergarten", 5.0}, {"s:meal", 1.5}, {"p:erasmus", 1.0}};
  return m;
}

TEST(RelevanceModel, AConfidentModelFlagsWhatTheRulesMissAndSaysWhy) {
  RelevanceRules r = rules();
  r.model = model();
  RelevanceScorer s(r);
  // p = sigmoid(-3 + 5 + 1.5) = 0.97: flagged by the model alone.
  const Relevance k = s.score("Kindergarten meals", "", "");
  EXPECT_EQ(k.rule_score, 0);
  EXPECT_TRUE(k.flagged) << k.why();
  EXPECT_EQ(k.grade, Grade::kFlag);
  EXPECT_NEAR(k.model_p, 0.97, 0.01);
  EXPECT_GE(k.score, r.flag_threshold);
  EXPECT_EQ(k.model_words, (std::vector<std::string>{"kindergarten", "meals"}));
  EXPECT_EQ(k.why(), "model 0.97 (kindergarten, meals)");
  // A weaker item: sigmoid(-3 + 1.5 + 1.0) = 0.38, below look, so not shown.
  const Relevance meals = s.score("School meals", "", "", "ERASMUS-EDU-2026");
  EXPECT_NEAR(meals.model_p, 0.38, 0.01);
  EXPECT_EQ(meals.grade, Grade::kNone);
  EXPECT_TRUE(meals.model_words.empty()) << "the why shows a model that leans relevant only";
  // Both: the rules' terms and the model's words side by side (p = sigmoid(2) = 0.88).
  const Relevance both = s.score("Public transport to the kindergarten", "", "");
  EXPECT_TRUE(both.flagged);
  EXPECT_EQ(both.why(), "transport (title: public transport); model 0.88 (kindergarten)");
  // The model's probability is put on the score's scale: look -> 10, flag -> 30.
  EXPECT_EQ(both.score, std::max(both.rule_score,
                                 30 + static_cast<int>(std::lround(70 * (0.8808 - 0.8) / 0.2))));
}

TEST(RelevanceModel, AnItemTheModelAloneFlagsGetsTheClosestCommittee) {
  RelevanceRules r = rules();
  r.model = model();
  r.profiles = profiles();
  RelevanceScorer s(r);
  // One word of Trafiknämnden's remit among many of none: too far for points
  // (cosine under 0.15), near enough to say who would handle it.
  const Relevance k = s.score("Kindergarten meals, toys, songs, games and snow", "", "");
  EXPECT_TRUE(k.flagged) << k.why();
  EXPECT_TRUE(k.themes.empty()) << k.why();
  EXPECT_EQ(k.committee, "Trafiknämnden");
  // Nothing shown, no committee.
  EXPECT_EQ(s.score("Toys, songs and snow", "", "").committee, "");
}

TEST(RelevanceModel, ACancelledProgrammeStaysCancelledWhateverTheModel) {
  const char* text = R"(
[[theme]]
id = "transport"
terms_en = ["public transport"]
[[programme]]
pattern = "EDF-*"
none = true
)";
  auto r = parse_relevance_rules(text, "r.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  r->model = model();
  RelevanceScorer s(*r);
  const Relevance edf = s.score("Kindergarten for troops", "", "", "EDF-2026-RA-01");
  EXPECT_EQ(edf.score, 0);
  EXPECT_FALSE(edf.flagged);
  EXPECT_EQ(edf.why(), "programme EDF-*");
}

TEST(RelevanceModel, ShippedRulesLoadTheirProfilesAndModel) {
  const std::string dir = std::string(OMVARLD_SOURCE_DIR) + "/feeds";
  auto r = load_relevance_rules(dir + "/relevance.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_GE(r->profiles.size(), 12u);
  for (const CommitteeProfile& p : r->profiles) {
    EXPECT_FALSE(p.source.empty()) << p.name;
    EXPECT_GT(p.remit_en.size(), 200u) << p.name;
  }
  EXPECT_GT(r->model.weights.size(), 100u);
  // The version covers the files the rules name: a changed model is a new version.
  test::TempDir tmp;
  for (const char* f : {"relevance.toml", "committees.toml", "relevance_model.tsv"})
    test::write_file(tmp.file(f), test::read_file(dir + "/" + f));
  auto same = load_relevance_rules(tmp.file("relevance.toml"));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, r->version);
  test::write_file(tmp.file("relevance_model.tsv"),
                   test::read_file(dir + "/relevance_model.tsv") + "s:zzz\t1\n");
  auto changed = load_relevance_rules(tmp.file("relevance.toml"));
  ASSERT_TRUE(changed.ok());
  EXPECT_NE(changed->version, r->version);
  // A missing model file is an error that names it.
  std::remove(tmp.file("relevance_model.tsv").c_str());
  auto missing = load_relevance_rules(tmp.file("relevance.toml"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("relevance_model.tsv"), std::string::npos)
      << missing.error().message;
}

}  // namespace
}  // namespace omvarld
