#include "store/item_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "core/clock.h"
#include "core/random.h"
#include "core/text.h"
#include "parse/feed_dates.h"
#include "store/schema.h"

namespace omvarld {

std::optional<int64_t> deadline_of(const StoredItem& item) {
  return item.deadline.empty() ? std::nullopt : parse_feed_date(item.deadline);
}

std::vector<std::string> themes_of(const StoredItem& item) {
  std::vector<std::string> out;
  for (std::string_view line : split(item.themes, '\n'))
    if (!trim(line).empty()) out.emplace_back(trim(line));
  return out;
}

std::string stored_topics(const FeedItem& item) { return join(item.categories, '\n'); }

std::string fts_match_query(std::string_view text) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    out += (out.empty() ? "\"" : " \"") + word + "\"*";
    word.clear();
  };
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      word.push_back(ch);
    else
      flush();
  }
  flush();
  return out;
}

std::string choose_dedup(const std::vector<FeedItem>& items) {
  auto usable = [&](auto field) {
    std::set<std::string> seen;
    for (const FeedItem& i : items) {
      const std::string& v = field(i);
      if (v.empty() || !seen.insert(v).second) return false;
    }
    return true;
  };
  if (usable([](const FeedItem& i) -> const std::string& { return i.guid; })) return "guid";
  if (usable([](const FeedItem& i) -> const std::string& { return i.link; })) return "link";
  return "hash";
}

namespace {

std::string iso(const std::optional<int64_t>& t) {
  return t ? format_iso8601_utc(*t) : std::string();
}

// Rows for one table written many at a time: each statement SQLite runs
// has a cost of its own (setup, a statement savepoint, cursors opened and
// closed) that dominated a first harvest writing 16,000 items and 160,000
// theme rows one statement each. Rows are kept until kRows of them make one
// multi-row INSERT; flush() writes what is left. The caller flushes before
// anything that must see the rows (a read, a DELETE of the same rows).
class RowBatch {
 public:
  using Value = std::variant<std::monostate, int64_t, double, std::string>;
  static constexpr int kRows = 64;

  // `head`: "INSERT ... INTO table(columns) VALUES", for `columns` columns.
  RowBatch(Db& db, std::string head, int columns)
      : db_(db), head_(std::move(head)), columns_(columns) {}

  // One row: exactly `columns` values.
  Status add(std::vector<Value> row) {
    for (Value& v : row) values_.push_back(std::move(v));
    if (++rows_ < kRows) return Status::Ok();
    if (!full_) {
      auto st = prepare(kRows);
      if (!st.ok()) return st.error();
      full_ = std::move(st).value();
    }
    return write(*full_);
  }
  Status flush() {
    if (rows_ == 0) return Status::Ok();
    auto st = prepare(rows_);
    if (!st.ok()) return st.error();
    return write(*st);
  }

 private:
  Result<Stmt> prepare(int rows) const {
    std::string row = "(";
    for (int c = 0; c < columns_; ++c) row += c ? ",?" : "?";
    row += ")";
    std::string sql = head_;
    for (int r = 0; r < rows; ++r) sql += (r ? "," : " ") + row;
    return Stmt::prepare(db_, sql);
  }
  Status write(Stmt& st) {
    int k = 1;
    for (const Value& v : values_) {
      if (const auto* i = std::get_if<int64_t>(&v))
        st.bind(k, *i);
      else if (const auto* d = std::get_if<double>(&v))
        st.bind(k, *d);
      else if (const auto* t = std::get_if<std::string>(&v))
        st.bind_text_static(k, *t);  // values_ outlives the step
      else
        st.bind_null(k);
      ++k;
    }
    Status s = st.run();
    values_.clear();
    rows_ = 0;
    return s;
  }

