// A follow harvest through the real libcurl client from a loopback mirror of
// the recorded answers (../shared/fixtures/lifecycle: Have your say 18805,
// EP procedure 2016/0132(COD), the 307 page, the OEIL 400 answer, the AWS WAF
// challenge page) into SQLite files on disk; then a second harvest with a
// changed answer, a conditional one, and the error pages.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <mutex>

#include "harvest/follow_collector.h"
#include "net/curl_http_client.h"
#include "net/retrying_http_client.h"
#include "report/follow_news.h"
#include "store/follow_store.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

// One answer of the mirror; the test changes it between harvests.
struct Answer {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string etag;
};

struct Mirror {
  test::LoopbackHttpServer server;
  std::mutex mu;
  Answer hys, ep;
  int hys_hits = 0, ep_hits = 0, conditional_hits = 0;
  std::string ep_query, ep_accept;

  Mirror() {
    server.server.Get("/brpapi/groupInitiatives/18805",
                      [this](const httplib::Request& req, httplib::Response& res) {
                        serve(req, res, hys, hys_hits);
                      });
    server.server.Get("/api/v2/procedures/2016-0132",
                      [this](const httplib::Request& req, httplib::Response& res) {
                        {
                          std::lock_guard<std::mutex> lock(mu);
                          ep_query = req.get_param_value("format");
                          ep_accept = req.get_header_value("Accept");
                        }
                        serve(req, res, ep, ep_hits);
                      });
  }
  void serve(const httplib::Request& req, httplib::Response& res, const Answer& a, int& hits) {
    std::lock_guard<std::mutex> lock(mu);
    ++hits;
    if (!a.etag.empty() && req.get_header_value("If-None-Match") == a.etag) {
      ++conditional_hits;
      res.status = 304;
      return;
    }
    res.status = a.status;
    if (!a.etag.empty()) res.set_header("ETag", a.etag);
    res.set_content(a.body, a.content_type);
  }
  void set(Answer Mirror::*which, Answer a) {
    std::lock_guard<std::mutex> lock(mu);
    this->*which = std::move(a);
  }
  std::string base() { return server.base(); }
};

