// Monte Carlo, scenarios and sensitivity: reproducible for a seed whatever
// the thread count, rank statistics as R's type-7 quantiles, and a choice
// that cannot move the ranks has no sensitivity.
#include "analysis/uncertainty.h"

#include <gtest/gtest.h>

#include <cmath>

#include "analysis/statistics.h"

namespace omvarld {
namespace {

struct Case {
  Framework f;
  UnitData d;
};

// 8 units, 4 indicators in 2 pillars, values from a fixed formula.
Case make_case() {
  auto f = parse_coinr_meta(*parse_csv("iCode,Level,Parent,Weight,Direction,Type\n"
                                       "A,1,P1,1,1,Indicator\nB,1,P1,1,1,Indicator\n"
                                       "C,1,P2,1,1,Indicator\nD,1,P2,1,-1,Indicator\n"
                                       "P1,2,I,1,1,Aggregate\nP2,2,I,1,1,Aggregate\n"
                                       "I,3,,1,1,Aggregate\n",
                                       "meta"),
                            "meta");
  EXPECT_TRUE(f.ok());
  UnitData d;
  d.values.resize(8, 4);
  for (int i = 0; i < 8; ++i) {
    d.units.push_back("u");
    d.units.back() += std::to_string(i);
    d.names.push_back(d.units.back());
    d.values.row(i) << (i * 7) % 8 + 1, (i * 3) % 8 + 2, (i * 5) % 8 + 1, i + 0.5 * (i % 3);
  }
  return Case{*f, d};
}

TEST(Uncertainty, MonteCarloIsReproducibleAndThreadCountFree) {
  Case c = make_case();
  EngineOptions o;
  auto p = prepare(c.f, c.d, o);
  ASSERT_TRUE(p.ok()) << p.error().message;
  UncertaintyOptions u;
  u.replications = 500;
  u.seed = 42;
  u.normalise = {*parse_normalise_spec("minmax:1,100"), *parse_normalise_spec("zscore:50,10")};
  u.aggregate = {*parse_aggregate_spec("amean"), *parse_aggregate_spec("copeland")};
  u.threads = 1;
  auto one = monte_carlo(*p, o, u);
  ASSERT_TRUE(one.ok()) << one.error().message;
  u.threads = 2;
  auto two = monte_carlo(*p, o, u);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(one->runs, 500);
  EXPECT_EQ(one->mean, two->mean);
  EXPECT_EQ(one->q05, two->q05);
  EXPECT_EQ(one->q95, two->q95);
  u.seed = 43;
  auto other = monte_carlo(*p, o, u);
  EXPECT_NE(one->mean, other->mean);
  for (Eigen::Index i = 0; i < 8; ++i) {
    EXPECT_LE(one->q05[i], one->median[i]);
    EXPECT_LE(one->median[i], one->q95[i]);
    EXPECT_GE(one->q05[i], 1);
    EXPECT_LE(one->q95[i], 8);
  }
  // The nominal ranks are the analyst's run.
  auto nominal = run_index(c.f, c.d, o);
  EXPECT_EQ(one->nominal, Eigen::VectorXd(nominal->ranks.col(6)));
}

TEST(Uncertainty, ScenarioStatisticsAreTypeSevenQuantiles) {
  Case c = make_case();
  EngineOptions o;
  auto p = prepare(c.f, c.d, o);
  ASSERT_TRUE(p.ok());
  auto sets = parse_weight_sets(*parse_csv("weight_set,iCode,Level,Weight\n"
                                           "heavyA,A,1,5\nheavyA,P2,2,0.5\n",
                                           "w"),
                                c.f, "w.csv");
  ASSERT_TRUE(sets.ok()) << sets.error().message;
  auto scenarios = parse_scenarios(*parse_csv("scenario,weight_set,normalise,aggregate\n"
                                              "base,,\"minmax:0,100\",amean\n"
                                              "geo,,\"minmax:1,100\",gmean\n"
                                              "ranked,heavyA,rank,amean\n"
                                              "z,,\"zscore:10,2\",amean\n"
                                              "cope,heavyA,percentile,copeland\n",
                                              "s"),
                                   "s.csv");
  ASSERT_TRUE(scenarios.ok()) << scenarios.error().message;
  auto r = run_scenarios(*p, o, *scenarios, *sets);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->top_ranks.cols(), 5);
  // Each scenario's ranks are a plain run with its choices.
  EngineOptions geo = o;
  geo.normalise = *parse_normalise_spec("minmax:1,100");
  geo.aggregate = {*parse_aggregate_spec("gmean")};
  EXPECT_EQ(Eigen::VectorXd(r->top_ranks.col(1)),
            Eigen::VectorXd(run_index(c.f, c.d, geo)->ranks.col(6)));
  // Statistics from the five ranks of each unit, by the definitions.
  for (Eigen::Index i = 0; i < 8; ++i) {
    std::vector<double> v;
    for (Eigen::Index k = 0; k < 5; ++k) v.push_back(r->top_ranks(i, k));
    std::sort(v.begin(), v.end());
    EXPECT_DOUBLE_EQ(r->stats.mean[i], mean_of(v));
    EXPECT_DOUBLE_EQ(r->stats.median[i], v[2]);
    EXPECT_DOUBLE_EQ(r->stats.q05[i], v[0] + 0.2 * (v[1] - v[0]));  // h = 4 * 0.05
    EXPECT_DOUBLE_EQ(r->stats.q95[i], v[3] + 0.8 * (v[4] - v[3]));  // h = 3.8
  }
  // Errors name the file and row.
  auto bad_level =
      parse_weight_sets(*parse_csv("weight_set,iCode,Level,Weight\nx,A,2,1\n", "w"), c.f, "w.csv");
  ASSERT_FALSE(bad_level.ok());
  EXPECT_NE(bad_level.error().message.find("w.csv: row 2: A is at level 1, not 2"),
            std::string::npos);
  auto bad_norm = parse_scenarios(
      *parse_csv("scenario,weight_set,normalise,aggregate\ns,,softmax,amean\n", "s"), "s.csv");
  ASSERT_FALSE(bad_norm.ok());
  EXPECT_NE(bad_norm.error().message.find("s.csv: row 2"), std::string::npos);
  // gmean on z-scores would take logs of negative numbers: refused clearly.
  EngineOptions neg = o;
  neg.normalise = *parse_normalise_spec("zscore:0,1");
  neg.aggregate = {*parse_aggregate_spec("gmean")};
  auto refused = run_index(c.f, c.d, neg);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("needs values >= 0"), std::string::npos);
}

TEST(Uncertainty, SensitivityFindsTheChoiceThatMatters) {
  Case c = make_case();
  EngineOptions o;
  auto p = prepare(c.f, c.d, o);
  ASSERT_TRUE(p.ok());
  UncertaintyOptions u;
  u.seed = 7;
  u.weight_noise = 0;
  // Two normalisations that rank identically (min-max over different ranges
  // is a monotone map of the same scores) and two aggregations that do not.
  u.normalise = {*parse_normalise_spec("minmax:0,100"), *parse_normalise_spec("minmax:0,10")};
  u.aggregate = {*parse_aggregate_spec("amean"), *parse_aggregate_spec("copeland")};
  auto s = sensitivity(*p, o, u, 200);
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->factors, (std::vector<std::string>{"normalisation", "aggregation"}));
  EXPECT_EQ(s->runs, 200 * 4);
  EXPECT_NEAR(s->total_order[0], 0, 1e-12);
  EXPECT_GT(s->total_order[1], 0.9);
  EXPECT_GT(s->first_order[1], 0.8);
  u.normalise.clear();
  u.aggregate.clear();
  EXPECT_FALSE(sensitivity(*p, o, u, 10).ok());  // nothing uncertain
}

}  // namespace
}  // namespace omvarld