  Db& db_;
  std::string head_;
  int columns_;
  int rows_ = 0;
  std::vector<Value> values_;
  std::optional<Stmt> full_;
};

std::string hash_key(const FeedItem& i) {
  return "h:" + fnv1a_hex(i.guid + "\x1f" + i.link + "\x1f" + i.title + "\x1f" + i.summary);
}

// The fields a harvest compares and records when they change.
struct Fields {
  std::string guid, link, title, summary, content, topics, published, opens, deadline, status,
      reference, kind;
  static Fields of(const FeedItem& i) {
    return Fields{i.guid,          i.link,           i.title,          i.summary,
                  i.content,       stored_topics(i), iso(i.published), iso(i.opens),
                  iso(i.deadline), i.status,         i.reference,      i.kind};
  }
  std::vector<std::pair<const char*, const std::string*>> named() const {
    return {{"guid", &guid},           {"link", &link},           {"title", &title},
            {"summary", &summary},     {"content", &content},     {"topics", &topics},
            {"published", &published}, {"opens", &opens},         {"deadline", &deadline},
            {"status", &status},       {"reference", &reference}, {"kind", &kind}};
  }
  // The same fields, in the same order, to move from.
  std::vector<std::string*> fields() {
    return {&guid,      &link,  &title,    &summary, &content,   &topics,
            &published, &opens, &deadline, &status,  &reference, &kind};
  }
  std::string hash() const {
    std::string all;
    for (const auto& [name, value] : named()) {
      all += *value;
      all.push_back('\x1f');
    }
    return fnv1a_hex(all);
  }
};

// The review status of an item without a review row is "new".
const std::string& status_or_new() {
  static const std::string kSql =
      std::string("COALESCE(r.status,'") + review_status_name(ReviewStatus::kNew) + "')";
  return kSql;
}

const std::string& item_columns() {
  static const std::string kColumns =
      "i.id, i.source, i.key, i.guid, i.link, i.title, i.summary, i.topics, i.published, "
      "i.opens, i.deadline, i.status, i.reference, i.kind, i.first_seen, i.last_seen, s.score, "
      "COALESCE(s.flagged,0), COALESCE(s.themes,''), COALESCE(s.why,''), "
      "COALESCE(s.committee,''), " +
      status_or_new() +
      ", COALESCE(r.assignee,''), COALESCE(r.note,''), s.model_p, COALESCE(s.grade,'none'), "
      "i.updated";
  return kColumns;
}

constexpr const char* kItemJoins =
    " FROM items i LEFT JOIN item_scores s ON s.item_id=i.id LEFT JOIN decisions.item_reviews r "
    "ON r.item_id=i.id";

// The review status is parsed here, where it leaves the database: a status
// omvarld does not know is an error naming the item, not a silent "new".
Result<StoredItem> read_item(const Stmt& st) {
  StoredItem it;
  it.id = st.col_int(0);
  it.source = st.col_text(1);
  it.key = st.col_text(2);
  it.guid = st.col_text(3);
  it.link = st.col_text(4);
  it.title = st.col_text(5);
  it.summary = st.col_text(6);
  it.topics = st.col_text(7);
  it.published = st.col_text(8);
  it.opens = st.col_text(9);
  it.deadline = st.col_text(10);
  it.status = st.col_text(11);
  it.reference = st.col_text(12);
  it.kind = st.col_text(13);
  it.first_seen = st.col_text(14);
  it.last_seen = st.col_text(15);
  if (!st.col_null(16)) it.score = static_cast<int>(st.col_int(16));
  it.flagged = st.col_int(17) != 0;
  it.themes = st.col_text(18);
  it.why = st.col_text(19);
  it.committee = st.col_text(20);
  auto status = parse_review_status(st.col_text_view(21));
  if (!status.ok())
    return make_error(
        ErrorKind::kDatabase,
        "item " + std::to_string(it.id) + " in the decisions file: " + status.error().message);
  it.review_status = *status;
  it.assignee = st.col_text(22);
  it.note = st.col_text(23);
  it.grade = parse_grade(st.col_text_view(25)).value_or(Grade::kNone);
  it.updated = st.col_text(26);
  if (!st.col_null(24)) it.model_p = st.col_double(24);
  return it;
}

Result<std::vector<StoredItem>> read_items(Stmt& st) {
  std::vector<StoredItem> out;
  for (;;) {
    auto row = st.step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    auto item = read_item(st);
    if (!item.ok()) return item.error();
    out.push_back(std::move(item).value());
  }
  return out;
}

// True for an item closed at its source at the placeholder's time (ISO 8601
// UTC, as deadlines are stored, so text order is time order).
const char* closed_sql() { return "(i.status='closed' OR (i.deadline<>'' AND i.deadline<?))"; }

// An ItemQuery's WHERE clause and the values of its placeholders, in order.
struct Where {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> params;

  void add(const std::string& condition) { sql += " AND " + condition; }
  void bind_all(Stmt& st) const {
    int k = 1;
    for (const auto& p : params) std::visit([&](const auto& v) { st.bind(k++, v); }, p);
  }
};

Where where_of(const ItemQuery& q) {
  Where w;
  w.sql = " WHERE 1=1";
  if (q.status) {
    w.add(status_or_new() + "=?");
    w.params.emplace_back(std::string(review_status_name(*q.status)));
  }
  if (!q.grades.empty()) {
    std::string in;
    for (Grade g : q.grades) {
      in += in.empty() ? "?" : ",?";
      w.params.emplace_back(std::string(grade_name(g)));
    }
    w.add("COALESCE(s.grade,'none') IN (" + in + ")");
  }
  // A whole theme id, never a part of one (item_themes, one row each).
  if (!q.theme.empty()) {
    w.add("i.id IN (SELECT item_id FROM item_themes WHERE theme=?)");
    w.params.emplace_back(q.theme);
  }
  if (!q.committee.empty()) {
    w.add("instr(COALESCE(s.committee,''), ?)>0");
    w.params.emplace_back(q.committee);
  }
  if (!q.source.empty()) {
    w.add("i.source=?");
    w.params.emplace_back(q.source);
  }
  if (const std::string text(trim(q.text)); !text.empty()) {
    // Words through the full-text index (items_fts: new items indexed by
    // write_items, changed ones by triggers; schema migrations 7, 11), a
    // source id exactly, or a part of the note (lower() folds ASCII only,
    // as to_lower does).
    // One set of ids, each part found by an index (guid, reference, the
    // full-text index) or in the small decisions table, so the items are
    // then read by id rather than all scanned.
    const std::string words = fts_match_query(text);
    std::string any =
        "SELECT id FROM items WHERE guid=? UNION SELECT id FROM items WHERE reference=? UNION "
        "SELECT item_id FROM decisions.item_reviews WHERE instr(lower(note), lower(?))>0";
    w.params.emplace_back(text);
    w.params.emplace_back(text);
    w.params.emplace_back(text);
    if (!words.empty()) {
      any += " UNION SELECT rowid FROM items_fts WHERE items_fts MATCH ?";
      w.params.emplace_back(words);
    }
    w.add("i.id IN (" + any + ")");
  }
  if (q.phase != ItemQuery::Phase::kAny) {
    w.add(std::string(q.phase == ItemQuery::Phase::kClosed ? "" : "NOT ") + closed_sql());
    w.params.emplace_back(format_iso8601_utc(q.urgency.now));
  }
  if (q.due_within_days) {
    // Stored deadlines are UTC in one fixed format, so text order is time order.
    const TimeWindow due = Urgency{q.urgency.now, *q.due_within_days}.window();
    w.add("i.deadline<>'' AND i.deadline>=? AND i.deadline<=?");
    w.params.emplace_back(format_iso8601_utc(due.from));
    w.params.emplace_back(format_iso8601_utc(due.to));
  }
  if (q.min_score > 0) {
    w.add("COALESCE(s.score,0)>=?");
    w.params.emplace_back(int64_t{q.min_score});
  }
  return w;
}

// ORDER BY for `q`; its placeholders come after the WHERE clause's.
std::string order_of(const ItemQuery& q, Where& w) {
  std::string by = " ORDER BY ";
  if (q.order == ItemQuery::Order::kUrgentFirst && q.phase == ItemQuery::Phase::kAny) {
    by += std::string(closed_sql()) + ", ";
    w.params.emplace_back(format_iso8601_utc(q.urgency.now));
  }
  if (q.order == ItemQuery::Order::kUrgentFirst) {
    // The urgency rule's window (model/urgency.h), in SQL.
    const TimeWindow urgent = q.urgency.window();
    const std::string is_urgent = "(i.deadline<>'' AND i.deadline>=? AND i.deadline<=?)";
    by += is_urgent + " DESC, CASE WHEN " + is_urgent + " THEN i.deadline END, ";
    for (int k = 0; k < 2; ++k) {
      w.params.emplace_back(format_iso8601_utc(urgent.from));
      w.params.emplace_back(format_iso8601_utc(urgent.to));
    }
  }
  return by +
         "COALESCE(s.score,-1) DESC, CASE WHEN i.deadline='' THEN 1 ELSE 0 END, i.deadline, i.id";
}

}  // namespace

