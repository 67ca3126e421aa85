// ReviewDesk: what the review page's handlers ask of the database and the
// decisions they record, over one Store, so that no handler drives ItemStore
// itself. The inbox and /api/items are one ItemQuery each (filters, order,
// paging and the total in SQL); decisions go through ItemStore::review.
//
// InboxFilter is the filter as the page's form and links spell it, already
// parsed (parse_inbox_filter is where its text enters).
//
// Not thread-safe; one ReviewDesk per Store (the server keeps one Store per
// worker thread).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/review_status.h"
#include "model/urgency.h"
#include "store/item_store.h"
#include "store/store.h"

namespace omvarld {

// Items per inbox page, and at most per /api/items request.
inline constexpr int64_t kInboxPageSize = 100;
inline constexpr int64_t kApiMaxItems = 1000;

struct InboxFilter {
  enum class Scope {
    kOpen,    // flagged or worth a look, and undecided (the default)
    kAll,     // every item
    kStatus,  // every item with `status`
  };
  Scope scope = Scope::kOpen;
  ReviewStatus status = ReviewStatus::kNew;  // for kStatus
  std::string theme, committee, source, text;
  int due_within = -1;  // days; -1 = any
  int64_t page = 1;     // 1-based, kInboxPageSize items a page
  // The phase at the source; nullopt: open and upcoming only, unless words
  // are searched for (a search looks in closed items too).
  std::optional<ItemQuery::Phase> phase;
};

// The phase the filter lists (its default resolved).
ItemQuery::Phase phase_of(const InboxFilter& f);
// "open", "closed", "all" for a phase the filter sets; "" for the default.
std::string phase_value(const InboxFilter& f);

// The filter as a query string ("status=open&theme=housing&page=2"), only
// the fields it sets, page included when above 1 and `with_page`; parsed
// back by parse_inbox_filter over parse_form's pairs. Keys and values are
// percent-encoded; put it in HTML through an escaper.
std::string filter_query(const InboxFilter& f, bool with_page = true);

// The scope as the form's `status` field spells it: "open", "all" or a
// review status's name.
std::string scope_value(const InboxFilter& f);

// The filter from a request's parameters (`param(name)` returns "" for a
// missing one): status ("open", "all", a review status; missing: "open"),
// theme, committee, source, q (text), due (days, 0-3650; else ignored), page
// (1 or more; else 1), phase ("open", "closed", "all"; else the default). An
// unknown status is a kUsage Error that names it.
Result<InboxFilter> parse_inbox_filter(const std::function<std::string(const char*)>& param,
                                       const std::function<bool(const char*)>& has_param);

// The filter from a query string as filter_query writes it.
Result<InboxFilter> parse_inbox_filter_query(std::string_view query);

// The query for `f` at `urgency`: open before closed, urgent first, then by score.
ItemQuery inbox_query(const InboxFilter& f, const Urgency& urgency);

struct InboxView {
  ItemPage page;                             // the items shown and how many match
  ItemFacets facets;                         // the filters' choices, from all items
  std::map<std::string, int64_t> per_theme;  // matches per theme, without the theme filter
  // matches per committee, without the committee filter
  std::map<std::string, int64_t> per_committee;
  // When nothing open or upcoming matches: how many closed items would.
  int64_t closed_matches = 0;
};

// At most this many items in one bulk decision.
inline constexpr size_t kMaxBulkItems = 1000;

struct ItemRecord {
  StoredItem item;
  std::vector<ReviewChange> reviews;  // decisions, oldest first
  std::vector<ReviewChange> changes;  // what harvests changed
};

class ReviewDesk {
 public:
  explicit ReviewDesk(Store& store) : store_(store), items_(store.db()) {}

  // The inbox page's items (the filter's page), choices and counts.
  Result<InboxView> inbox(const InboxFilter& f, const Urgency& urgency);
  // Items for the API: the filter's items from `offset`, at most `limit`.
  Result<ItemPage> items(const InboxFilter& f, const Urgency& urgency, int64_t offset,
                         int64_t limit);
  // One item with both histories; a kNotFound Error when there is none.
  Result<ItemRecord> record(int64_t id);
  // An officer's decision (ItemStore::review's rules and errors).
  Status decide(int64_t id, const std::optional<ReviewStatus>& status,
                const std::optional<std::string>& assignee, const std::optional<std::string>& note,
                const std::string& user, const std::string& now);
  // The same decision on many items at once (ItemStore::review_many; a
  // bulk note is added to each item's note).
  Status decide_many(const std::vector<int64_t>& ids, const std::optional<ReviewStatus>& status,
                     const std::optional<std::string>& assignee,
                     const std::optional<std::string>& note, const std::string& user,
                     const std::string& now);
  // The item after `id` in the filter's list as it is now (the first other
  // item when `id` is not in it); nullopt at the end. Looks at most at the
  // first kMaxBulkItems * 10 items.
  Result<std::optional<int64_t>> next_after(int64_t id, const InboxFilter& f,
                                            const Urgency& urgency);
  // The sources page: feed sources, recent runs, Eurostat datasets.
  Result<std::vector<SourceStatus>> sources() { return items_.sources(); }
  Result<std::vector<RunSummary>> recent_runs(int limit) { return store_.recent_runs(limit); }
  Result<std::vector<DatasetState>> datasets() { return store_.datasets(); }

 private:
  Store& store_;
  ItemStore items_;
};

}  // namespace omvarld
