// A database with real flagged consultations for the review page's tests:
// harvested by the real feed collector from a loopback Have your say server,
// scored by feeds/relevance.toml. Deadlines are set relative to today.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "feeds/consultation_sample.h"
#include "feeds/feed_collector.h"
#include "feeds/feed_sources.h"
#include "net/curl_http_client.h"
#include "relevance/relevance.h"
#include "store/item_store.h"
#include "store/store.h"
#include "support/test_support.h"

namespace omvarld::test {

inline std::string day(int offset) {
  return format_iso8601_utc(SystemClock().now_unix() + int64_t{offset} * 86400).substr(0, 10);
}

// Harvests `items` into the database at `db_path`; returns the number of sources failed.
inline int harvest_consultations(const std::string& db_path,
                                 std::vector<SampleConsultation> items) {
  ConsultationMirror mirror(std::move(items), day(0));
  if (!mirror.start().ok()) return -1;
  auto rules = load_relevance_rules(default_feeds_dir() + "/relevance.toml");
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
  source.kind = "hys";
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

}  // namespace omvarld::test