Status ItemStore::upsert_source(const FeedSourceRecord& s) {
  auto st = Stmt::prepare(db_,
                          "INSERT INTO feed_sources(id, kind, url, title) VALUES(?1,?2,?3,?4) "
                          "ON CONFLICT(id) DO UPDATE SET kind=?2, url=?3, title=CASE WHEN ?4<>'' "
                          "THEN ?4 ELSE title END");
  if (!st.ok()) return st.error();
  st->bind(1, s.id).bind(2, s.kind).bind(3, s.url).bind(4, s.title);
  return st->run();
}

Result<std::vector<SourceStatus>> ItemStore::sources() {
  auto st = Stmt::prepare(db_,
                          "SELECT s.id, s.kind, s.url, s.title, s.last_ok_at, s.last_error, "
                          "s.warnings, (SELECT COUNT(*) FROM items i WHERE i.source = s.id) "
                          "FROM feed_sources s ORDER BY s.id");
  if (!st.ok()) return st.error();
  std::vector<SourceStatus> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    out.push_back(SourceStatus{st->col_text(0), st->col_text(1), st->col_text(2), st->col_text(3),
                               st->col_text(4), st->col_text(5), st->col_text(6), st->col_int(7)});
  }
  return out;
}

Status ItemStore::record_source_result(const std::string& id, const std::string& now,
                                       const std::string& error,
                                       const std::vector<std::string>& warnings) {
  auto st = Stmt::prepare(
      db_,
      "UPDATE feed_sources SET last_ok_at=CASE WHEN ?2='' THEN ?1 ELSE last_ok_at END, "
      "last_error=?2, warnings=?3 WHERE id=?4");
  if (!st.ok()) return st.error();
  st->bind(1, now).bind(2, error).bind(3, join(warnings, '\n')).bind(4, id);
  return st->run();
}

