// A database with real flagged consultations for the review page's tests:
// harvested by the real feed collector from a loopback Have your say server,
// scored by feeds/relevance.toml. Deadlines are set relative to today.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "demo/consultation_sample.h"
#include "harvest/feed_collector.h"
#include "harvest/feed_sources.h"
#include "net/curl_http_client.h"
#include "relevance/relevance.h"
#include "store/item_store.h"
#include "store/store.h"
#include "support/test_support.h"
#include "web/review_server.h"

namespace omvarld::test {

inline std::string day(int offset) {
  return format_iso8601_utc(SystemClock().now_unix() + int64_t{offset} * 86400).substr(0, 10);
}

// Harvests `items` into the database at `db_path`; returns the number of sources failed.
inline int harvest_consultations(const std::string& db_path,
                                 std::vector<SampleConsultation> items) {
  ConsultationMirror mirror(std::move(items), day(0));
  if (!mirror.start().ok()) return -1;
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  if (!rules.ok()) return -1;
  RelevanceScorer scorer(std::move(rules).value());
  auto store = Store::open(db_path);
  if (!store.ok()) return -1;
  SystemClock clock;
  CurlHttpClient http;
  Log quiet;
  FeedCollector collector(http, *store, clock, quiet, scorer);
  FeedSource source;
  source.id = "have-your-say";
  source.kind = SourceKind::kHys;
  source.page_size = 50;
  source.url = mirror.first_page_url(50);
  auto report = collector.harvest({source}, "test");
  mirror.stop();
  return report.ok() ? report->failed() : -1;
}

inline std::vector<SampleConsultation> review_sample() {
  return {
      {"9001", "European affordable housing plan", {"Housing"}, day(-30), day(5)},
      {"9002",
       "<script>alert(1)</script> Urban mobility framework for cities",
       {"Transport"},
       day(-10),
       day(60)},
      {"9003", "Public procurement directives - evaluation", {"Single market"}, day(-90), day(-10)},
      {"9004", "Fishing opportunities in the Mediterranean", {"Fisheries"}, day(-5), day(40)},
  };
}

// A test with a harvested database and review servers started on free
// loopback ports.
class ReviewServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("review.db");
    ASSERT_EQ(harvest_consultations(db_, review_sample()), 0);
  }

  ReviewServerOptions options() const {
    ReviewServerOptions o;
    o.port = 0;
    o.settings.db_path = db_;
    o.settings.config_dir = std::string(OMVARLD_SOURCE_DIR) + "/indicators";
    o.feeds_dir = std::string(OMVARLD_SOURCE_DIR) + "/feeds";
    o.reports_dir = dir_.file("reports");
    o.lang = Lang::kEn;
    return o;
  }

  // Starts with `o`'s limits and authentication; the database, folders and
  // language are the fixture's, and the default port 8080 becomes any free port.
  std::unique_ptr<ReviewServer> start(ReviewServerOptions o = {}) {
    const ReviewServerOptions base = options();
    o.port = o.port == 8080 ? 0 : o.port;
    o.settings = base.settings;
    o.feeds_dir = base.feeds_dir;
    o.reports_dir = base.reports_dir;
    o.lang = base.lang;
    auto s = ReviewServer::create(o, Log());
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    if (!s.ok()) return nullptr;
    Status started = (*s)->start();
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
    return std::move(*s);
  }

  // The CSRF cookie a first visit sets.
 public:
  static std::string csrf_of(const httplib::Result& r) {
    if (!r) return "";
    for (const auto& [k, v] : r->headers) {
      if (k != "Set-Cookie") continue;
      const size_t at = v.find("omvarld_csrf=");
      if (at != std::string::npos) return v.substr(at + 13, v.find(';', at) - at - 13);
    }
    return "";
  }

 protected:
  int64_t id_of(const std::string& title_part) {
    auto store = Store::open(db_);
    ItemStore items(store->db());
    ItemQuery q;
    auto list = items.list(q);  // kept: a range-for over *temporary would dangle
    for (const auto& i : *list)
      if (i.title.find(title_part) != std::string::npos) return i.id;
    return -1;
  }

  TempDir dir_;
  std::string db_;
};

// Sends `bytes` on a new connection to 127.0.0.1:port (from `from`, a local
// address, when given) and returns all that comes back until the server
// closes or `timeout_ms` passes.
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 3000,
                         const char* from = nullptr);

// A connection whose bytes the test sends when it wants (slow clients).
class RawConnection {
 public:
  explicit RawConnection(int port, const char* from = nullptr);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  bool send(const std::string& bytes);  // false once the server has closed
  // What arrives within `timeout_ms`, until the server closes ("" if nothing).
  std::string receive(int timeout_ms);
  bool closed_by_server(int timeout_ms);  // true when the server closes within the time
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// The status code of the first response in `raw` (0 when there is none).
int status_of(const std::string& raw);

}  // namespace omvarld::test
