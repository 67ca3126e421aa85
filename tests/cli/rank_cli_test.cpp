// `omvarld rank`, run as an analyst would: on COINr's example as CSV files
// (the results must be the engine's COINr-agreeing ones), on a database the
// demo harvested, with scenarios, and with mistakes in the input.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "core/text.h"
#include "parse/csv_table.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using test::run_omvarld;

std::map<std::string, std::string> row_of(const CsvTable& t, const std::vector<CsvCell>& row) {
  std::map<std::string, std::string> m;
  for (size_t c = 0; c < t.header.size(); ++c) m[t.header[c]] = row[c].text;
  return m;
}

TEST(RankCli, CoinrExampleFromCsvFilesAsCsv) {
  REQUIRE_SHARED_FIXTURE(meta, "coinr/asem_imeta.csv");
  REQUIRE_SHARED_FIXTURE(data, "coinr/asem_idata.csv");
  test::TempDir dir;
  auto r = run_omvarld({"rank",
                        "--db",
                        dir.file("unused.db"),
                        "--meta",
                        meta,
                        "--input",
                        data,
                        "--denominate",
                        "--impute",
                        "group-mean",
                        "--group-column",
                        "EurAsia_group",
                        "--screen",
                        "0.9",
                        "--screen-after-impute",
                        "--treat",
                        "winsorise:5",
                        "--min-children",
                        "0",
                        "--format",
                        "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto t = parse_csv(r.out, "stdout");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(std::vector<std::string>(t->header.begin(), t->header.begin() + 6),
            (std::vector<std::string>{"unit", "name", "level", "code", "score", "rank"}));
  EXPECT_EQ(t->rows.size(), 51u * 60);  // every unit, every indicator and aggregate
  int checked = 0;
  for (const auto& row : t->rows) {
    auto m = row_of(*t, row);
    if (m["code"] != "Index") continue;
    // tests/analysis/data/coinr_asem_expected.csv, derived independently.
    if (m["unit"] == "CHE") {
      EXPECT_NEAR(*parse_double(m["score"]), 68.383724238342, 1e-6);
      EXPECT_EQ(m["rank"], "1");
      ++checked;
    }
    if (m["unit"] == "SWE") {
      EXPECT_NEAR(*parse_double(m["score"]), 62.9996794892, 1e-6);
      EXPECT_EQ(m["rank"], "6");
      ++checked;
    }
  }
  EXPECT_EQ(checked, 2);
  EXPECT_NE(r.err.find("note: outliers: Flights winsorised (1 points)"), std::string::npos)
      << r.err;
}

TEST(RankCli, DemoDatabaseWithUncertaintyScenariosAndJson) {
  test::TempDir dir;
  auto demo = run_omvarld({"demo", "--out", dir.path()});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  const std::string db = dir.file("omvarld-demo.db");
  auto table = run_omvarld({"rank", "--db", db});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Stockholm"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Choices:"), std::string::npos);
  // Indicators without data for the group are said, not dropped silently.
  EXPECT_NE(table.err.find("note: indicator left out: unemployment_rate (no data)"),
            std::string::npos)
      << table.err;

  auto mc = run_omvarld({"rank", "--db", db, "--group", "europe", "--uncertainty", "300",
                         "--alt-aggregate", "amean;gmean", "--alt-normalise",
                         "minmax:1,100;percentile", "--seed", "5", "--format", "csv"});
  ASSERT_EQ(mc.exit_code, 0) << mc.err;
  auto t = parse_csv(mc.out, "stdout");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->column("rank_q95").has_value());
  int index_rows = 0;
  for (const auto& row : t->rows) {
    auto m = row_of(*t, row);
    if (m["code"] != "index" || m["rank"].empty()) continue;
    ++index_rows;
    EXPECT_EQ(m["rank_nominal"], m["rank"]);
    EXPECT_LE(*parse_double(m["rank_q05"]), *parse_double(m["rank_median"]));
    EXPECT_LE(*parse_double(m["rank_median"]), *parse_double(m["rank_q95"]));
  }
  EXPECT_GE(index_rows, 10);
  // Same seed, same output, to the last digit.
  auto again =
      run_omvarld({"rank", "--db", db, "--group", "europe", "--uncertainty", "300",
                   "--alt-aggregate", "amean;gmean", "--alt-normalise", "minmax:1,100;percentile",
                   "--seed", "5", "--threads", "1", "--format", "csv"});
  EXPECT_EQ(again.out, mc.out);

  test::write_file(dir.file("scenarios.csv"),
                   "scenario,weight_set,normalise,aggregate\n"
                   "nominal,,\"minmax:0,100\",amean\n"
                   "social_first,social,\"minmax:1,100\",gmean\n"
                   "ranks,,rank,amean\n");
  test::write_file(dir.file("weights.csv"), "weight_set,iCode,Level,Weight\nsocial,social,2,3\n");
  auto sc = run_omvarld({"rank", "--db", db, "--scenarios", dir.file("scenarios.csv"),
                         "--weight-sets", dir.file("weights.csv"), "--format", "json"});
  ASSERT_EQ(sc.exit_code, 0) << sc.err;
  EXPECT_NE(sc.out.find("\"rank_q05\":"), std::string::npos) << sc.out;
  EXPECT_NE(sc.out.find("\"choices\":["), std::string::npos);
}

