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
};

// The scope as the form's `status` field spells it: "open", "all" or a
// review status's name.
std::string scope_value(const InboxFilter& f);

// The filter from a request's parameters (`param(name)` returns "" for a
// missing one): status ("open", "all", a review status; missing: "open"),
// theme, committee, source, q (text), due (days, 0-3650; else ignored), page
// (1 or more; else 1). An unknown status is a kUsage Error that names it.
Result<InboxFilter> parse_inbox_filter(const std::function<std::string(const char*)>& param,
                                       const std::function<bool(const char*)>& has_param);

// The query for `f` at `urgency`: urgent first, then by score.
ItemQuery inbox_query(const InboxFilter& f, const Urgency& urgency);

struct InboxView {
  ItemPage page;                             // the items shown and how many match
  ItemFacets facets;                         // the filters' choices, from all items
  std::map<std::string, int64_t> per_theme;  // matches per theme, without the theme filter
};

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
  // The sources page: feed sources, recent runs, Eurostat datasets.
  Result<std::vector<SourceStatus>> sources() { return items_.sources(); }
  Result<std::vector<RunSummary>> recent_runs(int limit) { return store_.recent_runs(limit); }
  Result<std::vector<DatasetState>> datasets() { return store_.datasets(); }

 private:
  Store& store_;
  ItemStore items_;
};

}  // namespace omvarld