// An independent count of the events a procedure has: its consists_of
// entries and each main rapporteur's dated appointment (had_participation),
// which omvarld shows as an event of its own.
size_t expected_events(const rapidjson::Value& process) {
  size_t n = process["consists_of"].Size();
  for (const auto& p : process["had_participation"].GetArray()) {
    const std::string role =
        p.HasMember("participation_role") ? p["participation_role"].GetString() : "";
    if (p.HasMember("activity_date") && role.size() >= 11 &&
        role.compare(role.size() - 11, 11, "/RAPPORTEUR") == 0)
      ++n;
  }
  return n;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "the recorded answer no longer holds " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

struct Harness {
  test::TempDir dir;
  Result<Store> store = Store::open(dir.file("omvarld.db"));
  test::FakeClock clock;
  CurlHttpClient curl;
  RetryingHttpClient http{curl, clock, test::fast_retry_policy(2)};
  std::vector<std::string> lines;
  Log log{[this](LogLevel, const std::string& m) { lines.push_back(m); }};
  FollowStore follows{store->db()};

  Result<FollowHarvestReport> harvest(Mirror& mirror) {
    FollowHarvestOptions options;
    options.hys_base = mirror.base();
    options.ep_base = mirror.base();
    // No link lookups here (tests/follow/follow_links_test.cpp has them).
    options.oeil_base.clear();
    options.eurlex_base.clear();
    FollowCollector collector(http, *store, clock, log, options);
    return collector.harvest("test");
  }
  int64_t follow_both() {
    FollowTarget t;
    t.hys_id = 18805;
    t.procedure = ProcedureRef{2016, 132, "COD"};
    auto id = follows.follow(t, FollowReason::kManual, "anna", "2025-11-28T00:00:00Z");
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
};

std::vector<std::string> described(const std::vector<FollowChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes)
    out.push_back(c.source + " " + c.kind + " " + c.subject + ": " + c.old_value + " -> " +
                  c.new_value);
  return out;
}

TEST(FollowHarvest, ReadsBothSourcesFromRecordedAnswersIntoTheDatabase) {
  REQUIRE_SHARED_FIXTURE(hys_path, "lifecycle/pm_hys-detail.json");
  REQUIRE_SHARED_FIXTURE(ep_path, "lifecycle/htv_odp-procedure_2016-0132.json");
  Mirror mirror;
  mirror.set(&Mirror::hys, {200, "application/json", test::read_file(hys_path), ""});
  mirror.set(&Mirror::ep, {200, "application/ld+json", test::read_file(ep_path), ""});
  Harness h;
  ASSERT_TRUE(h.store.ok());
  int64_t id = h.follow_both();
  auto report = h.harvest(mirror);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->outcomes.size(), 2u);
  for (const auto& o : report->outcomes) EXPECT_EQ(o.status, OutcomeStatus::kStored) << o.error;
  EXPECT_EQ(mirror.ep_query, "application/ld+json");
  EXPECT_EQ(mirror.ep_accept, "application/ld+json");

  // An independent reading of the recorded body: ids, types and title.
  rapidjson::Document doc;
  doc.Parse(test::read_file(hys_path).c_str());
  ASSERT_FALSE(doc.HasParseError());
  auto hys = h.follows.hys_state(id);
  ASSERT_TRUE(hys.ok() && *hys);
  EXPECT_EQ((*hys)->id, 18805);
  EXPECT_EQ((*hys)->title, doc["shortTitle"].GetString());
  const auto& pubs = doc["publications"].GetArray();
  ASSERT_EQ((*hys)->publications.size(), pubs.Size());
  for (rapidjson::SizeType i = 0; i < pubs.Size(); ++i) {
    EXPECT_EQ((*hys)->publications[i].id, pubs[i]["id"].GetInt64());
    EXPECT_EQ((*hys)->publications[i].type, pubs[i]["type"].GetString());
  }
  // 2026/09/28 23:59:59 Brussels summer time is 21:59:59 UTC.
  EXPECT_EQ((*hys)->publications[1].feedback_end, "2026-09-28T21:59:59Z");
  EXPECT_EQ((*hys)->publications[1].published, "2026-08-31T06:24:00Z");
  EXPECT_FALSE((*hys)->publications[2].published);
  EXPECT_EQ((*hys)->publications[3].planned_period, "Q-2028-1");

  rapidjson::Document ep_doc;
  ep_doc.Parse(test::read_file(ep_path).c_str());
  ASSERT_FALSE(ep_doc.HasParseError());
  auto ep = h.follows.ep_state(id);
  ASSERT_TRUE(ep.ok() && *ep);
  EXPECT_EQ(procedure_label((*ep)->ref), "2016/0132(COD)");
  EXPECT_EQ((*ep)->events.size(), expected_events(ep_doc["data"][0]));
  std::string last;
  for (const EpEvent& e : (*ep)->events) {
    if (e.date.empty()) continue;
    EXPECT_LE(last, e.date) << "events oldest first";
    last = e.date;
  }

  auto changes = h.follows.changes(id);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].kind, "first-read");
  EXPECT_EQ((*changes)[1].kind, "first-read");
  auto runs = h.store->recent_runs(5);
  ASSERT_TRUE(runs.ok());
  ASSERT_FALSE(runs->empty());
  EXPECT_EQ((*runs)[0].kind, "follow");
  EXPECT_EQ((*runs)[0].status, RunStatus::kOk);
}

