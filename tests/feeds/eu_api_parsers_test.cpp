#include "parse/eu_api_parsers.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <set>

#include "parse/feed_dates.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using test::utc;

TEST(BrusselsTime, SummerAndWinter) {
  EXPECT_EQ(parse_brussels_time("2026/05/13 15:08:21"), utc(2026, 5, 13, 13, 8, 21));  // CEST
  EXPECT_EQ(parse_brussels_time("2026/01/13 15:08:21"), utc(2026, 1, 13, 14, 8, 21));  // CET
  // 2026: CEST from 29 March 01:00 UTC to 25 October 01:00 UTC.
  EXPECT_EQ(parse_brussels_time("2026/03/29 01:59:59"), utc(2026, 3, 29, 0, 59, 59));
  EXPECT_EQ(parse_brussels_time("2026/03/29 03:00:00"), utc(2026, 3, 29, 1, 0, 0));
  EXPECT_EQ(parse_brussels_time("2026/10/25 04:00:00"), utc(2026, 10, 25, 3, 0, 0));
  EXPECT_FALSE(parse_brussels_time("tomorrow"));
}

// The current shape, as the portal answers in 2026 (field names from the
// portal's JSON; values made up for the test).
const char* kHysCurrent =
    R"({"initiativeResultDtoPage":{"totalPages":3,"totalElements":250,"content":[
  {"id":14729,"reference":"Ares(2026)1234567","shortTitle":"Urban mobility &amp; the \"15-minute city\"",
   "foreseenActType":"PROP_REG","topics":[{"code":"TRANSPORT","label":"Transport"},{"label":"Regional policy"}],
   "currentStatuses":[{"isCurrent":false,"receivingFeedbackStatus":"CLOSED","feedbackEndDate":"2025/01/01 00:00:00"},
     {"isCurrent":true,"frontEndStage":"ISC_WORKFLOW","receivingFeedbackStatus":"OPEN",
      "feedbackStartDate":"2026/05/13 15:08:21","feedbackEndDate":"2026/06/10 23:59:59"}]},
  {"id":"13698","shortTitle":"VAT package for travel and tourism","topics":[]}]}})";

TEST(HysParser, CurrentShape) {
  auto r = parse_hys_page(kHysCurrent, "hys");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->total_pages, 3);
  EXPECT_EQ(r->total_items, 250);
  ASSERT_EQ(r->items.size(), 2u);
  const FeedItem& i = r->items[0];
  EXPECT_EQ(i.guid, "14729");
  EXPECT_EQ(i.title, "Urban mobility & the \"15-minute city\"");
  EXPECT_EQ(i.reference, "Ares(2026)1234567");
  EXPECT_EQ(i.status, "open");
  EXPECT_EQ(i.kind, "PROP_REG / ISC_WORKFLOW");
  EXPECT_EQ(i.categories, (std::vector<std::string>{"Transport", "Regional policy"}));
  EXPECT_EQ(i.opens, utc(2026, 5, 13, 13, 8, 21));
  EXPECT_EQ(i.deadline, utc(2026, 6, 10, 21, 59, 59));
  EXPECT_EQ(i.link,
            "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/"
            "14729-Urban-mobility-amp-the-15-minute-city-");
  EXPECT_EQ(r->items[1].link,
            "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/"
            "13698-VAT-package-for-travel-and-tourism");
  EXPECT_FALSE(r->items[1].deadline.has_value());
}

TEST(HysParser, OlderEmbeddedShapeAndErrors) {
  auto r = parse_hys_page(R"({"_embedded":{"initiativeResultDtoes":[{"id":1,"shortTitle":"A"}]},
                              "page":{"totalPages":1,"totalElements":1}})",
                          "hys");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->total_pages, 1);
  EXPECT_FALSE(parse_hys_page("<html><title>Maintenance</title></html>", "hys").ok());
  EXPECT_FALSE(parse_hys_page(R"({"something":"else"})", "hys").ok());
  auto trunc = parse_hys_page(std::string(kHysCurrent).substr(0, 200), "https://ec.europa.eu/...");
  ASSERT_FALSE(trunc.ok());
  EXPECT_EQ(trunc.error().message.rfind("https://ec.europa.eu/...: malformed", 0), 0u);
}

// The link rule against 657 real consultations' URLs.
TEST(HysParser, LinksMatchTheRealPortal) {
  REQUIRE_SHARED_FIXTURE(path, "feeds/eu/hys_consultations_2016_2026_scraped.json");
  rapidjson::Document d;
  std::string text = test::read_file(path);
  d.Parse(text.c_str());
  ASSERT_TRUE(d.IsArray());
  int same = 0;
  for (const auto& c : d.GetArray()) {
    std::string id = c["initiative_id"].GetString(), name = c["initiative_name"].GetString();
    std::string url = c["initiative_url"].GetString();
    if (hys_initiative_link(id, name) == url) ++same;
  }
  EXPECT_EQ(d.Size(), 657u);
  EXPECT_GE(same, 640) << "of 657";  // 7 real slugs hold percent-escapes or transliterations
}

