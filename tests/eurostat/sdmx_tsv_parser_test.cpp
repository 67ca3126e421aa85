#include "parse/sdmx_tsv_parser.h"

#include <gtest/gtest.h>

#include <map>

#include "parse/gzip.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

// (series key, period) -> "value|flags" ("" value when none).
std::map<std::pair<std::string, std::string>, std::string> table(const Dataset& ds) {
  std::map<std::pair<std::string, std::string>, std::string> out;
  for_each_observation(ds, [&](const FlatObservation& o) {
    out[{series_key(ds, *o.coords), std::string(o.period)}] =
        (o.has_value ? std::to_string(o.value) : std::string()) + "|" + std::string(o.flags);
  });
  return out;
}

TEST(SdmxTsv, ParsesCellsWithFlagsMissingAndCrlf) {
  std::string body =
      "freq,unit,geo\\TIME_PERIOD\t2021 \t2022 \r\n"
      "A,EUR_HAB,SE110\t61200 p\t: \r\n"
      "A,EUR_HAB,NO081\t:C\t70100.5 \r\n";
  auto r = parse_sdmx_tsv(body, "nama_10r_3gdp", "test");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->dimensions.size(), 4u);
  EXPECT_EQ(r->dimensions[3].id, "time");
  EXPECT_EQ(r->geo_dimension(), 2u);
  auto t = table(*r);
  ASSERT_EQ(t.size(), 3u);  // ": " without flags is not a cell
  EXPECT_EQ((t[{"A.EUR_HAB.SE110", "2021"}]), std::to_string(61200.0) + "|p");
  EXPECT_EQ((t[{"A.EUR_HAB.NO081", "2021"}]), "|C");
  EXPECT_EQ((t[{"A.EUR_HAB.NO081", "2022"}]), std::to_string(70100.5) + "|");
}

TEST(SdmxTsv, LegacyBulkHeaderWithDescendingYears) {
  std::string body =
      "indic_ur,cities\\time\t2017 \t2011 \n"
      "CR2011I,SE001C1\t9.7 \t14.8 r\n";
  auto r = parse_sdmx_tsv(body, "urb_ctour", "test");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->dimensions[2].codes, (std::vector<std::string>{"2011", "2017"}));  // ascending
  auto t = table(*r);
  EXPECT_EQ((t[{"CR2011I.SE001C1", "2011"}]), std::to_string(14.8) + "|r");
  EXPECT_EQ((t[{"CR2011I.SE001C1", "2017"}]), std::to_string(9.7) + "|");
}

TEST(SdmxTsv, GzipBodiesAreInflated) {
  std::string body = "indic_ur,cities\\time\t2019 \nPS3360V,SE001C\t81.4 \n";
  auto r = parse_sdmx_tsv(gzip_compress(body), "urb_percep", "test");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->observations.size(), 1u);
  EXPECT_EQ(r->observations[0].value, 81.4);
}

TEST(SdmxTsv, TruncatedAndForeignBodiesFailNamingTheSource) {
  std::string body =
      "indic_ur,cities\\time\t2019 \t2015 \nPS3360V,SE001C\t81.4 \t79.0 \nPS3360V,NO001C\t80";
  auto r = parse_sdmx_tsv(body, "urb_percep", "src.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("src.tsv: line 3"), std::string::npos) << r.error().message;

  std::string gz = gzip_compress(std::string(5000, 'x'));
  auto t = parse_sdmx_tsv(gz.substr(0, gz.size() / 2), "x", "src.gz");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("truncated"), std::string::npos) << t.error().message;

  EXPECT_FALSE(parse_sdmx_tsv("<!DOCTYPE html><html></html>", "x", "s").ok());
  EXPECT_FALSE(parse_sdmx_tsv("a,b,c\n1,2,3\n", "x", "s").ok());
  EXPECT_FALSE(parse_sdmx_tsv("", "x", "s").ok());
  EXPECT_FALSE(parse_sdmx_tsv("a,b\\time\t2019 \nX\t1 \n", "x", "s").ok());  // key too short
}

