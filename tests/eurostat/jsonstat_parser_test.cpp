#include "parse/jsonstat_parser.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>

#include "support/test_support.h"

namespace omvarld {
namespace {

// value/status of a parsed dataset as index -> (has value, value, flags).
struct Cell {
  bool has_value;
  double value;
  std::string flags;
  bool operator==(const Cell& o) const {
    return has_value == o.has_value && (!has_value || value == o.value) && flags == o.flags;
  }
};
std::map<uint64_t, Cell> cells(const Dataset& ds) {
  std::map<uint64_t, Cell> out;
  for (const auto& o : ds.observations)
    out[o.index()] = Cell{o.has_value(), o.value, ds.flags[o.flag_id()]};
  return out;
}

// The same cells read independently, with RapidJSON's DOM and full precision.
std::map<uint64_t, Cell> cells_from_dom(const std::string& body) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseFullPrecisionFlag>(body.c_str());
  std::map<uint64_t, Cell> out;
  auto each = [&](const rapidjson::Value& v, auto fn) {
    if (v.IsObject())
      for (auto& m : v.GetObject()) fn(std::stoull(m.name.GetString()), m.value);
    else if (v.IsArray())
      for (rapidjson::SizeType i = 0; i < v.Size(); ++i) fn(i, v[i]);
  };
  each(d["value"], [&](uint64_t i, const rapidjson::Value& v) {
    if (v.IsNumber()) out[i] = Cell{true, v.GetDouble(), ""};
  });
  if (d.HasMember("status"))
    each(d["status"], [&](uint64_t i, const rapidjson::Value& v) {
      if (v.IsString() && v.GetStringLength() > 0) {
        auto& c = out[i];
        c.flags = v.GetString();
      }
    });
  return out;
}

const char* kSmall = R"({
  "version":"2.0","class":"dataset","label":"Population","updated":"2024-01-01",
  "id":["indic_ur","cities","time"],"size":[1,2,2],
  "dimension":{
    "indic_ur":{"label":"Urban audit indicator","category":{"index":{"DE1001V":0},"label":{"DE1001V":"Population"}}},
    "cities":{"label":"Cities","category":{"index":{"SE001C":0,"NO001C":1},"label":{"SE001C":"Stockholm","NO001C":"Oslo"}}},
    "time":{"label":"Time","category":{"index":{"2020":0,"2021":1}}}},
  "value":{"0":975551,"1":978770,"3":697010},
  "status":{"1":"p","2":"c"}
})";

TEST(JsonStat, ParsesValuesFlagsAndDimensions) {
  auto r = parse_jsonstat(kSmall, "test");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Dataset& ds = *r;
  ASSERT_EQ(ds.dimensions.size(), 3u);
  EXPECT_EQ(ds.geo_dimension(), 1u);
  EXPECT_EQ(ds.time_dimension(), 2u);
  EXPECT_EQ(ds.dimensions[1].codes, (std::vector<std::string>{"SE001C", "NO001C"}));
  EXPECT_EQ(ds.dimensions[1].labels[0], "Stockholm");
  auto c = cells(ds);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], (Cell{true, 975551, ""}));
  EXPECT_EQ(c[1], (Cell{true, 978770, "p"}));
  EXPECT_EQ(c[2], (Cell{false, 0, "c"}));  // a flag without a value is kept
  EXPECT_EQ(c[3], (Cell{true, 697010, ""}));
}

TEST(JsonStat, AcceptsArraysAndAnyKeyOrder) {
  const char* body = R"({"value":[1.5,null,2.5,null],"status":["","e",null,"ep"],
    "dimension":{"time":{"category":{"index":["2019","2020"]}},"geo":{"category":{"index":{"SE":0,"NO":1}}}},
    "size":[2,2],"id":["geo","time"],"class":"dataset","version":"2.0"})";
  auto r = parse_jsonstat(body, "test");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto c = cells(*r);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], (Cell{true, 1.5, ""}));
  EXPECT_EQ(c[1], (Cell{false, 0, "e"}));
  EXPECT_EQ(c[2], (Cell{true, 2.5, ""}));
  EXPECT_EQ(c[3].flags, "ep");
  EXPECT_EQ(r->dimensions[1].codes, (std::vector<std::string>{"2019", "2020"}));
}

