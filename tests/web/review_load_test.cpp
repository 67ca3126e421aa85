// Load: 50 clients read the inbox for 30 seconds (OMVARLD_LOAD_SECONDS; 5
// under the sanitizers) while harvests keep writing to the same database and
// officers keep deciding. No request may fail, no decision may be lost; the
// latency percentiles are printed for the README.
//
// And the inbox over 50,000 stored items (issue #15): clients page, filter,
// search and export while an officer decides in bulk; every answer must be
// right (the totals the store counts, the item searched for). The p99 figure
// is measured by tests/web/measure_server.py --inbox, not here.
// Eigen (through the store) before httplib: httplib pulls in <resolv.h>,
// whose `_res` macro breaks Eigen's headers.
#include "web/review_fixture.h"
// clang-format off
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>
// clang-format on

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "core/text.h"
#include "web/review_desk.h"
#include "web/review_server.h"

namespace omvarld {
namespace {

int load_seconds() {
  if (const char* e = std::getenv("OMVARLD_LOAD_SECONDS")) return std::max(1, std::atoi(e));
#if defined(__SANITIZE_ADDRESS__)
  return 5;
#else
  return 30;
#endif
}

TEST(ReviewLoad, FiftyClientsReadWhileAHarvestWritesAndOfficersDecide) {
  test::TempDir dir;
  const std::string db = dir.file("load.db");
  ASSERT_EQ(test::harvest_consultations(db, test::review_sample()), 0);
  ReviewServerOptions o;
  o.port = 0;
  o.settings.db_path = db;
  o.feeds_dir = std::string(OMVARLD_SOURCE_DIR) + "/feeds";
  o.reports_dir = dir.file("reports");
  o.decisions_per_minute = 100000;
  auto server = ReviewServer::create(o, Log());
  ASSERT_TRUE(server.ok()) << server.error().message;
  ASSERT_TRUE((*server)->start().ok());
  const std::string base = (*server)->base_url();

  std::atomic<bool> stop{false};
  std::atomic<int> errors{0}, harvests{0}, decisions{0};
  std::vector<std::vector<double>> latencies(50);
  std::vector<std::thread> threads;
  for (int k = 0; k < 50; ++k)
    threads.emplace_back([&, k] {
      httplib::Client c(base);
      c.set_keep_alive(true);
      c.set_read_timeout(30, 0);
      while (!stop) {
        const auto t0 = std::chrono::steady_clock::now();
        auto r = c.Get("/");
        const auto t1 = std::chrono::steady_clock::now();
        if (!r || r->status != 200 || r->body.find("affordable housing") == std::string::npos)
          ++errors;
        latencies[static_cast<size_t>(k)].push_back(
            std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  // A harvest writing all the time: the titles change every round, so every
  // round updates the items and their history.
  threads.emplace_back([&] {
    for (int round = 0; !stop; ++round) {
      auto sample = test::review_sample();
      for (auto& s : sample) s.title += " (revision " + std::to_string(round) + ")";
      if (test::harvest_consultations(db, sample) != 0) ++errors;
      ++harvests;
    }
  });
  // An officer deciding all the time, each decision a new note.
  threads.emplace_back([&] {
    httplib::Client c(base);
    auto first = c.Get("/api/items");
    std::string cookie = first ? first->get_header_value("Set-Cookie") : "";
    const size_t at = cookie.find("omvarld_csrf=") + 13;
    const std::string token = cookie.substr(at, cookie.find(';', at) - at);
    httplib::Headers h{{"Cookie", "omvarld_csrf=" + token}};
    for (int n = 0; !stop; ++n) {
      httplib::Params form{{"note", "note " + std::to_string(n)}, {"csrf", token}};
      auto r = c.Post("/items/1/decision", h, form);
      if (!r || r->status != 303)
        ++errors;
      else
        ++decisions;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::this_thread::sleep_for(std::chrono::seconds(load_seconds()));
  stop = true;
  for (auto& t : threads) t.join();
  (*server)->stop();

  std::vector<double> all;
  for (const auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  ASSERT_FALSE(all.empty());
  auto pct = [&](double p) {
    return all[std::min(all.size() - 1, static_cast<size_t>(p * static_cast<double>(all.size())))];
  };
  std::printf(
      "review page load: %d s, 50 clients, %zu inbox requests (%.0f/s), %d harvests, %d decisions; "
      "latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d\n",
      load_seconds(), all.size(), static_cast<double>(all.size()) / load_seconds(), harvests.load(),
      decisions.load(), pct(0.5), pct(0.95), pct(0.99), all.back(), errors.load());
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GT(harvests.load(), 0);
  EXPECT_GT(decisions.load(), 0);
  // No decision lost: each one changed the note, and each change is in the history.
  auto store = Store::open(db);
  ItemStore items(store->db());
  auto history = *items.review_history(1);
  EXPECT_EQ(static_cast<int>(history.size()), decisions.load());
  EXPECT_EQ((*items.get(1))->note, "note " + std::to_string(decisions.load() - 1));
}

// 50,000 items of one source, a fifth flagged, each with a deadline from a
// month ago to a year ahead; item 31337 alone has the word "heliotrope".
void store_many_items(const std::string& db, int n) {
  auto store = Store::open(db);
  ASSERT_TRUE(store.ok());
  ItemStore items(store->db());
  ASSERT_TRUE(items.upsert_source({"bulk", "rss", "https://example.org/feed", "Bulk"}).ok());
  auto run = store->begin_run("harvest", "load", *parse_utc_time("2026-01-01T00:00:00Z"));
  ASSERT_TRUE(run.ok());
  const int64_t now = SystemClock().now_unix();
  const char* const kWords[] = {"housing", "transport", "water",   "energy", "schools",
                                "waste",   "health",    "digital", "air",    "climate"};
  std::vector<FeedItem> feed;
  for (int k = 1; k <= n; ++k) {
    FeedItem f;
    f.guid = "bulk-" + std::to_string(k);
    f.link = "https://example.org/items/" + std::to_string(k);
    f.title = std::string("Item ") + std::to_string(k) + " on " + kWords[k % 10] + " and " +
              kWords[(k / 10) % 10] + (k == 31337 ? " heliotrope" : "");
    f.summary = std::string("About ") + kWords[(k / 100) % 10] + " in cities.";
    f.categories = {kWords[(k / 7) % 10]};
    // Half a day off the setup's time: none closes while the test runs.
    f.deadline = now + (int64_t{k % 400} - 30) * 86400 + 43200;
    feed.push_back(std::move(f));
  }
  ASSERT_TRUE(items.write_items(*run, "bulk", feed, "2026-01-01T00:00:00Z").ok());
  auto tx = Transaction::begin(store->db());
  ASSERT_TRUE(tx.ok());
  ItemQuery every;
  every.source = "bulk";
  every.limit = -1;
  auto page = items.list(every);
  ASSERT_TRUE(page.ok());
  for (const StoredItem& i : *page) {
    const int64_t k = std::stoll(i.guid.substr(5));
    const bool flag = k % 5 == 0;
    ASSERT_TRUE(items
                    .put_score(i.id, static_cast<int>(k % 100), flag,
                               flag ? Grade::kFlag : (k % 5 == 1 ? Grade::kLook : Grade::kNone),
                               kWords[k % 10] + std::string("\n") + kWords[(k / 10) % 10], "why",
                               k % 3 == 0 ? "Trafiknämnden" : "Kommunstyrelsen", "now")
                    .ok());
  }
  ASSERT_TRUE(tx->commit().ok());
}

TEST(ReviewLoad, InboxOverFiftyThousandItemsAnswersRightUnderLoad) {
  test::TempDir dir;
  const std::string db = dir.file("many.db");
  ASSERT_EQ(test::harvest_consultations(db, test::review_sample()), 0);
  constexpr int kItems = 50000;
  store_many_items(db, kItems);
  ReviewServerOptions o;
  o.port = 0;
  o.settings.db_path = db;
  o.feeds_dir = std::string(OMVARLD_SOURCE_DIR) + "/feeds";
  o.reports_dir = dir.file("reports");
  o.lang = Lang::kEn;
  o.decisions_per_minute = 100000;
  auto server = ReviewServer::create(o, Log());
  ASSERT_TRUE(server.ok()) << server.error().message;
  ASSERT_TRUE((*server)->start().ok());
  const std::string base = (*server)->base_url();

  // What the answers must say, counted by the store.
  auto expected_total = [&](const std::string& query) {
    auto store = Store::open(db);
    auto f = parse_inbox_filter_query(query);
    ItemQuery q = inbox_query(*f, Urgency{SystemClock().now_unix(), kDefaultUrgentDays});
    return ItemStore(store->db()).page(q)->total;
  };
  const int64_t all_open = expected_total("status=all");
  const int64_t all_items = expected_total("status=all&phase=all");
  ASSERT_EQ(all_items, kItems + 4);
  ASSERT_GT(all_open, 10000);

  std::atomic<bool> stop{false};
  std::atomic<int> errors{0}, requests{0}, decided{0};
  std::mutex error_mu;
  std::string first_error;
  auto error = [&](const std::string& what) {
    ++errors;
    std::lock_guard<std::mutex> lock(error_mu);
    if (first_error.empty()) first_error = what;
  };
  std::vector<std::thread> threads;
  for (int k = 0; k < 8; ++k)
    threads.emplace_back([&, k] {
      httplib::Client c(base);
      c.set_keep_alive(true);
      c.set_read_timeout(30, 0);
      for (int n = 0; !stop; ++n) {
        const int kind = (n + k) % 5;
        std::string path, must;  // what to ask, and what the answer must hold
        if (kind == 0) {
          path = "/";
          must = "<ol class=\"items\">";
        } else if (kind == 1) {
          path =
              "/api/items?status=all&per_page=100&page=" + std::to_string(1 + (n * 37 + k) % 100);
          must = "\"total\":" + std::to_string(all_open) + ",";
        } else if (kind == 2) {
          path = "/?status=all&phase=all&q=heliotrope";
          must = "Item 31337 on";
        } else if (kind == 3) {
          path = "/?status=all&committee=Trafik&theme=housing&page=3";
          must = "<ol class=\"items\">";
        } else {
          path = "/?status=all&q=bulk-4242";  // a source id
          must = "Item 4242 on";
        }
        auto r = c.Get(path.c_str());
        if (!r || r->status != 200)
          error("request failed: " + path);
        else if (r->body.find(must) == std::string::npos)
          error(path + " lacks " + must);
        ++requests;
      }
    });
  // An officer clearing the open inbox in bulk, 50 items at a time.
  threads.emplace_back([&] {
    httplib::Client c(base);
    auto first = c.Get("/");
    const std::string token = test::ReviewServerFixture::csrf_of(first);
    httplib::Headers h{{"Cookie", "omvarld_csrf=" + token}};
    for (int round = 0; !stop && round < 20; ++round) {
      auto ids = c.Get("/api/items?per_page=50&page=1");
      rapidjson::Document d;
      d.Parse(ids ? ids->body.c_str() : "{}");
      if (!d.IsObject() || !d.HasMember("items")) {
        error("bulk list");
        break;
      }
      httplib::Params form{{"csrf", token}, {"status", "not-relevant"}, {"list", ""}};
      for (const auto& it : d["items"].GetArray())
        form.emplace("ids", std::to_string(it["id"].GetInt64()));
      auto r = c.Post("/decisions", h, form);
      if (!r || r->status != 303) error("bulk decision");
      decided += static_cast<int>(d["items"].Size());
    }
  });
  std::this_thread::sleep_for(std::chrono::seconds(std::min(load_seconds(), 10)));
  stop = true;
  for (auto& t : threads) t.join();
  (*server)->stop();
  std::printf("inbox over %d items: %d requests, %d items decided in bulk; errors %d\n", kItems,
              requests.load(), decided.load(), errors.load());
  EXPECT_EQ(errors.load(), 0) << first_error;
  EXPECT_GT(requests.load(), 0);
  EXPECT_GT(decided.load(), 0);
  // Every bulk decision is in the decisions file, and the CSV exports all.
  auto store = Store::open(db);
  ItemQuery q;
  q.status = ReviewStatus::kNotRelevant;
  q.limit = -1;
  EXPECT_EQ(ItemStore(store->db()).page(q)->total, decided.load());
}

}  // namespace
}  // namespace omvarld
