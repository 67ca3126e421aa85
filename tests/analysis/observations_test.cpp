// Data selection: long and wide (panel) tables, the period asked for, the
// latest value within N years, and filling over time.
#include "analysis/observations.h"

#include <gtest/gtest.h>

#include <cmath>

namespace omvarld {
namespace {

Framework framework() {
  auto f = parse_coinr_meta(*parse_csv("iCode,Level,Parent,Weight,Type\n"
                                       "A,1,I,1,Indicator\nB,1,I,1,Indicator\nI,2,,1,Aggregate\n"
                                       "Pop,,,,Denominator\n",
                                       "meta"),
                            "meta");
  EXPECT_TRUE(f.ok());
  return *f;
}

const char* kLong =
    "unit,name,indicator,period,value,flags\n"
    "SE001C,Stockholm,A,2015,10,\n"
    "SE001C,Stockholm,A,2019,14,p\n"
    "SE001C,Stockholm,B,2017,5,e\n"
    "NO001C,Oslo,A,2020,20,\n"
    "NO001C,Oslo,B,2016,1,\n"
    "NO001C,Oslo,B,2020,3,\n"
    "NO001C,Oslo,Pop,2020,700000,\n"
    "NO001C,Oslo,Other,2020,1,\n"
    "DK001C,København,A,2020,,c\n";

TEST(Observations, LatestPeriodWithinYearsAndOverTime) {
  Framework f = framework();
  auto obs = observations_from_table(*parse_csv(kLong, "long"), f, "long.csv");
  ASSERT_TRUE(obs.ok()) << obs.error().message;
  EXPECT_EQ(obs->units, (std::vector<std::string>{"SE001C", "NO001C", "DK001C"}));
  EXPECT_EQ(obs->rows.size(), 7u);  // "Other" and the empty value are not kept

  // Latest period in the data: 2020. Exact values only.
  auto exact = select_observations(*obs, f, {});
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->period, "2020");
  EXPECT_TRUE(std::isnan(exact->data.values(0, 0)));
  EXPECT_EQ(exact->data.values(1, 0), 20);
  EXPECT_EQ(exact->data.denominators.at("Pop")[1], 700000);
  EXPECT_EQ(exact->data.names[2], "København");

  // Within 2 years: Stockholm's A from 2019 (flag p kept), not B from 2017.
  SelectionOptions within;
  within.within_years = 2;
  auto w = select_observations(*obs, f, within);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->data.values(0, 0), 14);
  EXPECT_EQ(w->value_period[0][0], "2019");
  EXPECT_EQ(w->flags[0][0], "p");
  EXPECT_EQ(w->origin[0][0], ValueOrigin::kEarlier);
  EXPECT_TRUE(std::isnan(w->data.values(0, 1)));

  // Carried forward without a limit: B from 2017.
  SelectionOptions carried;
  carried.over_time = Imputation::kLatest;
  auto c = select_observations(*obs, f, carried);
  EXPECT_EQ(c->data.values(0, 1), 5);
  EXPECT_EQ(c->origin[0][1], ValueOrigin::kCarried);

  // Linear interpolation in 2018 for Oslo's B: 1 (2016) .. 3 (2020) -> 2.
  SelectionOptions linear;
  linear.period = "2018";
  linear.over_time = Imputation::kLinear;
  linear.units = {"NO001C", "FI001C"};
  auto l = select_observations(*obs, f, linear);
  ASSERT_TRUE(l.ok());
  EXPECT_DOUBLE_EQ(l->data.values(0, 1), 2);
  EXPECT_EQ(l->origin[0][1], ValueOrigin::kInterpolated);
  EXPECT_TRUE(std::isnan(l->data.values(0, 0)));  // A: only after 2018, no extrapolation
  EXPECT_EQ(l->missing_units, (std::vector<std::string>{"FI001C"}));
}

TEST(Observations, WidePanelAndErrors) {
  Framework f = framework();
  auto obs = observations_from_table(
      *parse_csv("uCode,uName,Time,A,B,Pop\nX,Ex,2018,1,2,10\nX,Ex,2019,3,,10\nY,Why,2019,5,6,\n",
                 "wide"),
      f, "panel.csv");
  ASSERT_TRUE(obs.ok()) << obs.error().message;
  auto s = select_observations(*obs, f, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->period, "2019");
  EXPECT_EQ(s->data.values(0, 0), 3);
  EXPECT_TRUE(std::isnan(s->data.values(0, 1)));
  EXPECT_EQ(s->data.values(1, 1), 6);

  auto repeated = observations_from_table(*parse_csv("uCode,A,B\nX,1,2\nX,3,4\n", "w"), f, "w.csv");
  ASSERT_FALSE(repeated.ok());
  EXPECT_NE(repeated.error().message.find("w.csv: row 3: uCode X repeated"), std::string::npos);
  auto bad =
      observations_from_table(*parse_csv("unit,indicator,value\nX,A,ten\n", "l"), f, "l.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("l.csv: row 2, value: not a number"), std::string::npos);
  auto twice = observations_from_table(
      *parse_csv("unit,indicator,value,period\nX,A,1,2019\nX,A,2,2019\n", "l"), f, "l.csv");
  ASSERT_TRUE(twice.ok());
  auto sel = select_observations(*twice, f, {});
  ASSERT_FALSE(sel.ok());
  EXPECT_NE(sel.error().message.find("two values for X, A, period 2019"), std::string::npos);
  EXPECT_EQ(period_year("2019-Q1"), 2019);
  EXPECT_FALSE(period_year("Q1").has_value());
}

}  // namespace
}  // namespace omvarld
