// The review page's HTML and JSON, rendered from what the store holds. Pure:
// data in, text out. Every text from a feed is escaped; links are made only
// of http(s) URLs; forms carry the CSRF token they are given. Pages work
// without JavaScript (plain links and forms); /static/app.js only adds small
// touches (filters apply on change, a note counter, the inbox's keys).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/lang.h"
#include "relevance/relevance.h"
#include "store/item_store.h"
#include "store/store.h"
#include "web/review_desk.h"

namespace omvarld {

struct PageContext {
  Lang lang = Lang::kSv;
  std::string csrf;                       // the token forms must carry
  std::string user;                       // who is deciding ("" when unknown)
  int64_t now = 0;                        // Unix seconds
  const RelevanceRules* rules = nullptr;  // theme labels, urgent window; may be null
  // Assignee suggestions (feeds/people.toml, services/people.h); may be null.
  const std::vector<std::string>* people = nullptr;
};

// The urgency rule at the page's time with the rules' window (model/urgency.h).
Urgency urgency_of(const PageContext& ctx);

// What the inbox reports after a decision: only these fixed messages, never
// text from the request.
struct InboxNotice {
  int64_t decided = -1;     // items just decided from the list; -1: none
  bool saved_last = false;  // decided on the item page, and it was the list's last item
  enum class Error { kNone, kNoneChosen, kNothingToDo };
  Error error = Error::kNone;
};

// The inbox: the view's page of items (open before closed, urgent first, as
// the desk ordered them), the filters set as `f` says, counts per theme and
// committee, links to the other pages of the same filter and to its CSV; one
// form around the list: a bulk action over the ticked rows, and each row's
// own decision buttons and assignee (POST /decisions), all without script.
std::string inbox_page(const InboxView& view, const InboxFilter& f, const PageContext& ctx,
                       const InboxNotice& notice = {});

// What an item is (call for evidence, public consultation, draft act,
// funding call, planned initiative) from its source's kind and stage;
// nullptr when omvarld cannot tell (the page then shows the source's word).
const Tr* item_kind_label(const StoredItem& item);

struct ItemDetails {
  StoredItem item;
  std::vector<ReviewChange> reviews;  // decisions, oldest first
  std::vector<ReviewChange> changes;  // what harvests changed
  bool saved = false;                 // just decided (after the redirect)
  bool saved_next = false;            // the item before this one was just decided
  InboxFilter list;                   // the inbox list the item was opened from
  std::string error;                  // a refused decision, to show
  size_t note_too_long = 0;           // characters in a refused note over kMaxNoteChars
  // What the officer sent with a refused decision, shown again in the form
  // instead of the stored values, so that nothing typed is lost.
  std::optional<std::string> draft_status, draft_assignee, draft_note;
  std::string follow_html;  // the follow section (web/follow_pages.h), shown as given
};
std::string item_page(const ItemDetails& d, const PageContext& ctx);

struct SourceState {
  std::string id, kind, title, url, last_run, last_error;
  int64_t items = 0;
};
std::string sources_page(const std::vector<SourceState>& sources,
                         const std::vector<RunSummary>& runs,
                         const std::vector<DatasetState>& datasets, const PageContext& ctx);

// What /benchmark reports after a generation: only these fixed messages,
// never text from the request.
enum class BenchmarkNotice { kNone, kGenerated, kNoData, kWriteFailed, kFailed, kBusy };
// The notice's code in "/benchmark?error=CODE" and back (kNone for any other text).
const char* benchmark_notice_code(BenchmarkNotice n);
BenchmarkNotice benchmark_notice_from_code(const std::string& code);

std::string benchmark_page(bool report_exists, const std::string& report_time,
                           BenchmarkNotice notice, const PageContext& ctx);

// `what`: a message the server made ("" for none), never text from the request.
std::string not_found_page(const std::string& what, const PageContext& ctx);

// {"items": [ITEM, ...], "total": N, "offset": O, "limit": L, "page": P,
// "per_page": L, "pages": N}: a page of items, each the object
// report/item_formats.h writes (themes an array), and how many match in all
// (page is 1-based: offset / limit + 1).
std::string items_json(const ItemPage& page, int64_t offset, int64_t limit, const PageContext& ctx);
// One item: the same object, then its note, summary and both histories
// ("decisions" and "changes": [{"at","user","field","from","to"}]).
std::string item_json(const ItemDetails& d, const PageContext& ctx);

// The stylesheet and the script the pages link to (served from /static/).
const std::string& review_css();
const std::string& review_js();

}  // namespace omvarld
