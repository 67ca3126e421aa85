// Have your say initiative detail: the recorded groupInitiatives/18805 answer
// read field by field against values written by hand from the file (and,
// for the 24 attachments, against a second reading with RapidJSON's DOM),
// plus constructed bodies for what the recording does not show.
#include "parse/hys_initiative.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "parse/feed_encoding.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

const std::string kDetail = "lifecycle/pm_hys-detail.json";

TEST(HysInitiative, RecordedDetailTopLevelFields) {
  REQUIRE_SHARED_FIXTURE(path, kDetail);
  auto r = parse_hys_initiative(test::read_file(path), path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const HysInitiative& i = r.value();
  EXPECT_EQ(i.id, 18805);
  EXPECT_EQ(i.title,
            "Plants obtained by new genomic techniques: information requirements and "
            "verification of category 1 status");
  // dossierSummary, its "\n" and trailing space collapsed.
  EXPECT_EQ(i.summary.rfind("This initiative supplements Regulation (EU) 2026/1388 on plants "
                            "produced by certain new genomic techniques (NGTs) by defining",
                            0),
            0u)
      << i.summary;
  EXPECT_NE(i.summary.find("(category 1). It is intended to provide clarity"), std::string::npos)
      << i.summary;
  EXPECT_EQ(i.summary.back(), '.');
  EXPECT_EQ(i.summary.find('\n'), std::string::npos);
  EXPECT_EQ(i.dg, "SANTE");
  EXPECT_EQ(i.stage, "PLANNING_WORKFLOW");
  EXPECT_EQ(i.act_type, "REG_DEL");
  EXPECT_EQ(i.status, "ACTIVE");
  EXPECT_EQ(i.feedback_status, "OPEN");
  EXPECT_EQ(i.topics, std::vector<std::string>{"Food safety"});
  EXPECT_EQ(i.reference, "Ares(2026)7014840");
  EXPECT_EQ(i.unit, "SECRETARIAT-GENERAL");
  EXPECT_EQ(i.modified, "2026-08-31T06:24:00Z");  // 08:24 in Brussels summer time
  ASSERT_EQ(i.publications.size(), 4u);
}

TEST(HysInitiative, RecordedDetailPublications) {
  REQUIRE_SHARED_FIXTURE(path, kDetail);
  auto r = parse_hys_initiative(test::read_file(path), path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& p = r->publications;
  ASSERT_EQ(p.size(), 4u);

  EXPECT_EQ(p[0].id, 25370);
  EXPECT_EQ(p[0].type, "INIT_PLANNED");
  EXPECT_EQ(p[0].stage, "PLANNING_WORKFLOW");
  EXPECT_EQ(p[0].feedback_status, "DISABLED");
  EXPECT_EQ(p[0].published, "2026-07-20T15:24:10Z");
  EXPECT_EQ(p[0].feedback_start, std::nullopt);  // takes no feedback
  EXPECT_EQ(p[0].feedback_end, std::nullopt);
  EXPECT_EQ(p[0].planned_period, "");
  EXPECT_EQ(p[0].planned_start, std::nullopt);
  EXPECT_EQ(p[0].feedback_count, 0);
  EXPECT_EQ(p[0].reference, "Ares(2026)7014840");
  EXPECT_TRUE(p[0].documents.empty());
  EXPECT_TRUE(p[0].attachments.empty());
  EXPECT_FALSE(p[0].is_current);
  EXPECT_EQ(p[0].modified, "2026-08-31T06:24:00Z");

  EXPECT_EQ(p[1].id, 25817);
  EXPECT_EQ(p[1].type, "CALL_FOR_EVIDENCE");
  EXPECT_EQ(p[1].stage, "PLANNING_WORKFLOW");
  EXPECT_EQ(p[1].feedback_status, "OPEN");
  EXPECT_EQ(p[1].published, "2026-08-31T06:24:00Z");
  EXPECT_EQ(p[1].feedback_start, "2026-08-31T06:24:00Z");  // opens when published
  EXPECT_EQ(p[1].feedback_end, "2026-09-28T21:59:59Z");    // 23:59:59 in Brussels
  EXPECT_EQ(p[1].feedback_count, 1);
  EXPECT_EQ(p[1].feedback_weeks, 4);
  EXPECT_EQ(p[1].reference, "Ares(2026)8283054");
  EXPECT_TRUE(p[1].is_current);
  EXPECT_EQ(p[1].modified, "2026-08-31T12:27:02Z");
  // Trailing space of the recorded title gone.
  EXPECT_EQ(p[1].title,
            "Commission Delegated Regulation supplementing Regulation (EU) 2026/1388 of the "
            "European Parliament and of the Council as regards information required to "
            "demonstrate that a plant is obtained by certain new genomic techniques and as "
            "regards the verification of category 1 status");
  // English, the Italian original and Swedish, in body order.
  const std::string dl = "https://ec.europa.eu/info/law/better-regulation/api/download/";
  EXPECT_EQ(p[1].documents,
            (std::vector<std::string>{dl + "090166e532b944e0", dl + "090166e532b94941",
                                      dl + "090166e532b9493a"}));
  ASSERT_EQ(p[1].attachments.size(), 24u);
  const HysDocument& it = p[1].attachments[0];
  EXPECT_EQ(it.language, "IT");
  EXPECT_TRUE(it.original);
  EXPECT_EQ(it.file_name, "PART-2026-822972V1.pdf");
  EXPECT_EQ(it.kind, "ANNEX");
  EXPECT_EQ(it.pages, 4);
  EXPECT_EQ(it.size_bytes, 377029);
  EXPECT_EQ(it.created, "2026-08-31T06:24:00Z");                   // UTC as given, fraction dropped
  EXPECT_EQ(p[1].attachments[5].created, "2026-08-31T06:24:00Z");  // two fraction digits

  EXPECT_EQ(p[2].id, 25372);
  EXPECT_EQ(p[2].type, "REG_DEL_DRAFT");
  EXPECT_EQ(p[2].stage, "ISC_WORKFLOW");
  EXPECT_EQ(p[2].feedback_status, "UPCOMING");
  EXPECT_EQ(p[2].published, std::nullopt);  // publishedDate: null
  EXPECT_EQ(p[2].feedback_start, std::nullopt);
  EXPECT_EQ(p[2].reference, "");  // reference: null
  EXPECT_EQ(p[2].modified, "2026-08-31T06:24:00Z");

  EXPECT_EQ(p[3].id, 25373);
  EXPECT_EQ(p[3].type, "REG_DEL");
  EXPECT_EQ(p[3].stage, "ADOPTION_WORKFLOW");
  EXPECT_EQ(p[3].feedback_status, "DISABLED");
  EXPECT_EQ(p[3].planned_period, "Q-2028-1");
  EXPECT_EQ(p[3].planned_start, "2027-12-31T23:00:00Z");  // midnight CET
  EXPECT_EQ(p[3].planned_end, "2028-03-30T22:00:00Z");    // midnight CEST (from 26 March)
  EXPECT_EQ(p[3].published, std::nullopt);
}

// Every attachment against a second reading of the file with RapidJSON's
// DOM: the download address is the portal's for its documentId.
TEST(HysInitiative, RecordedAttachmentsAgreeWithADomReading) {
  REQUIRE_SHARED_FIXTURE(path, kDetail);
  const std::string body = test::read_file(path);
  rapidjson::Document dom;
  dom.Parse(body.data(), body.size());
  ASSERT_FALSE(dom.HasParseError());
  auto r = parse_hys_initiative(body, path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& pubs = dom["publications"];
  ASSERT_EQ(r->publications.size(), pubs.Size());
  size_t total = 0;
  for (rapidjson::SizeType k = 0; k < pubs.Size(); ++k) {
    const auto& atts = pubs[k]["attachments"];
    const auto& got = r->publications[k].attachments;
    ASSERT_EQ(got.size(), atts.Size());
    EXPECT_EQ(r->publications[k].id, pubs[k]["id"].GetInt64());
    for (rapidjson::SizeType a = 0; a < atts.Size(); ++a, ++total) {
      EXPECT_EQ(got[a].url,
                std::string("https://ec.europa.eu/info/law/better-regulation/api/download/") +
                    atts[a]["documentId"].GetString());
      EXPECT_EQ(got[a].language, atts[a]["language"].GetString());
      EXPECT_EQ(got[a].file_name, atts[a]["ersFileName"].GetString());
      EXPECT_EQ(got[a].size_bytes, atts[a]["size"].GetInt64());
      EXPECT_EQ(got[a].pages, atts[a]["pages"].GetInt());
      EXPECT_EQ(got[a].original, atts[a]["isOriginal"].GetBool());
      // createdDate "2026-08-31T06:24:00.4xx": the same second in UTC.
      EXPECT_EQ(got[a].created,
                std::string(atts[a]["createdDate"].GetString()).substr(0, 19) + "Z");
    }
  }
  EXPECT_EQ(total, 24u);
}

TEST(HysInitiative, IdsAsFloatsAndStringsAndAbsentKeys) {
  // Constructed: ids in three spellings, counts as strings, most keys absent.
  const char* body = R"({"id":18805.0,"shortTitle":"T &amp; U","publications":[
      {"id":"25817","type":"CALL_FOR_EVIDENCE","totalFeedback":"12","feedbackPeriod":"4.0"},
      {"id":25818.0},
      {"type":"NO_ID"},
      "not an object",
      {"id":1.5}]})";
  auto r = parse_hys_initiative(body, "constructed");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->id, 18805);
  EXPECT_EQ(r->title, "T & U");
  EXPECT_EQ(r->dg, "");
  EXPECT_TRUE(r->topics.empty());
  EXPECT_EQ(r->modified, std::nullopt);
  ASSERT_EQ(r->publications.size(), 2u);  // no id, not an object, 1.5: left out
  EXPECT_EQ(r->publications[0].id, 25817);
  EXPECT_EQ(r->publications[0].feedback_count, 12);
  EXPECT_EQ(r->publications[0].feedback_weeks, 4);
  EXPECT_EQ(r->publications[0].published, std::nullopt);
  EXPECT_EQ(r->publications[1].id, 25818);
  EXPECT_EQ(r->publications[1].type, "");
}

