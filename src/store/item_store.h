// ItemStore: the EU horizon-scanning records in the Store's database: feed
// sources, items (deduplicated per source), what harvests changed, relevance
// scores, and officers' reviews with their history.
//
// Dedup: items are told apart by GUID, else link, else a hash of title and
// content. The strategy is chosen per source on its first harvest (the
// strongest one under which the batch's keys are present and distinct) and
// then kept; an item whose key is missing or repeated within a batch falls
// back to the hash. A harvest writes items in one transaction, records every
// changed field in item_history, and never touches item_reviews. New items
// are indexed for search (items_fts) in that same transaction, all at once
// at its end; changed ones by the index's triggers. Anything else that
// inserts into items must index what it inserts likewise (schema migration 11).
//
// Not thread-safe; one ItemStore per Store.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/review_status.h"
#include "model/urgency.h"
#include "parse/feed_parser.h"
#include "relevance/relevance.h"
#include "relevance/verdict_model.h"
#include "store/sqlite.h"

namespace omvarld {

struct FeedSourceRecord {
  std::string id;
  std::string kind;
  std::string url;
  std::string title;
};

// A source as the last harvest left it.
struct SourceStatus {
  std::string id, kind, url, title, last_ok_at, last_error, warnings;
  int64_t items = 0;
};

struct ItemWriteStats {
  int64_t new_items = 0;
  int64_t changed = 0;
  int64_t unchanged = 0;
  std::string dedup;  // the strategy used
};

// One stored item with its score and review, for listing and showing.
struct StoredItem {
  int64_t id = 0;
  std::string source, key, guid, link, title, summary, topics, published, opens, deadline, status,
      reference, kind;
  std::string first_seen, last_seen;
  std::string updated;       // when the source last updated it (ISO 8601); "" when it does not say
  std::optional<int> score;  // nullopt: not scored yet
  bool flagged = false;
  Grade grade = Grade::kNone;
  std::string themes, why, committee;
  std::optional<double> model_p;  // the learned model's probability, when there is a model
  ReviewStatus review_status = ReviewStatus::kNew;
  std::string assignee, note;
};

// The deadline as Unix seconds; nullopt when the item has none.
std::optional<int64_t> deadline_of(const StoredItem& item);
// The item's theme ids (stored one per line), best first.
std::vector<std::string> themes_of(const StoredItem& item);

// Which items to list, in which order, which page: every filter is applied
// in SQL, so a page of a million items reads only that page (and counts the
// rest). An empty or default field does not filter.
struct ItemQuery {
  std::optional<ReviewStatus> status;  // nullopt: any review status
  std::vector<Grade> grades;           // any of these; empty: any item, scored or not
  std::string theme;                   // a theme id among the item's themes (exact)
  std::string committee;               // a part of the committee's name (case-sensitive)
  std::string source;                  // the source id (exact)
  // Words in any order, each a word of the title, summary or topics or the
  // start of one (SQLite FTS5, porter stemmer over unicode61 without
  // diacritics: "housing plans" finds "Plan for affordable housing"); or the
  // item's source id exactly (its guid or reference: a Have your say
  // number, a call identifier); or a part of the officer's note (ASCII
  // case-insensitive).
  std::string text;
  // The item's phase at its source, against urgency.now: closed means the
  // source says "closed" or the deadline has passed; open or upcoming is
  // every other item (also those without a deadline).
  enum class Phase { kAny, kOpenOrUpcoming, kClosed };
  Phase phase = Phase::kAny;
  // Only items whose deadline falls within this many days from urgency.now
  // (the same closed window as urgency, with this many days).
  std::optional<int> due_within_days;
  int min_score = 0;
  // `now` and the urgent window: for due_within_days and for kUrgentFirst.
  Urgency urgency;
  enum class Order {
    kScore,        // highest score first; then soonest deadline (none last), then id
    kUrgentFirst,  // open or upcoming before closed; urgent items first (soonest
                   // deadline first), then as kScore
  };
  Order order = Order::kScore;
  int64_t limit = 1000;  // at most this many; negative: no limit
  int64_t offset = 0;    // skip this many first (paging)
};

// One page of a query and how many items the whole query matches.
struct ItemPage {
  std::vector<StoredItem> items;
  int64_t total = 0;
};

// How many items a query matches: in all, per committee (items without one
// not counted) and per theme id.
struct ItemCounts {
  int64_t total = 0;
  std::map<std::string, int64_t> per_committee, per_theme;
};

// What the review page's filters offer: the values present among all stored
// items, sorted.
struct ItemFacets {
  std::vector<std::string> themes, committees, sources;
};

// Limits on what an officer writes. A note is counted in characters (Unicode
// code points), as the review page's textarea counts them.
inline constexpr size_t kMaxNoteChars = 8000;
inline constexpr size_t kMaxAssigneeBytes = 200;

struct ReviewChange {
  std::string at, user, field, old_value, new_value;
};

class ItemStore {
 public:
  explicit ItemStore(Db& db) : db_(db) {}

  // The review server's secret for signing CSRF tokens: 32 random bytes
  // kept with the database (made on first use), so that tokens survive a
  // restart and two databases never accept each other's.
  Result<std::string> web_secret();

  // Digests (`omvarld report flags`): when the last one of `kind` was written.
  Result<std::optional<std::string>> last_digest(const std::string& kind);
  Status record_digest(const std::string& kind, const std::string& at, const std::string& path,
                       int64_t items);

  Status upsert_source(const FeedSourceRecord& source);
  // Every source with its last outcome and its number of items.
  Result<std::vector<SourceStatus>> sources();
  Status record_source_result(const std::string& source_id, const std::string& now,
                              const std::string& error, const std::vector<std::string>& warnings);