TEST(FollowHarvest, ASecondHarvestRecordsExactlyWhatChanged) {
  REQUIRE_SHARED_FIXTURE(hys_path, "lifecycle/pm_hys-detail.json");
  REQUIRE_SHARED_FIXTURE(ep_path, "lifecycle/htv_odp-procedure_2016-0132.json");
  const std::string hys_body = test::read_file(hys_path), ep_body = test::read_file(ep_path);
  Mirror mirror;
  mirror.set(&Mirror::hys, {200, "application/json", hys_body, ""});
  mirror.set(&Mirror::ep, {200, "application/ld+json", ep_body, ""});
  Harness h;
  int64_t id = h.follow_both();
  ASSERT_TRUE(h.harvest(mirror).ok());

  // The draft act is published and open for feedback; the adopted act's
  // planned quarter moves; the Parliament holds a new debate and corrects a date.
  std::string hys2 = replaced(hys_body,
                              "\"publishedDate\":null,\"translationEndDate\":null,"
                              "\"decideSendDate\":null,\"adoptionDate\":null,\"reference\":null,"
                              "\"referenceNumber\":null,\"type\":\"REG_DEL_DRAFT\"",
                              "\"publishedDate\":\"2026/10/15 10:00:00\",\"translationEndDate\":"
                              "null,\"decideSendDate\":null,\"adoptionDate\":null,\"reference\":"
                              "null,\"referenceNumber\":null,\"type\":\"REG_DEL_DRAFT\"");
  hys2 = replaced(hys2,
                  "\"endDate\":null,\"feedbackPeriod\":0,\"totalFeedback\":0,"
                  "\"receivingFeedbackStatus\":\"UPCOMING\"",
                  "\"endDate\":\"2026/11/12 23:59:59\",\"feedbackPeriod\":4,\"totalFeedback\":0,"
                  "\"receivingFeedbackStatus\":\"OPEN\"");
  hys2 = replaced(hys2,
                  "\"plannedStartDate\":\"2028/01/01 00:00:00\",\"plannedEndDate\":\"2028/03/31 "
                  "00:00:00\",\"plannedPeriod\":\"Q-2028-1\"",
                  "\"plannedStartDate\":\"2028/04/01 00:00:00\",\"plannedEndDate\":\"2028/06/30 "
                  "00:00:00\",\"plannedPeriod\":\"Q-2028-2\"");
  std::string ep2 = replaced(ep_body,
                             "\"activity_date\":\"2024-05-22\",\"activity_id\":\"2016-0132-PUB-"
                             "2024-05-22\"",
                             "\"activity_date\":\"2024-05-23\",\"activity_id\":\"2016-0132-PUB-"
                             "2024-05-22\"");
  ep2 = replaced(ep2, "\"consists_of\":[",
                 "\"consists_of\":[{\"id\":\"eli/dl/event/2016-0132-DEB-2026-12-01\",\"type\":"
                 "\"Activity\",\"activity_date\":\"2026-12-01\",\"activity_id\":\"2016-0132-DEB-"
                 "2026-12-01\",\"had_activity_type\":\"def/ep-activities/PLENARY_DEBATE\"},");
  mirror.set(&Mirror::hys, {200, "application/json", hys2, ""});
  mirror.set(&Mirror::ep, {200, "application/ld+json", ep2, ""});
  h.clock.now += 86400;
  auto report = h.harvest(mirror);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->failed(), 0);
  auto changes = h.follows.changes(id, format_iso8601_utc(h.clock.now).substr(0, 10));
  ASSERT_TRUE(changes.ok());
  EXPECT_EQ(described(*changes),
            (std::vector<std::string>{
                // 10:00 Brussels in October (summer time) is 08:00 UTC; 23:59:59 on
                // 12 November (winter time) is 22:59:59 UTC.
                "hys published REG_DEL_DRAFT:  -> 2026-10-15T08:00:00Z",
                "hys feedback-opened REG_DEL_DRAFT: UPCOMING -> 2026-11-12T22:59:59Z",
                "hys planned-date-changed REG_DEL: Q-2028-1 -> Q-2028-2",
                "ep event-date-changed PUBLICATION_OFFICIAL_JOURNAL: 2024-05-22 -> 2024-05-23",
                "ep new-event PLENARY_DEBATE:  -> 2026-12-01",
            }));
  // The morning digest's "What moved": the changes since the day before, the
  // open feedback period first, each with the initiative's title and page.
  auto news =
      digest_news(h.store->db(), format_iso8601_utc(h.clock.now - 3600), h.clock.now, Lang::kEn);
  ASSERT_TRUE(news.ok()) << news.error().message;
  ASSERT_FALSE(news->empty());
  const DigestNews& first = news->front();
  EXPECT_EQ(first.title,
            "Plants obtained by new genomic techniques: information requirements and verification "
            "of category 1 status");
  EXPECT_NE(first.what.find("feedback"), std::string::npos) << first.what;
  EXPECT_NE(first.what.find("12 November"), std::string::npos) << first.what;
  EXPECT_EQ(first.link.rfind("https://ec.europa.eu/info/law/better-regulation/have-your-say/"
                             "initiatives/18805-",
                             0),
            0u)
      << first.link;
  // Nothing moved since now.
  auto none =
      digest_news(h.store->db(), format_iso8601_utc(h.clock.now + 1), h.clock.now, Lang::kEn);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  // A third harvest of the same answers changes nothing.
  h.clock.now += 86400;
  ASSERT_TRUE(h.harvest(mirror).ok());
  EXPECT_TRUE(h.follows.changes(id, format_iso8601_utc(h.clock.now).substr(0, 10))->empty());
}

TEST(FollowHarvest, AskAgainWithTheETagAndA304ChangesNothing) {
  REQUIRE_SHARED_FIXTURE(hys_path, "lifecycle/pm_hys-detail.json");
  Mirror mirror;
  mirror.set(&Mirror::hys, {200, "application/json", test::read_file(hys_path), "\"v1\""});
  Harness h;
  FollowTarget t;
  t.hys_id = 18805;
  int64_t id = *h.follows.follow(t, FollowReason::kManual, "anna", "2025-11-28T00:00:00Z");
  ASSERT_TRUE(h.harvest(mirror).ok());
  auto report = h.harvest(mirror);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->outcomes.size(), 1u);
  EXPECT_EQ(report->outcomes[0].status, OutcomeStatus::kNotModified);
  EXPECT_EQ(mirror.conditional_hits, 1);
  EXPECT_EQ(mirror.ep_hits, 0);  // no procedure, no request to the Parliament
  EXPECT_EQ(h.follows.changes(id)->size(), 1u);
  EXPECT_EQ((*h.follows.hys_state(id))->publications.size(), 4u);
}

