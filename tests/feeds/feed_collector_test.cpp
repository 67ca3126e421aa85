// EU sources harvested through the real libcurl client from loopback
// servers into SQLite files, then listed, decided on and re-harvested.
#include "harvest/feed_collector.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <map>
#include <set>

#include "core/text.h"
#include "net/curl_http_client.h"
#include "net/retrying_http_client.h"
#include "store/item_store.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

const char* kRules = R"(
[[theme]]
id = "transport"
committee = "Trafiknämnden"
terms_en = ["mobility", "transport"]
[[theme]]
id = "housing"
terms_en = ["housing"]
)";

struct Harness {
  test::TempDir dir;
  Result<Store> store = Store::open(dir.file("omvarld.db"));
  test::FakeClock clock;
  CurlHttpClient curl;
  RetryingHttpClient http{curl, clock, test::fast_retry_policy(3)};
  std::vector<std::string> lines;
  Log log{[this](LogLevel, const std::string& m) { lines.push_back(m); }};
  RelevanceScorer scorer{parse_relevance_rules(kRules, "rules").value()};
  FeedCollector collector{http, *store, clock, log, scorer};

  std::vector<StoredItem> all() {
    ItemStore items(store->db());
    ItemQuery q;
    q.limit = 100000;
    auto r = items.list(q);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<StoredItem>{};
  }
};

FeedSource rss(const std::string& id, const std::string& url) {
  FeedSource s;
  s.id = id;
  s.kind = SourceKind::kRss;
  s.url = url;
  return s;
}

std::string feed_with(const std::string& items) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>" + items +
         "</channel></rss>";
}

TEST(FeedCollector, StoresScoresAndThenAnswers304) {
  test::LoopbackHttpServer server;
  std::atomic<int> full{0}, conditional{0};
  server.server.Get("/feed", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      ++conditional;
      res.status = 304;
      return;
    }
    ++full;
    res.set_header("ETag", "\"v1\"");
    res.set_content(
        feed_with(
            "<item><title>Urban mobility package</title><link>https://e/1</link><guid>g1</guid>"
            "<pubDate>Tue, 06 Oct 2026 13:00:00 GMT</pubDate></item>"
            "<item><title>Fisheries quotas</title><link>https://e/2</link><guid>g2</guid></item>"),
        "application/rss+xml");
  });
  Harness h;
  auto r = h.collector.harvest({rss("eurlex", server.url("/feed"))}, "test");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->outcomes[0].status, OutcomeStatus::kStored) << r->outcomes[0].error;
  EXPECT_EQ(r->outcomes[0].new_items, 2);
  auto items = h.all();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].title, "Urban mobility package");  // highest score first
  EXPECT_EQ(items[0].score, 30);
  EXPECT_TRUE(items[0].flagged);
  EXPECT_EQ(items[0].why, "transport (title: mobility)");
  EXPECT_EQ(items[0].published, "2026-10-06T13:00:00Z");
  EXPECT_EQ(items[1].score, 0);
  EXPECT_FALSE(items[1].flagged);

  auto again = h.collector.harvest({rss("eurlex", server.url("/feed"))}, "test");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcomes[0].status, OutcomeStatus::kNotModified);
  EXPECT_EQ(full.load(), 1);
  EXPECT_EQ(conditional.load(), 1);
}

