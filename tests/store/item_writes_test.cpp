// How a harvest writes items and scores many at a time (#14): new items
// inserted in multi-row statements and indexed for search together at the
// end of the harvest's transaction (schema migration 11 dropped the insert
// trigger), theme rows written only where the themes changed, and a database
// of the schema before (its insert trigger) upgraded with its search intact.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/civil_time.h"
#include "core/text.h"
#include "store/item_store.h"
#include "store/schema.h"
#include "store/store.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

constexpr const char* kNow = "2026-12-01T05:30:00Z";

int64_t scalar(Db& db, const std::string& sql) {
  auto st = Stmt::prepare(db, sql);
  EXPECT_TRUE(st.ok()) << sql;
  if (!st.ok()) return -1;
  auto row = st->step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return st->col_int(0);
}

// FTS5's own check of an external-content index against its table: an item
// missing from the index, indexed twice or under old words fails it.
Status index_matches_items(Db& db) {
  return db.exec("INSERT INTO items_fts(items_fts, rank) VALUES('integrity-check', 1)");
}

std::vector<int64_t> found(ItemStore& items, const std::string& words) {
  ItemQuery q;
  q.text = words;
  auto ids = items.ids(q);
  EXPECT_TRUE(ids.ok()) << (ids.ok() ? "" : ids.error().message);
  return ids.ok() ? *ids : std::vector<int64_t>{};
}

FeedItem item(int i, const std::string& title) {
  FeedItem it;
  it.guid = "G-" + std::to_string(i);
  it.link = "https://example.eu/" + std::to_string(i);
  it.title = title;
  it.summary = "summary of item number " + std::to_string(i);
  it.categories = {"topic" + std::to_string(i % 3)};
  return it;
}

Result<ItemWriteStats> harvest(Store& store, const std::vector<FeedItem>& batch) {
  ItemStore items(store.db());
  if (Status s = items.upsert_source({"calls", "rss", "https://example.eu/feed", "Calls"}); !s.ok())
    return s.error();
  auto run = store.begin_run("feeds", "test", *parse_utc_time(kNow));
  if (!run.ok()) return run.error();
  return items.write_items(*run, "calls", batch, kNow);
}

TEST(ItemWrites, AFirstHarvestOfManyItemsStoresAndIndexesEachOnce) {
  test::TempDir dir;
  auto store = Store::open(dir.file("omvarld.db"));
  ASSERT_TRUE(store.ok()) << store.error().message;
  // 150 items: two full statements of 64 rows and a last one of 22.
  std::vector<FeedItem> batch;
  for (int i = 0; i < 150; ++i) batch.push_back(item(i, "call " + std::to_string(i) + " on grids"));
  batch[137].title = "Heat pumps for municipal housing";
  auto stats = harvest(*store, batch);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->new_items, 150);
  Db& db = store->db();
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM items"), 150);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM items_fts_docsize"), 150);
  EXPECT_TRUE(index_matches_items(db).ok());
  ItemStore items(db);
  auto pumps = found(items, "heat pump");
  ASSERT_EQ(pumps.size(), 1u);
  auto got = items.get(pumps[0]);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_EQ((*got)->guid, "G-137");
  EXPECT_EQ((*got)->topics, "topic2");
  EXPECT_EQ(found(items, "grids").size(), 149u);
  // Every column of the last statement's rows, as of a single-row insert.
  auto last = items.get(150);
  ASSERT_TRUE(last.ok() && *last);
  EXPECT_EQ((*last)->guid, "G-149");
  EXPECT_EQ((*last)->link, "https://example.eu/149");
  EXPECT_EQ((*last)->summary, "summary of item number 149");
  EXPECT_EQ((*last)->first_seen, kNow);
}

TEST(ItemWrites, ASecondHarvestIndexesOnlyItsNewItemsAndFollowsChangedTitles) {
  test::TempDir dir;
  auto store = Store::open(dir.file("omvarld.db"));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(harvest(*store, {item(1, "Urban mobility package"), item(2, "Fisheries")}).ok());
  auto again = harvest(*store, {item(1, "Urban mobility package"), item(2, "Fish quotas revised"),
                                item(3, "Housing first")});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->new_items, 1);
  EXPECT_EQ(again->changed, 1);
  Db& db = store->db();
  EXPECT_TRUE(index_matches_items(db).ok());
  ItemStore items(db);
  EXPECT_EQ(found(items, "housing"), std::vector<int64_t>{3});
  EXPECT_EQ(found(items, "quotas"), std::vector<int64_t>{2});
  EXPECT_TRUE(found(items, "fisheries").empty());
  EXPECT_EQ(found(items, "mobility"), std::vector<int64_t>{1});
}

TEST(ItemWrites, AHarvestWhoseIndexingFailsLeavesNeitherItemsNorIndexEntries) {
  test::TempDir dir;
  auto store = Store::open(dir.file("omvarld.db"));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(harvest(*store, {item(1, "Urban mobility package")}).ok());
  // The index written last fails (it is not there): the items inserted
  // before it in the same transaction are rolled back with it.
  Db& db = store->db();
  ASSERT_TRUE(db.exec("ALTER TABLE items_fts RENAME TO items_fts_away").ok());
  auto r = harvest(*store, {item(1, "Urban mobility package"), item(5, "Heat pumps")});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("storing items of calls"), std::string::npos)
      << r.error().message;
  ASSERT_TRUE(db.exec("ALTER TABLE items_fts_away RENAME TO items_fts").ok());
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM items"), 1);
  ItemStore items(db);
  EXPECT_TRUE(found(items, "heat").empty());
  EXPECT_TRUE(index_matches_items(db).ok());
}

