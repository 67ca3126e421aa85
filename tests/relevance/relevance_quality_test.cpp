// The shipped rules (with their committee profiles and policy model) against
// real EU items labelled under
// ../shared/RELEVANCE-POLICY.md (feeds/labelled/README.md): Have your say
// consultations and Funding & Tenders calls. Figures are printed for the test
// split (the one the README reports); the floors are the measured figures of
// the rules as they stand, so a rule change that loses recall or precision
// fails here. Of the targets (recall 0.95 at precision 0.90, AUC
// 0.97, flagged or look 0.98), AUC is met on both, recall and flagged or
// look on calls; see docs/relevance.md.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <set>

#include "parse/feed_parser.h"
#include "policy_labels.h"
#include "relevance/evaluation.h"
#include "relevance/relevance.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

// The shipped rules, profiles and model's figures on the test splits
// (2026-12-01, docs/relevance.md), measured once at the end of the second
// round (the fourth time the test split was seen), after the thresholds were
// chosen by cross-validation on dev; the floors sit a little below, so a
// change that loses recall, precision or AUC fails here. Measured: Have your
// say recall 0.84 (32/38), precision 0.84, AUC 0.978, flagged or look 0.97
// (37/38); calls recall 1.00 (20/20), precision 0.57, AUC 0.988, flagged or
// look 1.00. The dev split's cross-validated figures have floors of their own
// (PolicyModel.DevSplitCrossValidatedWithTheRules).
constexpr double kHysRecallFloor = 0.83, kHysPrecisionFloor = 0.83, kHysAucFloor = 0.975;
// Clearly relevant items flagged or worth a look.
constexpr double kHysShownFloor = 0.97, kCallsShownFloor = 1.0;  // 20 of 20: not one may slip
constexpr double kCallsRecallFloor = 0.95, kCallsPrecisionFloor = 0.56, kCallsAucFloor = 0.985;

RelevanceScorer shipped_scorer() {
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  EXPECT_TRUE(rules.ok()) << rules.error().message;
  return RelevanceScorer(std::move(rules).value());
}

LabelledResult result(int grade, const Relevance& r) {
  return {grade, r.score, r.flagged, r.themes.empty() ? std::string() : r.themes.front().theme,
          r.grade == Grade::kLook};
}

void print(const char* corpus, const char* split, const Evaluation& e) {
  std::printf(
      "%s %s: clearly relevant flagged %d/%d (recall %.2f), precision %.2f (%d flagged, %d of "
      "them clearly not), possibly relevant flagged %d/%d, AUC %.3f\n",
      corpus, split, e.relevant_flagged, e.relevant, e.recall(), e.precision(),
      e.relevant_flagged + e.not_relevant_flagged, e.not_relevant_flagged, e.possible_flagged,
      e.possible, e.auc);
  std::printf("  flagged or worth a look: clearly relevant %d/%d (%.2f), clearly not %d/%d\n",
              e.relevant_shown, e.relevant, e.recall_shown(), e.not_relevant_shown, e.not_relevant);
  for (const auto& [theme, n] : e.recall_by_theme)
    std::printf("  %-28s %d/%d\n", theme.empty() ? "(no theme)" : theme.c_str(), n.first, n.second);
}

TEST(RelevanceQuality, HaveYourSayConsultationsAgainstPolicyLabels) {
  REQUIRE_SHARED_FIXTURE(path, "feeds/eu/hys_consultations_2016_2026_scraped.json");
  RelevanceScorer scorer = shipped_scorer();
  auto labels = test::policy_labels("hys");
  ASSERT_EQ(labels.size(), 657u);
  rapidjson::Document d;
  const std::string text = test::read_file(path);
  d.Parse(text.c_str());
  ASSERT_TRUE(d.IsArray());
  std::map<std::string, std::vector<LabelledResult>> by_split;
  for (const auto& c : d.GetArray()) {
    auto it = labels.find(c["initiative_id"].GetString());
    ASSERT_NE(it, labels.end()) << c["initiative_id"].GetString();
    const Relevance r = scorer.score(c["initiative_name"].GetString(),
                                     c["topic"].IsString() ? c["topic"].GetString() : "", "");
    by_split[it->second.split].push_back(result(it->second.grade, r));
  }
  const Evaluation test = evaluate(by_split["test"]);
  print("Have your say", "test", test);
  EXPECT_GE(test.relevant, 25);  // enough to measure
  EXPECT_GE(test.recall(), kHysRecallFloor);
  EXPECT_GE(test.precision(), kHysPrecisionFloor);
  EXPECT_GE(test.auc, kHysAucFloor);
  EXPECT_GE(test.recall_shown(), kHysShownFloor);
}

TEST(RelevanceQuality, FundingCallsAgainstPolicyLabels) {
  REQUIRE_SHARED_FIXTURE(path, "feeds/eu/ft_sedia_open_calls_rss2.xml");
  RelevanceScorer scorer = shipped_scorer();
  auto labels = test::policy_labels("calls");
  auto feed = parse_feed(test::read_file(path), "application/rss+xml", "calls fixture");
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  std::map<std::string, std::vector<LabelledResult>> by_split;
  std::set<std::string> seen;  // a call identifier that repeats is one call
  for (const FeedItem& item : feed->items) {
    if (!seen.insert(item.guid).second) continue;
    auto it = labels.find(item.guid);
    ASSERT_NE(it, labels.end()) << item.guid;
    std::string topics;
    for (const auto& c : item.categories) topics += (topics.empty() ? "" : "\n") + c;
    const Relevance r = scorer.score(item.title, topics, item.summary, item.guid);
    by_split[it->second.split].push_back(result(it->second.grade, r));
  }
  EXPECT_EQ(seen.size(), labels.size());
  const Evaluation test = evaluate(by_split["test"]);
  print("Funding calls", "test", test);
  EXPECT_GE(test.relevant, 15);
  EXPECT_GE(test.recall(), kCallsRecallFloor);
  EXPECT_GE(test.precision(), kCallsPrecisionFloor);
  EXPECT_GE(test.auc, kCallsAucFloor);
  EXPECT_GE(test.recall_shown(), kCallsShownFloor);
}

}  // namespace
}  // namespace omvarld