TEST(FeedCollector, ChangesGoToHistoryAndDecisionsSurviveHarvests) {
  test::LoopbackHttpServer server;
  std::atomic<int> version{1};
  server.server.Get("/feed", [&](const httplib::Request&, httplib::Response& res) {
    std::string title = version == 1 ? "Housing first" : "Housing first (revised)";
    res.set_content(feed_with("<item><title>" + title +
                              "</title><link>https://e/1</link><guid>g1</guid></item>"),
                    "application/rss+xml");
  });
  Harness h;
  ASSERT_TRUE(h.collector.harvest({rss("s", server.url("/feed"))}, "1").ok());
  auto items = h.all();
  ASSERT_EQ(items.size(), 1u);
  ItemStore store(h.store->db());
  ASSERT_TRUE(store
                  .review(items[0].id, ReviewStatus::kRelevant, "anna", "answer with Eurocities",
                          "anna", "t1")
                  .ok());
  version = 2;
  auto r = h.collector.harvest({rss("s", server.url("/feed"))}, "2");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcomes[0].changed, 1);
  items = h.all();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].title, "Housing first (revised)");
  EXPECT_EQ(items[0].review_status, ReviewStatus::kRelevant);  // never overwritten by a harvest
  EXPECT_EQ(items[0].note, "answer with Eurocities");
  auto changes = store.item_history(items[0].id);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].field, "title");
  EXPECT_EQ((*changes)[0].old_value, "Housing first");
  auto reviews = store.review_history(items[0].id);
  ASSERT_EQ(reviews->size(), 3u);  // status, assignee, note
  EXPECT_EQ((*reviews)[0].user, "anna");
}

TEST(FeedCollector, FailingSourcesAreRecordedAndTheOthersGoOn) {
  test::LoopbackHttpServer server;
  std::atomic<int> flaky{0};
  server.server.Get("/html", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<!DOCTYPE html><html><head><title>Login</title></head></html>", "text/html");
  });
  server.server.Get("/down",
                    [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  server.server.Get("/busy", [&](const httplib::Request&, httplib::Response& res) {
    if (++flaky == 1) {
      res.status = 429;
      res.set_header("Retry-After", "2");
      return;
    }
    res.set_content(feed_with("<item><title>Transport</title><guid>x</guid></item>"),
                    "application/rss+xml");
  });
  Harness h;
  auto r = h.collector.harvest({rss("html", server.url("/html")), rss("down", server.url("/down")),
                                rss("busy", server.url("/busy"))},
                               "t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->failed(), 2);
  EXPECT_NE(r->outcomes[0].error.find("HTML page"), std::string::npos) << r->outcomes[0].error;
  EXPECT_NE(r->outcomes[1].error.find("HTTP 500"), std::string::npos) << r->outcomes[1].error;
  EXPECT_EQ(r->outcomes[2].status, OutcomeStatus::kStored);
  EXPECT_EQ(h.clock.sleeps.back().count(), 2000);  // Retry-After honoured
  auto runs = h.store->recent_runs(1);
  EXPECT_EQ((*runs)[0].status, RunStatus::kPartial);
  EXPECT_EQ((*runs)[0].kind, "feeds");
}

TEST(FeedCollector, RepeatedGuidsInTheRealCallsFeedLoseNoItem) {
  REQUIRE_SHARED_FIXTURE(path, "feeds/eu/ft_sedia_open_calls_rss2.xml");
  std::string body = test::read_file(path);
  test::LoopbackHttpServer server;
  server.server.Get("/calls", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/rss+xml");
  });
  Harness h;
  auto r = h.collector.harvest({rss("calls", server.url("/calls"))}, "t");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->outcomes[0].status, OutcomeStatus::kStored) << r->outcomes[0].error;
  // What distinct items the feed holds, read independently of the store.
  auto feed = parse_feed(body, "", "calls");
  std::set<std::string> distinct;
  for (const auto& i : feed->items)
    distinct.insert(i.guid + "|" + i.link + "|" + i.title + "|" + i.summary);
  EXPECT_EQ(h.all().size(), distinct.size());
  EXPECT_GT(distinct.size(), 700u);
  auto st = Stmt::prepare(h.store->db(), "SELECT dedup FROM feed_sources WHERE id='calls'");
  ASSERT_TRUE(st->step().value());
  EXPECT_EQ(st->col_text(0), "hash");  // GUIDs and links repeat in this feed
  // Harvested again: nothing new, nothing changed.
  auto again = h.collector.harvest({rss("calls", server.url("/calls"))}, "t2");
  EXPECT_EQ(again->outcomes[0].new_items, 0);
  EXPECT_EQ(again->outcomes[0].changed, 0);
}