// A database of schema 10, as the code before migration 11 left it: new
// items indexed by the insert trigger.
void make_schema_10_database(const std::string& path) {
  auto store = Store::open(path);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(harvest(*store, {item(1, "Urban mobility package")}).ok());
  ASSERT_TRUE(store->db()
                  .exec(R"sql(
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, title, summary, topics) VALUES(new.id, new.title, new.summary,
    new.topics);
END;
INSERT INTO items(source, key, guid, link, title, content_hash, first_seen, last_seen, first_run,
  last_run) VALUES('calls', 'G-2', 'G-2', 'https://example.eu/2', 'Cycling streets', 'x',
  '2026-11-30T05:30:00Z', '2026-11-30T05:30:00Z', 1, 1);
PRAGMA user_version=10;
)sql")
                  .ok());
}

TEST(ItemWrites, ASchema10DatabaseIsUpgradedAndSearchStillFindsEveryItem) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_schema_10_database(path);
  auto store = Store::open(path);
  ASSERT_TRUE(store.ok()) << store.error().message;
  Db& db = store->db();
  EXPECT_EQ(scalar(db, "PRAGMA main.user_version"), current_schema_version());
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name='items_fts_insert'"), 0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name='items_fts_update'"), 1);
  ItemStore items(db);
  EXPECT_EQ(found(items, "cycling"), std::vector<int64_t>{2});
  // The next harvest indexes its new items itself, each once, and an
  // update is still followed by its trigger.
  auto next = harvest(*store, {item(1, "Urban mobility and logistics"), item(3, "Housing first")});
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_TRUE(index_matches_items(db).ok());
  EXPECT_EQ(found(items, "housing"), std::vector<int64_t>{3});
  EXPECT_EQ(found(items, "logistics"), std::vector<int64_t>{1});
  EXPECT_TRUE(found(items, "package").empty());
  EXPECT_EQ(found(items, "cycling"), std::vector<int64_t>{2});
}

// item_themes must hold exactly the themes of item_scores, one row each.
void expect_theme_rows_follow_scores(Db& db) {
  auto st = Stmt::prepare(db, "SELECT item_id, themes FROM item_scores ORDER BY item_id");
  ASSERT_TRUE(st.ok());
  std::set<std::pair<int64_t, std::string>> want, have;
  for (;;) {
    auto row = st->step();
    ASSERT_TRUE(row.ok());
    if (!*row) break;
    for (std::string_view t : split(st->col_text_view(1), '\n'))
      if (!t.empty()) want.emplace(st->col_int(0), std::string(t));
  }
  auto rows = Stmt::prepare(db, "SELECT item_id, theme FROM item_themes");
  ASSERT_TRUE(rows.ok());
  for (;;) {
    auto row = rows->step();
    ASSERT_TRUE(row.ok());
    if (!*row) break;
    have.emplace(rows->col_int(0), rows->col_text(1));
  }
  EXPECT_EQ(have, want);
}

TEST(ItemWrites, ThemeRowsFollowTheScoresWhateverTheCallerKnewOfThem) {
  test::TempDir dir;
  auto store = Store::open(dir.file("omvarld.db"));
  ASSERT_TRUE(store.ok());
  std::vector<FeedItem> batch;
  for (int i = 0; i < 100; ++i) batch.push_back(item(i, "call " + std::to_string(i)));
  ASSERT_TRUE(harvest(*store, batch).ok());
  ItemStore items(store->db());
  // First scores: no theme rows yet (stored_themes ""), 100 items so that
  // the rows span several statements.
  std::vector<ItemStore::ScoreRecord> first;
  for (int64_t id = 1; id <= 100; ++id)
    first.push_back({id, 40, true, Grade::kFlag, id % 2 ? "housing\ntransport" : "energy", "why",
                     "Kommunstyrelsen", std::nullopt, std::string()});
  ASSERT_TRUE(items.put_scores(first, kNow, "v1").ok());
  expect_theme_rows_follow_scores(store->db());
  EXPECT_EQ(scalar(store->db(), "SELECT count(*) FROM item_themes"), 150);
  // Again: item 1 keeps its themes (known), item 2 changes them (known),
  // item 3 changes them (not known to the caller), item 4 loses them all;
  // item 5 gets a model probability.
  std::vector<ItemStore::ScoreRecord> next = {
      {1, 41, true, Grade::kFlag, "housing\ntransport", "why", "", std::nullopt,
       std::string("housing\ntransport")},
      {2, 20, false, Grade::kLook, "water\nenergy", "why", "", std::nullopt, std::string("energy")},
      {3, 20, false, Grade::kLook, "health", "why", "", std::nullopt, std::nullopt},
      {4, 0, false, Grade::kNone, "", "", "", std::nullopt, std::string("energy")},
      {5, 45, true, Grade::kFlag, "housing\ntransport", "why", "", 0.75,
       std::string("housing\ntransport")},
  };
  ASSERT_TRUE(items.put_scores(next, kNow, "v2").ok());
  expect_theme_rows_follow_scores(store->db());
  auto five = items.get(5);
  ASSERT_TRUE(five.ok() && *five);
  ASSERT_TRUE((*five)->model_p.has_value());
  EXPECT_DOUBLE_EQ(*(*five)->model_p, 0.75);
  auto one = items.get(1);
  ASSERT_TRUE(one.ok() && *one);
  EXPECT_EQ((*one)->score, 41);
  EXPECT_FALSE((*one)->model_p.has_value());
  // put_score (one item, themes not known) replaces the rows whole.
  ASSERT_TRUE(items.put_score(2, 10, false, Grade::kLook, "digital", "why", "", kNow).ok());
  expect_theme_rows_follow_scores(store->db());
}

}  // namespace
}  // namespace omvarld
