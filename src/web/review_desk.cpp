#include "web/review_desk.h"

#include <charconv>

#include "core/text.h"
#include "core/url.h"
#include "web/http_server.h"

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
  const std::string phase = param("phase");
  if (phase == "open") f.phase = ItemQuery::Phase::kOpenOrUpcoming;
  if (phase == "closed") f.phase = ItemQuery::Phase::kClosed;
  if (phase == "all") f.phase = ItemQuery::Phase::kAny;
  return f;
}

Result<InboxFilter> parse_inbox_filter_query(std::string_view query) {
  const auto pairs = parse_form(query);
  auto find = [&](const char* key) -> const std::string* {
    for (const auto& [k, v] : pairs)
      if (k == key) return &v;
    return nullptr;
  };
  return parse_inbox_filter(
      [&](const char* key) {
        const std::string* v = find(key);
        return v ? *v : std::string();
      },
      [&](const char* key) { return find(key) != nullptr; });
}

ItemQuery::Phase phase_of(const InboxFilter& f) {
  if (f.phase) return *f.phase;
  return trim(f.text).empty() ? ItemQuery::Phase::kOpenOrUpcoming : ItemQuery::Phase::kAny;
}

std::string phase_value(const InboxFilter& f) {
  if (!f.phase) return "";
  switch (*f.phase) {
    case ItemQuery::Phase::kOpenOrUpcoming:
      return "open";
    case ItemQuery::Phase::kClosed:
      return "closed";
    case ItemQuery::Phase::kAny:
      return "all";
  }
  return "";
}

std::string filter_query(const InboxFilter& f, bool with_page) {
  std::vector<std::pair<std::string, std::string>> p;
  if (f.scope != InboxFilter::Scope::kOpen) p.emplace_back("status", scope_value(f));
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"theme", &f.theme},
                                   {"committee", &f.committee},
                                   {"source", &f.source},
                                   {"q", &f.text}})
    if (!value->empty()) p.emplace_back(key, *value);
  if (f.due_within >= 0) p.emplace_back("due", std::to_string(f.due_within));
  if (const std::string phase = phase_value(f); !phase.empty()) p.emplace_back("phase", phase);
  if (with_page && f.page > 1) p.emplace_back("page", std::to_string(f.page));
  return query_string(p);
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
  q.phase = phase_of(f);
  q.urgency = urgency;
  q.order = ItemQuery::Order::kUrgentFirst;
  q.limit = kInboxPageSize;
  q.offset = (f.page - 1) * kInboxPageSize;
  return q;
}

Result<InboxView> ReviewDesk::inbox(const InboxFilter& f, const Urgency& urgency) {
  InboxView v;
  const ItemQuery q = inbox_query(f, urgency);
  auto items = items_.list(q);
  if (!items.ok()) return items.error();
  v.page.items = std::move(items).value();
  auto facets = items_.facets();
  if (!facets.ok()) return facets.error();
  v.facets = std::move(facets).value();
  // The total, the counts per committee without the committee filter and
  // those per theme without the theme filter: one counting pass.
  auto counts = items_.inbox_counts(q);
  if (!counts.ok()) return counts.error();
  v.page.total = counts->total;
  v.per_committee = std::move(counts->per_committee);
  v.per_theme = std::move(counts->per_theme);
  if (v.page.total == 0 && q.phase == ItemQuery::Phase::kOpenOrUpcoming) {
    ItemQuery closed = q;
    closed.phase = ItemQuery::Phase::kClosed;
    auto n = items_.page(closed);
    if (!n.ok()) return n.error();
    v.closed_matches = n->total;
  }
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

Status ReviewDesk::decide_many(const std::vector<int64_t>& ids,
                               const std::optional<ReviewStatus>& status,
                               const std::optional<std::string>& assignee,
                               const std::optional<std::string>& note, const std::string& user,
                               const std::string& now) {
  return items_.review_many(ids, status, assignee, note, true, user, now);
}

Result<std::optional<int64_t>> ReviewDesk::next_after(int64_t id, const InboxFilter& f,
                                                      const Urgency& urgency) {
  ItemQuery q = inbox_query(f, urgency);
  q.offset = 0;
  q.limit = static_cast<int64_t>(kMaxBulkItems) * 10;
  auto ids = items_.ids(q);
  if (!ids.ok()) return ids.error();
  for (size_t k = 0; k < ids->size(); ++k)
    if ((*ids)[k] == id)
      return k + 1 < ids->size() ? std::optional<int64_t>((*ids)[k + 1]) : std::nullopt;
  for (int64_t other : *ids)
    if (other != id) return std::optional<int64_t>(other);
  return std::optional<int64_t>();
}

}  // namespace omvarld