Result<ItemWriteStats> ItemStore::write_items(int64_t run_id, const std::string& source_id,
                                              const std::vector<FeedItem>& items,
                                              const std::string& now) {
  auto fail = [&](const Error& e) { return e.with_context("storing items of " + source_id); };
  auto tx = Transaction::begin(db_);
  if (!tx.ok()) return fail(tx.error());
  ItemWriteStats stats;
  // The source's strategy: kept once chosen.
  {
    auto st = Stmt::prepare(db_, "SELECT dedup FROM feed_sources WHERE id=?");
    if (!st.ok()) return fail(st.error());
    st->bind(1, source_id);
    auto row = st->step();
    if (!row.ok()) return fail(row.error());
    if (!*row) return fail(make_error(ErrorKind::kNotFound, "unknown source"));
    stats.dedup = st->col_text(0);
  }
  if (stats.dedup.empty()) {
    stats.dedup = choose_dedup(items);
    auto st = Stmt::prepare(db_, "UPDATE feed_sources SET dedup=? WHERE id=?");
    if (!st.ok()) return fail(st.error());
    st->bind(1, stats.dedup).bind(2, source_id);
    if (Status s = st->run(); !s.ok()) return fail(s.error());
  }
  // Keys: the strategy's field where present and unique in the batch, else the hash.
  std::map<std::string, int> counts;
  auto field = [&](const FeedItem& i) -> const std::string& {
    return stats.dedup == "guid" ? i.guid : i.link;
  };
  if (stats.dedup != "hash")
    for (const FeedItem& i : items) counts[field(i)]++;
  auto sel = Stmt::prepare(
      db_,
      "SELECT id, guid, link, title, summary, content, topics, published, opens, deadline, status, "
      "reference, kind, content_hash FROM items WHERE source=? AND key=?");
  // New items are inserted many at a time: their keys are distinct (`done`)
  // and none is stored yet, so no lookup below needs to see them.
  RowBatch ins(db_,
               "INSERT INTO items(source, key, guid, link, title, summary, content, topics, "
               "published, opens, deadline, status, reference, kind, content_hash, first_seen, "
               "last_seen, first_run, last_run, updated) VALUES",
               20);
  auto seen =
      Stmt::prepare(db_, "UPDATE items SET last_seen=?1, last_run=?2, updated=?4 WHERE id=?3");
  auto upd = Stmt::prepare(
      db_,
      "UPDATE items SET guid=?, link=?, title=?, summary=?, content=?, topics=?, published=?, "
      "opens=?, deadline=?, status=?, reference=?, kind=?, content_hash=?, last_seen=?, "
      "last_run=?, "
      "updated=?17 WHERE id=?16");
  auto hist = Stmt::prepare(
      db_,
      "INSERT INTO item_history(item_id, run_id, changed_at, field, old_value, new_value) "
      "VALUES(?,?,?,?,?,?)");
  for (auto* s : {&sel, &seen, &upd, &hist})
    if (!s->ok()) return fail(s->error());
  // New items get ids above every stored one; they are indexed for search
  // together at the end (schema migration 11).
  int64_t max_id_before = 0;
  {
    auto st = Stmt::prepare(db_, "SELECT COALESCE(MAX(id), 0) FROM items");
    if (!st.ok()) return fail(st.error());
    auto row = st->step();
    if (!row.ok()) return fail(row.error());
    max_id_before = st->col_int(0);
  }
  std::set<std::string> done;  // keys written in this batch (true duplicates are merged)
  for (const FeedItem& item : items) {
    std::string key = stats.dedup != "hash" && !field(item).empty() && counts[field(item)] == 1
                          ? field(item)
                          : hash_key(item);
    if (!done.insert(key).second) continue;
    Fields f = Fields::of(item);
    std::string h = f.hash();
    sel->bind(1, source_id).bind(2, key);
    auto row = sel->step();
    if (!row.ok()) return fail(row.error());
    if (!*row) {
      sel->reset();
      std::vector<RowBatch::Value> v;
      v.reserve(20);
      v.emplace_back(source_id);
      v.emplace_back(std::move(key));
      for (std::string* field : f.fields()) v.emplace_back(std::move(*field));
      v.emplace_back(std::move(h));
      v.emplace_back(now);
      v.emplace_back(now);
      v.emplace_back(run_id);
      v.emplace_back(run_id);
      v.emplace_back(iso(item.updated));
      if (Status s = ins.add(std::move(v)); !s.ok()) return fail(s.error());
      ++stats.new_items;
      continue;
    }
    int64_t id = sel->col_int(0);
    std::vector<std::string> old;
    for (int c = 1; c <= 12; ++c) old.push_back(sel->col_text(c));
    std::string old_hash = sel->col_text(13);
    sel->reset();
    if (old_hash == h) {
      seen->bind(1, now).bind(2, run_id).bind(3, id).bind(4, iso(item.updated));
      if (Status s = seen->run(); !s.ok()) return fail(s.error());
      ++stats.unchanged;
      continue;
    }
    auto named = f.named();
    for (size_t c = 0; c < named.size(); ++c) {
      if (old[c] == *named[c].second) continue;
      hist->bind(1, id)
          .bind(2, run_id)
          .bind(3, now)
          .bind(4, named[c].first)
          .bind(5, old[c])
          .bind(6, *named[c].second);
      if (Status s = hist->run(); !s.ok()) return fail(s.error());
    }
    int k = 1;
    for (const auto& [name, value] : named) upd->bind(k++, *value);
    upd->bind(13, h).bind(14, now).bind(15, run_id).bind(16, id).bind(17, iso(item.updated));
    if (Status s = upd->run(); !s.ok()) return fail(s.error());
    ++stats.changed;
  }
  if (Status s = ins.flush(); !s.ok()) return fail(s.error());
  if (stats.new_items > 0) {
    auto index = Stmt::prepare(db_,
                               "INSERT INTO items_fts(rowid, title, summary, topics) SELECT id, "
                               "title, summary, topics FROM items WHERE id > ?1 ORDER BY id");
    if (!index.ok()) return fail(index.error());
    index->bind(1, max_id_before);
    if (Status s = index->run(); !s.ok()) return fail(s.error());
  }
  if (Status s = tx->commit(); !s.ok()) return fail(s.error());
  return stats;
}

Result<std::vector<StoredItem>> ItemStore::list(const ItemQuery& q) {
  // A page: its ids first (sorting only the sort keys of every match), then
  // its rows by id, so a deep page does not read every skipped item whole.
  if (q.limit >= 0 && q.limit <= 1000) {
    auto page = ids(q);
    if (!page.ok()) return page.error();
    if (page->empty()) return std::vector<StoredItem>();
    std::string in;
    for (size_t k = 0; k < page->size(); ++k) in += k ? ",?" : "?";
    auto st =
        Stmt::prepare(db_, "SELECT " + item_columns() + kItemJoins + " WHERE i.id IN (" + in + ")");
    if (!st.ok()) return st.error();
    for (size_t k = 0; k < page->size(); ++k) st->bind(static_cast<int>(k + 1), (*page)[k]);
    auto rows = read_items(*st);
    if (!rows.ok()) return rows.error();
    std::map<int64_t, size_t> at;
    for (size_t k = 0; k < page->size(); ++k) at[(*page)[k]] = k;
    std::sort(rows->begin(), rows->end(),
              [&](const StoredItem& a, const StoredItem& b) { return at[a.id] < at[b.id]; });
    return rows;
  }
  Where w = where_of(q);
  std::string sql =
      "SELECT " + item_columns() + kItemJoins + w.sql + order_of(q, w) + " LIMIT ? OFFSET ?";
  w.params.emplace_back(q.limit);
  w.params.emplace_back(std::max<int64_t>(q.offset, 0));
  auto st = Stmt::prepare(db_, sql);
  if (!st.ok()) return st.error();
  w.bind_all(*st);
  return read_items(*st);
}

