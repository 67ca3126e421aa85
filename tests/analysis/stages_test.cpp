// Each stage not covered by pipeline_test.cpp, against cases worked out by
// hand: outlier treatment, the normalisations, the aggregations, weighting,
// imputation and screening, and the coherence checks.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/coherence.h"
#include "analysis/outliers.h"
#include "analysis/pipeline.h"
#include "analysis/statistics.h"

namespace omvarld {
namespace {

Framework two_level(int indicators, std::vector<int> directions = {}) {
  Framework f;
  for (int j = 0; j < indicators; ++j) {
    FrameworkNode n;
    n.code = "I";
    n.code += std::to_string(j + 1);
    n.level = 1;
    n.parent = "Index";
    n.direction = directions.empty() ? 1 : directions[static_cast<size_t>(j)];
    f.indicators.push_back(n);
  }
  FrameworkNode top;
  top.code = "Index";
  top.level = 2;
  f.aggregates.push_back(top);
  return f;
}

TEST(Outliers, PassingColumnIsLeftAlone) {
  Eigen::MatrixXd x(5, 1);
  x << 1, 2, 3, 4, 5;
  OutlierResult r = treat_outliers(x);
  EXPECT_TRUE(r.treated.empty());
  EXPECT_EQ(r.values, x);
}

TEST(Outliers, WinsorisesTheHighBlockUntilItPasses) {
  // Ten ones-to-tens plus 1000: |skew| and kurtosis are far over the limits;
  // clipping 1000 to the next value (10) gives 1..10, 10, which passes.
  Eigen::MatrixXd x(11, 1);
  for (int i = 0; i < 10; ++i) x(i, 0) = i + 1;
  x(10, 0) = 1000;
  OutlierResult r = treat_outliers(x);
  ASSERT_EQ(r.treated.size(), 1u);
  EXPECT_EQ(r.treated[0].winsorised, 1);
  EXPECT_FALSE(r.treated[0].log_transformed);
  EXPECT_EQ(r.treated[0].rows, (std::vector<Eigen::Index>{10}));
  EXPECT_EQ(r.values(10, 0), 10);
  EXPECT_TRUE(r.treated[0].passes_after);
  // Mirrored: the low side is clipped.
  OutlierResult low = treat_outliers(-x);
  EXPECT_EQ(low.values(10, 0), -10);
}

TEST(Outliers, TiedExtremesAreClippedTogether) {
  // 1..20 and two 1000s: skewness 3.06, kurtosis 8.08 (over 2 and 3.5). The
  // tied block of both 1000s goes to the next value, 20, in one step, which
  // leaves a column that passes (skewness -0.09). Two points winsorised.
  Eigen::MatrixXd x(22, 1);
  for (int i = 0; i < 20; ++i) x(i, 0) = i + 1;
  x(20, 0) = x(21, 0) = 1000;
  OutlierResult r = treat_outliers(x);
  ASSERT_EQ(r.treated.size(), 1u);
  EXPECT_EQ(r.treated[0].winsorised, 2);
  EXPECT_EQ(r.treated[0].rows, (std::vector<Eigen::Index>{20, 21}));
  EXPECT_EQ(r.values(20, 0), 20);
  EXPECT_EQ(r.values(21, 0), 20);
  EXPECT_NEAR(r.treated[0].skew_before, 3.0565824692954786, 1e-9);
}

TEST(Outliers, LogFallbackByHand) {
  // 1, 1, 1, 1, 1, 1, 1, 1, 2, 1000 with winmax 1: one clip (1000 -> 2) leaves
  // 1 x 8, 2 x 2: skew 1.78 < 2, so it passes after one point. With skew limit
  // 1 it would not, and with winmax 1 the log of the original is taken:
  // log(x - 1 + 0.01 * 999).
  Eigen::MatrixXd x(10, 1);
  x << 1, 1, 1, 1, 1, 1, 1, 1, 2, 1000;
  OutlierResult pass = treat_outliers(x, OutlierOptions{1, 2, 3.5});
  ASSERT_EQ(pass.treated.size(), 1u);
  EXPECT_EQ(pass.treated[0].winsorised, 1);
  EXPECT_EQ(pass.values(9, 0), 2);
  OutlierResult log = treat_outliers(x, OutlierOptions{1, 1, 0});
  ASSERT_EQ(log.treated.size(), 1u);
  EXPECT_TRUE(log.treated[0].log_transformed);
  EXPECT_EQ(log.treated[0].winsorised, 0);
  EXPECT_NEAR(log.values(0, 0), std::log(9.99), 1e-12);
  EXPECT_NEAR(log.values(9, 0), std::log(999 + 9.99), 1e-12);
}

TEST(Normalise, EveryMethodByHandWithDirections) {
  Framework f = two_level(2, {1, -1});
  f.indicators[0].worst = 0, f.indicators[0].best = 8, f.indicators[0].target = 3;
  f.indicators[1].worst = 40, f.indicators[1].best = 10, f.indicators[1].target = 20;
  Eigen::MatrixXd x(4, 2);
  x << 1, 10, 2, 20, 4, 30, 4, NAN;
  auto z = normalise(x, f, *parse_normalise_spec("zscore:10,2"));
  ASSERT_TRUE(z.ok());
  // Column 1: mean 2.75, sd sqrt(((1.75)^2 + (0.75)^2 + 1.25^2 * 2) / 3) = sqrt(6.75 / 3) = 1.5.
  EXPECT_NEAR((*z)(0, 0), 10 + 2 * (1 - 2.75) / 1.5, 1e-12);
  // Column 2, lower is better: mean 20, sd 10; 10 -> 10 + 2 * 1 = 12.
  EXPECT_NEAR((*z)(0, 1), 12, 1e-12);
  EXPECT_TRUE(std::isnan((*z)(3, 1)));
  auto rank = normalise(x, f, *parse_normalise_spec("rank"));
  EXPECT_EQ(rank->col(0), Eigen::Vector4d(1, 2, 3.5, 3.5));  // ties averaged
  EXPECT_DOUBLE_EQ((*rank)(0, 1), 3);                        // 10 is the best of three
  auto pct = normalise(x, f, *parse_normalise_spec("percentile"));
  EXPECT_DOUBLE_EQ((*pct)(0, 0), 0);
  EXPECT_DOUBLE_EQ((*pct)(1, 0), 100.0 / 3);
  EXPECT_DOUBLE_EQ((*pct)(2, 1), 0);
  auto goal = normalise(x, f, *parse_normalise_spec("goalposts"));
  EXPECT_DOUBLE_EQ((*goal)(1, 0), 25);         // 2 of 0..8
  EXPECT_DOUBLE_EQ((*goal)(1, 1), 200.0 / 3);  // 20 between worst 40 and best 10
  auto target = normalise(x, f, *parse_normalise_spec("target"));
  EXPECT_DOUBLE_EQ((*target)(0, 0), 0);    // the worst present
  EXPECT_DOUBLE_EQ((*target)(1, 0), 50);   // halfway from 1 to the target 3
  EXPECT_DOUBLE_EQ((*target)(2, 0), 100);  // beyond the target: clipped
  EXPECT_DOUBLE_EQ((*target)(0, 1), 100);  // 10 is better than the target 20
  EXPECT_DOUBLE_EQ((*target)(2, 1), 0);    // 30 is the worst present
  auto best = normalise(x, f, *parse_normalise_spec("best"));
  EXPECT_DOUBLE_EQ((*best)(0, 0), 25);         // 1 / 4
  EXPECT_DOUBLE_EQ((*best)(2, 1), 100.0 / 3);  // 10 / 30, lower is better
  // Errors name the indicator.
  f.indicators[1].worst = NAN;
  auto bad = normalise(x, f, *parse_normalise_spec("goalposts"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("I2"), std::string::npos);
  EXPECT_FALSE(parse_normalise_spec("minmax:5").ok());
  EXPECT_FALSE(parse_normalise_spec("minmax:5,1").ok());
  EXPECT_FALSE(parse_normalise_spec("rank:1,2").ok());
  EXPECT_FALSE(parse_normalise_spec("softmax").ok());
  EXPECT_EQ(parse_normalise_spec("minmax:1,100")->text(), "minmax:1,100");
}

TEST(Aggregate, MeansByHandWithWeightsAndMissingChildren) {
  Framework f = two_level(3);
  FrameworkLayout l = layout_of(f);
  Eigen::MatrixXd n(3, 3);
  n << 1, 4, 16, 2, 2, NAN, 0, 5, 5;
  std::vector<double> w{1, 1, 2, 1};  // I3 weighs double; the last is Index's own
  auto run = [&](const char* spec, double min_share = 0) -> Eigen::VectorXd {
    return aggregate(n, l, w, {*parse_aggregate_spec(spec)}, min_share).values.col(3);
  };
  Eigen::VectorXd a = run("amean");
  EXPECT_DOUBLE_EQ(a[0], (1 + 4 + 32) / 4.0);
  EXPECT_DOUBLE_EQ(a[1], 2);  // over the two present, weights 1 and 1
  Eigen::VectorXd g = run("gmean");
  EXPECT_NEAR(g[0], std::pow(1 * 4 * 16 * 16, 0.25), 1e-12);  // (1 * 4 * 16^2)^(1/4) = 8
  EXPECT_DOUBLE_EQ(g[2], 0);  // a zero child: the limit of the product
  Eigen::VectorXd h = run("hmean");
  EXPECT_NEAR(h[0], 4 / (1 + 0.25 + 2.0 / 16), 1e-12);
  Eigen::VectorXd p2 = run("pmean:2");
  EXPECT_NEAR(p2[0], std::sqrt((1 + 16 + 2 * 256) / 4.0), 1e-12);
  // Minimum share of children: unit 2 has 2 of 3.
  EXPECT_TRUE(std::isnan(run("amean", 0.8)[1]));
  EXPECT_DOUBLE_EQ(run("amean", 0.6)[1], 2);
  EXPECT_EQ(parse_aggregate_spec("pmean:1")->method, AggregateMethod::kArithmetic);
  EXPECT_FALSE(parse_aggregate_spec("median").ok());
}

TEST(Aggregate, CopelandCountsPairwiseMajorities) {
  // Three units, three equally weighted children:
  //   u0: 3 3 1   u1: 2 2 2   u2: 1 1 3
  // u0 vs u1: ahead on 2 of 3 -> u0 wins; u0 vs u2: 2 of 3 -> u0 wins;
  // u1 vs u2: 2 of 3 -> u1 wins. Scores: u0 +2, u1 0, u2 -2.
  Framework f = two_level(3);
  FrameworkLayout l = layout_of(f);
  Eigen::MatrixXd n(3, 3);
  n << 3, 3, 1, 2, 2, 2, 1, 1, 3;
  LevelScores s = aggregate(n, l, l.weights, {*parse_aggregate_spec("copeland")});
  EXPECT_EQ(s.values.col(3), Eigen::Vector3d(2, 0, -2));
  // Weight the third child above the other two together: u2 now beats both.
  std::vector<double> w{1, 1, 3, 1};
  LevelScores s2 = aggregate(n, l, w, {*parse_aggregate_spec("copeland")});
  EXPECT_EQ(s2.values.col(3), Eigen::Vector3d(-2, 0, 2));
}

TEST(Weights, PcaLoadingsFavourTheCommonSignal) {
  // I1 and I2 move together, I3 is noise uncorrelated with them: the first
  // component loads on I1 and I2 (0.5 each when their correlation is 1 and I3's
  // is 0), so their squared loadings carry the weight.
  Framework f = two_level(3);
  FrameworkLayout l = layout_of(f);
  Eigen::MatrixXd n(4, 3);
  n << 1, 2, 1, 2, 4, -1, 3, 6, -1, 4, 8, 1;
  std::vector<double> w = pca_weights(n, l, {}, 0);
  EXPECT_NEAR(w[0], 0.5, 1e-9);
  EXPECT_NEAR(w[1], 0.5, 1e-9);
  EXPECT_NEAR(w[2], 0, 1e-9);
  EXPECT_EQ(weights_for(l, WeightMethod::kEqual), std::vector<double>(4, 1.0));
}

TEST(Impute, MeanMedianAndScreening) {
  Eigen::MatrixXd x(4, 2);
  x << 1, NAN, 2, NAN, 9, NAN, NAN, 4;
  Eigen::MatrixXd m = impute(x, Imputation::kMean);
  EXPECT_DOUBLE_EQ(m(3, 0), 4);
  EXPECT_DOUBLE_EQ(m(0, 1), 4);
  EXPECT_DOUBLE_EQ(impute(x, Imputation::kMedian)(3, 0), 2);
  EXPECT_TRUE(std::isnan(impute(x, Imputation::kNone)(3, 0)));
  EXPECT_EQ(units_with_data(x, 0.5).size(), 4u);
  EXPECT_EQ(indicators_with_data(x, 0.5), (std::vector<Eigen::Index>{0}));
  EXPECT_FALSE(parse_imputation("zero").ok());
}

TEST(Coherence, FlagsRedundantAndNegativeSiblings) {
  Framework f = two_level(3);
  FrameworkLayout l = layout_of(f);
  Eigen::MatrixXd s(8, 4);
  // I2 = 2 I1 (redundant), I3 = -I1 (negative); Index = their mean.
  for (int i = 0; i < 8; ++i) s.row(i) << i, 2 * i, -i, (i + 2 * i - i) / 3.0;
  CoherenceReport c = coherence(s, l);
  // Fewer units than the minimum: nothing is flagged.
  CoherenceReport small = coherence(s.topRows(5), l);
  EXPECT_TRUE(small.flags.empty());
  EXPECT_GT(small.skipped_small, 0);
  bool redundant = false, negative = false;
  for (const auto& flag : c.flags) {
    redundant |= flag.kind == "redundant" && flag.a == "I1" && flag.b == "I2";
    negative |= flag.kind == "negative" && flag.b == "I3";
  }
  EXPECT_TRUE(redundant);
  EXPECT_TRUE(negative);
  ASSERT_EQ(c.alpha_codes, (std::vector<std::string>{"Index"}));
  EXPECT_LT(c.alpha[0], 0.5);  // the inverted item spoils consistency
}

}  // namespace
}  // namespace omvarld
