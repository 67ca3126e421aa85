// Each pipeline stage against a case worked out by hand, and COINr's ASEM
// example loaded and run through the stages built so far.
#include "analysis/pipeline.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "analysis/observations.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

const char* kMeta =
    "iCode,iName,Level,Parent,Weight,Direction,Type,Denominator\n"
    "\"A\",\"Alpha\",1,\"P1\",1,1,\"Indicator\",\n"
    "\"B\",\"Beta, lower is better\",1,\"P1\",1,-1,\"Indicator\",\n"
    "\"C\",\"Gamma per person\",1,\"P2\",2,1,\"Indicator\",\"Pop\"\n"
    "\"D\",\"Delta\",1,\"P2\",1,1,\"Indicator\",\n"
    "\"P1\",\"Pillar 1\",2,\"Index\",1,1,\"Aggregate\",\n"
    "\"P2\",\"Pillar 2\",2,\"Index\",3,1,\"Aggregate\",\n"
    "\"Index\",\"Index\",3,,1,1,\"Aggregate\",\n"
    "\"G\",\"Group\",,,,,\"Group\",\n"
    "\"Pop\",\"Population\",,,,,\"Denominator\",\n";

const char* kData =
    "uCode,uName,G,Pop,A,B,C,D\r\n"
    "\"u1\",\"One\",\"x\",10,1,10,100,0\r\n"
    "\"u2\",\"Two\",\"x\",20,2,20,100,\r\n"
    "\"u3\",\"Three\",\"y\",40,3,,400,10\r\n";

struct Loaded {
  Framework f;
  UnitData d;
};

Loaded load() {
  auto meta = parse_csv(kMeta, "meta");
  EXPECT_TRUE(meta.ok());
  auto f = parse_coinr_meta(*meta, "meta");
  EXPECT_TRUE(f.ok()) << f.error().message;
  auto data = parse_csv(kData, "data");
  EXPECT_TRUE(data.ok());
  auto d = parse_coinr_data(*data, *f, "data");
  EXPECT_TRUE(d.ok()) << d.error().message;
  return Loaded{*f, *d};
}

TEST(Pipeline, HandWorkedCaseThroughEveryStage) {
  Loaded l = load();
  ASSERT_EQ(l.f.indicators.size(), 4u);
  ASSERT_EQ(l.f.aggregates.size(), 3u);
  EXPECT_EQ(l.f.top_level(), 3);
  EXPECT_EQ(l.f.indicators[1].direction, -1);
  EXPECT_TRUE(std::isnan(l.d.values(1, 3)));  // u2's D is missing

  auto x = denominate(l.d.values, l.f, l.d);
  ASSERT_TRUE(x.ok());
  EXPECT_DOUBLE_EQ((*x)(0, 2), 10);  // 100 / 10
  EXPECT_DOUBLE_EQ((*x)(1, 2), 5);   // 100 / 20
  EXPECT_DOUBLE_EQ((*x)(2, 2), 10);  // 400 / 40

  // Screening before imputation: u2 and u3 each have 3 of 4 values.
  EXPECT_EQ(units_with_data(*x, 0.75).size(), 3u);
  EXPECT_EQ(units_with_data(*x, 0.9), (std::vector<Eigen::Index>{0}));

  Eigen::MatrixXd imputed = impute_group_mean(*x, l.d.groups.at("G"));
  EXPECT_DOUBLE_EQ(imputed(1, 3), 0);      // u2's D: the mean of group x (u1: 0)
  EXPECT_TRUE(std::isnan(imputed(2, 1)));  // u3 is alone in group y: B stays missing

  std::vector<int> dirs;
  for (const auto& i : l.f.indicators) dirs.push_back(i.direction);
  Eigen::MatrixXd n = normalise_minmax(imputed, dirs);
  EXPECT_DOUBLE_EQ(n(0, 0), 0);
  EXPECT_DOUBLE_EQ(n(1, 0), 50);
  EXPECT_DOUBLE_EQ(n(2, 0), 100);
  EXPECT_DOUBLE_EQ(n(0, 1), 100);  // B = 10 is the best, lower being better
  EXPECT_DOUBLE_EQ(n(1, 1), 0);
  EXPECT_DOUBLE_EQ(n(1, 2), 0);
  EXPECT_DOUBLE_EQ(n(2, 3), 100);

  LevelScores s = aggregate_arithmetic(n, l.f);
  ASSERT_EQ(s.codes, (std::vector<std::string>{"A", "B", "C", "D", "P1", "P2", "Index"}));
  // P1 = (A + B) / 2, over what is there; P2 = (2 C + D) / 3; Index = (P1 + 3 P2) / 4.
  EXPECT_DOUBLE_EQ(s.values(0, 4), 50);
  EXPECT_DOUBLE_EQ(s.values(1, 4), 25);
  EXPECT_DOUBLE_EQ(s.values(2, 4), 100);
  EXPECT_DOUBLE_EQ(s.values(0, 5), 200.0 / 3);
  EXPECT_DOUBLE_EQ(s.values(1, 5), 0);
  EXPECT_DOUBLE_EQ(s.values(2, 5), 100);
  EXPECT_DOUBLE_EQ(s.values(0, 6), (50 + 200) / 4.0);
  EXPECT_DOUBLE_EQ(s.values(1, 6), 25 / 4.0);
  EXPECT_DOUBLE_EQ(s.values(2, 6), 100);
  EXPECT_EQ(rank_descending(s.values.col(6)), Eigen::Vector3d(2, 3, 1));
}

