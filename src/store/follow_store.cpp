#include "store/follow_store.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/text.h"
#include "model/review_status.h"

namespace omvarld {

const char* follow_reason_name(FollowReason r) {
  return r == FollowReason::kRelevant ? "relevant" : "manual";
}

const char* follow_source_name(FollowSource s) {
  switch (s) {
    case FollowSource::kHys:
      return "hys";
    case FollowSource::kEp:
      return "ep";
    case FollowSource::kOeil:
      return "oeil";
    case FollowSource::kEurLex:
      return "eurlex";
  }
  return "hys";
}

namespace {

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  for (std::string_view line : split(text, '\n')) out.emplace_back(line);
  return out;
}

FollowChange change(const char* kind, std::string subject, std::string old_value,
                    std::string new_value) {
  FollowChange c;
  c.kind = kind;
  c.subject = std::move(subject);
  c.old_value = std::move(old_value);
  c.new_value = std::move(new_value);
  return c;
}

const std::string& or_empty(const std::optional<std::string>& v) {
  static const std::string kEmpty;
  return v ? *v : kEmpty;
}

std::string planned_of(const HysPublication& p) {
  if (!p.planned_period.empty()) return p.planned_period;
  return or_empty(p.planned_start);
}

void diff_publication(const HysPublication& b, const HysPublication& a,
                      std::vector<FollowChange>& out) {
  if (!b.published && a.published) out.push_back(change("published", a.type, "", *a.published));
  if (b.stage != a.stage) out.push_back(change("stage-changed", a.type, b.stage, a.stage));
  const bool was_open = b.feedback_status == "OPEN", is_open = a.feedback_status == "OPEN";
  if (!was_open && is_open) {
    out.push_back(change("feedback-opened", a.type, b.feedback_status, or_empty(a.feedback_end)));
  } else if (was_open && !is_open) {
    out.push_back(change("feedback-closed", a.type, or_empty(b.feedback_end), a.feedback_status));
  } else if (b.feedback_status != a.feedback_status) {
    out.push_back(change("status-changed", a.type, b.feedback_status, a.feedback_status));
  }
  if (b.feedback_end && a.feedback_end && *b.feedback_end != *a.feedback_end)
    out.push_back(change("feedback-end-changed", a.type, *b.feedback_end, *a.feedback_end));
  if (planned_of(b) != planned_of(a) || or_empty(b.planned_end) != or_empty(a.planned_end)) {
    std::string before = planned_of(b), after = planned_of(a);
    if (before == after) {  // only the planned end moved
      before = or_empty(b.planned_end);
      after = or_empty(a.planned_end);
    }
    out.push_back(change("planned-date-changed", a.type, before, after));
  }
}

}  // namespace

std::vector<FollowChange> diff_hys(const std::optional<HysInitiative>& before,
                                   const HysInitiative& after) {
  std::vector<FollowChange> out;
  if (!before) {
    out.push_back(change("first-read", after.title, "",
                         std::to_string(after.publications.size()) + " publication(s)"));
    return out;
  }
  if (before->title != after.title)
    out.push_back(change("title-changed", "", before->title, after.title));
  if (before->stage != after.stage)
    out.push_back(change("stage-changed", "", before->stage, after.stage));
  auto same = [](const HysPublication& x, const HysPublication& y) {
    return x.id != 0 || y.id != 0 ? x.id == y.id : x.type == y.type;
  };
  for (const HysPublication& a : after.publications) {
    auto b = std::find_if(before->publications.begin(), before->publications.end(),
                          [&](const HysPublication& p) { return same(p, a); });
    if (b == before->publications.end()) {
      out.push_back(
          change("new-publication", a.type, "", a.published ? *a.published : a.planned_period));
      if (a.feedback_status == "OPEN")
        out.push_back(change("feedback-opened", a.type, "", or_empty(a.feedback_end)));
      continue;
    }
    diff_publication(*b, a, out);
  }
  for (const HysPublication& b : before->publications)
    if (std::none_of(after.publications.begin(), after.publications.end(),
                     [&](const HysPublication& p) { return same(b, p); }))
      out.push_back(change("publication-removed", b.type, or_empty(b.published), ""));
  return out;
}

std::vector<FollowChange> diff_ep(const std::optional<EpProcedure>& before,
                                  const EpProcedure& after) {
  std::vector<FollowChange> out;
  if (!before) {
    out.push_back(
        change("first-read", after.title, "", std::to_string(after.events.size()) + " event(s)"));
    return out;
  }
  if (before->title != after.title)
    out.push_back(change("title-changed", "", before->title, after.title));
  if (before->stage != after.stage)
    out.push_back(change("stage-changed", "", before->stage, after.stage));
  if (before->status != after.status)
    out.push_back(change("status-changed", "", before->status, after.status));
  std::map<std::string, const EpEvent*> old_events;
  for (const EpEvent& e : before->events) old_events.emplace(e.id, &e);
  for (const EpEvent& a : after.events) {
    const std::string subject = a.type.empty() ? a.id : a.type;
    auto b = old_events.find(a.id);
    if (b == old_events.end()) {
      out.push_back(change("new-event", subject, "", a.date));
    } else if (b->second->date != a.date) {
      out.push_back(change("event-date-changed", subject, b->second->date, a.date));
    }
  }
  return out;
}

// --- follows ---------------------------------------------------------------