Result<ItemPage> ItemStore::page(const ItemQuery& q) {
  auto items = list(q);
  if (!items.ok()) return items.error();
  const Where w = where_of(q);
  auto st = Stmt::prepare(db_, std::string("SELECT COUNT(*)") + kItemJoins + w.sql);
  if (!st.ok()) return st.error();
  w.bind_all(*st);
  auto row = st->step();
  if (!row.ok()) return row.error();
  return ItemPage{std::move(items).value(), *row ? st->col_int(0) : 0};
}

namespace {

struct CountGroup {
  std::string committee;
  std::vector<std::string> themes;  // distinct
  int64_t n = 0;
};

Result<std::vector<CountGroup>> count_groups(Db& db, const Where& w) {
  // Few distinct (committee, themes) pairs, however many items: the pass
  // over the items is SQLite's; adding up the groups is cheap.
  auto st = Stmt::prepare(db, std::string("SELECT COALESCE(s.committee,''), "
                                          "COALESCE(s.themes,''), COUNT(*)") +
                                  kItemJoins + w.sql + " GROUP BY 1, 2");
  if (!st.ok()) return st.error();
  w.bind_all(*st);
  std::vector<CountGroup> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    CountGroup g;
    g.committee = st->col_text(0);
    std::set<std::string> themes;  // each theme once per item
    for (std::string_view line : split(st->col_text_view(1), '\n'))
      if (!trim(line).empty()) themes.emplace(trim(line));
    g.themes.assign(themes.begin(), themes.end());
    g.n = st->col_int(2);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace

Result<ItemCounts> ItemStore::inbox_counts(const ItemQuery& q) {
  ItemQuery without = q;
  without.committee.clear();
  without.theme.clear();
  auto groups = count_groups(db_, where_of(without));
  if (!groups.ok()) return groups.error();
  // As where_of's SQL: instr(committee, ?)>0, and a whole line of themes.
  auto committee_ok = [&](const CountGroup& g) {
    return q.committee.empty() || g.committee.find(q.committee) != std::string::npos;
  };
  auto theme_ok = [&](const CountGroup& g) {
    return q.theme.empty() ||
           std::find(g.themes.begin(), g.themes.end(), q.theme) != g.themes.end();
  };
  ItemCounts out;
  for (const CountGroup& g : *groups) {
    if (committee_ok(g) && theme_ok(g)) out.total += g.n;
    if (theme_ok(g) && !g.committee.empty()) out.per_committee[g.committee] += g.n;
    if (committee_ok(g))
      for (const std::string& t : g.themes) out.per_theme[t] += g.n;
  }
  return out;
}

Result<ItemCounts> ItemStore::counts(const ItemQuery& q) {
  auto groups = count_groups(db_, where_of(q));
  if (!groups.ok()) return groups.error();
  ItemCounts out;
  for (const CountGroup& g : *groups) {
    out.total += g.n;
    if (!g.committee.empty()) out.per_committee[g.committee] += g.n;
    for (const std::string& t : g.themes) out.per_theme[t] += g.n;
  }
  return out;
}

Result<std::map<std::string, int64_t>> ItemStore::theme_counts(const ItemQuery& q) {
  auto c = counts(q);
  if (!c.ok()) return c.error();
  return std::move(c->per_theme);
}

Result<std::map<std::string, int64_t>> ItemStore::committee_counts(const ItemQuery& q) {
  auto c = counts(q);
  if (!c.ok()) return c.error();
  return std::move(c->per_committee);
}

Result<std::vector<int64_t>> ItemStore::ids(const ItemQuery& q) {
  Where w = where_of(q);
  std::string sql =
      "SELECT i.id" + std::string(kItemJoins) + w.sql + order_of(q, w) + " LIMIT ? OFFSET ?";
  w.params.emplace_back(q.limit);
  w.params.emplace_back(std::max<int64_t>(q.offset, 0));
  auto st = Stmt::prepare(db_, sql);
  if (!st.ok()) return st.error();
  w.bind_all(*st);
  return st->column_ints();
}

// The distinct values of an indexed column, one index seek each (a loose
// index scan), in the index's (binary) order; '' left out.
static Status distinct_values(Db& db, const char* table, const char* column,
                              std::vector<std::string>& out) {
  const std::string t = table, c = column;
  auto st = Stmt::prepare(db, "WITH RECURSIVE v(x) AS (SELECT min(" + c + ") FROM " + t +
                                  " WHERE " + c + ">'' UNION ALL SELECT (SELECT min(" + c +
                                  ") FROM " + t + " WHERE " + c +
                                  ">v.x) FROM v WHERE v.x IS "
                                  "NOT NULL) SELECT x FROM v WHERE x IS NOT NULL");
  if (!st.ok()) return st.error();
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    out.push_back(st->col_text(0));
  }
  return Status::Ok();
}

Result<ItemFacets> ItemStore::facets() {
  // Scores exist only for stored items (items are never deleted), so the
  // scores' values are the items' values.
  ItemFacets f;
  if (Status s = distinct_values(db_, "item_themes", "theme", f.themes); !s.ok()) return s.error();
  if (Status s = distinct_values(db_, "item_scores", "committee", f.committees); !s.ok())
    return s.error();
  if (Status s = distinct_values(db_, "items", "source", f.sources); !s.ok()) return s.error();
  return f;
}

Result<std::optional<StoredItem>> ItemStore::get(int64_t id) {
  auto st = Stmt::prepare(db_, "SELECT " + item_columns() + kItemJoins + " WHERE i.id=?");
  if (!st.ok()) return st.error();
  st->bind(1, id);
  auto items = read_items(*st);
  if (!items.ok()) return items.error();
  if (items->empty()) return std::optional<StoredItem>();
  return std::optional<StoredItem>(std::move(items->front()));
}

Result<std::optional<StoredItem>> ItemStore::find(const std::string& key) {
  auto st = Stmt::prepare(db_, "SELECT " + item_columns() + kItemJoins +
                                   " WHERE i.guid=?1 OR i.link=?1 ORDER BY i.id LIMIT 1");
  if (!st.ok()) return st.error();
  st->bind(1, key);
  auto items = read_items(*st);
  if (!items.ok()) return items.error();
  if (!items->empty()) return std::optional<StoredItem>(std::move(items->front()));
  // "#42" is omvarld's own id 42; a bare number is a source's id (a Have
  // your say initiative is numbered too), never taken for ours.
  if (key.size() < 2 || key.size() > 19 || key[0] != '#' ||
      key.find_first_not_of("0123456789", 1) != std::string::npos)
    return std::optional<StoredItem>();
  return get(std::stoll(key.substr(1)));
}

static Result<std::vector<ReviewChange>> changes(Db& db, const char* sql, int64_t id) {
  auto st = Stmt::prepare(db, sql);
  if (!st.ok()) return st.error();
  st->bind(1, id);
  std::vector<ReviewChange> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    out.push_back(ReviewChange{st->col_text(0), st->col_text(1), st->col_text(2), st->col_text(3),
                               st->col_text(4)});
  }
  return out;
}