TEST(SediaParser, RealSearchResults) {
  REQUIRE_SHARED_FIXTURE(path, "feeds/eu/ft_sedia_search_results_open_calls.json");
  auto r = parse_sedia_page(test::read_file(path), 100, path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->items.size(), 38u);
  const FeedItem& i = r->items[0];
  EXPECT_EQ(i.guid, "15381COMPETITIVE_CALLen");        // unique per call
  EXPECT_EQ(i.reference, "CREA-CULT-2025-COOP-UA-2");  // the topic, shared by cascade calls
  EXPECT_EQ(i.title,
            "Fostering Ukrainians\xE2\x80\x99 access to culture and cultural heritage \xE2\x80\x94 "
            "Second Call for "
            "Proposals for Project Grants");
  EXPECT_EQ(i.status, "open");
  EXPECT_EQ(i.kind, "cascade funding");
  EXPECT_EQ(i.deadline, utc(2026, 10, 6, 13));
  EXPECT_EQ(i.opens, utc(2026, 8, 18));
  EXPECT_EQ(i.link,
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
            "competitive-calls-cs/"
            "47365875");
  std::set<std::string> guids;
  for (const auto& it : r->items) {
    EXPECT_TRUE(guids.insert(it.guid).second) << it.guid;
    EXPECT_FALSE(it.title.empty());
    EXPECT_TRUE(it.deadline.has_value()) << it.guid;
    EXPECT_EQ(it.status, "open");
  }
}

// The code meanings the SEDIA parser relies on, against the portal's own facet
// labels recorded in ../shared/fixtures/feeds/eu/.
TEST(SediaParser, StatusAndTypeCodesMatchThePortalFacets) {
  REQUIRE_SHARED_FIXTURE(path, "feeds/eu/sedia_facets_programme_status_type.json");
  rapidjson::Document d;
  std::string text = test::read_file(path);
  d.Parse(text.c_str());
  ASSERT_TRUE(d.IsObject());
  std::map<std::string, std::string> status, type;
  for (const auto& f : d["facets"]["status"].GetArray())
    status[f["rawValue"].GetString()] = f["value"].GetString();
  for (const auto& f : d["facets"]["type"].GetArray())
    type[f["rawValue"].GetString()] = f["value"].GetString();
  EXPECT_EQ(status["31094501"], "Forthcoming");
  EXPECT_EQ(status["31094502"], "Open for submission");
  EXPECT_EQ(type["1"], "Grant");
  EXPECT_EQ(type["2"], "Calls for proposals");
  EXPECT_EQ(type["8"], "Cascade funding calls");
  // And the parser names them accordingly.
  auto page = [](const char* st, const char* ty) {
    return std::string(R"({"results":[{"reference":"r","metadata":{"title":["T"],"status":[")") +
           st + R"("],"type":[")" + ty + R"("]}}]})";
  };
  EXPECT_EQ(parse_sedia_page(page("31094501", "1"), 100, "s")->items[0].status, "forthcoming");
  EXPECT_EQ(parse_sedia_page(page("31094502", "2"), 100, "s")->items[0].kind, "call for proposals");
  EXPECT_EQ(parse_sedia_page(page("31094503", "8"), 100, "s")->items[0].status, "closed");
  EXPECT_EQ(parse_sedia_page(page("31094503", "8"), 100, "s")->items[0].kind, "cascade funding");
}

// Issue 10.1: RapidJSON's default reader recurses once per level, so a page
// of 100,000 nested arrays overflowed the stack. Now the iterative reader is
// used and nesting past 64 levels is an Error naming the source.
TEST(HysParser, DeeplyNestedJsonFailsTheSourceNotTheProcess) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const std::string& body :
       {"{\"totalPages\":1,\"x\":" + deep + "}", deep, std::string(100000, '{')}) {
    auto hys = parse_hys_page(body, "hys page 0 (https://h/)");
    ASSERT_FALSE(hys.ok());
    EXPECT_NE(hys.error().message.find("hys page 0 (https://h/)"), std::string::npos);
    auto sedia = parse_sedia_page(body, 50, "sedia");
    ASSERT_FALSE(sedia.ok());
  }
  auto r = parse_hys_page("{\"totalPages\":1,\"x\":" + deep + "}", "hys");
  EXPECT_NE(r.error().message.find("nesting deeper than 64"), std::string::npos)
      << r.error().message;
  // 60 levels is still JSON we read.
  auto ok =
      parse_hys_page("{\"totalPages\":1,\"x\":" + std::string(60, '[') + std::string(60, ']') +
                         ",\"initiativeResultDtoPage\":{\"content\":[]}}",
                     "hys");
  EXPECT_TRUE(ok.ok()) << ok.error().message;
}

// Found by fuzz_eu_api: RapidJSON did not check UTF-8, so a page with a
// stray byte stored a title that was not valid text; and totals went
// through atoi (undefined past int) into page arithmetic that overflowed.
TEST(SediaParser, InvalidUtf8IsMalformedJsonNotStoredText) {
  auto sedia = parse_sedia_page(
      "{\"totalResults\":1,\"results\":[{\"metadata\":{\"title\":[\"bad \xff byte\"]}}]}", 50,
      "sedia");
  ASSERT_FALSE(sedia.ok());
  EXPECT_NE(sedia.error().message.find("malformed"), std::string::npos);
  auto hys = parse_hys_page(
      "{\"initiativeResultDtoPage\":{\"totalPages\":1,\"content\":[{\"id\":1,"
      "\"shortTitle\":\"\xc3\"}]}}",
      "hys");
  ASSERT_FALSE(hys.ok());
}

TEST(SediaParser, HugeOrNegativeTotalsAreClamped) {
  auto r = parse_sedia_page("{\"totalResults\":9223372036854775807,\"results\":[]}", 50, "s");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->total_items, 1000000000L);
  EXPECT_EQ(r->total_pages, 20000000);
  auto h = parse_hys_page(
      "{\"initiativeResultDtoPage\":{\"totalPages\":-3,\"totalElements\":\"1e30\",\"content\":[]}}",
      "h");
  ASSERT_TRUE(h.ok()) << h.error().message;
  EXPECT_EQ(h->total_pages, 0);
  EXPECT_EQ(h->total_items, 1000000000L);
}

}  // namespace
}  // namespace omvarld