TEST(FeedCollector, HaveYourSayIsReadPageByPage) {
  test::LoopbackHttpServer server;
  std::vector<std::string> pages_seen;
  server.server.Get(
      "/brpapi/searchInitiatives", [&](const httplib::Request& req, httplib::Response& res) {
        std::string page = req.get_param_value("page");
        pages_seen.push_back(page);
        std::string id = std::to_string(1000 + std::atoi(page.c_str()));
        res.set_content(
            R"({"initiativeResultDtoPage":{"totalPages":3,"content":[{"id":)" + id +
                R"(,"shortTitle":"Housing initiative )" + page +
                R"(","currentStatuses":[{"isCurrent":true,"receivingFeedbackStatus":"OPEN",)"
                R"("feedbackEndDate":"2026/12/01 23:59:59"}]}]}})",
            "application/json");
      });
  FeedSource hys;
  hys.id = "hys";
  hys.kind = SourceKind::kHys;
  hys.url = server.url("/brpapi/searchInitiatives?page=0&size=1&language=EN");
  hys.page_size = 1;
  Harness h;
  auto r = h.collector.harvest({hys}, "t");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->outcomes[0].status, OutcomeStatus::kStored) << r->outcomes[0].error;
  EXPECT_EQ(pages_seen, (std::vector<std::string>{"0", "1", "2"}));
  auto items = h.all();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].deadline, "2026-12-01T22:59:59Z");  // CET
  EXPECT_EQ(items[0].status, "open");
}

TEST(FeedCollector, FundingAndTendersIsPostedWithAJsonQuery) {
  REQUIRE_SHARED_FIXTURE(path, "feeds/eu/ft_sedia_search_results_open_calls.json");
  std::string body = test::read_file(path);
  test::LoopbackHttpServer server;
  std::string seen_type, seen_body;
  std::vector<std::string> pages;
  server.server.Post(
      "/search-api/prod/rest/search", [&](const httplib::Request& req, httplib::Response& res) {
        seen_type = req.get_header_value("Content-Type");
        seen_body = req.has_file("query") ? req.get_file_value("query").content : req.body;
        pages.push_back(req.get_param_value("pageNumber"));
        res.set_content(pages.size() == 1 ? body : std::string(R"({"results":[]})"),
                        "application/json");
      });
  FeedSource sedia;
  sedia.id = "calls";
  sedia.kind = SourceKind::kSedia;
  sedia.url =
      server.url("/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize=38&pageNumber=1");
  sedia.page_size = 38;
  Harness h;
  auto r = h.collector.harvest({sedia}, "t");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->outcomes[0].status, OutcomeStatus::kStored) << r->outcomes[0].error;
  EXPECT_EQ(pages, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(seen_type.rfind("multipart/form-data; boundary=", 0), 0u);
  EXPECT_NE(seen_body.find("31094502"), std::string::npos);
  EXPECT_NE(seen_body.find("\"status\""), std::string::npos);
  EXPECT_EQ(h.all().size(), 38u);
}

TEST(PageUrl, ReplacesOrAppendsThePageParameter) {
  FeedSource s;
  s.kind = SourceKind::kHys;
  s.url = "https://x/s?page=0&size=100&language=EN";
  EXPECT_EQ(page_url(s, 3), "https://x/s?page=3&size=100&language=EN");
  s.url = "https://x/s?size=100";
  EXPECT_EQ(page_url(s, 1), "https://x/s?size=100&page=1");
  s.kind = SourceKind::kSedia;
  s.url = "https://x/search?apiKey=SEDIA&pageSize=100&pageNumber=1";
  EXPECT_EQ(page_url(s, 0), "https://x/search?apiKey=SEDIA&pageSize=100&pageNumber=1");
  EXPECT_EQ(page_url(s, 4), "https://x/search?apiKey=SEDIA&pageSize=100&pageNumber=5");
}

TEST(ItemDedup, ChoosesTheStrongestUsableKey) {
  FeedItem a, b;
  a.guid = "1";
  b.guid = "2";
  a.link = b.link = "https://same";
  EXPECT_EQ(choose_dedup({a, b}), "guid");
  b.guid = "1";
  a.link = "https://a";
  EXPECT_EQ(choose_dedup({a, b}), "link");
  b.link = "https://a";
  EXPECT_EQ(choose_dedup({a, b}), "hash");
  EXPECT_EQ(fnv1a_hex(""), "cbf29ce484222325");
}

