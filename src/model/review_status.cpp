#include "model/review_status.h"

namespace omvarld {
namespace {

struct Entry {
  ReviewStatus status;
  const char* name;
  std::optional<bool> verdict;
};

// The one table: each status, its stored name, and what it says as a verdict.
constexpr Entry kTable[] = {
    {ReviewStatus::kNew, "new", std::nullopt},
    {ReviewStatus::kRelevant, "relevant", true},
    {ReviewStatus::kNotRelevant, "not-relevant", false},
    {ReviewStatus::kResponded, "responded", true},
    {ReviewStatus::kDismissed, "dismissed", false},
    {ReviewStatus::kLater, "later", std::nullopt},
};
static_assert(std::size(kTable) == kReviewStatuses.size());

constexpr bool table_in_order() {
  for (size_t k = 0; k < kReviewStatuses.size(); ++k)
    if (kTable[k].status != kReviewStatuses[k]) return false;
  return true;
}
static_assert(table_in_order(), "kTable lists the statuses in kReviewStatuses' order");

const Entry& entry(ReviewStatus s) { return kTable[static_cast<size_t>(s)]; }

}  // namespace

const char* review_status_name(ReviewStatus s) { return entry(s).name; }

std::optional<ReviewStatus> find_review_status(std::string_view text) {
  for (const Entry& e : kTable)
    if (text == e.name) return e.status;
  return std::nullopt;
}

std::string review_status_list() {
  std::string out;
  for (const Entry& e : kTable) out += (out.empty() ? "" : ", ") + std::string(e.name);
  return out;
}

Result<ReviewStatus> parse_review_status(std::string_view text) {
  if (auto s = find_review_status(text)) return *s;
  return make_error(ErrorKind::kUsage, "unknown review status \"" + std::string(text) + "\" (" +
                                           review_status_list() + ")");
}

std::optional<bool> verdict_of(ReviewStatus s) { return entry(s).verdict; }

std::string verdict_statuses(bool relevant) {
  std::string out;
  for (ReviewStatus s : kReviewStatuses)
    if (verdict_of(s) == relevant)
      out += (out.empty() ? "" : ", ") + std::string(review_status_name(s));
  return out;
}

const Tr& review_status_label(ReviewStatus s) {
  static constexpr Tr kNew{.en = "new", .sv = "nytt"};
  static constexpr Tr kRelevant{.en = "relevant", .sv = "relevant"};
  static constexpr Tr kNotRelevant{.en = "not relevant", .sv = "inte relevant"};
  static constexpr Tr kResponded{.en = "responded", .sv = "besvarat"};
  static constexpr Tr kDismissed{.en = "dismissed", .sv = "avfärdat"};
  static constexpr Tr kLater{.en = "later", .sv = "senare"};
  switch (s) {
    case ReviewStatus::kRelevant:
      return kRelevant;
    case ReviewStatus::kNotRelevant:
      return kNotRelevant;
    case ReviewStatus::kResponded:
      return kResponded;
    case ReviewStatus::kDismissed:
      return kDismissed;
    case ReviewStatus::kLater:
      return kLater;
    case ReviewStatus::kNew:
      break;
  }
  return kNew;
}

std::string review_status_label_capitalised(ReviewStatus s, Lang lang) {
  std::string out = review_status_label(s)[lang];
  // Every label starts with an ASCII letter.
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace omvarld
