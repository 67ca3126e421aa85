// Load: 50 clients read the inbox for 30 seconds (OMVARLD_LOAD_SECONDS; 5
// under the sanitizers) while harvests keep writing to the same database and
// officers keep deciding. No request may fail, no decision may be lost; the
// latency percentiles are printed for the README.
// Eigen (through the store) before httplib: httplib pulls in <resolv.h>,
// whose `_res` macro breaks Eigen's headers.
#include "web/review_fixture.h"
// clang-format off
#include <gtest/gtest.h>
#include <httplib.h>
// clang-format on

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

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

}  // namespace
}  // namespace omvarld
