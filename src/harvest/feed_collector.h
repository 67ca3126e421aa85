// FeedCollector: harvests the EU sources into the item store and scores
// what it stored.
//
// Per source: RSS/Atom with a conditional GET (an unchanged feed is 304 and
// costs nothing); Have your say page by page (page=0,1,... up to totalPages
// or max_pages); Funding & Tenders by POST, multipart with a JSON query,
// pageNumber=1,2,... All of a source's pages are stored in one transaction
// or not at all. A failing source is logged and recorded, and the others go
// on; it is simply tried again on the next run. Takes the database's harvest
// lock for the run. A first harvest of a source of many items scores them on
// a second thread (its own scorer) while this one stores them; the scores
// are the one scorer's. Not thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/log.h"
#include "harvest/feed_sources.h"
#include "net/http_client.h"
#include "parse/feed_parser.h"
#include "relevance/relevance.h"
#include "store/store.h"

namespace omvarld {

// Cap on one Have your say or SEDIA page (real ones are under 1 MiB); a feed
// is capped at FeedParseOptions::max_bytes. Both apply while downloading.
constexpr std::size_t kMaxApiPageBytes = 32u << 20;

struct SourceOutcome {
  std::string source;
  OutcomeStatus status = OutcomeStatus::kStored;
  int64_t bytes = 0;
  int64_t new_items = 0, changed = 0, unchanged = 0;
  std::vector<std::string> warnings;
  std::string error;
};

struct FeedHarvestReport {
  int64_t run_id = 0;
  std::vector<SourceOutcome> outcomes;
  int failed() const;
};

class FeedCollector {
 public:
  FeedCollector(HttpClient& http, Store& store, Clock& clock, const Log& log,
                const RelevanceScorer& scorer);

  Result<FeedHarvestReport> harvest(const std::vector<FeedSource>& sources,
                                    const std::string& command);

 private:
  SourceOutcome harvest_one(int64_t run_id, const FeedSource& source);
  Result<std::vector<FeedItem>> fetch_pages(const FeedSource& source, SourceOutcome& out);

  HttpClient& http_;
  Store& store_;
  Clock& clock_;
  const Log& log_;
  const RelevanceScorer& scorer_;
};

// Scores every stored item (or those of one source) with the rules and
// stores the scores that changed. With `run_id` (a harvest), an item that
// run did not change, already scored by the same rules (RelevanceRules::
// version) and with no trained model in the store, is not scored again.
// Returns how many items were scored.
Result<int64_t> rescore_items(Store& store, const RelevanceScorer& scorer, const std::string& now,
                              const std::string& source = "", int64_t run_id = 0);

// The URL of page `page` of a paged source: replaces the page parameter
// (hys: page=, 0-based; sedia: pageNumber=, 1-based) or appends it.
std::string page_url(const FeedSource& source, int page);

// The multipart body SEDIA's search API takes: a JSON `query` for open and
// forthcoming calls, and `languages`. Returns the body; sets `boundary`.
std::string sedia_request_body(std::string& boundary);

}  // namespace omvarld
