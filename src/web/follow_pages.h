// The item page's follow section (issue #16): when the item's initiative is
// followed, its timeline across the Commission and the Parliament (past and
// planned steps, with the officers' decisions on the item in between) and
// what changed lately; when it is not, a Follow button (POST
// /items/{id}/follow with the page's CSRF token). Every text from a source
// is escaped; dates are Stockholm dates. Rendering is pure; the two loaders
// read and write the database through store/follow_store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/follow_store.h"
#include "store/item_store.h"
#include "web/review_pages.h"

namespace omvarld {

// One step of the timeline.
struct TimelineStep {
  enum class Kind { kPast, kPlanned, kDecision };
  std::string when;  // UTC time or date, as sortable text
  Kind kind = Kind::kPast;
  std::string text;  // plain text, escaped when rendered
};

// The steps of `f` and the officers' `decisions`, oldest first. A step
// dated after `now` is planned; a planned publication without a date but
// with a planned period sorts at the period's first day.
std::vector<TimelineStep> follow_timeline(const FollowedInitiative& f,
                                          const std::vector<ReviewChange>& decisions, int64_t now,
                                          Lang lang);

// The section's HTML for `item_id`: the timeline of `followed`, or the
// Follow button when nullopt.
std::string follow_section(int64_t item_id, const std::optional<FollowedInitiative>& followed,
                           const std::vector<ReviewChange>& decisions, const PageContext& ctx);

// For the review server: loads the item's follow and renders the section;
// a failure to read renders as a line saying so (the rest of the page stands).
std::string item_follow_html(Db& db, int64_t item_id, const std::vector<ReviewChange>& decisions,
                             const PageContext& ctx);
// Follows the item (as `omvarld follow ID` does). Returns the follow's id.
Result<int64_t> follow_item(Db& db, int64_t item_id, const std::string& user,
                            const std::string& now);

}  // namespace omvarld