TEST(FollowHarvest, ChallengeRedirectAndErrorPagesAreClearErrorsAndKeepEarlierData) {
  REQUIRE_SHARED_FIXTURE(hys_path, "lifecycle/pm_hys-detail.json");
  REQUIRE_SHARED_FIXTURE(ep_path, "lifecycle/htv_odp-procedure_2016-0132.json");
  REQUIRE_SHARED_FIXTURE(waf_path, "lifecycle/cyan_eurlex_aws_waf_challenge.html");
  REQUIRE_SHARED_FIXTURE(r307_path, "lifecycle/pm_oeil-rss_307.xml");
  REQUIRE_SHARED_FIXTURE(e400_path, "lifecycle/pm_oeil-follow_400.txt");
  Mirror mirror;
  mirror.set(&Mirror::hys, {200, "application/json", test::read_file(hys_path), ""});
  mirror.set(&Mirror::ep, {200, "application/ld+json", test::read_file(ep_path), ""});
  Harness h;
  int64_t id = h.follow_both();
  const std::string first_read = format_iso8601_utc(h.clock.now);
  ASSERT_TRUE(h.harvest(mirror).ok());
  const HysInitiative hys_before = **h.follows.hys_state(id);
  const EpProcedure ep_before = **h.follows.ep_state(id);

  // The challenge page with status 200; the nginx 307 page (no Location, so
  // it is the answer); then the Spring 400 JSON.
  mirror.set(&Mirror::hys, {200, "text/html", test::read_file(waf_path), ""});
  mirror.set(&Mirror::ep, {307, "text/html", test::read_file(r307_path), ""});
  h.clock.now += 3600;
  auto report = h.harvest(mirror);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->outcomes.size(), 2u);
  EXPECT_EQ(report->failed(), 2);
  const FollowOutcome& hys = report->outcomes[0];
  const FollowOutcome& ep = report->outcomes[1];
  EXPECT_NE(hys.error.find("Have your say initiative 18805"), std::string::npos) << hys.error;
  EXPECT_NE(hys.error.find("challenge"), std::string::npos) << hys.error;
  EXPECT_NE(ep.error.find("EP procedure 2016/0132(COD)"), std::string::npos) << ep.error;
  EXPECT_NE(ep.error.find("307"), std::string::npos) << ep.error;
  mirror.set(&Mirror::ep, {400, "application/json", test::read_file(e400_path), ""});
  h.clock.now += 3600;
  report = h.harvest(mirror);
  ASSERT_TRUE(report.ok());
  EXPECT_NE(report->outcomes[1].error.find("400"), std::string::npos) << report->outcomes[1].error;

  EXPECT_EQ(**h.follows.hys_state(id), hys_before);
  EXPECT_EQ(**h.follows.ep_state(id), ep_before);
  EXPECT_EQ(h.follows.changes(id)->size(), 2u);  // the first readings only
  auto state = h.follows.source_state(id, FollowSource::kEp);
  ASSERT_TRUE(state.ok() && *state);
  EXPECT_NE((*state)->last_error.find("400"), std::string::npos);
  EXPECT_EQ((*state)->last_ok_at, first_read);
  auto runs = h.store->recent_runs(1);
  EXPECT_EQ((*runs)[0].status, RunStatus::kFailed);
}

TEST(FollowHarvest, RequestsToOneSourceArePaced) {
  Mirror mirror;
  mirror.set(&Mirror::ep, {200, "application/ld+json", "{}", ""});
  Harness h;
  for (int n : {132, 133, 134}) {
    FollowTarget t;
    t.procedure = ProcedureRef{2016, n, "COD"};
    ASSERT_TRUE(h.follows.follow(t, FollowReason::kManual, "anna", "2025-11-28T00:00:00Z").ok());
  }
  auto report = h.harvest(mirror);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->outcomes.size(), 3u);  // one request per followed procedure
  // Three requests: two pauses of 600 ms (500 per 5 minutes allowed).
  int pauses = 0;
  for (auto d : h.clock.sleeps) pauses += d == std::chrono::milliseconds(600);
  EXPECT_EQ(pauses, 2);
}

}  // namespace
}  // namespace omvarld