TEST(Pipeline, EdgeCases) {
  // Ties share the lowest rank; missing stays missing.
  Eigen::VectorXd r = rank_descending(Eigen::Vector<double, 5>(5, 7, 7, NAN, 1));
  EXPECT_EQ(r[0], 3);
  EXPECT_EQ(r[1], 1);
  EXPECT_EQ(r[2], 1);
  EXPECT_TRUE(std::isnan(r[3]));
  EXPECT_EQ(r[4], 4);
  // A constant indicator, an all-missing one, and one unit.
  Eigen::MatrixXd x(2, 2);
  x << 3, NAN, 3, NAN;
  Eigen::MatrixXd n = normalise_minmax(x, {1, 1});
  EXPECT_DOUBLE_EQ(n(0, 0), 50);
  EXPECT_TRUE(std::isnan(n(1, 1)));
  Eigen::MatrixXd one(1, 1);
  one << 7;
  EXPECT_DOUBLE_EQ(normalise_minmax(one, {-1}, 1, 100)(0, 0), 50.5);
  EXPECT_EQ(rank_descending(Eigen::VectorXd::Constant(1, 2.0))[0], 1);
}

TEST(Pipeline, FrameworkAndDataErrorsNameTheSource) {
  auto bad_parent = parse_coinr_meta(
      *parse_csv("iCode,Level,Parent,Weight,Type\nA,1,P,1,Indicator\nI,2,,1,Aggregate\n", "m"),
      "meta.csv");
  ASSERT_FALSE(bad_parent.ok());
  EXPECT_NE(bad_parent.error().message.find("meta.csv: A has no parent \"P\""), std::string::npos)
      << bad_parent.error().message;
  Loaded l = load();
  auto missing_col = parse_coinr_data(*parse_csv("uCode,A,B,C\nu1,1,2,3\n", "d"), l.f, "data.csv");
  ASSERT_FALSE(missing_col.ok());
  EXPECT_NE(missing_col.error().message.find("data.csv: no data column for indicator D"),
            std::string::npos);
  auto not_number =
      parse_coinr_data(*parse_csv("uCode,A,B,C,D\nu1,1,x,3,4\n", "d"), l.f, "data.csv");
  ASSERT_FALSE(not_number.ok());
  EXPECT_NE(not_number.error().message.find("B: not a number"), std::string::npos);
}