// The plain table's strengths and weaknesses give each raw value, with its
// denominator and year, before the normalised score; checked against the
// golden report's data (tests/report/data/golden_data.csv).
TEST(RankCli, FocusLinesGiveTheRawValueBeforeTheScore) {
  const std::string data = std::string(OMVARLD_SOURCE_DIR) + "/tests/report/data/";
  test::TempDir dir;
  auto r = run_omvarld({"rank", "--db", dir.file("unused.db"), "--config", data + "config",
                        "--framework", "golden", "--group", "golden", "--input",
                        data + "golden_data.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Stockholm's NO2 is 17.0 in 2019 (golden_data.csv); companies are 113.18 per 1,000
  // inhabitants once divided by the population, as the report shows them.
  EXPECT_NE(r.out.find("(no2_concentration): value 17 (2019), rank 2 of 4; score 76.4 vs peer "
                       "median 29.2"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(companies): value 113.18 per 1,000 population (2019), rank 2 of 3;"),
            std::string::npos)
      << r.out;
}

TEST(RankCli, MistakesGetClearErrors) {
  test::TempDir dir;
  auto no_fw = run_omvarld({"rank", "--db", dir.file("x.db"), "--framework", "nosuch"});
  EXPECT_EQ(no_fw.exit_code, 1);
  EXPECT_NE(no_fw.err.find("no framework \"nosuch\""), std::string::npos) << no_fw.err;
  EXPECT_NE(no_fw.err.find("known: sustainability, vision2040"), std::string::npos) << no_fw.err;
  auto bad_norm = run_omvarld({"rank", "--db", dir.file("x.db"), "--normalise", "softmax"});
  EXPECT_EQ(bad_norm.exit_code, 2);
  EXPECT_NE(bad_norm.err.find("unknown normalisation \"softmax\""), std::string::npos);
  auto no_db = run_omvarld({"rank", "--db", dir.file("x.db")});
  EXPECT_EQ(no_db.exit_code, 1);
  EXPECT_NE(no_db.err.find("no database at " + dir.file("x.db")), std::string::npos) << no_db.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.db")));
  ASSERT_EQ(run_omvarld({"init", "--db", dir.file("x.db")}).exit_code, 0);
  auto empty_db = run_omvarld({"rank", "--db", dir.file("x.db")});
  EXPECT_EQ(empty_db.exit_code, 1);
  EXPECT_NE(empty_db.err.find("run `omvarld harvest`"), std::string::npos) << empty_db.err;
  test::write_file(dir.file("meta.csv"),
                   "iCode,Level,Parent,Weight,Type\nA,1,I,1,Indicator\nI,2,,1,Aggregate\n");
  test::write_file(dir.file("data.csv"), "uCode,A\nx,1\ny,<html>\n");
  auto bad_data = run_omvarld({"rank", "--db", dir.file("x.db"), "--meta", dir.file("meta.csv"),
                               "--input", dir.file("data.csv")});
  EXPECT_EQ(bad_data.exit_code, 1);
  EXPECT_NE(bad_data.err.find("data.csv: row 3, A: not a number: \"<html>\""), std::string::npos)
      << bad_data.err;
  test::write_file(dir.file("good.csv"), "uCode,A\nx,1\ny,2\n");
  auto focus = run_omvarld({"rank", "--db", dir.file("x.db"), "--meta", dir.file("meta.csv"),
                            "--input", dir.file("good.csv"), "--focus", "SE001C"});
  EXPECT_EQ(focus.exit_code, 2);
  EXPECT_NE(focus.err.find("--focus SE001C is not among the ranked units: x, y"), std::string::npos)
      << focus.err;
}

}  // namespace
}  // namespace omvarld
