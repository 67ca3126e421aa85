// The flags digest: the EU consultations and calls flagged for påverkan,
// grouped by theme (with the committee, nämnd, that owns it), urgent
// deadlines first, why each was flagged, its status and notes, and what is
// new since the last digest. Every feed text is escaped. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "relevance/relevance.h"
#include "report/report_context.h"
#include "store/item_store.h"

namespace omvarld {

struct FlagsDigestInput {
  std::vector<StoredItem> items;          // flagged items, any review status
  const RelevanceRules* rules = nullptr;  // theme labels and committees; may be null
  int64_t now = 0;                        // Unix seconds
  std::string since;        // ISO 8601: items first seen after it are "new"; "" = all new
  std::string since_label;  // how `since` came about ("the last digest, ...")
};

struct FlagsDigest {
  std::string html, markdown;
  int items = 0, open = 0, fresh = 0, urgent = 0;
};

FlagsDigest render_flags_digest(const FlagsDigestInput& in, const ReportContext& ctx);

// Why an item was flagged (Relevance::why(), stored as "housing (title:
// rent; topics: housing); ...") for people: each theme by its label in
// `lang` (from `rules`; the id without them), the fields named in `lang`
// ("titel", "ämnen"), the matched terms as they were matched. Text in
// another shape is returned as it is.
std::string why_text(const std::string& why, Lang lang, const RelevanceRules* rules);

}  // namespace omvarld