namespace {

constexpr const char* kFollowColumns =
    "id, item_id, hys_id, procedure, com, reason, followed_at, followed_by, unfollowed_at, "
    "unfollowed_by";

Follow read_follow(const Stmt& st) {
  Follow f;
  f.id = st.col_int(0);
  if (!st.col_null(1)) f.item_id = st.col_int(1);
  if (!st.col_null(2)) f.hys_id = st.col_int(2);
  f.procedure = st.col_text(3);
  f.com = st.col_text(4);
  f.reason = st.col_text(5);
  f.followed_at = st.col_text(6);
  f.followed_by = st.col_text(7);
  f.unfollowed_at = st.col_text(8);
  f.unfollowed_by = st.col_text(9);
  return f;
}

// "2016/0132": what a procedure is matched by, with or without its type.
std::string procedure_key(const ProcedureRef& ref) {
  return procedure_label({ref.year, ref.number, ""});
}

Result<std::vector<int64_t>> ids_where(Db& db, const char* sql,
                                       const std::function<void(Stmt&)>& bind) {
  auto st = Stmt::prepare(db, sql);
  if (!st.ok()) return st.error();
  bind(*st);
  return st->column_ints();
}

constexpr const char* kInsertChange =
    "INSERT INTO decisions.follow_changes(follow_id, seen_at, source, kind, subject, old_value, "
    "new_value) VALUES(?,?,?,?,?,?,?)";

// One row of a follow's history, from `c` (its follow, time and source set);
// `c.id` receives the row's id.
Status insert_change(Db& db, Stmt& st, FollowChange& c) {
  st.bind(1, c.follow_id)
      .bind(2, c.seen_at)
      .bind(3, c.source)
      .bind(4, c.kind)
      .bind(5, c.subject)
      .bind(6, c.old_value)
      .bind(7, c.new_value);
  RETURN_IF_ERROR(st.run());
  c.id = db.last_insert_rowid();
  return Status::Ok();
}

bool same_procedure(const ProcedureRef& a, const ProcedureRef& b) {
  return a.year == b.year && a.number == b.number;
}

// Inserts a link unless the same (COM, procedure, source) is there. A new
// one is a change: "new-link", or "link-conflict" when `in_use` names
// another procedure. `change` (when given) receives it.
Status insert_link(Db& db, int64_t follow_id, const ProcedureLink& link, const std::string& now,
                   const std::optional<ProcedureRef>& in_use, bool* is_new,
                   FollowChange* change = nullptr) {
  auto st = Stmt::prepare(db,
                          "INSERT OR IGNORE INTO decisions.follow_links(follow_id, com, procedure, "
                          "source, source_url, recorded_at) VALUES(?,?,?,?,?,?)");
  if (!st.ok()) return st.error();
  st->bind(1, follow_id)
      .bind(2, com_label(link.com))
      .bind(3, procedure_label(link.procedure))
      .bind(4, link_source_name(link.source))
      .bind(5, link.source_url)
      .bind(6, now);
  RETURN_IF_ERROR(st->run());
  const bool added = sqlite3_changes(db.handle()) > 0;
  if (is_new) *is_new = added;
  if (!added) return Status::Ok();
  FollowChange c;
  c.follow_id = follow_id;
  c.seen_at = now;
  c.source = "link";
  c.subject = com_label(link.com);
  c.new_value = procedure_label(link.procedure);
  if (in_use && !same_procedure(*in_use, link.procedure)) {
    c.kind = "link-conflict";
    c.old_value = procedure_label(*in_use);
  } else {
    c.kind = "new-link";
    c.old_value = link_source_name(link.source);
  }
  auto ch = Stmt::prepare(db, kInsertChange);
  if (!ch.ok()) return ch.error();
  RETURN_IF_ERROR(insert_change(db, *ch, c));
  if (change) *change = std::move(c);
  return Status::Ok();
}

Status forget_ep_state(Db& db, int64_t follow_id) {
  for (const char* sql :
       {"DELETE FROM decisions.follow_ep WHERE follow_id=?1",
        "DELETE FROM decisions.follow_events WHERE follow_id=?1",
        "DELETE FROM decisions.follow_sources WHERE follow_id=?1 AND source='ep'"}) {
    auto st = Stmt::prepare(db, sql);
    if (!st.ok()) return st.error();
    st->bind(1, follow_id);
    RETURN_IF_ERROR(st->run());
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> FollowStore::follow(const FollowTarget& target, FollowReason reason,
                                    const std::string& user, const std::string& now) {
  if (target.empty())
    return make_error(ErrorKind::kUsage,
                      "nothing to follow: give an item id, --hys, --procedure or --com");
  auto tx = Transaction::begin(db_, "decisions");
  if (!tx.ok()) return tx.error();
  std::set<int64_t> found;
  auto add = [&](const char* sql, const std::function<void(Stmt&)>& bind) -> Status {
    auto ids = ids_where(db_, sql, bind);
    if (!ids.ok()) return ids.error();
    found.insert(ids->begin(), ids->end());
    return Status::Ok();
  };
  if (target.item_id)
    RETURN_IF_ERROR(add("SELECT id FROM decisions.follows WHERE item_id=?1",
                        [&](Stmt& s) { s.bind(1, *target.item_id); }));
  if (target.hys_id)
    RETURN_IF_ERROR(add("SELECT id FROM decisions.follows WHERE hys_id=?1",
                        [&](Stmt& s) { s.bind(1, *target.hys_id); }));
  if (target.procedure)
    RETURN_IF_ERROR(add("SELECT id FROM decisions.follows WHERE substr(procedure,1,9)=?1",
                        [&](Stmt& s) { s.bind(1, procedure_key(*target.procedure)); }));
  // A procedure or COM proposal a link in use gave a follow (the harvest
  // found it) names that follow too, when nothing else did: its own parts
  // come first, and a follow's own procedure or COM is never replaced by
  // one named through a link. A conflict link names nothing.
  auto add_linked = [&](bool by_procedure, const char* sql,
                        const std::function<void(Stmt&)>& bind) -> Status {
    auto ids = ids_where(db_, sql, bind);
    if (!ids.ok()) return ids.error();
    for (int64_t candidate : *ids) {
      auto f = get(candidate);
      if (!f.ok()) return f.error();
      auto current = links(candidate);
      if (!current.ok()) return current.error();
      if (!*f) continue;
      mark_link_conflicts(**f, *current);
      const bool in_use = std::any_of(current->begin(), current->end(), [&](const StoredLink& l) {
        if (l.conflict) return false;
        return by_procedure ? same_procedure(l.link.procedure, *target.procedure)
                            : l.link.com == *target.com;
      });
      if (in_use) found.insert(candidate);
    }
    return Status::Ok();
  };
  bool by_link = false;
  if (found.empty() && target.procedure) {
    RETURN_IF_ERROR(add_linked(true,
                               "SELECT DISTINCT l.follow_id FROM decisions.follow_links l JOIN "
                               "decisions.follows f ON f.id=l.follow_id WHERE f.procedure='' AND "
                               "substr(l.procedure,1,9)=?1",
                               [&](Stmt& s) { s.bind(1, procedure_key(*target.procedure)); }));
    by_link = !found.empty();
  }
  if (found.empty() && target.com) {
    RETURN_IF_ERROR(add("SELECT id FROM decisions.follows WHERE com=?1",
                        [&](Stmt& s) { s.bind(1, com_label(*target.com)); }));
    if (found.empty()) {
      RETURN_IF_ERROR(add_linked(
          false,
          "SELECT DISTINCT l.follow_id FROM decisions.follow_links l JOIN decisions.follows f ON "
          "f.id=l.follow_id WHERE f.com='' AND l.com=?1",
          [&](Stmt& s) { s.bind(1, com_label(*target.com)); }));
      by_link = !found.empty();
    }
  }
  if (found.size() > 1) {
    std::string ids;
    for (int64_t id : found) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    return make_error(ErrorKind::kUsage,
                      "what you named is already followed as separate follows (" + ids +
                          "); follow one of them at a time")
        .with_hint("`omvarld following` lists them; `omvarld unfollow` removes one");
  }
  int64_t id = 0;
  if (found.empty()) {
    auto st = Stmt::prepare(db_,
                            "INSERT INTO decisions.follows(item_id, hys_id, procedure, com, "
                            "reason, followed_at, followed_by) VALUES(?,?,?,?,?,?,?)");
    if (!st.ok()) return st.error();
    if (target.item_id)
      st->bind(1, *target.item_id);
    else
      st->bind_null(1);
    if (target.hys_id)
      st->bind(2, *target.hys_id);
    else
      st->bind_null(2);
    st->bind(3, target.procedure ? procedure_label(*target.procedure) : std::string())
        .bind(4, target.com ? com_label(*target.com) : std::string())
        .bind(5, follow_reason_name(reason))
        .bind(6, now)
        .bind(7, user);
    RETURN_IF_ERROR(st->run());
    id = db_.last_insert_rowid();
  } else {
    id = *found.begin();
    auto cur = get(id);
    if (!cur.ok()) return cur.error();
    const Follow& f = **cur;
    if (target.hys_id && f.hys_id && *f.hys_id != *target.hys_id)
      return make_error(ErrorKind::kUsage,
                        "follow " + std::to_string(id) + " is Have your say initiative " +
                            std::to_string(*f.hys_id) + ", not " + std::to_string(*target.hys_id));
    if (target.item_id && f.item_id && *f.item_id != *target.item_id)
      return make_error(ErrorKind::kUsage, "follow " + std::to_string(id) + " is item " +
                                               std::to_string(*f.item_id) + ", not " +
                                               std::to_string(*target.item_id));
    std::string procedure = f.procedure;
    if (target.procedure) {
      std::string label = procedure_label(*target.procedure);
      // A procedure given again without its type keeps the stored one.
      if (procedure.empty() || procedure_key(*target.procedure) != procedure.substr(0, 9) ||
          !target.procedure->type.empty()) {
        // The EP state is of the procedure in use, which may have come from
        // a link: another procedure now forgets it.
        auto current = links(id);
        if (!current.ok()) return current.error();
        const std::optional<ProcedureRef> in_use = procedure_in_use(f, *current);
        if (in_use && procedure_key(*in_use) != procedure_key(*target.procedure))
          RETURN_IF_ERROR(forget_ep_state(db_, id));
        procedure = label;
      }
    }
    auto st = Stmt::prepare(
        db_,
        "UPDATE decisions.follows SET item_id=COALESCE(item_id, ?2), hys_id=COALESCE(hys_id, ?3), "
        "procedure=?4, com=CASE WHEN ?5='' THEN com ELSE ?5 END, unfollowed_at='', "
        "unfollowed_by='' WHERE id=?1");
    if (!st.ok()) return st.error();
    st->bind(1, id);
    if (target.item_id)
      st->bind(2, *target.item_id);
    else
      st->bind_null(2);
    if (target.hys_id)
      st->bind(3, *target.hys_id);
    else
      st->bind_null(3);
    // Named through a link: the follow's own COM stays as it is.
    const bool keep_com = by_link && !f.com.empty();
    st->bind(4, procedure)
        .bind(5, target.com && !keep_com ? com_label(*target.com) : std::string());
    RETURN_IF_ERROR(st->run());
  }
  if (target.com && target.procedure) {
    ProcedureLink link;
    link.com = *target.com;
    link.procedure = *target.procedure;
    link.source = LinkSource::kManual;
    // The officer's link is the one in use: never a conflict.
    RETURN_IF_ERROR(insert_link(db_, id, link, now, std::nullopt, nullptr));
  }
  RETURN_IF_ERROR(tx->commit());
  return id;
}

namespace {

// The digits of a Have your say id as the search pages give it ("12472.0").
std::optional<int64_t> hys_id_of(std::string_view guid) {
  int64_t v = 0;
  size_t i = 0;
  for (; i < guid.size() && guid[i] >= '0' && guid[i] <= '9' && v < (int64_t{1} << 40); ++i)
    v = v * 10 + (guid[i] - '0');
  if (i == 0 || v == 0 || (i < guid.size() && guid[i] != '.')) return std::nullopt;
  return v;
}

}  // namespace

Result<FollowTarget> FollowStore::target_of_item(int64_t item_id) {
  auto st = Stmt::prepare(db_,
                          "SELECT i.guid, i.reference, COALESCE(f.kind,'') FROM main.items i "
                          "LEFT JOIN main.feed_sources f ON f.id=i.source WHERE i.id=?1");
  if (!st.ok()) return st.error();
  st->bind(1, item_id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row)
    return make_error(ErrorKind::kNotFound, "no item " + std::to_string(item_id))
        .with_hint("`omvarld flags` lists the items and their ids");
  FollowTarget t;
  t.item_id = item_id;
  if (st->col_text_view(2) == "hys") t.hys_id = hys_id_of(st->col_text_view(0));
  const std::string reference = st->col_text(1);
  if (auto ref = parse_procedure_ref(reference); ref.ok()) t.procedure = *ref;
  if (auto ref = parse_com_ref(reference); ref.ok()) t.com = *ref;
  return t;
}

Result<int> FollowStore::unfollow(const FollowTarget& target, const std::string& user,
                                  const std::string& now) {
  if (target.empty())
    return make_error(ErrorKind::kUsage,
                      "nothing to unfollow: give an item id, --hys, --procedure or --com");
  auto tx = Transaction::begin(db_, "decisions");
  if (!tx.ok()) return tx.error();
  auto st = Stmt::prepare(
      db_,
      "UPDATE decisions.follows SET unfollowed_at=?1, unfollowed_by=?2 WHERE unfollowed_at='' "
      "AND ((?3 IS NOT NULL AND item_id=?3) OR (?4 IS NOT NULL AND hys_id=?4) OR (?5<>'' AND "
      "substr(procedure,1,9)=?5) OR (?6<>'' AND com=?6))");
  if (!st.ok()) return st.error();
  st->bind(1, now).bind(2, user);
  if (target.item_id)
    st->bind(3, *target.item_id);
  else
    st->bind_null(3);
  if (target.hys_id)
    st->bind(4, *target.hys_id);
  else
    st->bind_null(4);
  st->bind(5, target.procedure ? procedure_key(*target.procedure) : std::string())
      .bind(6, target.com ? com_label(*target.com) : std::string());
  RETURN_IF_ERROR(st->run());
  const int n = sqlite3_changes(db_.handle());
  RETURN_IF_ERROR(tx->commit());
  return n;
}

Result<std::vector<Follow>> FollowStore::follows(bool include_unfollowed) {
  auto st = Stmt::prepare(db_, std::string("SELECT ") + kFollowColumns +
                                   " FROM decisions.follows WHERE ?1 OR unfollowed_at='' ORDER "
                                   "BY id");
  if (!st.ok()) return st.error();
  st->bind(1, include_unfollowed ? 1 : 0);
  std::vector<Follow> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    out.push_back(read_follow(*st));
  }
  return out;
}

Result<std::optional<Follow>> FollowStore::get(int64_t follow_id) {
  auto st = Stmt::prepare(
      db_, std::string("SELECT ") + kFollowColumns + " FROM decisions.follows WHERE id=?1");
  if (!st.ok()) return st.error();
  st->bind(1, follow_id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<Follow>();
  return std::optional<Follow>(read_follow(*st));
}

Result<std::optional<Follow>> FollowStore::find_by_item(int64_t item_id) {
  auto st = Stmt::prepare(db_, std::string("SELECT ") + kFollowColumns +
                                   " FROM decisions.follows WHERE item_id=?1 AND unfollowed_at=''");
  if (!st.ok()) return st.error();
  st->bind(1, item_id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<Follow>();
  return std::optional<Follow>(read_follow(*st));
}

Result<int> FollowStore::follow_relevant_items(const std::string& now) {
  // An officer's verdict weighs more than the score: any Have your say item
  // marked relevant (or responded to) is followed, flagged or not.
  auto st = Stmt::prepare(
      db_,
      "SELECT i.id, i.guid FROM decisions.item_reviews r JOIN main.items i ON i.id=r.item_id "
      "JOIN main.feed_sources f ON f.id=i.source WHERE f.kind='hys' AND r.status IN (?1, ?2) "
      "AND NOT EXISTS (SELECT 1 FROM decisions.follows w WHERE w.item_id=i.id OR "
      "w.hys_id=CAST(i.guid AS INTEGER)) ORDER BY i.id");
  if (!st.ok()) return st.error();
  st->bind(1, review_status_name(ReviewStatus::kRelevant))
      .bind(2, review_status_name(ReviewStatus::kResponded));
  std::vector<std::pair<int64_t, int64_t>> found;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    auto hys = hys_id_of(st->col_text_view(1));
    if (!hys) continue;
    found.emplace_back(st->col_int(0), *hys);
  }
  int added = 0;
  for (auto [item, hys] : found) {
    FollowTarget t;
    t.item_id = item;
    t.hys_id = hys;
    auto id = follow(t, FollowReason::kRelevant, "omvarld", now);
    if (!id.ok()) return id.error();
    ++added;
  }
  return added;
}

// --- source states -----------------------------------------------------------

Result<std::optional<FollowSourceState>> FollowStore::source_state(int64_t follow_id,
                                                                   FollowSource source) {
  auto all = source_states(follow_id);
  if (!all.ok()) return all.error();
  for (auto& s : *all)
    if (s.source == follow_source_name(source)) return std::optional<FollowSourceState>(s);
  return std::optional<FollowSourceState>();
}

Result<std::vector<FollowSourceState>> FollowStore::source_states(int64_t follow_id) {
  auto st = Stmt::prepare(db_,
                          "SELECT source, url, etag, last_modified, last_ok_at, last_checked_at, "
                          "last_error, failures FROM decisions.follow_sources WHERE follow_id=?1 "
                          "ORDER BY source DESC");
  if (!st.ok()) return st.error();
  st->bind(1, follow_id);
  std::vector<FollowSourceState> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    out.push_back({st->col_text(0), st->col_text(1), st->col_text(2), st->col_text(3),
                   st->col_text(4), st->col_text(5), st->col_text(6),
                   static_cast<int>(st->col_int(7))});
  }
  return out;
}

Status FollowStore::put_source(int64_t follow_id, FollowSource source, const std::string& url,
                               const std::string& etag, const std::string& last_modified,
                               const std::string& now, const std::string& error, bool ok) {
  // A failure keeps the validators and the last success and counts one more
  // failure in a row; a success replaces them (a 304 passes the old ones
  // back in) and the count starts again.
  auto st = Stmt::prepare(
      db_,
      "INSERT INTO decisions.follow_sources(follow_id, source, url, etag, last_modified, "
      "last_ok_at, last_checked_at, last_error, failures) VALUES(?1,?2,?3,?4,?5,CASE WHEN ?8 "
      "THEN ?6 ELSE '' END,?6,?7,CASE WHEN ?8 THEN 0 ELSE 1 END) ON CONFLICT(follow_id, source) "
      "DO UPDATE SET url=?3, etag=CASE WHEN ?8 THEN ?4 ELSE etag END, last_modified=CASE WHEN "
      "?8 THEN ?5 ELSE last_modified END, last_ok_at=CASE WHEN ?8 THEN ?6 ELSE last_ok_at END, "
      "last_checked_at=?6, last_error=?7, failures=CASE WHEN ?8 THEN 0 ELSE failures+1 END");
  if (!st.ok()) return st.error();
  st->bind(1, follow_id)
      .bind(2, follow_source_name(source))
      .bind(3, url)
      .bind(4, etag)
      .bind(5, last_modified)
      .bind(6, now)
      .bind(7, error)
      .bind(8, ok ? 1 : 0);
  return st->run();
}

Status FollowStore::record_failure(int64_t follow_id, FollowSource source, const std::string& url,
                                   const std::string& error, const std::string& now) {
  auto tx = Transaction::begin(db_, "decisions");
  if (!tx.ok()) return tx.error();
  RETURN_IF_ERROR(put_source(follow_id, source, url, "", "", now,
                             error.empty() ? std::string("failed") : error, false));
  return tx->commit();
}

Status FollowStore::record_not_modified(int64_t follow_id, FollowSource source,
                                        const std::string& url, const std::string& now) {
  auto tx = Transaction::begin(db_, "decisions");
  if (!tx.ok()) return tx.error();
  auto old = source_state(follow_id, source);
  if (!old.ok()) return old.error();
  RETURN_IF_ERROR(put_source(follow_id, source, url, *old ? (*old)->etag : "",
                             *old ? (*old)->last_modified : "", now, "", true));
  return tx->commit();
}

Status FollowStore::put_changes(int64_t follow_id, const std::string& source,
                                std::vector<FollowChange>& changes, const std::string& now) {
  auto st = Stmt::prepare(db_, kInsertChange);
  if (!st.ok()) return st.error();
  for (FollowChange& c : changes) {
    c.follow_id = follow_id;
    c.seen_at = now;
    c.source = source;
    RETURN_IF_ERROR(insert_change(db_, *st, c));
  }
  return Status::Ok();
}

namespace {

void bind_opt(Stmt& st, int i, const std::optional<std::string>& v) {
  if (v)
    st.bind(i, *v);
  else
    st.bind_null(i);
}

std::optional<std::string> col_opt(const Stmt& st, int i) {
  if (st.col_null(i)) return std::nullopt;
  return st.col_text(i);
}

Status delete_where_follow(Db& db, const char* sql, int64_t follow_id) {
  auto st = Stmt::prepare(db, sql);
  if (!st.ok()) return st.error();
  st->bind(1, follow_id);
  return st->run();
}

}  // namespace

Result<std::vector<FollowChange>> FollowStore::record_hys(int64_t follow_id, const std::string& url,
                                                          const HysInitiative& initiative,
                                                          const std::string& etag,
                                                          const std::string& last_modified,
                                                          const std::string& now) {
  auto tx = Transaction::begin(db_, "decisions");
  if (!tx.ok()) return tx.error();
  auto before = hys_state(follow_id);
  if (!before.ok()) return before.error();
  std::vector<FollowChange> changes = diff_hys(*before, initiative);
  RETURN_IF_ERROR(
      delete_where_follow(db_, "DELETE FROM decisions.follow_hys WHERE follow_id=?1", follow_id));
  RETURN_IF_ERROR(delete_where_follow(
      db_, "DELETE FROM decisions.follow_publications WHERE follow_id=?1", follow_id));
  auto top = Stmt::prepare(db_,
                           "INSERT INTO decisions.follow_hys(follow_id, hys_id, title, summary, "
                           "dg, stage, act_type, status, feedback_status, topics) "
                           "VALUES(?,?,?,?,?,?,?,?,?,?)");
  if (!top.ok()) return top.error();
  top->bind(1, follow_id)
      .bind(2, initiative.id)
      .bind(3, initiative.title)
      .bind(4, initiative.summary)
      .bind(5, initiative.dg)
      .bind(6, initiative.stage)
      .bind(7, initiative.act_type)
      .bind(8, initiative.status)
      .bind(9, initiative.feedback_status)
      .bind(10, join(initiative.topics, '\n'));
  RETURN_IF_ERROR(top->run());
  auto pub = Stmt::prepare(
      db_,
      "INSERT INTO decisions.follow_publications(follow_id, position, id, type, stage, "
      "feedback_status, published, feedback_start, feedback_end, planned_period, planned_start, "
      "planned_end, feedback_count, reference, documents) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!pub.ok()) return pub.error();
  int position = 0;
  for (const HysPublication& p : initiative.publications) {
    pub->bind(1, follow_id)
        .bind(2, position++)
        .bind(3, p.id)
        .bind(4, p.type)
        .bind(5, p.stage)
        .bind(6, p.feedback_status);
    bind_opt(*pub, 7, p.published);
    bind_opt(*pub, 8, p.feedback_start);
    bind_opt(*pub, 9, p.feedback_end);
    pub->bind(10, p.planned_period);
    bind_opt(*pub, 11, p.planned_start);
    bind_opt(*pub, 12, p.planned_end);
    pub->bind(13, p.feedback_count).bind(14, p.reference).bind(15, join(p.documents, '\n'));
    RETURN_IF_ERROR(pub->run());
  }
  RETURN_IF_ERROR(put_changes(follow_id, "hys", changes, now));
  RETURN_IF_ERROR(
      put_source(follow_id, FollowSource::kHys, url, etag, last_modified, now, "", true));
  RETURN_IF_ERROR(tx->commit());
  return changes;
}

Result<std::vector<FollowChange>> FollowStore::record_ep(int64_t follow_id, const std::string& url,
                                                         const EpProcedure& procedure,
                                                         const std::string& etag,
                                                         const std::string& last_modified,
                                                         const std::string& now) {
  auto tx = Transaction::begin(db_, "decisions");
  if (!tx.ok()) return tx.error();
  auto before = ep_state(follow_id);
  if (!before.ok()) return before.error();
  // A reading of another procedure than the one stored (the procedure in
  // use changed) is a first read, not a diff against the other's state.
  if (*before && procedure_key((*before)->ref) != procedure_key(procedure.ref)) before->reset();
  std::vector<FollowChange> changes = diff_ep(*before, procedure);
  RETURN_IF_ERROR(
      delete_where_follow(db_, "DELETE FROM decisions.follow_ep WHERE follow_id=?1", follow_id));
  RETURN_IF_ERROR(delete_where_follow(db_, "DELETE FROM decisions.follow_events WHERE follow_id=?1",
                                      follow_id));
  auto top = Stmt::prepare(db_,
                           "INSERT INTO decisions.follow_ep(follow_id, procedure, title, type, "
                           "stage, status, rapporteurs, committees, adopted_texts, "
                           "shadow_rapporteurs, lead_committee) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  if (!top.ok()) return top.error();
  top->bind(1, follow_id)
      .bind(2, procedure_label(procedure.ref))
      .bind(3, procedure.title)
      .bind(4, procedure.type)
      .bind(5, procedure.stage)
      .bind(6, procedure.status)
      .bind(7, join(procedure.rapporteurs, '\n'))
      .bind(8, join(procedure.committees, '\n'))
      .bind(9, join(procedure.adopted_texts, '\n'))
      .bind(10, join(procedure.shadow_rapporteurs, '\n'))
      .bind(11, procedure.lead_committee);
  RETURN_IF_ERROR(top->run());
  auto ev = Stmt::prepare(db_,
                          "INSERT INTO decisions.follow_events(follow_id, position, id, date, "
                          "type, title, documents) VALUES(?,?,?,?,?,?,?)");
  if (!ev.ok()) return ev.error();
  int position = 0;
  for (const EpEvent& e : procedure.events) {
    ev->bind(1, follow_id)
        .bind(2, position++)
        .bind(3, e.id)
        .bind(4, e.date)
        .bind(5, e.type)
        .bind(6, e.title)
        .bind(7, join(e.documents, '\n'));
    RETURN_IF_ERROR(ev->run());
  }
  RETURN_IF_ERROR(put_changes(follow_id, "ep", changes, now));
  RETURN_IF_ERROR(
      put_source(follow_id, FollowSource::kEp, url, etag, last_modified, now, "", true));
  RETURN_IF_ERROR(tx->commit());
  return changes;
}

Result<bool> FollowStore::record_link(int64_t follow_id, const ProcedureLink& link,
                                      const std::string& now) {
  auto tx = Transaction::begin(db_, "decisions");
  if (!tx.ok()) return tx.error();
  bool is_new = false;
  std::optional<ProcedureRef> in_use;
  if (link.source != LinkSource::kManual) {
    auto f = get(follow_id);
    if (!f.ok()) return f.error();
    auto current = links(follow_id);
    if (!current.ok()) return current.error();
    if (*f) in_use = procedure_in_use(**f, *current);
  }
  RETURN_IF_ERROR(insert_link(db_, follow_id, link, now, in_use, &is_new));
  RETURN_IF_ERROR(tx->commit());
  return is_new;
}

Result<std::vector<FollowChange>> FollowStore::record_links(int64_t follow_id, FollowSource source,
                                                            const std::string& url,
                                                            const std::vector<ProcedureLink>& found,
                                                            const std::string& now) {
  auto tx = Transaction::begin(db_, "decisions");
  if (!tx.ok()) return tx.error();
  auto f = get(follow_id);
  if (!f.ok()) return f.error();
  if (!*f) return make_error(ErrorKind::kNotFound, "no follow " + std::to_string(follow_id));
  auto current = links(follow_id);
  if (!current.ok()) return current.error();
  std::optional<ProcedureRef> in_use = procedure_in_use(**f, *current);
  std::vector<FollowChange> changes;
  for (const ProcedureLink& link : found) {
    bool is_new = false;
    FollowChange c;
    RETURN_IF_ERROR(insert_link(db_, follow_id, link, now, in_use, &is_new, &c));
    if (!is_new) continue;
    // The first link found decides when nothing did before.
    if (!in_use) in_use = link.procedure;
    changes.push_back(std::move(c));
  }
  RETURN_IF_ERROR(put_source(follow_id, source, url, "", "", now, "", true));
  RETURN_IF_ERROR(tx->commit());
  return changes;
}

Result<std::optional<HysInitiative>> FollowStore::hys_state(int64_t follow_id) {
  auto st = Stmt::prepare(db_,
                          "SELECT hys_id, title, summary, dg, stage, act_type, status, "
                          "feedback_status, topics FROM decisions.follow_hys WHERE follow_id=?1");
  if (!st.ok()) return st.error();
  st->bind(1, follow_id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<HysInitiative>();
  HysInitiative h;
  h.id = st->col_int(0);
  h.title = st->col_text(1);
  h.summary = st->col_text(2);
  h.dg = st->col_text(3);
  h.stage = st->col_text(4);
  h.act_type = st->col_text(5);
  h.status = st->col_text(6);
  h.feedback_status = st->col_text(7);
  h.topics = lines_of(st->col_text_view(8));
  auto pub =
      Stmt::prepare(db_,
                    "SELECT id, type, stage, feedback_status, published, feedback_start, "
                    "feedback_end, planned_period, planned_start, planned_end, "
                    "feedback_count, reference, documents FROM decisions.follow_publications "
                    "WHERE follow_id=?1 ORDER BY position");
  if (!pub.ok()) return pub.error();
  pub->bind(1, follow_id);
  for (;;) {
    auto r = pub->step();
    if (!r.ok()) return r.error();
    if (!*r) break;
    HysPublication p;
    p.id = pub->col_int(0);
    p.type = pub->col_text(1);
    p.stage = pub->col_text(2);
    p.feedback_status = pub->col_text(3);
    p.published = col_opt(*pub, 4);
    p.feedback_start = col_opt(*pub, 5);
    p.feedback_end = col_opt(*pub, 6);
    p.planned_period = pub->col_text(7);
    p.planned_start = col_opt(*pub, 8);
    p.planned_end = col_opt(*pub, 9);
    p.feedback_count = static_cast<int>(pub->col_int(10));
    p.reference = pub->col_text(11);
    p.documents = lines_of(pub->col_text_view(12));
    h.publications.push_back(std::move(p));
  }
  return std::optional<HysInitiative>(std::move(h));
}

Result<std::optional<EpProcedure>> FollowStore::ep_state(int64_t follow_id) {
  auto st = Stmt::prepare(db_,
                          "SELECT procedure, title, type, stage, status, rapporteurs, committees, "
                          "adopted_texts, shadow_rapporteurs, lead_committee FROM "
                          "decisions.follow_ep WHERE follow_id=?1");
  if (!st.ok()) return st.error();
  st->bind(1, follow_id);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<EpProcedure>();
  EpProcedure p;
  auto ref = parse_procedure_ref(st->col_text_view(0));
  if (!ref.ok())
    return make_error(ErrorKind::kDatabase, "follow " + std::to_string(follow_id) +
                                                " in the decisions file: " + ref.error().message);
  p.ref = *ref;
  p.title = st->col_text(1);
  p.type = st->col_text(2);
  p.stage = st->col_text(3);
  p.status = st->col_text(4);
  p.rapporteurs = lines_of(st->col_text_view(5));
  p.committees = lines_of(st->col_text_view(6));
  p.adopted_texts = lines_of(st->col_text_view(7));
  p.shadow_rapporteurs = lines_of(st->col_text_view(8));
  p.lead_committee = st->col_text(9);
  auto ev = Stmt::prepare(db_,
                          "SELECT id, date, type, title, documents FROM decisions.follow_events "
                          "WHERE follow_id=?1 ORDER BY position");
  if (!ev.ok()) return ev.error();
  ev->bind(1, follow_id);
  for (;;) {
    auto r = ev->step();
    if (!r.ok()) return r.error();
    if (!*r) break;
    EpEvent e;
    e.id = ev->col_text(0);
    e.date = ev->col_text(1);
    e.type = ev->col_text(2);
    e.title = ev->col_text(3);
    e.documents = lines_of(ev->col_text_view(4));
    p.events.push_back(std::move(e));
  }
  return std::optional<EpProcedure>(std::move(p));
}

Result<std::vector<StoredLink>> FollowStore::links(int64_t follow_id) {
  auto st = Stmt::prepare(
      db_,
      "SELECT com, procedure, source, source_url, recorded_at FROM "
      "decisions.follow_links WHERE follow_id=?1 ORDER BY recorded_at, com, procedure, source");
  if (!st.ok()) return st.error();
  st->bind(1, follow_id);
  std::vector<StoredLink> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    auto com = parse_com_ref(st->col_text_view(0));
    auto proc = parse_procedure_ref(st->col_text_view(1));
    auto source = find_link_source(st->col_text_view(2));
    if (!com.ok() || !proc.ok() || !source)
      return make_error(ErrorKind::kDatabase, "follow " + std::to_string(follow_id) +
                                                  " in the decisions file has a link omvarld "
                                                  "cannot read (" +
                                                  st->col_text(0) + ", " + st->col_text(1) + ")");
    StoredLink l;
    l.link.com = *com;
    l.link.procedure = *proc;
    l.link.source = *source;
    l.link.source_url = st->col_text(3);
    l.recorded_at = st->col_text(4);
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::vector<FollowChange>> FollowStore::changes(int64_t follow_id,
                                                       const std::string& since) {
  auto st = Stmt::prepare(db_,
                          "SELECT id, follow_id, seen_at, source, kind, subject, old_value, "
                          "new_value FROM decisions.follow_changes WHERE (?1<=0 OR follow_id=?1) "
                          "AND seen_at>?2 ORDER BY seen_at, id");
  if (!st.ok()) return st.error();
  st->bind(1, follow_id).bind(2, since);
  std::vector<FollowChange> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    FollowChange c;
    c.id = st->col_int(0);
    c.follow_id = st->col_int(1);
    c.seen_at = st->col_text(2);
    c.source = st->col_text(3);
    c.kind = st->col_text(4);
    c.subject = st->col_text(5);
    c.old_value = st->col_text(6);
    c.new_value = st->col_text(7);
    out.push_back(std::move(c));
  }
  return out;
}

Result<FollowedInitiative> FollowStore::load(const Follow& follow,
                                             const std::string& changes_since) {
  FollowedInitiative f;
  f.follow = follow;
  ASSIGN_OR_RETURN(f.hys, hys_state(follow.id));
  ASSIGN_OR_RETURN(f.ep, ep_state(follow.id));
  ASSIGN_OR_RETURN(f.links, links(follow.id));
  mark_link_conflicts(follow, f.links);
  ASSIGN_OR_RETURN(f.sources, source_states(follow.id));
  ASSIGN_OR_RETURN(f.changes, changes(follow.id, changes_since));
  return f;
}

Result<std::vector<FollowedInitiative>> FollowStore::overview(const std::string& changes_since) {
  ASSIGN_OR_RETURN(std::vector<Follow> list, follows());
  std::vector<FollowedInitiative> out;
  for (const Follow& follow : list) {
    ASSIGN_OR_RETURN(FollowedInitiative f, load(follow, changes_since));
    out.push_back(std::move(f));
  }
  return out;
}

std::optional<ProcedureRef> procedure_in_use(const Follow& follow,
                                             const std::vector<StoredLink>& links) {
  if (!follow.procedure.empty())
    if (auto ref = parse_procedure_ref(follow.procedure); ref.ok()) return *ref;
  // Links come oldest first: the latest manual one, else the earliest other.
  for (auto it = links.rbegin(); it != links.rend(); ++it)
    if (it->link.source == LinkSource::kManual) return it->link.procedure;
  if (!links.empty()) return links.front().link.procedure;
  return std::nullopt;
}

std::optional<ComRef> com_in_use(const Follow& follow, const std::vector<StoredLink>& links) {
  if (!follow.com.empty())
    if (auto ref = parse_com_ref(follow.com); ref.ok()) return *ref;
  const std::optional<ProcedureRef> procedure = procedure_in_use(follow, links);
  if (!procedure) return std::nullopt;
  std::optional<ComRef> first;
  for (const StoredLink& l : links) {
    if (!same_procedure(l.link.procedure, *procedure)) continue;
    if (l.link.source == LinkSource::kManual) return l.link.com;
    if (!first) first = l.link.com;
  }
  return first;
}

void mark_link_conflicts(const Follow& follow, std::vector<StoredLink>& links) {
  const std::optional<ProcedureRef> procedure = procedure_in_use(follow, links);
  for (StoredLink& l : links)
    l.conflict = procedure && !same_procedure(l.link.procedure, *procedure);
}

std::string followed_title(const FollowedInitiative& f) {
  if (f.hys && !f.hys->title.empty()) return f.hys->title;
  if (f.ep) return f.ep->title;
  return "";
}

std::string followed_stage(const FollowedInitiative& f) {
  if (f.hys && !f.hys->stage.empty()) return f.hys->stage;
  if (f.ep) return f.ep->stage;
  return "";
}

std::optional<NextDate> next_known_date(const FollowedInitiative& f, const std::string& now_iso) {
  std::optional<NextDate> best;
  auto consider = [&](const std::string& when, std::string what) {
    // Times and dates compare as text; a date is after `now` from its day on.
    if (when.empty() || when < now_iso.substr(0, when.size() < 11 ? 10 : now_iso.size())) return;
    if (!best || when < best->when) best = NextDate{when, std::move(what)};
  };
  if (f.hys)
    for (const HysPublication& p : f.hys->publications) {
      if (p.feedback_status == "OPEN" && p.feedback_end)
        consider(*p.feedback_end, "feedback on " + p.type + " closes");
      if (!p.published && p.planned_start) consider(*p.planned_start, p.type + " planned");
    }
  if (f.ep)
    for (const EpEvent& e : f.ep->events)
      consider(e.date, e.type.empty() ? (e.title.empty() ? e.id : e.title) : e.type);
  return best;
}

}  // namespace omvarld
