#include "relevance/evaluation.h"

#include <gtest/gtest.h>

#include <cmath>

namespace omvarld {
namespace {

TEST(Evaluation, CountsRecallPrecisionAndTheAucOfTheScore) {
  // Two clearly relevant (one flagged), one possibly (flagged), two not
  // (one flagged): recall 1/2, precision 1/2 (the possible one is neither).
  std::vector<LabelledResult> r = {
      {2, 60, true, "housing"}, {2, 20, false, ""}, {1, 40, true, "water"},
      {0, 35, true, "water"},   {0, 20, false, ""},
  };
  Evaluation e = evaluate(r);
  EXPECT_EQ(e.relevant, 2);
  EXPECT_EQ(e.relevant_flagged, 1);
  EXPECT_EQ(e.possible, 1);
  EXPECT_EQ(e.not_relevant_flagged, 1);
  EXPECT_DOUBLE_EQ(e.recall(), 0.5);
  EXPECT_DOUBLE_EQ(e.precision(), 0.5);
  // Pairs (pos, neg): (60,35) win, (60,20) win, (20,35) loss, (20,20) tie.
  EXPECT_DOUBLE_EQ(e.auc, 2.5 / 4);
  EXPECT_EQ(e.recall_by_theme.at("housing"), std::make_pair(1, 1));
  EXPECT_EQ(e.recall_by_theme.at(""), std::make_pair(0, 1));
}

TEST(Evaluation, NothingToDivideByIsNaNNotZero) {
  Evaluation e = evaluate({{0, 10, false, ""}});
  EXPECT_TRUE(std::isnan(e.recall()));
  EXPECT_TRUE(std::isnan(e.precision()));
  EXPECT_TRUE(std::isnan(e.auc));
}

}  // namespace
}  // namespace omvarld