// Issue 10.1: 40,000 nested elements in a title crashed the harvest (the
// text walk recursed; 100,000 overflow even a Release build's stack); now
// that source fails by name and the next one is stored.
TEST(FeedCollector, DeeplyNestedFeedFailsTheSourceNotTheHarvest) {
  test::LoopbackHttpServer server;
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "<b>";
  nested += "deep";
  for (int i = 0; i < 100000; ++i) nested += "</b>";
  server.server.Get("/hostile", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed_with("<item><title>" + nested + "</title><guid>h</guid></item>"),
                    "application/rss+xml");
  });
  server.server.Get("/good", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed_with("<item><title>Urban mobility</title><guid>g</guid></item>"),
                    "application/rss+xml");
  });
  Harness h;
  auto r = h.collector.harvest(
      {rss("hostile", server.url("/hostile")), rss("good", server.url("/good"))}, "t");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->outcomes.size(), 2u);
  EXPECT_EQ(r->outcomes[0].status, OutcomeStatus::kFailed);
  EXPECT_NE(r->outcomes[0].error.find("hostile"), std::string::npos) << r->outcomes[0].error;
  EXPECT_NE(r->outcomes[0].error.find("nesting deeper than 256"), std::string::npos)
      << r->outcomes[0].error;
  EXPECT_EQ(r->outcomes[1].status, OutcomeStatus::kStored);
  auto items = h.all();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].title, "Urban mobility");
  auto runs = h.store->recent_runs(1);
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ((*runs)[0].status, RunStatus::kPartial);
}