Result<std::vector<ReviewChange>> ItemStore::review_history(int64_t id) {
  return changes(
      db_,
      "SELECT at, user, field, old_value, new_value FROM decisions.review_history WHERE item_id=? "
      "ORDER BY rowid",
      id);
}

Result<std::vector<ReviewChange>> ItemStore::item_history(int64_t id) {
  return changes(
      db_,
      "SELECT changed_at, 'harvest run ' || run_id, field, old_value, new_value FROM item_history "
      "WHERE item_id=? ORDER BY rowid",
      id);
}

Status ItemStore::put_score(int64_t item_id, int score, bool flagged, Grade grade,
                            const std::string& themes, const std::string& why,
                            const std::string& committee, const std::string& now) {
  return put_scores({ScoreRecord{item_id, score, flagged, grade, themes, why, committee, {}, {}}},
                    now, "");
}

Status ItemStore::put_scores(const std::vector<ScoreRecord>& scores, const std::string& now,
                             const std::string& rules_version) {
  // Scores and theme rows many at a time (RowBatch). A score replaces the
  // item's whole row, model_p included (NULL without a model).
  RowBatch put(db_,
               "INSERT OR REPLACE INTO item_scores(item_id, score, flagged, themes, why, "
               "committee, scored_at, grade, rules_version, model_p) VALUES",
               10);
  RowBatch ins(db_, "INSERT OR IGNORE INTO item_themes(item_id, theme) VALUES", 2);
  auto del = Stmt::prepare(db_, "DELETE FROM item_themes WHERE item_id=?");
  if (!del.ok()) return del.error();
  // The scores and their theme rows together (a savepoint nests in a
  // caller's transaction, and is one of its own without one).
  if (Status s = db_.exec("SAVEPOINT put_scores"); !s.ok()) return s;
  auto write = [&]() -> Status {
    for (const ScoreRecord& r : scores) {
      std::vector<RowBatch::Value> row;
      row.reserve(10);
      row.emplace_back(r.item_id);
      row.emplace_back(int64_t{r.score});
      row.emplace_back(int64_t{r.flagged ? 1 : 0});
      row.emplace_back(r.themes);
      row.emplace_back(r.why);
      row.emplace_back(r.committee);
      row.emplace_back(now);
      row.emplace_back(std::string(grade_name(r.grade)));
      row.emplace_back(rules_version);
      if (r.model_p)
        row.emplace_back(*r.model_p);
      else
        row.emplace_back(std::monostate());
      if (Status s = put.add(std::move(row)); !s.ok()) return s;
      // The theme rows follow the themes; unchanged ones are left as they are.
      if (r.stored_themes && *r.stored_themes == r.themes) continue;
      if (!r.stored_themes || !r.stored_themes->empty()) {
        // Rows already batched for this item must not come after its DELETE.
        if (Status s = ins.flush(); !s.ok()) return s;
        del->bind(1, r.item_id);
        if (Status s = del->run(); !s.ok()) return s;
      }
      for (std::string_view line : split(r.themes, '\n')) {
        if (trim(line).empty()) continue;
        if (Status s = ins.add({r.item_id, std::string(trim(line))}); !s.ok()) return s;
      }
    }
    if (Status s = put.flush(); !s.ok()) return s;
    return ins.flush();
  };
  if (Status s = write(); !s.ok()) {
    (void)db_.exec("ROLLBACK TO put_scores; RELEASE put_scores");
    return s;
  }
  return db_.exec("RELEASE put_scores");
}