TEST(JsonStat, NumbersAreReadExactly) {
  std::string body =
      R"({"id":["time"],"size":[3],"dimension":{"time":{"category":{"index":{"a":0,"b":1,"c":2}}}},
    "value":{"0":0.1,"1":123456789.123456789,"2":-4.0E-3}})";
  auto r = parse_jsonstat(body, "test");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->observations[0].value, 0.1);
  EXPECT_EQ(r->observations[1].value, 123456789.123456789);
  EXPECT_EQ(r->observations[2].value, -4.0E-3);
}

TEST(JsonStat, ErrorBodiesNameSourceAndKind) {
  auto r =
      parse_jsonstat(R"({"error":[{"status":413,"id":413,"label":"EXTRACTION_TOO_BIG: too big"}]})",
                     "Eurostat urb_cpop1 [cities=SE001C]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
  EXPECT_NE(r.error().message.find("Eurostat urb_cpop1 [cities=SE001C]"), std::string::npos);
  EXPECT_NE(r.error().message.find("EXTRACTION_TOO_BIG"), std::string::npos);

  auto nf = parse_jsonstat(R"({"error":{"status":404,"id":100,"label":"not available"}})", "x");
  ASSERT_FALSE(nf.ok());
  EXPECT_EQ(nf.error().kind, ErrorKind::kNotFound);
}

TEST(JsonStat, HtmlTruncatedAndMalformedBodiesAreClearErrors) {
  auto html =
      parse_jsonstat("<!DOCTYPE html><html><head><title>Maintenance</title></head></html>", "src");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().kind, ErrorKind::kParse);
  EXPECT_NE(html.error().message.find("HTML"), std::string::npos);
  EXPECT_NE(html.error().message.find("Maintenance"), std::string::npos);

  std::string full = kSmall;
  for (size_t cut : {size_t(10), full.size() / 2, full.size() - 2}) {
    auto t = parse_jsonstat(full.substr(0, cut), "src");
    ASSERT_FALSE(t.ok()) << "cut at " << cut;
    EXPECT_EQ(t.error().kind, ErrorKind::kParse);
    EXPECT_EQ(t.error().message.rfind("src: ", 0), 0u) << t.error().message;
  }
  EXPECT_FALSE(parse_jsonstat("", "src").ok());
  EXPECT_FALSE(parse_jsonstat("[1,2,3]", "src").ok());
  EXPECT_FALSE(
      parse_jsonstat(R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":{"x":0}}}}})",
                     "s")
          .ok());
  // An index outside the cube.
  EXPECT_FALSE(
      parse_jsonstat(
          R"({"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":{"x":0}}}},"value":{"5":1}})",
          "s")
          .ok());
  // A value that is neither a number, a string nor null.
  EXPECT_FALSE(
      parse_jsonstat(
          R"({"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":{"x":0}}}},"value":{"0":{}}})",
          "s")
          .ok());
}

// The real recorded responses: every value and flag must come out as an
// independent DOM reading of the same bytes says.
class RealResponses : public ::testing::TestWithParam<const char*> {};