TEST(HysInitiative, HtmlSummaryTranslationWhenNoDossierSummary) {
  const char* body = R"({"id":1,"initiativeTranslations":[
      {"field":"SUMMARY","language":"DE","value":"<p>Deutsch</p>"},
      {"field":"SUMMARY","language":"EN","value":"<p>First&nbsp;part <em>stressed</em>.</p><p>Second &amp; last.</p>"}]})";
  auto r = parse_hys_initiative(body, "constructed");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->summary.find('<'), std::string::npos) << r->summary;
  EXPECT_NE(r->summary.find("stressed"), std::string::npos) << r->summary;
  EXPECT_NE(r->summary.find("Second & last."), std::string::npos) << r->summary;
  EXPECT_EQ(r->summary.find("Deutsch"), std::string::npos);
}

TEST(HysInitiative, BothDateFormatsAndWinterTime) {
  const char* body = R"({"id":2,"publications":[{"id":3,
      "publishedDate":"2026/01/15 10:00:00","endDate":"2026-02-12T22:59:59.5",
      "receivingFeedbackStatus":"CLOSED","plannedStartDate":"2026/02/30 00:00:00",
      "attachments":[{"documentId":"abc","createdDate":"2026-01-15T09:00:00.1","language":"sv"},
                     {"documentId":"../x","language":"EN"}]}]})";
  auto r = parse_hys_initiative(body, "constructed");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const HysPublication& p = r->publications.at(0);
  EXPECT_EQ(p.published, "2026-01-15T09:00:00Z");  // CET, UTC+1
  EXPECT_EQ(p.feedback_start, "2026-01-15T09:00:00Z");
  EXPECT_EQ(p.feedback_end, "2026-02-12T22:59:59Z");  // ISO form read as UTC
  EXPECT_EQ(p.planned_start, std::nullopt);           // 30 February: unreadable, absent
  ASSERT_EQ(p.attachments.size(), 2u);
  EXPECT_EQ(p.attachments[0].language, "SV");
  EXPECT_EQ(p.attachments[0].created, "2026-01-15T09:00:00Z");
  EXPECT_EQ(p.attachments[1].url, "");  // not a plain id: no link made from it
  EXPECT_EQ(p.documents, std::vector<std::string>{
                             "https://ec.europa.eu/info/law/better-regulation/api/download/abc"});
}