TEST(CsvTable, QuotesMissingAndErrors) {
  auto t = parse_csv("a,b,c\r\n\"x, \"\"y\"\"\",,\"\"\n1,2,3", "t.csv");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][0].text, "x, \"y\"");
  EXPECT_TRUE(t->rows[0][1].missing);
  EXPECT_FALSE(t->rows[0][2].missing);  // "" is an empty string, not NA
  EXPECT_EQ(t->rows[1][2].text, "3");
  EXPECT_FALSE(parse_csv("a,b\n\"open,1\n", "t.csv").ok());
  auto ragged = parse_csv("a,b\n1\n", "t.csv");
  ASSERT_FALSE(ragged.ok());
  EXPECT_NE(ragged.error().message.find("t.csv: row 2 has 1 fields"), std::string::npos);
}

// COINr's ASEM example loads and runs through the stages one by one
// (coinr_agreement_test.cpp compares the engine's results with COINr's).
TEST(Pipeline, CoinrAsemExampleLoadsAndRuns) {
  REQUIRE_SHARED_FIXTURE(meta_path, "coinr/asem_imeta.csv");
  REQUIRE_SHARED_FIXTURE(data_path, "coinr/asem_idata.csv");
  auto meta = parse_csv(test::read_file(meta_path), meta_path);
  ASSERT_TRUE(meta.ok()) << meta.error().message;
  auto f = parse_coinr_meta(*meta, meta_path);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->indicators.size(),
            49u);  // SOURCES.md: 49 indicators, 11 aggregates, 4 groups, 4 denominators
  EXPECT_EQ(f->aggregates.size(), 11u);
  EXPECT_EQ(f->groups.size(), 4u);
  EXPECT_EQ(f->denominators.size(), 4u);
  EXPECT_EQ(f->top_level(), 4);
  int lower_is_better = 0, with_denominator = 0;
  for (const auto& i : f->indicators) {
    lower_is_better += i.direction < 0;
    with_denominator += !i.denominator.empty();
  }
  EXPECT_EQ(lower_is_better, 14);
  EXPECT_EQ(with_denominator, 17);

  auto data = parse_csv(test::read_file(data_path), data_path);
  ASSERT_TRUE(data.ok());
  auto d = parse_coinr_data(*data, *f, data_path);
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_EQ(d->units.size(), 51u);
  EXPECT_EQ(d->values.array().isNaN().count(), 63);  // SOURCES.md: 63 missing cells

  auto x = denominate(d->values, *f, *d);
  ASSERT_TRUE(x.ok());
  Eigen::MatrixXd imputed = impute_group_mean(*x, d->groups.at("EurAsia_group"));
  EXPECT_EQ(imputed.array().isNaN().count(), 0);
  std::vector<Eigen::Index> keep = units_with_data(*x, 0.9);
  Eigen::MatrixXd kept = select_rows(imputed, keep);
  std::vector<int> dirs;
  for (const auto& i : f->indicators) dirs.push_back(i.direction);
  LevelScores s = aggregate_arithmetic(normalise_minmax(kept, dirs), *f);
  Eigen::VectorXd index = s.values.col(s.values.cols() - 1);
  EXPECT_EQ(s.codes.back(), "Index");
  EXPECT_GE(index.minCoeff(), 0);
  EXPECT_LE(index.maxCoeff(), 100);
  Eigen::VectorXd ranks = rank_descending(index);
  std::set<int> distinct;
  for (Eigen::Index i = 0; i < ranks.size(); ++i) distinct.insert(static_cast<int>(ranks[i]));
  EXPECT_EQ(distinct.size(), keep.size());  // no ties among the countries
  EXPECT_EQ(*distinct.begin(), 1);
}

}  // namespace
}  // namespace omvarld
