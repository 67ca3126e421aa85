// A second real check of the engine: the SDSN SDG Index for European Cities
// 2019 (../shared/fixtures/cities), run with goalpost normalisation (the
// codebook's best and worst values) and arithmetic means within and across
// goals, against the goal scores SDSN published. docs/sdsn-comparison.md
// explains the result: every goal score of a city with complete data for
// that goal comes out as published (to the published 0.1); the 32 that do
// not all belong to cities with missing values, which SDSN filled itself.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>
#include <set>

#include "analysis/engine.h"
#include "analysis/observations.h"
#include "core/text.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The codebook's weights: "1", " 1/2", " 1/3", or empty. An empty weight
// (sdg11_rburden only) is read as 0: the indicator is not in its goal's score
// (with weight 1 SDG 11 matches 2 of 45 cities; with 0, all 45).
double codebook_weight(std::string_view text) {
  text = trim(text);
  if (text.empty()) return 0;
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return parse_double(text).value_or(NAN);
  return parse_double(text.substr(0, slash)).value_or(NAN) /
         parse_double(text.substr(slash + 1)).value_or(NAN);
}

TEST(SdsnComparison, GoalScoresAsPublishedWhereTheDataAreComplete) {
  REQUIRE_SHARED_FIXTURE(book_path,
                         "cities/sdsn_sdg_index_european_cities_2019_codebook_from_ods.csv");
  REQUIRE_SHARED_FIXTURE(data_path, "cities/sdsn_sdg_index_european_cities_2019.csv");
  auto book = parse_csv(test::read_file(book_path), book_path);
  auto data = parse_csv(test::read_file(data_path), data_path);
  ASSERT_TRUE(book.ok() && data.ok());
  ASSERT_EQ(book->rows.size(), 56u);
  ASSERT_EQ(data->rows.size(), 45u);

  // The framework as COINr iMeta: indicators under goals, goals under the index.
  std::string meta = "iCode,iName,Level,Parent,Weight,Direction,Type,Worst,Best\n";
  std::set<std::string> goals;
  auto col = [&](const char* name) { return *book->column(name); };
  for (const auto& r : book->rows) {
    const std::string goal = "SDG" + std::string(trim(r[col("SDG")].text));
    goals.insert(goal);
    const double best = *parse_double(trim(r[col("Best Value")].text));
    const double worst = *parse_double(trim(r[col("Worst Value")].text));
    meta += quoted(r[col("short")].text) + "," + quoted(r[col("Indicator")].text) + ",1," + goal +
            "," + format_double(codebook_weight(r[col("Weight")].text)) + "," +
            (best > worst ? "1" : "-1") + ",Indicator," + format_double(worst) + "," +
            format_double(best) + "\n";
  }
  for (const auto& g : goals) meta += g + "," + g + ",2,Index,1,1,Aggregate,,\n";
  meta += "Index,SDG Index,3,,1,1,Aggregate,,\n";
  auto f = parse_coinr_meta(*parse_csv(meta, "meta"), "sdsn meta");
  ASSERT_TRUE(f.ok()) << f.error().message;

  // The data as a long table: unit = city name, indicator = the short code
  // before " : " in the header.
  std::string long_table = "unit,indicator,value\n";
  for (const auto& row : data->rows)
    for (size_t c = 0; c < data->header.size(); ++c) {
      const std::string& h = data->header[c];
      size_t sep = h.find(" : ");
      if (sep == std::string::npos || row[c].missing || trim(row[c].text).empty()) continue;
      long_table += quoted(row[0].text) + "," + std::string(trim(h.substr(0, sep))) + "," +
                    std::string(trim(row[c].text)) + "\n";
    }
  auto obs = observations_from_table(*parse_csv(long_table, "long"), *f, "sdsn data");
  ASSERT_TRUE(obs.ok()) << obs.error().message;
  auto sel = select_observations(*obs, *f, {});
  ASSERT_TRUE(sel.ok()) << sel.error().message;

  EngineOptions o;
  o.normalise = NormaliseSpec{NormaliseMethod::kGoalposts, 0, 100};
  auto r = run_index(*f, sel->data, o);
  ASSERT_TRUE(r.ok()) << r.error().message;

  int compared = 0, matched = 0, complete = 0, complete_matched = 0;
  std::map<std::string, std::pair<int, int>> per_goal;
  for (size_t i = 0; i < r->units.size(); ++i) {
    const auto& row = data->rows[i];
    ASSERT_EQ(row[0].text, r->units[i]);
    for (size_t c = 0; c < r->layout.codes.size(); ++c) {
      const std::string& code = r->layout.codes[c];
      if (r->layout.levels[c] != 2) continue;
      const CsvCell& pub = row[*data->column(code)];
      if (pub.missing || trim(pub.text).empty()) continue;
      const double published = *parse_double(trim(pub.text));
      const double ours = r->scores(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c));
      if (std::isnan(ours)) continue;  // no value at all for the goal: SDSN filled all of it
      bool has_all = true;
      for (Eigen::Index k :
           r->layout.aggregates[c - r->layout.codes.size() + r->layout.aggregates.size()].children)
        has_all = has_all && !std::isnan(sel->data.values(static_cast<Eigen::Index>(i), k));
      const bool match = std::abs(ours - published) <= 0.05 + 1e-9;
      ++compared;
      matched += match;
      per_goal[code].first += match;
      per_goal[code].second += 1;
      if (has_all) {
        ++complete;
        complete_matched += match;
        EXPECT_TRUE(match) << r->units[i] << " " << code << ": " << ours << " vs " << published;
      }
    }
  }
  std::cout << "SDSN goal scores as published (within 0.05): " << matched << " of " << compared
            << "; with complete data " << complete_matched << " of " << complete << "\n";
  for (const auto& [goal, mc] : per_goal)
    std::cout << "  " << goal << ": " << mc.first << "/" << mc.second << "\n";
  EXPECT_EQ(compared, 631);
  EXPECT_EQ(matched, 599);
  EXPECT_EQ(complete_matched, complete);

  // The published index is the mean of the published goal scores; ours, of
  // ours. Where they differ is where SDSN filled missing values. Stockholm
  // is 2nd as published, behind Oslo.
  const Eigen::Index top = r->layout.top_column;
  std::map<std::string, double> rank;
  for (size_t i = 0; i < r->units.size(); ++i)
    rank[r->units[i]] = r->ranks(static_cast<Eigen::Index>(i), top);
  std::cout << "Index ranks: Oslo " << rank["Oslo"] << ", Stockholm " << rank["Stockholm"]
            << ", Helsinki " << rank["Helsinki"] << ", Copenhagen " << rank["Copenhagen"] << "\n";
  int same_rank = 0;
  for (size_t i = 0; i < r->units.size(); ++i)
    same_rank += r->ranks(static_cast<Eigen::Index>(i), top) ==
                 *parse_double(trim(data->rows[i][*data->column("rank")].text));
  std::cout << "Cities at their published rank: " << same_rank << " of 45\n";
  EXPECT_LE(rank["Stockholm"], 3);
}

}  // namespace
}  // namespace omvarld
