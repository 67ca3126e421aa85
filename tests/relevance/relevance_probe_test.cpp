// The shipped rules, profiles and model on items of other kinds than the
// labelled corpora: European Parliament procedure titles and European
// citizens' initiatives, title only (no Commission topic, no call id), as
// the held-out set has them. The probe (feeds/labelled/probe_other_kinds.tsv)
// is small and graded by one developer; it is a sanity check that nothing in
// the rules needs a Have your say or SEDIA shape to flag a clearly relevant
// item, not a figure to tune on. Its floors sit a little below what it
// measures (docs/relevance.md).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/text.h"
#include "relevance/evaluation.h"
#include "relevance/relevance.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

struct ProbeItem {
  std::string title;
  int grade;
  std::string kind;
  std::string split;  // the second probe's dev/test; empty in the first
};

std::vector<ProbeItem> probe(const std::string& file = "probe_other_kinds.tsv",
                             size_t split_column = 0) {
  std::vector<ProbeItem> out;
  const std::string text =
      test::read_file(std::string(OMVARLD_SOURCE_DIR) + "/feeds/labelled/" + file);
  bool header = true;
  for (std::string_view line : split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    const auto cols = split(line, '\t');
    EXPECT_GE(cols.size(), 3u) << line;
    if (cols.size() < 3) continue;
    out.push_back({std::string(cols[0]), std::atoi(std::string(cols[1]).c_str()),
                   std::string(cols[2]),
                   split_column && split_column < cols.size() ? std::string(cols[split_column])
                                                              : std::string()});
  }
  return out;
}

TEST(RelevanceProbe, ParliamentProceduresAndCitizensInitiativesByTitleAlone) {
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  RelevanceScorer scorer(std::move(rules).value());
  const auto items = probe();
  ASSERT_GE(items.size(), 50u);
  std::vector<LabelledResult> results;
  for (const ProbeItem& it : items) {
    const Relevance r = scorer.score(it.title, "", "");
    results.push_back({it.grade, r.score, r.flagged, "", r.grade == Grade::kLook});
    if ((it.grade == 2 && !r.flagged) || (it.grade == 0 && r.flagged) ||
        std::getenv("OMVARLD_SHOW_PROBE"))
      std::printf("  %s g%d %s %d | %s | %s\n", it.kind.c_str(), it.grade, grade_name(r.grade),
                  r.score, it.title.c_str(), r.why().c_str());
  }
  const Evaluation e = evaluate(results);
  std::printf(
      "probe (Parliament, citizens' initiatives; title only): clearly relevant flagged %d/%d "
      "(recall %.2f), precision %.2f (%d clearly not flagged), flagged or look %.2f, clearly not "
      "shown %d/%d, AUC %.3f\n",
      e.relevant_flagged, e.relevant, e.recall(), e.precision(), e.not_relevant_flagged,
      e.recall_shown(), e.not_relevant_shown, e.not_relevant, e.auc);
  // Measured 2026-12-01 with the rules as shipped: recall 0.82 (14/17), precision 1.00, flagged
  // or look 0.94 (16/17), AUC 0.971; before this round's changes 0.71, 0.92, 0.94, 0.957. After
  // the second probe's dev revisions ("sanitation" among them) 0.88, 1.00, 0.94, 0.973.
  EXPECT_GE(e.recall(), 0.80);
  EXPECT_GE(e.precision(), 0.90);
  EXPECT_GE(e.recall_shown(), 0.93);
  EXPECT_GE(e.auc, 0.96);
}

// The second probe (feeds/labelled/probe2_policy_labels.tsv): 189 Parliament
// procedures, citizens' initiatives and Have your say initiatives written
// down by one session that never saw the rules, graded by two others under
// the policy (a third where they differed), split by title like the corpora.
// Rules may be revised looking at dev's misses only; test is reported.
TEST(RelevanceProbe, SecondProbeByTitleAloneTestSplit) {
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  RelevanceScorer scorer(std::move(rules).value());
  const auto items = probe("probe2_policy_labels.tsv", 3);
  ASSERT_GE(items.size(), 150u);
  std::vector<LabelledResult> dev, test;
  for (const ProbeItem& it : items) {
    const Relevance r = scorer.score(it.title, "", "");
    ASSERT_TRUE(it.split == "dev" || it.split == "test") << it.title;
    (it.split == "dev" ? dev : test)
        .push_back({it.grade, r.score, r.flagged, "", r.grade == Grade::kLook});
    // Only dev's misses are ever shown: test's stay unseen.
    if (it.split == "dev" && std::getenv("OMVARLD_SHOW_PROBE") &&
        ((it.grade == 2 && !r.flagged) || (it.grade == 0 && r.flagged)))
      std::printf("  dev %s g%d %s %d | %s | %s\n", it.kind.c_str(), it.grade, grade_name(r.grade),
                  r.score, it.title.c_str(), r.why().c_str());
  }
  for (const auto& [name, results] : {std::pair{"dev", &dev}, std::pair{"test", &test}}) {
    const Evaluation e = evaluate(*results);
    std::printf(
        "second probe, %s split (title only): clearly relevant flagged %d/%d (recall %.2f), "
        "precision %.2f (%d clearly not flagged), flagged or look %.2f, clearly not shown %d/%d, "
        "AUC %.3f\n",
        name, e.relevant_flagged, e.relevant, e.recall(), e.precision(), e.not_relevant_flagged,
        e.recall_shown(), e.not_relevant_shown, e.not_relevant, e.auc);
  }
  // Measured 2026-12-01 on the test split: before this probe's dev revisions recall 0.69
  // (11/16), precision 0.85, flagged or look 0.94, AUC 0.926; after them the same (dev went
  // from 0.67 to 0.86). The floors, in items, allow one item worse than that (the split is
  // small: one item is 6 points of recall); the targets are far above.
  const Evaluation e = evaluate(test);
  EXPECT_GE(e.relevant_flagged, 10);     // of 16; 11 measured
  EXPECT_LE(e.not_relevant_flagged, 3);  // 2 measured
  EXPECT_GE(e.recall_shown(), 0.87);     // 15 of 16 measured; 14 of 16 passes
  EXPECT_GE(e.auc, 0.90);
}

}  // namespace
}  // namespace omvarld