Status ItemStore::put_model_p(int64_t item_id, double p) {
  auto st = Stmt::prepare(db_, "UPDATE item_scores SET model_p=? WHERE item_id=?");
  if (!st.ok()) return st.error();
  st->bind(1, p).bind(2, item_id);
  return st->run();
}

Result<std::vector<Verdict>> ItemStore::verdicts() {
  // The statuses that are verdicts, as verdict_of() says.
  std::string decided;
  for (ReviewStatus status : kReviewStatuses)
    if (verdict_of(status))
      decided += std::string(decided.empty() ? "'" : ",'") + review_status_name(status) + "'";
  auto st = Stmt::prepare(
      db_,
      "SELECT i.title, i.topics, i.summary, COALESCE(s.score,0), r.status FROM items i "
      "JOIN decisions.item_reviews r ON r.item_id=i.id LEFT JOIN item_scores s ON s.item_id=i.id "
      "WHERE r.status IN (" +
          decided + ") ORDER BY i.id");
  if (!st.ok()) return st.error();
  std::vector<Verdict> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    auto status = find_review_status(st->col_text_view(4));
    const std::optional<bool> relevant = status ? verdict_of(*status) : std::nullopt;
    if (!relevant) continue;  // cannot happen: the query chose verdicts
    out.push_back(
        Verdict{st->col_text(0), st->col_text(1), st->col_text(2), st->col_double(3), *relevant});
  }
  return out;
}

Status ItemStore::save_model(const VerdictModel& model, const CrossValidation& cv,
                             const std::string& now) {
  auto tx = Transaction::begin(db_);
  if (!tx.ok()) return tx.error();
  if (Status s = db_.exec("DELETE FROM relevance_model; DELETE FROM relevance_model_info;");
      !s.ok())
    return s;
  auto st = Stmt::prepare(db_, "INSERT INTO relevance_model(feature, weight) VALUES(?,?)");
  if (!st.ok()) return st.error();
  for (size_t i = 0; i < model.features().size(); ++i) {
    st->bind(1, model.features()[i]).bind(2, model.weights()[static_cast<Eigen::Index>(i)]);
    if (Status s = st->run(); !s.ok()) return s;
  }
  auto info = Stmt::prepare(
      db_,
      "INSERT INTO relevance_model_info(id, trained_at, verdicts, relevant, cv_precision, "
      "cv_recall, bias) VALUES(1,?,?,?,?,?,?)");
  if (!info.ok()) return info.error();
  info->bind(1, now)
      .bind(2, cv.examples)
      .bind(3, cv.positives)
      .bind(4, cv.precision())
      .bind(5, cv.recall());
  info->bind(6, model.bias());
  if (Status s = info->run(); !s.ok()) return s;
  return tx->commit();
}

Result<VerdictModel> ItemStore::load_model() {
  auto info = Stmt::prepare(db_, "SELECT bias FROM relevance_model_info WHERE id=1");
  if (!info.ok()) return info.error();
  auto row = info->step();
  if (!row.ok()) return row.error();
  if (!*row) return VerdictModel();
  double bias = info->col_double(0);
  // Word features sorted, "rules" last, as the model expects.
  auto st = Stmt::prepare(
      db_, "SELECT feature, weight FROM relevance_model ORDER BY feature='rules', feature");
  if (!st.ok()) return st.error();
  std::vector<std::string> features;
  std::vector<double> weights;
  for (;;) {
    auto r = st->step();
    if (!r.ok()) return r.error();
    if (!*r) break;
    features.push_back(st->col_text(0));
    weights.push_back(st->col_double(1));
  }
  if (features.empty() || features.back() != "rules") return VerdictModel();
  Eigen::VectorXd w =
      Eigen::Map<Eigen::VectorXd>(weights.data(), static_cast<Eigen::Index>(weights.size()));
  return VerdictModel(std::move(features), std::move(w), bias);
}

Result<std::optional<ItemStore::ModelInfo>> ItemStore::model_info() {
  auto st = Stmt::prepare(
      db_,
      "SELECT trained_at, verdicts, relevant, cv_precision, cv_recall FROM relevance_model_info "
      "WHERE id=1");
  if (!st.ok()) return st.error();
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<ModelInfo>();
  return std::optional<ModelInfo>(ModelInfo{st->col_text(0), static_cast<int>(st->col_int(1)),
                                            static_cast<int>(st->col_int(2)), st->col_double(3),
                                            st->col_double(4)});
}

