// The shipped rules against real consultations labelled by hand
// (feeds/labelled/README.md): at least 90% recall at 80% precision, on the
// split the rules were tuned on and on the held-out split.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <sstream>

#include "labelled_consultations.h"
#include "relevance/relevance.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

TEST(RelevanceQuality, MeetsTheTargetOnLabelledConsultations) {
  REQUIRE_SHARED_FIXTURE(path, "feeds/eu/hys_consultations_2016_2026_scraped.json");
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  RelevanceScorer scorer(std::move(rules).value());

  auto labels = test::labelled_consultations();  // id -> (label, split)
  ASSERT_EQ(labels.size(), 657u);

  rapidjson::Document d;
  std::string text = test::read_file(path);
  d.Parse(text.c_str());
  ASSERT_TRUE(d.IsArray());
  struct Counts {
    int tp = 0, fn = 0, fp = 0;
  };
  std::map<std::string, Counts> by_split;
  for (const auto& c : d.GetArray()) {
    auto it = labels.find(c["initiative_id"].GetString());
    ASSERT_NE(it, labels.end()) << c["initiative_id"].GetString();
    const auto& [label, split] = it->second;
    if (label == "maybe") continue;
    bool flagged = scorer
                       .score(c["initiative_name"].GetString(),
                              c["topic"].IsString() ? c["topic"].GetString() : "", "")
                       .flagged;
    Counts& n = by_split[split];
    if (label == "yes")
      (flagged ? n.tp : n.fn)++;
    else if (flagged)
      n.fp++;
  }
  for (const char* split : {"dev", "heldout"}) {
    const Counts& n = by_split[split];
    double recall = n.tp / double(n.tp + n.fn), precision = n.tp / double(n.tp + n.fp);
    EXPECT_GE(recall, 0.90) << split << ": " << n.tp << " of " << n.tp + n.fn
                            << " relevant consultations flagged";
    EXPECT_GE(precision, 0.80) << split << ": " << n.tp << " of " << n.tp + n.fp
                               << " flagged are relevant";
    std::printf("%s: recall %.2f (%d/%d), precision %.2f (%d/%d)\n", split, recall, n.tp,
                n.tp + n.fn, precision, n.tp, n.tp + n.fp);
  }
}

}  // namespace
}  // namespace omvarld