TEST_P(RealResponses, MatchIndependentDomReading) {
  REQUIRE_SHARED_FIXTURE(path, std::string("eurostat/") + GetParam());
  std::string body = test::read_file(path);
  auto r = parse_jsonstat(body, path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto got = cells(*r);
  auto want = cells_from_dom(body);
  EXPECT_EQ(got.size(), want.size());
  for (const auto& [i, c] : want) {
    ASSERT_TRUE(got.count(i)) << "index " << i;
    EXPECT_EQ(got[i], c) << "index " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Eurostat, RealResponses,
    ::testing::Values("statistics_api_une_rt_m_DE_last3.json",
                      "statistics_api_sts_inpr_m_IE_confidential_status.json",
                      "statistics_api_nama_10_gdp_DE_since2030_empty_time.json",
                      "statistics_api_une_rt_m_unknown_geo_XX_last1.json",
                      "statistics_api_nama_10_gdp_DK_2023_resorted.json",
                      "statistics_api_demo_gind_2024_resorted.json"));

TEST(JsonStatReal, ConfidentialCellsHaveFlagsButNoValues) {
  REQUIRE_SHARED_FIXTURE(path, "eurostat/statistics_api_sts_inpr_m_IE_confidential_status.json");
  auto r = parse_jsonstat(test::read_file(path), path);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->observations.size(), 6u);
  for (const auto& o : r->observations) {
    EXPECT_FALSE(o.has_value());
    EXPECT_EQ(r->flags[o.flag_id()], "|C");
  }
  EXPECT_EQ(r->flag_labels.at("|C"), "|confidential");
  EXPECT_EQ(r->code, "sts_inpr_m");
}

TEST(JsonStatReal, EmptyTimeDimensionIsNoDataNotAnError) {
  REQUIRE_SHARED_FIXTURE(path, "eurostat/statistics_api_nama_10_gdp_DE_since2030_empty_time.json");
  auto r = parse_jsonstat(test::read_file(path), path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->observations.empty());
  EXPECT_EQ(r->cube_size(), 0u);
}

TEST(JsonStatReal, MultiLetterFlagsAndUpdateStamp) {
  REQUIRE_SHARED_FIXTURE(path, "eurostat/statistics_api_demo_gind_2024_resorted.json");
  auto r = parse_jsonstat(test::read_file(path), path);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->flag_labels.at("ep"), "estimated, provisional");
  int ep = 0;
  for (const auto& o : r->observations) ep += r->flags[o.flag_id()] == "ep";
  EXPECT_GT(ep, 0);
  EXPECT_EQ(r->observations.size(), 73u);  // SOURCES.md: 73 values
}

TEST(JsonStatReal, ErrorFixturesBecomeErrorsOfTheRightKind) {
  struct Case {
    const char* file;
    ErrorKind kind;
    const char* text;
  } cases[] = {
      {"statistics_api_error_413_extraction_too_big.json", ErrorKind::kTooLarge,
       "EXTRACTION_TOO_BIG"},
      {"statistics_api_error_404_not_available.json", ErrorKind::kNotFound, "DS-999999"},
      {"statistics_api_error_400_invalid_dimension.json", ErrorKind::kSource, "FROMTIMEPERIOD"},
      {"sdmx21_fault_413_extraction_too_big.xml", ErrorKind::kTooLarge, "EXTRACTION_TOO_BIG"}};
  for (const auto& c : cases) {
    std::string path = test::shared_fixture(std::string("eurostat/") + c.file);
    if (path.empty()) GTEST_SKIP() << "../shared/fixtures absent";
    auto r = parse_jsonstat(test::read_file(path), "Eurostat q");
    ASSERT_FALSE(r.ok()) << c.file;
    EXPECT_EQ(r.error().kind, c.kind) << c.file << ": " << r.error().message;
    EXPECT_NE(r.error().message.find(c.text), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.rfind("Eurostat q: ", 0), 0u) << r.error().message;
  }
}

// ---- What JSON-stat allows beyond what Eurostat sends (issue #14) ----
// The bodies below are written for these tests from the rules of
// https://json-stat.org/format/ (role, status, value, 1.x bundles, collections).

Result<Dataset> parse(const std::string& body) { return parse_jsonstat(body, "test"); }

// A 2 x 2 cube (`region` x `year`) whose time and geo are named by `role`.
const char* kRoles = R"({"version":"2.0","class":"dataset","id":["region","year"],"size":[2,2],
  "role":{"time":["year"],"geo":["region"]},
  "dimension":{"region":{"category":{"index":["A","B"]}},"year":{"category":{"index":["2020","2021"]}}},
  "value":[1,2,3,4]})";

TEST(JsonStat, TimeDimensionIsTheOneRoleTimeNames) {
  auto r = parse(kRoles);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->time_role, "year");
  EXPECT_EQ(r->time_dimension(), 1u);
  std::vector<std::string> periods;
  for_each_observation(*r, [&](const FlatObservation& o) { periods.emplace_back(o.period); });
  EXPECT_EQ(periods, (std::vector<std::string>{"2020", "2021", "2020", "2021"}));
}