// Issue 10.14: a feed was downloaded up to the 512 MiB HTTP cap before the
// 32 MiB feed cap applied. Now the request carries the feed cap, and an
// endless body is cut as it arrives.
TEST(FeedCollector, EndlessFeedIsRefusedAtTheFeedCapWhileDownloading) {
  std::atomic<long long> sent{0};
  test::RawServer endless([&](int fd, const std::string&) {
    test::RawServer::send_all(fd,
                              "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                              "Connection: close\r\n\r\n<rss><channel>");
    const std::string chunk(1 << 16, ' ');
    // Until the client hangs up, or 1 GiB (which would be the failure).
    for (int i = 0; i < (1 << 14); ++i) {
      if (::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) break;
      sent += static_cast<long long>(chunk.size());
    }
  });
  test::LoopbackHttpServer server;
  server.server.Get("/good", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed_with("<item><title>Housing</title><guid>g</guid></item>"),
                    "application/rss+xml");
  });
  Harness h;
  auto r = h.collector.harvest(
      {rss("endless", endless.url("/feed")), rss("good", server.url("/good"))}, "t");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->outcomes[0].status, OutcomeStatus::kFailed);
  EXPECT_NE(r->outcomes[0].error.find("endless"), std::string::npos) << r->outcomes[0].error;
  EXPECT_NE(r->outcomes[0].error.find("cap of 33,554,432 bytes"), std::string::npos)
      << r->outcomes[0].error;
  EXPECT_EQ(r->outcomes[1].status, OutcomeStatus::kStored);
  EXPECT_EQ(endless.connections(), 1);  // a cap is not retried
  // What the server got out before the client hung up: the cap plus what
  // the socket buffers hold, far below the HTTP client's 512 MiB.
  EXPECT_LT(sent.load(), 48ll << 20);
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// feedparser's wellformed/base/http_item_link_base_docuri.xml and
// http_item_link_base_content_location.xml, over real HTTP: a relative link
// resolves against the Content-Location header when there is one (itself
// relative to the request URL), else against the URL the feed came from.
TEST(FeedCollector, RelativeLinksResolveAgainstContentLocationOrTheFeedUrl) {
  test::LoopbackHttpServer server;
  const std::string items = feed_with("<item><title>Item</title><link>/relative/uri</link></item>");
  server.server.Get("/plain/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(items, "application/rss+xml");
  });
  server.server.Get("/moved/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Location", "http://example.com/feeds/feed.xml");
    res.set_content(items, "application/rss+xml");
  });
  server.server.Get("/near/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Location", "sub/feed.xml");
    res.set_content(feed_with("<item><title>Item</title><link>item/1</link></item>"),
                    "application/rss+xml");
  });
  Harness h;
  auto r = h.collector.harvest(
      {rss("plain", server.url("/plain/feed.xml")), rss("moved", server.url("/moved/feed.xml")),
       rss("near", server.url("/near/feed.xml"))},
      "test");
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::map<std::string, std::string> link_of;
  for (const StoredItem& i : h.all()) link_of[i.source] = i.link;
  EXPECT_EQ(link_of["plain"], server.url("/relative/uri"));
  EXPECT_EQ(link_of["moved"], "http://example.com/relative/uri");
  EXPECT_EQ(link_of["near"], server.url("/near/sub/item/1"));
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// A score is rewritten only when it changed; a harvest of unchanged items
// keeps their scores, and other rules still give every item its new score.
TEST(FeedCollector, RescoringWritesOnlyChangedScoresAndFollowsNewRules) {
  test::LoopbackHttpServer server;
  server.server.Get("/feed", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed_with("<item><title>Urban mobility package</title><guid>g1</guid></item>"
                              "<item><title>New housing rules</title><guid>g2</guid></item>"),
                    "application/rss+xml");
  });
  Harness h;
  ASSERT_TRUE(h.collector.harvest({rss("eurlex", server.url("/feed"))}, "first").ok());
  ASSERT_TRUE(h.collector.harvest({rss("eurlex", server.url("/feed"))}, "second").ok());
  auto before = h.all();
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[0].title, "Urban mobility package");
  EXPECT_EQ(before[0].score, 30);

  RelevanceScorer housing_only{parse_relevance_rules(R"(
[[theme]]
id = "housing"
terms_en = ["housing"]
)",
                                                     "rules")
                                   .value()};
  auto n = rescore_items(*h.store, housing_only, "2026-12-01T00:00:00Z");
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 2);
  auto after = h.all();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].title, "New housing rules");
  EXPECT_EQ(after[0].why, "housing (title: housing)");
  EXPECT_EQ(after[1].score, 0);
  EXPECT_FALSE(after[1].flagged);
  EXPECT_EQ(after[1].why, "");
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// rss/item_dcterms_modified.xml, atom10/entry_updated.xml: the date a source
// last updated an item is stored apart from the date it was published, and
// follows the source when only it changes.
TEST(FeedCollector, UpdatedIsStoredApartFromPublished) {
  test::LoopbackHttpServer server;
  std::atomic<int> version{1};
  server.server.Get("/feed", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
        "<channel><title>T</title><item><title>Item</title><guid>g1</guid>"
        "<pubDate>Tue, 06 Oct 2026 13:00:00 GMT</pubDate><dcterms:modified>2026-10-0" +
            std::to_string(6 + version.load()) +
            "T09:30:00Z</dcterms:modified></item></channel></rss>",
        "application/rss+xml");
  });
  server.server.Get("/atom", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>tag:e,1</id><title>A</title>"
        "<updated>2026-11-02T10:00:00Z</updated></entry></feed>",
        "application/atom+xml");
  });
  Harness h;
  ASSERT_TRUE(
      h.collector
          .harvest({rss("rss", server.url("/feed")), rss("atom", server.url("/atom"))}, "first")
          .ok());
  std::map<std::string, StoredItem> by_source;
  for (StoredItem& i : h.all()) by_source[i.source] = i;
  EXPECT_EQ(by_source["rss"].published, "2026-10-06T13:00:00Z");
  EXPECT_EQ(by_source["rss"].updated, "2026-10-07T09:30:00Z");
  // An Atom entry without <published> is dated by its <updated>, and keeps it.
  EXPECT_EQ(by_source["atom"].published, "2026-11-02T10:00:00Z");
  EXPECT_EQ(by_source["atom"].updated, "2026-11-02T10:00:00Z");

  version = 2;
  ASSERT_TRUE(h.collector.harvest({rss("rss", server.url("/feed"))}, "second").ok());
  for (StoredItem& i : h.all())
    if (i.source == "rss") {
      EXPECT_EQ(i.updated, "2026-10-08T09:30:00Z");
      EXPECT_EQ(i.published, "2026-10-06T13:00:00Z");
    }
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// A harvest scores what it changed, what has no score, and everything when
// the rules changed; what neither the item nor the rules changed keeps its
// score unscored.
TEST(FeedCollector, AHarvestScoresOnlyWhatItOrTheRulesChanged) {
  test::LoopbackHttpServer server;
  std::atomic<int> version{1};
  server.server.Get("/feed", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed_with(std::string("<item><title>") +
                              (version == 1 ? "Fisheries quotas" : "Urban mobility quotas") +
                              "</title><guid>g1</guid></item>"
                              "<item><title>New housing rules</title><guid>g2</guid></item>"),
                    "application/rss+xml");
  });
  Harness h;
  auto first = h.collector.harvest({rss("eurlex", server.url("/feed"))}, "first");
  ASSERT_TRUE(first.ok());
  auto second = h.collector.harvest({rss("eurlex", server.url("/feed"))}, "second");
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->outcomes[0].unchanged, 2);
  // Nothing changed in the second run: nothing to score.
  EXPECT_EQ(*rescore_items(*h.store, h.scorer, "now", "eurlex", second->run_id), 0);
  // Without a run (omvarld flags rescore) everything is scored.
  EXPECT_EQ(*rescore_items(*h.store, h.scorer, "now", "eurlex"), 2);

  version = 2;  // the first item's title changes
  auto third = h.collector.harvest({rss("eurlex", server.url("/feed"))}, "third");
  ASSERT_TRUE(third.ok());
  ASSERT_EQ(third->outcomes[0].changed, 1);
  auto items = h.all();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].title, "Urban mobility quotas");  // scored again: now the top item
  EXPECT_EQ(items[0].score, 30);
  // (What the run changed counts as changed for that run's id.)
  EXPECT_EQ(*rescore_items(*h.store, h.scorer, "now", "eurlex", third->run_id), 1);

  // Other rules: every item is scored again, in a harvest too.
  RelevanceScorer other{
      parse_relevance_rules("[[theme]]\nid = \"fish\"\nterms_en = [\"quotas\"]\n", "other")
          .value()};
  EXPECT_EQ(*rescore_items(*h.store, other, "now", "eurlex", third->run_id), 2);
  EXPECT_EQ(*rescore_items(*h.store, other, "now", "eurlex", third->run_id), 1);
  EXPECT_EQ(h.all()[0].why, "fish (title: quotas)");
}

