// The flags digest: the EU consultations and calls flagged for påverkan,
// grouped by theme (with the committee, nämnd, that owns it), urgent
// deadlines first, why each was flagged, its status and notes, and what is
// new since the last digest; for everyone or for one subscriber (audience),
// with news of followed initiatives first ("What moved") and each item
// linked to the review page when its address is given. HTML, labelled
// Markdown (also the text part of the mail) and a mail subject in the
// reader's language. Every feed text is escaped. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "relevance/relevance.h"
#include "report/report_context.h"
#include "store/item_store.h"

namespace omvarld {

// One line of news at the top of a digest: a followed initiative that moved
// (a new publication, a vote), filled by whoever follows them.
struct DigestNews {
  std::string title;  // the initiative ("Clean Vehicles Directive revision")
  std::string what;   // what happened ("the Commission adopted its proposal")
  std::string link;   // http(s) only; any other stays out
};

struct FlagsDigestInput {
  std::vector<StoredItem> items;          // flagged items, any review status
  const RelevanceRules* rules = nullptr;  // theme labels and committees; may be null
  int64_t now = 0;                        // Unix seconds
  std::string since;             // ISO 8601: items first seen after it are "new"; "" = all new
  std::string since_label;       // how `since` came about ("the last digest, ...")
  std::string audience;          // the subscriber ("Trafiknämnden"); "" = everyone
  std::vector<DigestNews> news;  // shown first, under "What moved"; may be empty
  // The review page's base URL ("https://omvarld.example/"): each item links
  // to its page there (REVIEW_URL/items/ID). "" = no such links.
  std::string review_url;
};

struct FlagsDigest {
  std::string html, markdown;
  std::string subject;  // for a mail: "EU-bevakning Trafiknämnden 2026-12-01: 2 nya ärenden, ..."
  int items = 0, open = 0, fresh = 0, urgent = 0, news = 0;
  // Nothing to tell: no item new since `since` and no news.
  bool nothing_new() const { return fresh == 0 && news == 0; }
};

FlagsDigest render_flags_digest(const FlagsDigestInput& in, const ReportContext& ctx);

// Why an item was flagged (Relevance::why(), stored as "housing (title:
// rent; topics: housing); ...") for people: each theme by its label in
// `lang` (from `rules`; the id without them), the fields named in `lang`
// ("titel", "ämnen"), the matched terms as they were matched. Text in
// another shape is returned as it is.
std::string why_text(const std::string& why, Lang lang, const RelevanceRules* rules);

}  // namespace omvarld