TEST(JsonStat, GeoDimensionIsTheOneRoleGeoNames) {
  auto r = parse(kRoles);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->geo_role, "region");
  EXPECT_EQ(r->geo_dimension(), 0u);
}

TEST(JsonStat, RoleNamingNoDimensionIsRefused) {
  auto r =
      parse(R"({"version":"2.0","class":"dataset","id":["x"],"size":[1],"role":{"time":["nope"]},
    "dimension":{"x":{"category":{"index":["a"]}}},"value":[1]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("`role.time` names `nope`"), std::string::npos)
      << r.error().message;
}

TEST(JsonStat, WithoutAnyTimeDimensionCellsHaveAnEmptyPeriodNotNone) {
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["sex"],"size":[2],
    "dimension":{"sex":{"category":{"index":["M","F"]}}},"value":[1,2]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->time_dimension(), std::string::npos);
  for_each_observation(*r, [&](const FlatObservation& o) {
    EXPECT_TRUE(o.period.empty());
    EXPECT_NE(o.period.data(), nullptr);  // bound as '', never as NULL
  });
}

TEST(JsonStat, StatusAsAStringAppliesToEveryValue) {
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["t"],"size":[3],
    "dimension":{"t":{"category":{"index":["1","2","3"]}}},"value":[1,null,3],"status":"e"})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto c = cells(*r);
  ASSERT_EQ(c.size(), 2u);  // the null stays no cell: a status is about a value
  EXPECT_EQ(c[0], (Cell{true, 1, "e"}));
  EXPECT_EQ(c[2], (Cell{true, 3, "e"}));
}

TEST(JsonStat, StatusAsAOneElementArrayAppliesToEveryValue) {
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["t"],"size":[3],
    "dimension":{"t":{"category":{"index":["1","2","3"]}}},"value":[1,2,3],"status":["p"]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto c = cells(*r);
  ASSERT_EQ(c.size(), 3u);
  for (auto& [i, cell] : c) EXPECT_EQ(cell.flags, "p") << i;
}

TEST(JsonStat, StatusAsAnObjectStaysPerCell) {
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["t"],"size":[3],
    "dimension":{"t":{"category":{"index":["1","2","3"]}}},"value":[1,2,3],"status":{"1":"p"}})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto c = cells(*r);
  EXPECT_EQ(c[0].flags, "");
  EXPECT_EQ(c[1].flags, "p");
  EXPECT_EQ(c[2].flags, "");
}

TEST(JsonStat, NumericStringValuesAreStoredAsNumbers) {
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["t"],"size":[3],
    "dimension":{"t":{"category":{"index":["1","2","3"]}}},"value":["453","-1.5e3"," 7 "]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto c = cells(*r);
  EXPECT_EQ(c[0], (Cell{true, 453, ""}));
  EXPECT_EQ(c[1], (Cell{true, -1500, ""}));
  EXPECT_EQ(c[2], (Cell{true, 7, ""}));
}

TEST(JsonStat, NonNumericStringValuesAreMissingWithTheTextAsStatus) {
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["t"],"size":[4],
    "dimension":{"t":{"category":{"index":["1","2","3","4"]}}},"value":["...",":","nan",""]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto c = cells(*r);
  ASSERT_EQ(c.size(), 3u);  // "" is no value and no status
  EXPECT_EQ(c[0], (Cell{false, 0, "..."}));
  EXPECT_EQ(c[1], (Cell{false, 0, ":"}));
  EXPECT_EQ(c[2], (Cell{false, 0, "nan"}));
}

TEST(JsonStat, AStatusForTheCellWinsOverTheValueText) {
  // `status` before `value`: key order must not matter.
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["t"],"size":[2],"status":{"0":"c"},
    "dimension":{"t":{"category":{"index":["1","2"]}}},"value":[":",":"]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto c = cells(*r);
  EXPECT_EQ(c[0].flags, "c");
  EXPECT_EQ(c[1].flags, ":");
}