  // Writes one source's harvest (all pages) in one transaction.
  Result<ItemWriteStats> write_items(int64_t run_id, const std::string& source_id,
                                     const std::vector<FeedItem>& items, const std::string& now);

  // The items `query` matches, in its order, at most query.limit from
  // query.offset.
  Result<std::vector<StoredItem>> list(const ItemQuery& query);
  // As list, with the number of items the query matches without limit and offset.
  Result<ItemPage> page(const ItemQuery& query);
  // For each theme id, how many items `query` matches that carry it (limit,
  // offset and order ignored).
  Result<std::map<std::string, int64_t>> theme_counts(const ItemQuery& query);
  // For each committee, how many items `query` matches that it is given to
  // (items without a committee are not counted).
  Result<std::map<std::string, int64_t>> committee_counts(const ItemQuery& query);
  // The items `query` matches, counted in SQL per committee and set of
  // themes (limit, offset and order ignored): one pass over the items gives
  // the total, the counts per committee and those per theme together.
  Result<ItemCounts> counts(const ItemQuery& query);
  // The inbox's counts in one pass: the total of `query`, per committee as
  // if query.committee were empty, per theme as if query.theme were empty.
  // The pass counts without those two filters, per (committee, themes); the
  // two filters are then applied to those groups exactly as the SQL of a
  // query applies them to items (a part of the committee's name; a whole
  // theme id).
  Result<ItemCounts> inbox_counts(const ItemQuery& query);
  // The ids `query` matches, in its order, at most query.limit from query.offset.
  Result<std::vector<int64_t>> ids(const ItemQuery& query);
  Result<ItemFacets> facets();
  Result<std::optional<StoredItem>> get(int64_t id);
  // The item whose guid (a Have your say id, a call identifier) or link is
  // `key` (the lowest id when several sources hold it), or "#ID" for
  // omvarld's own id; nullopt when none.
  Result<std::optional<StoredItem>> find(const std::string& key);
  Result<std::vector<ReviewChange>> review_history(int64_t id);
  Result<std::vector<ReviewChange>> item_history(int64_t id);  // what harvests changed

  // Scores: replaced whole for an item, with its theme rows (item_themes).
  Status put_score(int64_t item_id, int score, bool flagged, Grade grade, const std::string& themes,
                   const std::string& why, const std::string& committee, const std::string& now);

  // Many scores at once, each as put_score writes it, with `rules_version`
  // (RelevanceRules::version) stored beside it and, where set, the model's
  // probability; many rows to a statement (a rescore of 50,000 items, a
  // first harvest). All or nothing: inside the caller's transaction, or a
  // savepoint of its own.
  struct ScoreRecord {
    int64_t item_id = 0;
    int score = 0;
    bool flagged = false;
    Grade grade = Grade::kNone;
    std::string themes;  // theme ids, newline-separated, best first
    std::string why, committee;
    std::optional<double> model_p;
    // The themes stored with the item's score before this one, when the
    // caller read them ("" when the item had no score, so no theme rows):
    // the theme rows are then rewritten only when the themes changed.
    // nullopt: not known, so they are replaced whole.
    std::optional<std::string> stored_themes;
  };
  Status put_scores(const std::vector<ScoreRecord>& scores, const std::string& now,
                    const std::string& rules_version);

  // The learned model's probability for an item.
  Status put_model_p(int64_t item_id, double p);

  // Officers' verdicts as training data, as verdict_of() reads each status
  // (relevant/responded are relevant, not-relevant/dismissed are not);
  // undecided items are left out.
  Result<std::vector<Verdict>> verdicts();

  struct ModelInfo {
    std::string trained_at;
    int verdicts = 0, relevant = 0;
    double cv_precision = 0, cv_recall = 0;
  };
  Status save_model(const VerdictModel& model, const CrossValidation& cv, const std::string& now);
  // The stored model; an empty model when none was trained.
  Result<VerdictModel> load_model();
  Result<std::optional<ModelInfo>> model_info();

  // Officers' decisions. Empty optionals leave a field as it is; every
  // change is recorded with time and user (the status by its name). An
  // assignee is at most kMaxAssigneeBytes, a note kMaxNoteChars characters
  // (kUsage errors otherwise). `omvarld flag` and the review page both
  // decide through here.
  Status review(int64_t item_id, const std::optional<ReviewStatus>& status,
                const std::optional<std::string>& assignee, const std::optional<std::string>& note,
                const std::string& user, const std::string& now);
  // The same decision on each of `item_ids`, in one transaction: all or
  // none (an unknown id is a kNotFound Error naming it, and nothing is
  // written). With `append_note`, the note is added to each item's own note
  // as a new paragraph instead of replacing it.
  Status review_many(const std::vector<int64_t>& item_ids,
                     const std::optional<ReviewStatus>& status,
                     const std::optional<std::string>& assignee,
                     const std::optional<std::string>& note, bool append_note,
                     const std::string& user, const std::string& now);

 private:
  Db& db_;
};

// An item's topics as the store keeps them (items.topics): its categories,
// one per line. Pure.
std::string stored_topics(const FeedItem& item);

// The FTS5 query for words typed into a search box: each run of letters and
// digits (any byte from 0x80 counts as a letter) becomes a quoted prefix
// term, all of them required, so no FTS5 syntax can come from the text; ""
// when there is no word. Pure.
std::string fts_match_query(std::string_view text);

// The dedup strategy for a batch: "guid", "link" or "hash". Pure.
std::string choose_dedup(const std::vector<FeedItem>& items);

}  // namespace omvarld