// A change whose rescore never happened (it failed, or the process was
// killed between storing the items and scoring them) is scored by the next
// harvest, though that harvest changes nothing: the item changed after its
// score was written.
TEST(FeedCollector, AChangeWhoseRescoreFailedIsScoredByTheNextHarvest) {
  test::LoopbackHttpServer server;
  std::atomic<int> version{1};
  server.server.Get("/feed", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed_with(std::string("<item><title>") +
                              (version == 1 ? "Fisheries quotas" : "Urban mobility quotas") +
                              "</title><guid>g1</guid></item>"),
                    "application/rss+xml");
  });
  Harness h;
  ASSERT_TRUE(h.collector.harvest({rss("eurlex", server.url("/feed"))}, "first").ok());
  version = 2;
  h.clock.now += 3600;
  ASSERT_TRUE(h.collector.harvest({rss("eurlex", server.url("/feed"))}, "second").ok());
  ASSERT_EQ(h.all()[0].score, 30);
  // The second run's score lost: the first run's stays, older than the change.
  ASSERT_TRUE(h.store->db()
                  .exec("UPDATE item_scores SET score=0, why='stale', "
                        "scored_at='2000-01-01T00:00:00Z'")
                  .ok());
  h.clock.now += 3600;
  auto third = h.collector.harvest({rss("eurlex", server.url("/feed"))}, "third");
  ASSERT_TRUE(third.ok());
  ASSERT_EQ(third->outcomes[0].unchanged, 1);
  EXPECT_EQ(h.all()[0].score, 30);
  EXPECT_NE(h.all()[0].why, "stale");
  // Scored now, it is left alone again.
  EXPECT_EQ(
      *rescore_items(*h.store, h.scorer, format_iso8601_utc(h.clock.now), "eurlex", third->run_id),
      0);
}