TEST(JsonStat, AValidFileIsNeverCalledMalformed) {
  auto bad = parse(R"({"version":"2.0","class":"dataset","id":["t"],"size":[1],
    "dimension":{"t":{"category":{"index":["1"]}}},"value":[true]})");
  ASSERT_FALSE(bad.ok());  // a boolean is not a JSON-stat value: invalid, and said so
  EXPECT_EQ(bad.error().message.find("malformed"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("not valid JSON-stat"), std::string::npos);
  auto broken = parse(R"({"version":"2.0",)");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("malformed JSON"), std::string::npos);
}

TEST(JsonStat, ValueArrayShorterThanTheCubeIsRefused) {
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["sex","year"],"size":[2,2],
    "dimension":{"sex":{"category":{"index":["M","F"]}},"year":{"category":{"index":["2020","2021"]}}},
    "value":[1,2,3]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("`value` has 3 entries but the cube has 4 cells"),
            std::string::npos)
      << r.error().message;
}

TEST(JsonStat, ValueArrayLongerThanTheCubeIsRefusedEvenWhenTheRestIsNull) {
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["t"],"size":[1],
    "dimension":{"t":{"category":{"index":["1"]}}},"value":[1,null]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("`value` has 2 entries"), std::string::npos);
}

TEST(JsonStat, StatusArrayLongerThanTheCubeIsRefused) {
  auto r = parse(R"({"version":"2.0","class":"dataset","id":["t"],"size":[2],
    "dimension":{"t":{"category":{"index":["1","2"]}}},"value":[1,2],"status":["a","b","c"]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("`status` has 3 entries but the cube has 2 cells"),
            std::string::npos)
      << r.error().message;
}

// JSON-stat 1.x keeps `id`, `size` and `role` inside `dimension`, and a
// response is a bundle: datasets as the root's members.
const char* kBundle = R"({
  "first":{"label":"One","value":[1,2],"status":["e"],
    "dimension":{"id":["geo","year"],"size":[1,2],"role":{"time":["year"],"geo":["geo"]},
      "geo":{"category":{"index":{"SE":0},"label":{"SE":"Sweden"}}},
      "year":{"category":{"index":{"2020":0,"2021":1}}}}},
  "second":{"value":{"0":5},"dimension":{"id":["sex"],"size":[1],"sex":{"category":{"label":{"T":"Total"}}}}},
  "third":{"value":[7],"dimension":{"id":["time"],"size":[1],"time":{"category":{"index":["2024"]}}}}
})";

TEST(JsonStat, JsonStat1xDatasetIsRead) {
  auto doc = parse_jsonstat_document(kBundle, "test");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const Dataset& ds = doc->datasets.at(0);
  EXPECT_EQ(ds.code, "first");
  EXPECT_EQ(ds.label, "One");
  ASSERT_EQ(ds.dimensions.size(), 2u);
  EXPECT_EQ(ds.time_role, "year");
  EXPECT_EQ(ds.geo_role, "geo");
  EXPECT_EQ(ds.dimensions[0].labels[0], "Sweden");
  auto c = cells(ds);
  EXPECT_EQ(c[0], (Cell{true, 1, "e"}));
  EXPECT_EQ(c[1], (Cell{true, 2, "e"}));
}

TEST(JsonStat, JsonStat1xBundleIsReadDatasetByDataset) {
  auto doc = parse_jsonstat_document(kBundle, "test");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->what, "a JSON-stat 1.x bundle of 3 datasets");
  ASSERT_EQ(doc->datasets.size(), 3u);
  EXPECT_EQ(doc->datasets[1].code, "second");
  EXPECT_EQ(cells(doc->datasets[1])[0], (Cell{true, 5, ""}));
  EXPECT_EQ(doc->datasets[2].code, "third");
}

TEST(JsonStat, ABundleWhereOneDatasetWasWantedIsRefusedNamingWhatItIs) {
  auto r = parse(kBundle);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("a JSON-stat 1.x bundle of 3 datasets"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().message.find("outside the cube"), std::string::npos);
}