TEST(SdmxTsv, ComextNonNumericCellsAreKeptAsFlags) {
  REQUIRE_SHARED_FIXTURE(path, "eurostat/sdmx21_tsv_comext_DS-059358_DE_2022_flags.tsv");
  auto r = parse_sdmx_tsv(test::read_file(path), "ds-059358", path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto t = table(*r);
  EXPECT_EQ((t[{"A.DE.20143420.QNTUNIT", "2022"}]), "|KG");
  EXPECT_EQ((t[{"A.DE.20143420.PVALFLAG", "2022"}]), "|C");
  EXPECT_EQ((t[{"A.DE.20143430.EXPQNT", "2022"}]), std::to_string(23097098.0) + "|");
}

TEST(SdmxTsv, RealCrlfDownload) {
  REQUIRE_SHARED_FIXTURE(path, "eurostat/sdmx21_tsv_comext_DS-045409_DE_US_monthly.tsv");
  auto r = parse_sdmx_tsv(test::read_file(path), "ds-045409", path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->dimensions.back().codes, (std::vector<std::string>{"2026-06", "2026-07"}));
  EXPECT_EQ(r->observations.size(), 5u);  // 3 series x 2 months, one ": "
}

TEST(SdmxTsv, RealRegionalSubsetWithStockholm) {
  REQUIRE_SHARED_FIXTURE(path, "eurostat/sdmx21_tsv_nama_10r_3gdp_EUR_HAB_subset_SE110_peers.tsv");
  auto r = parse_sdmx_tsv(test::read_file(path), "nama_10r_3gdp", path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto t = table(*r);
  EXPECT_EQ((t[{"A.EUR_HAB.AT", "2014"}]),
            std::to_string(39000.0) + "|");  // "39000.0" with no trailing space
  // Stockholms län: 71200 in 2021, and ':' (no value, no flag) in 2022.
  EXPECT_EQ((t[{"A.EUR_HAB.SE110", "2021"}]), std::to_string(71200.0) + "|");
  EXPECT_FALSE(t.count({"A.EUR_HAB.SE110", "2022"}));
}

// The whole perception survey: SOURCES.md counts 69,890 values and flags
// e 995, u 362, d 120, b 74 (flags also stand on missing cells).
TEST(SdmxTsv, PerceptionSurveyCountsMatchTheSourceNotes) {
  REQUIRE_SHARED_FIXTURE(path, "cities/eurostat_bulk_tsv_urb_percep_2004-2019.tsv");
  auto r = parse_sdmx_tsv(test::read_file(path), "urb_percep", path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  int64_t values = 0;
  std::map<std::string, int> flags;
  for (const auto& o : r->observations) {
    values += o.has_value();
    if (o.flag_id()) flags[r->flags[o.flag_id()]]++;
  }
  EXPECT_EQ(values, 69890);
  EXPECT_EQ(flags["e"], 995);
  EXPECT_EQ(flags["u"], 362);
  EXPECT_EQ(flags["d"], 120);
  EXPECT_EQ(flags["b"], 74);
  EXPECT_EQ(r->dimensions[0].codes.size(), 410u);  // indicators
  EXPECT_EQ(r->dimensions[2].codes.size(), 115u);  // cities
  auto t = table(*r);
  EXPECT_EQ((t[{"PS3360V.PC.SE001C", "2019"}]), std::to_string(81.4) + "|");
  EXPECT_EQ((t[{"PS1012V.PC.SE001C", "2019"}]), std::to_string(33.8) + "|");
}

TEST(SdmxTsv, CultureAndTourismStockholmValues) {
  REQUIRE_SHARED_FIXTURE(path, "cities/eurostat_bulk_tsv_urb_ctour_1990-2018.tsv");
  auto r = parse_sdmx_tsv(test::read_file(path), "urb_ctour", path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  int64_t values = 0;
  for (const auto& o : r->observations) values += o.has_value();
  EXPECT_EQ(values, 50687);  // SOURCES.md
  auto t = table(*r);
  EXPECT_EQ((t[{"CR2011I.SE001C1", "2017"}]), std::to_string(9.7) + "|");
  EXPECT_EQ((t[{"CR1003I.SE001C1", "2011"}]), std::to_string(14.8) + "|r");
}

}  // namespace
}  // namespace omvarld