TEST(HysInitiative, RefusesWhatIsNotAnInitiative) {
  struct Case {
    const char* body;
    ErrorKind kind;
    const char* says;
  };
  for (const Case& c : {
           Case{R"({"id":1,"publications":[)", ErrorKind::kParse, "truncated"},
           Case{"<!DOCTYPE html><html><head><title>Maintenance</title></head></html>",
                ErrorKind::kParse, "HTML page"},
           Case{R"({"initiativeResultDtoPage":{"content":[]}})", ErrorKind::kParse, "search page"},
           Case{R"({"shortTitle":"no id"})", ErrorKind::kParse, "no numeric"},
           Case{R"([1,2])", ErrorKind::kParse, "not an object"},
           Case{"", ErrorKind::kParse, "empty answer"},
           Case{"{\"id\":1,\"shortTitle\":\"\xff\"}", ErrorKind::kParse, "malformed"},
       }) {
    auto r = parse_hys_initiative(c.body, "https://ec.europa.eu/info/law/better-regulation/x");
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.error().kind, c.kind) << c.body << ": " << r.error().message;
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
  }
}

// The recorded search answers (ids as floats, absent keys) are pages of
// results, not one initiative's detail.
TEST(HysInitiative, RecordedSearchPagesAreNotADetail) {
  for (const char* rel : {"lifecycle/pm_hys-search.json", "lifecycle/pm_hys-initiatives.json"}) {
    REQUIRE_SHARED_FIXTURE(path, rel);
    auto r = parse_hys_initiative(test::read_file(path), path);
    ASSERT_FALSE(r.ok()) << rel;
    EXPECT_EQ(r.error().kind, ErrorKind::kParse);
    EXPECT_NE(r.error().message.find("a Have your say search page"), std::string::npos)
        << r.error().message;
  }
}