// A rescore of many items scores them on two threads (the second with its
// own scorer built from the same rules): every stored score, grade, theme
// list, committee and "why" is what the one scorer gives item by item.
TEST(FeedCollector, ManyItemsScoredOnTwoThreadsGetWhatOneScorerGives) {
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  const RelevanceScorer scorer(std::move(rules).value());
  Harness h;
  ItemStore items(h.store->db());
  ASSERT_TRUE(items.upsert_source({"calls", "rss", "https://example.eu/feed", "Calls"}).ok());
  const char* words[] = {"urban",  "mobility", "housing", "fisheries", "climate", "procurement",
                         "cities", "water",    "digital", "quotas",    "health",  "energy"};
  std::vector<FeedItem> batch;
  // 2,100 items: read in a part of 2,048 (scored on two threads) and one of
  // 52 (on one).
  for (int i = 0; i < 2100; ++i) {
    FeedItem it;
    it.guid = "HORIZON-CL5-2026-" + std::to_string(i);
    it.title = std::string(words[i % 12]) + " " + words[(i / 12) % 12] + " call";
    it.summary = std::string("support for ") + words[(i / 144) % 12] + " in municipalities";
    it.categories = {words[(i * 7) % 12]};
    batch.push_back(it);
  }
  ASSERT_TRUE(items.write_items(1, "calls", batch, "2026-12-01T00:00:00Z").ok());
  auto n = rescore_items(*h.store, scorer, "2026-12-01T00:00:00Z");
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 2100);
  ItemQuery q;
  q.limit = -1;
  auto stored = items.list(q);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 2100u);
  std::set<int> scores;
  for (const StoredItem& it : *stored) {
    Relevance want = scorer.score(it.title, it.topics, it.summary, it.guid + " " + it.reference);
    ASSERT_TRUE(it.score.has_value()) << it.title;
    EXPECT_EQ(*it.score, want.score) << it.title;
    EXPECT_EQ(it.grade, want.grade) << it.title;
    EXPECT_EQ(it.themes, want.theme_ids()) << it.title;
    EXPECT_EQ(it.why, want.why()) << it.title;
    EXPECT_EQ(it.committee, want.committee) << it.title;
    scores.insert(*it.score);
  }
  EXPECT_GT(scores.size(), 3u);  // the items are scored differently
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// A first harvest of a source of many items scores the parsed items on the
// second core while the first stores them (harvest_one), and the rescore
// takes those scores for the stored items with the same texts: every stored
// score, grade, theme list, committee and "why" must still be what the one
// scorer gives the stored item, also for items whose guid repeats (stored
// under hash keys) and a true duplicate (stored once).
// 1,200 items (enough to be scored while stored) of policy words, with
// item 8 repeating item 7 whole and items 5 and 6 sharing a guid.
std::string many_items() {
  const char* words[] = {"urban",  "mobility", "housing", "fisheries", "climate", "procurement",
                         "cities", "water",    "digital", "quotas",    "health",  "energy"};
  std::string body;
  for (int i = 0; i < 1200; ++i) {
    const int n = i == 8 ? 7 : i;  // item 8 repeats item 7 whole
    const std::string guid = n == 6 ? "g5" : "g" + std::to_string(n);  // 5 and 6 share a guid
    body += "<item><title>" + std::string(words[n % 12]) + " " + words[(n / 12) % 12] + " call " +
            std::to_string(n) + "</title><guid>" + guid + "</guid><description>support for " +
            words[(n / 144) % 12] + " in municipalities</description><category>" +
            words[(n * 7) % 12] + "</category><category>" + words[(n * 5) % 12] +
            "</category></item>";
  }
  return body;
}

