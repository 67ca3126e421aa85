// ReviewStatus: an officer's decision on an EU item, and the one table of
// its names. The names are what the decisions file stores (item_reviews.status,
// review_history) and what the CLI, the review page's forms and the JSON/CSV
// outputs spell; text is parsed into a ReviewStatus where it enters (an SQL
// row, a command-line option, a form field) and named again only where it
// leaves. Pure; no state.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/lang.h"
#include "core/result.h"

namespace omvarld {

// In the order people see them.
// kLater: put aside for another day; undecided (no verdict), and out of the
// inbox's default view until an officer looks at "Later" again.
enum class ReviewStatus { kNew, kRelevant, kNotRelevant, kResponded, kDismissed, kLater };

// Every status, in that order.
inline constexpr std::array<ReviewStatus, 6> kReviewStatuses = {
    ReviewStatus::kNew,       ReviewStatus::kRelevant,  ReviewStatus::kNotRelevant,
    ReviewStatus::kResponded, ReviewStatus::kDismissed, ReviewStatus::kLater};

// "new", "relevant", "not-relevant", "responded", "dismissed", "later": the stored text.
const char* review_status_name(ReviewStatus s);

// The status as people read it, in lower case as mid-sentence ("not
// relevant", "inte relevant"): the digest shows it so, the review page with
// a capital first letter (review_status_label_capitalised).
const Tr& review_status_label(ReviewStatus s);
// The label with its first letter in upper case ("Inte relevant").
std::string review_status_label_capitalised(ReviewStatus s, Lang lang);

// The status named `text` exactly; nullopt for any other text.
std::optional<ReviewStatus> find_review_status(std::string_view text);

// As find_review_status, or a kUsage Error naming the text and the statuses.
Result<ReviewStatus> parse_review_status(std::string_view text);

// "new, relevant, not-relevant, responded, dismissed, later": for help and errors.
std::string review_status_list();

// An officer's status as a verdict for learning: true (relevant: relevant,
// responded), false (not relevant: not-relevant, dismissed), or nullopt
// (undecided: new, later).
std::optional<bool> verdict_of(ReviewStatus s);

// The statuses that count as a verdict of `relevant` (or not), by name:
// "relevant, responded".
std::string verdict_statuses(bool relevant);

}  // namespace omvarld