namespace {

// One item's decision inside the caller's transaction on the decisions file.
Status review_one(ItemStore& store, Db& db, int64_t item_id,
                  const std::optional<ReviewStatus>& status,
                  const std::optional<std::string>& assignee,
                  const std::optional<std::string>& note, bool append_note, const std::string& user,
                  const std::string& now) {
  auto current = store.get(item_id);
  if (!current.ok()) return current.error();
  if (!*current) return make_error(ErrorKind::kNotFound, "no item " + std::to_string(item_id));
  const StoredItem& it = **current;
  std::string new_note = note.value_or(it.note);
  if (note && append_note && !it.note.empty() && !note->empty())
    new_note = it.note + "\n\n" + *note;
  if (utf8_length(new_note) > kMaxNoteChars)
    return make_error(ErrorKind::kUsage, "item " + std::to_string(item_id) +
                                             ": the note would be longer than " +
                                             std::to_string(kMaxNoteChars) + " characters");
  auto hist = Stmt::prepare(
      db,
      "INSERT INTO decisions.review_history(item_id, at, user, field, old_value, new_value) "
      "VALUES(?,?,?,?,?,?)");
  if (!hist.ok()) return hist.error();
  const std::string old_status = review_status_name(it.review_status),
                    new_status = review_status_name(status.value_or(it.review_status)),
                    new_assignee = assignee.value_or(it.assignee);
  for (auto [field, old_value, new_value] :
       {std::tuple<const char*, std::string, std::string>{"status", old_status, new_status},
        {"assignee", it.assignee, new_assignee},
        {"note", it.note, new_note}}) {
    if (old_value == new_value) continue;
    hist->bind(1, item_id)
        .bind(2, now)
        .bind(3, user)
        .bind(4, field)
        .bind(5, old_value)
        .bind(6, new_value);
    if (Status s = hist->run(); !s.ok()) return s;
  }
  auto st = Stmt::prepare(
      db,
      "INSERT OR REPLACE INTO decisions.item_reviews(item_id, status, assignee, note, updated_at, "
      "updated_by) VALUES(?,?,?,?,?,?)");
  if (!st.ok()) return st.error();
  st->bind(1, item_id)
      .bind(2, new_status)
      .bind(3, new_assignee)
      .bind(4, new_note)
      .bind(5, now)
      .bind(6, user);
  return st->run();
}

}  // namespace

Status ItemStore::review(int64_t item_id, const std::optional<ReviewStatus>& status,
                         const std::optional<std::string>& assignee,
                         const std::optional<std::string>& note, const std::string& user,
                         const std::string& now) {
  return review_many({item_id}, status, assignee, note, false, user, now);
}

Status ItemStore::review_many(const std::vector<int64_t>& item_ids,
                              const std::optional<ReviewStatus>& status,
                              const std::optional<std::string>& assignee,
                              const std::optional<std::string>& note, bool append_note,
                              const std::string& user, const std::string& now) {
  if (assignee && assignee->size() > kMaxAssigneeBytes)
    return make_error(ErrorKind::kUsage, "the assignee is longer than " +
                                             std::to_string(kMaxAssigneeBytes) + " bytes");
  if (note && utf8_length(*note) > kMaxNoteChars)
    return make_error(ErrorKind::kUsage,
                      "the note is longer than " + std::to_string(kMaxNoteChars) + " characters");
  // Only the decisions file is locked: a harvest writing the data file,
  // however long its transaction, does not hold this up.
  auto tx = Transaction::begin(db_, "decisions");
  if (!tx.ok()) return tx.error();
  for (int64_t id : item_ids)
    if (Status s = review_one(*this, db_, id, status, assignee, note, append_note, user, now);
        !s.ok())
      return s;
  return tx->commit();
}

Result<std::string> ItemStore::web_secret() {
  auto read = [&]() -> Result<std::string> {
    auto st = Stmt::prepare(db_, "SELECT value FROM decisions.meta WHERE key='web_secret'");
    if (!st.ok()) return st.error();
    auto row = st->step();
    if (!row.ok()) return row.error();
    return *row ? st->col_text(0) : std::string();
  };
  auto hex = read();
  if (!hex.ok()) return hex.error();
  if (hex->empty()) {
    // Two servers starting at once: the first secret written wins.
    auto tx = Transaction::begin(db_, "decisions");
    if (!tx.ok()) return tx.error();
    auto st = Stmt::prepare(
        db_, "INSERT OR IGNORE INTO decisions.meta(key, value) VALUES('web_secret', ?1)");
    if (!st.ok()) return st.error();
    auto fresh = random_hex(32);
    if (!fresh.ok()) return fresh.error();
    st->bind(1, *fresh);
    if (Status s = st->run(); !s.ok()) return s.error();
    if (Status s = tx->commit(); !s.ok()) return s.error();
    hex = read();
    if (!hex.ok()) return hex.error();
  }
  auto digit = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  };
  std::string bytes;
  for (size_t i = 0; i + 1 < hex->size(); i += 2) {
    const int hi = digit((*hex)[i]), lo = digit((*hex)[i + 1]);
    if (hi < 0 || lo < 0) break;
    bytes.push_back(static_cast<char>(hi * 16 + lo));
  }
  if (bytes.size() != 32 || hex->size() != 64)
    return make_error(ErrorKind::kDatabase, "the review server's secret in " +
                                                decisions_path(db_.path()) + " is damaged");
  return bytes;
}

Result<std::optional<std::string>> ItemStore::last_digest(const std::string& kind) {
  auto st = Stmt::prepare(
      db_, "SELECT created_at FROM decisions.digests WHERE kind = ?1 ORDER BY id DESC LIMIT 1");
  if (!st.ok()) return st.error();
  st->bind(1, kind);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->col_text(0));
}

Status ItemStore::record_digest(const std::string& kind, const std::string& at,
                                const std::string& path, int64_t items) {
  auto st = Stmt::prepare(
      db_, "INSERT INTO decisions.digests(kind, created_at, path, items) VALUES (?1, ?2, ?3, ?4)");
  if (!st.ok()) return st.error();
  st->bind(1, kind);
  st->bind(2, at);
  st->bind(3, path);
  st->bind(4, items);
  return st->run();
}

}  // namespace omvarld