// Serves many_items() at /feed.
struct ManyItemsServer {
  ManyItemsServer() {
    server.server.Get("/feed", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(feed_with(body), "application/rss+xml");
    });
  }
  std::string url(const std::string& path) { return server.url(path); }
  const std::string body = many_items();
  test::LoopbackHttpServer server;
};

TEST(FeedCollector, AFirstHarvestScoredWhileStoringGetsWhatOneScorerGives) {
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  const RelevanceScorer scorer(std::move(rules).value());
  ManyItemsServer server;
  Harness h;
  FeedCollector collector{h.http, *h.store, h.clock, h.log, scorer};
  auto report = collector.harvest({rss("calls", server.url("/feed"))}, "first");
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->failed(), 0) << report->outcomes[0].error;
  EXPECT_EQ(report->outcomes[0].new_items, 1199);
  const std::vector<StoredItem> stored = h.all();
  ASSERT_EQ(stored.size(), 1199u);
  std::set<int> scores;
  for (const StoredItem& it : stored) {
    Relevance want = scorer.score(it.title, it.topics, it.summary, it.guid + " " + it.reference);
    ASSERT_TRUE(it.score.has_value()) << it.title;
    EXPECT_EQ(*it.score, want.score) << it.title;
    EXPECT_EQ(it.grade, want.grade) << it.title;
    EXPECT_EQ(it.themes, want.theme_ids()) << it.title;
    EXPECT_EQ(it.why, want.why()) << it.title;
    EXPECT_EQ(it.committee, want.committee) << it.title;
    scores.insert(*it.score);
  }
  EXPECT_GT(scores.size(), 3u);  // the items are scored differently
  // The theme rows follow the scores.
  auto rows = Stmt::prepare(h.store->db(),
                            "SELECT count(*) FROM item_themes t JOIN item_scores s ON "
                            "s.item_id=t.item_id AND instr(char(10)||s.themes||char(10), "
                            "char(10)||t.theme||char(10))>0");
  ASSERT_TRUE(rows.ok());
  ASSERT_TRUE(*rows->step());
  size_t theme_lines = 0;
  for (const StoredItem& it : stored) theme_lines += themes_of(it).size();
  EXPECT_EQ(static_cast<size_t>(rows->col_int(0)), theme_lines);
  EXPECT_GT(theme_lines, 0u);
}

// Storing fails while the second thread scores: the source fails as a whole
// (nothing stored), the scoring thread is stopped and joined (no hang, no
// abort), and the next harvest stores and scores everything.
TEST(FeedCollector, AFirstHarvestWhoseStoringFailsWhileScoringFailsCleanly) {
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  const RelevanceScorer scorer(std::move(rules).value());
  ManyItemsServer server;
  Harness h;
  auto trigger = Stmt::prepare(h.store->db(),
                               "CREATE TRIGGER refuse BEFORE INSERT ON items WHEN NEW.guid='g1100' "
                               "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  ASSERT_TRUE(trigger.ok());
  ASSERT_TRUE(trigger->step().ok());
  FeedCollector collector{h.http, *h.store, h.clock, h.log, scorer};
  auto failed = collector.harvest({rss("calls", server.url("/feed"))}, "first");
  ASSERT_TRUE(failed.ok()) << failed.error().message;
  ASSERT_EQ(failed->failed(), 1);
  EXPECT_NE(failed->outcomes[0].error.find("refused by the test"), std::string::npos)
      << failed->outcomes[0].error;
  EXPECT_TRUE(h.all().empty());

  auto drop = Stmt::prepare(h.store->db(), "DROP TRIGGER refuse");
  ASSERT_TRUE(drop.ok());
  ASSERT_TRUE(drop->step().ok());
  auto again = collector.harvest({rss("calls", server.url("/feed"))}, "again");
  ASSERT_TRUE(again.ok()) << again.error().message;
  ASSERT_EQ(again->failed(), 0) << again->outcomes[0].error;
  const std::vector<StoredItem> stored = h.all();
  ASSERT_EQ(stored.size(), 1199u);
  for (const StoredItem& it : stored) EXPECT_TRUE(it.score.has_value()) << it.title;
}

}  // namespace
}  // namespace omvarld