TEST(JsonStat, CollectionEmbeddingDatasetsIsReadDatasetByDataset) {
  auto doc = parse_jsonstat_document(R"({"version":"2.0","class":"collection","label":"c",
    "link":{"item":[
      {"class":"dataset","href":"https://example.org/data/pop.json","label":"Population",
       "id":["year"],"size":[2],"dimension":{"year":{"category":{"index":["2020","2021"]}}},"value":[10,11]},
      {"class":"dataset","href":"https://example.org/data/other.json","label":"A link only"},
      {"class":"dataset","label":"Rates","extension":{"id":"RATES"},
       "id":["year"],"size":[1],"dimension":{"year":{"category":{"index":["2020"]}}},"value":{"0":"0.5"}}
    ]}})",
                                     "test");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->what, "a JSON-stat 2.0 collection of 3 items, 2 of them embedded datasets");
  ASSERT_EQ(doc->datasets.size(), 2u);
  EXPECT_EQ(doc->datasets[0].code, "pop");  // from href
  EXPECT_EQ(cells(doc->datasets[0])[1], (Cell{true, 11, ""}));
  EXPECT_EQ(doc->datasets[1].code, "rates");  // extension.id
  EXPECT_EQ(cells(doc->datasets[1])[0], (Cell{true, 0.5, ""}));
}

TEST(JsonStat, CollectionOfLinksIsRefusedSayingWhatItIs) {
  auto r = parse_jsonstat_document(R"({"version":"2.0","class":"collection",
    "link":{"item":[{"class":"dataset","href":"https://example.org/a.json"},
                    {"class":"dataset","href":"https://example.org/b.json"}]}})",
                                   "test");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("a JSON-stat 2.0 collection of 2 items, none of them"),
            std::string::npos)
      << r.error().message;
}

TEST(JsonStat, ADimensionDocumentIsRefusedSayingWhatItIs) {
  auto r = parse(R"({"version":"2.0","class":"dimension","category":{"index":["a"]}})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("a JSON-stat dimension"), std::string::npos);
}

// Found by fuzz_jsonstat: `size` and `status` misspelled, so no dimension is
// named, yet a value was kept (at index 0 of a cube of no cells).
TEST(JsonStat, DatasetWithoutIdAndSizeIsAnErrorNotAnEmptyCubeWithAValue) {
  auto r = parse_jsonstat(
      R"({"version":"2.0","class":"dataset","label":"Population","iize":[1,2,2],)"
      R"("dimension":{"indic_ur":{"category":{"index":{"DE1001V":0}}},"cities":{"category":)"
      R"({"index":{"SE001C":0,"NO001C":1}}},"time":{"category":{"index":["2020","2021"]}}},)"
      R"("value":{"0":975551.5e3},"stapus":{"2":"p","2":"c"}})",
      "Eurostat urb_cpop1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kParse);
  EXPECT_NE(r.error().message.find("Eurostat urb_cpop1"), std::string::npos);
  EXPECT_NE(r.error().message.find("no `id` and `size`"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// JSON-stat written by others: a `year` dimension and no role. Time is taken
// by name (and `omvarld import` says which dimension it took); a role that
// names another dimension still wins.
TEST(JsonStatYear, AYearDimensionWithoutARoleIsTime) {
  auto r = parse_jsonstat(R"({"version":"2.0","class":"dataset","id":["sex","year"],"size":[2,2],
    "dimension":{"sex":{"category":{"index":["M","F"]}},"year":{"category":{"index":["2020","2021"]}}},
    "value":[1,2,3,4]})",
                          "test");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->time_role.empty());
  ASSERT_EQ(r->time_dimension(), 1u);
  std::vector<std::string> periods;
  for_each_observation(*r, [&](const FlatObservation& o) { periods.emplace_back(o.period); });
  EXPECT_EQ(periods, (std::vector<std::string>{"2020", "2021", "2020", "2021"}));

  auto named = parse_jsonstat(R"({"version":"2.0","class":"dataset","id":["year","period"],
    "size":[1,2],"role":{"time":["period"]},
    "dimension":{"year":{"category":{"index":["x"]}},"period":{"category":{"index":["2020","2021"]}}},
    "value":[1,2]})",
                              "test");
  ASSERT_TRUE(named.ok()) << named.error().message;
  EXPECT_EQ(named->time_dimension(), 1u);
}

}  // namespace
}  // namespace omvarld