TEST(HysInitiative, DeepNestingIsRefusedWithoutRecursion) {
  std::string body = R"({"id":1,"x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto r = parse_hys_initiative(body, "constructed");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("deeper than 64"), std::string::npos) << r.error().message;
}

TEST(HysInitiative, TextOutIsValidUtf8) {
  const char* body =
      R"({"id":1,"shortTitle":"\u00e5\u00e4\u00f6 <b>x</b>","dossierSummary":"<p>a&#xD800;b</p>"})";
  auto r = parse_hys_initiative(body, "constructed");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(is_valid_utf8(r->title));
  EXPECT_TRUE(is_valid_utf8(r->summary));
  EXPECT_EQ(r->title.rfind("åäö", 0), 0u);
}

// allFeedback: no recorded answer exists; these bodies follow the documented
// Spring HAL shape (see docs/lifecycle-sources.md).
TEST(HysFeedbackTotal, ReadsTheDocumentedPageShape) {
  auto a = parse_hys_feedback_total(
      R"({"_embedded":{"feedbackV1":[{"id":1},{"id":2}]},"page":{"size":10,"totalElements":123,"totalPages":13,"number":0}})",
      "constructed");
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(*a, 123);
  auto b = parse_hys_feedback_total(R"({"page":{"totalElements":"7"}})", "constructed");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, 7);
  auto c = parse_hys_feedback_total(R"({"_embedded":{"feedbackV1":[{},{},{}]}})", "constructed");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, 3);
  auto d = parse_hys_feedback_total(R"({"_links":{},"page":{"totalElements":0}})", "constructed");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, 0);
  auto e = parse_hys_feedback_total(R"({"content":[]})", "constructed");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::kParse);
}

}  // namespace
}  // namespace omvarld
