#include "web/review_desk.h"

#include <charconv>

#include "core/text.h"

namespace omvarld {

std::string scope_value(const InboxFilter& f) {
  switch (f.scope) {
    case InboxFilter::Scope::kOpen:
      return "open";
    case InboxFilter::Scope::kAll:
      return "all";
    case InboxFilter::Scope::kStatus:
      return review_status_name(f.status);
  }
  return "open";
}

Result<InboxFilter> parse_inbox_filter(const std::function<std::string(const char*)>& param,
                                       const std::function<bool(const char*)>& has_param) {
  InboxFilter f;
  if (has_param("status")) {
    const std::string s = param("status");
    if (s == "open") {
      f.scope = InboxFilter::Scope::kOpen;
    } else if (s == "all" || s.empty()) {  // "" was "any status" before there were scopes
      f.scope = InboxFilter::Scope::kAll;
    } else {
      auto status = parse_review_status(s);
      if (!status.ok()) return status.error();
      f.scope = InboxFilter::Scope::kStatus;
      f.status = *status;
    }
  }
  f.theme = param("theme");
  f.committee = param("committee");
  f.source = param("source");
  f.text = param("q");
  if (auto d = parse_double(param("due")); d && *d >= 0 && *d <= 3650)
    f.due_within = static_cast<int>(*d);
  const std::string page = param("page");
  int64_t n = 0;
  const auto [end, err] = std::from_chars(page.data(), page.data() + page.size(), n);
  if (err == std::errc() && end == page.data() + page.size() && n >= 1) f.page = n;
  return f;
}

ItemQuery inbox_query(const InboxFilter& f, const Urgency& urgency) {
  ItemQuery q;
  switch (f.scope) {
    case InboxFilter::Scope::kOpen:
      q.status = ReviewStatus::kNew;
      q.grades = {Grade::kFlag, Grade::kLook};
      break;
    case InboxFilter::Scope::kAll:
      break;
    case InboxFilter::Scope::kStatus:
      q.status = f.status;
      break;
  }
  q.theme = f.theme;
  q.committee = f.committee;
  q.source = f.source;
  q.text = f.text;
  if (f.due_within >= 0) q.due_within_days = f.due_within;
  q.urgency = urgency;
  q.order = ItemQuery::Order::kUrgentFirst;
  q.limit = kInboxPageSize;
  q.offset = (f.page - 1) * kInboxPageSize;
  return q;
}

Result<InboxView> ReviewDesk::inbox(const InboxFilter& f, const Urgency& urgency) {
  InboxView v;
  const ItemQuery q = inbox_query(f, urgency);
  auto page = items_.page(q);
  if (!page.ok()) return page.error();
  v.page = std::move(page).value();
  auto facets = items_.facets();
  if (!facets.ok()) return facets.error();
  v.facets = std::move(facets).value();
  ItemQuery without_theme = q;
  without_theme.theme.clear();
  auto counts = items_.theme_counts(without_theme);
  if (!counts.ok()) return counts.error();
  v.per_theme = std::move(counts).value();
  return v;
}

Result<ItemPage> ReviewDesk::items(const InboxFilter& f, const Urgency& urgency, int64_t offset,
                                   int64_t limit) {
  ItemQuery q = inbox_query(f, urgency);
  q.offset = offset;
  q.limit = limit;
  return items_.page(q);
}

Result<ItemRecord> ReviewDesk::record(int64_t id) {
  auto item = items_.get(id);
  if (!item.ok()) return item.error();
  if (!*item) return make_error(ErrorKind::kNotFound, "no item " + std::to_string(id));
  ItemRecord r;
  r.item = std::move(**item);
  auto reviews = items_.review_history(id);
  if (!reviews.ok()) return reviews.error();
  auto changes = items_.item_history(id);
  if (!changes.ok()) return changes.error();
  r.reviews = std::move(reviews).value();
  r.changes = std::move(changes).value();
  return r;
}

Status ReviewDesk::decide(int64_t id, const std::optional<ReviewStatus>& status,
                          const std::optional<std::string>& assignee,
                          const std::optional<std::string>& note, const std::string& user,
                          const std::string& now) {
  return items_.review(id, status, assignee, note, user, now);
}

}  // namespace omvarld
