// The database's two files (schema.h): which access opens what, what is
// refused and left untouched, how an older database is upgraded without
// losing a decision, and that an officer's decision never waits for a
// harvest's transaction.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "demo/sample_data.h"
#include "store/item_store.h"
#include "store/schema.h"
#include "store/store.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

namespace fs = std::filesystem;

int64_t scalar(Db& db, const std::string& sql) {
  auto st = Stmt::prepare(db, sql);
  EXPECT_TRUE(st.ok()) << sql;
  if (!st.ok()) return -1;
  auto row = st->step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return st->col_int(0);
}

// A database with one EU item (id 1) in it.
void make_database_with_an_item(const std::string& path) {
  auto s = Store::open(path);
  ASSERT_TRUE(s.ok()) << s.error().message;
  ItemStore items(s->db());
  ASSERT_TRUE(items.upsert_source({"eurlex", "rss", "http://127.0.0.1/feed", "EUR-Lex"}).ok());
  FeedItem item;
  item.guid = "COM-1";
  item.link = "https://eur-lex.europa.eu/1";
  item.title = "Urban mobility package";
  auto run = s->begin_run("harvest", "test", *parse_utc_time("2026-12-01T05:30:00Z"));
  ASSERT_TRUE(run.ok());
  ASSERT_TRUE(items.write_items(*run, "eurlex", {item}, "2026-12-01T05:30:00Z").ok());
}

Dataset big_dataset(int cells) {
  std::string csv = "freq,indic_ur,cities,time,value,flags\n";
  for (int i = 0; i < cells; ++i)
    csv += "A,DE1001V,C" + std::to_string(i / 20) + ",20" + std::to_string(10 + i % 20) + "," +
           std::to_string(i) + ",\n";
  auto d = parse_sample_csv(csv, "urb_cpop1", "inline");
  EXPECT_TRUE(d.ok());
  return std::move(d).value();
}

std::string bytes_of(const std::string& path) { return test::read_file(path); }

TEST(DatabaseFiles, DecisionIsStoredWhileAHarvestWritesALargeDataset) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  auto harvest = Store::open(path);
  ASSERT_TRUE(harvest.ok());
  auto run = harvest->begin_run("harvest", "test", *parse_utc_time("2026-12-01T05:30:00Z"));
  ASSERT_TRUE(run.ok());
  const Dataset d = big_dataset(20000);

  // The harvest stops half-way through its dataset transaction until the
  // officer's decision is in (or 30 s pass, so a failure cannot hang).
  std::promise<void> inside, decided;
  std::shared_future<void> decided_f = decided.get_future().share();
  bool signalled = false;
  WriteOptions o;
  o.progress_every = 5000;
  o.progress = [&](int64_t, int64_t) {
    if (signalled) return;
    signalled = true;
    inside.set_value();
    decided_f.wait_for(std::chrono::seconds(30));
  };
  Provenance p;
  p.url = "http://127.0.0.1/urb_cpop1";
  p.stored_at = "2026-12-01T05:31:00Z";
  auto writer = std::async(std::launch::async, [&] {
    return harvest->write_dataset(*run, std::span<const Dataset>(&d, 1), p, o);
  });
  ASSERT_EQ(inside.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);

  // Meanwhile an officer opens the database and decides.
  const auto start = std::chrono::steady_clock::now();
  auto officer = Store::open(path, Access::kReadWrite);
  ASSERT_TRUE(officer.ok()) << officer.error().message;
  ItemStore items(officer->db());
  Status s = items.review(1, ReviewStatus::kRelevant, "anna", std::string("svara via Eurocities"),
                          "anna", "2026-12-01T05:31:30Z");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  decided.set_value();
  ASSERT_TRUE(s.ok()) << s.error().message;
  // Without its own file the decision waits out the 10 s busy timeout and
  // fails with "database is locked"; with it, nothing waits.
  EXPECT_LT(seconds, 5.0);

  auto written = writer.get();
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->rows_new, 20000);
  auto got = items.get(1);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_EQ((*got)->review_status, ReviewStatus::kRelevant);
  EXPECT_EQ((*got)->note, "svara via Eurocities");
}

TEST(DatabaseFiles, ReadersAndWritersRefuseAMissingDatabaseAndCreateNothing) {
  test::TempDir dir;
  const std::string path = dir.file("typo/omvarld.db");
  for (Access a : {Access::kRead, Access::kReadWrite}) {
    auto s = Store::open(path, a);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::kNotFound);
    EXPECT_NE(s.error().message.find(path), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().hint.find("omvarld init"), std::string::npos) << s.error().hint;
  }
  EXPECT_FALSE(fs::exists(dir.file("typo")));
}

TEST(DatabaseFiles, ReadOnlyOpenWritesNothing) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  const std::string before = bytes_of(path), before_d = bytes_of(decisions_path(path));
  {
    auto s = Store::open(path, Access::kRead);
    ASSERT_TRUE(s.ok()) << s.error().message;
    ItemStore items(s->db());
    auto list = items.list({});
    ASSERT_TRUE(list.ok());
    EXPECT_EQ(list->size(), 1u);
    EXPECT_FALSE(items.review(1, ReviewStatus::kRelevant, {}, {}, "anna", "now").ok());
    EXPECT_FALSE(Transaction::begin(s->db()).ok() &&
                 s->db().exec("INSERT INTO meta VALUES('x','y')").ok());
  }
  EXPECT_EQ(bytes_of(path), before);
  EXPECT_EQ(bytes_of(decisions_path(path)), before_d);
}

TEST(DatabaseFiles, NegativeSchemaVersionIsRefusedNotACrash) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  {
    auto db = Db::open(path);
    ASSERT_TRUE(db->exec("PRAGMA user_version=-1").ok());
  }
  for (Access a : {Access::kRead, Access::kReadWrite, Access::kCreate}) {
    auto s = Store::open(path, a);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("schema version -1"), std::string::npos) << s.error().message;
  }
}

TEST(DatabaseFiles, NewerSchemaVersionIsRefusedAndLeftAsItIs) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  {
    auto db = Db::open(path);
    ASSERT_TRUE(db->exec("PRAGMA user_version=999").ok());
  }
  const std::string before = bytes_of(path);
  auto s = Store::open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("newer than this omvarld"), std::string::npos);
  EXPECT_EQ(bytes_of(path), before);
}

TEST(DatabaseFiles, ForeignSqliteFileIsNeverMigrated) {
  test::TempDir dir;
  const std::string path = dir.file("notes.db");
  {
    auto db = Db::open(path);
    ASSERT_TRUE(
        db->exec("CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES('kanelbulle')").ok());
  }
  const std::string before = bytes_of(path);
  for (Access a : {Access::kCreate, Access::kReadWrite, Access::kRead}) {
    auto s = Store::open(path, a);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("not omvarld's"), std::string::npos) << s.error().message;
  }
  EXPECT_EQ(bytes_of(path), before);
  EXPECT_FALSE(fs::exists(decisions_path(path)));
}

TEST(DatabaseFiles, FileThatIsNotSqliteSaysSo) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  test::write_file(path,
                   "id,title\n1,this is a CSV file, not a database\n" + std::string(600, 'x'));
  auto s = Store::open(path, Access::kRead);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("is not an SQLite database"), std::string::npos)
      << s.error().message;
  EXPECT_EQ(s.error().hint.find("writable"), std::string::npos) << s.error().hint;
  auto w = Store::open(path, Access::kCreate);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().message.find("is not an SQLite database"), std::string::npos);
}

TEST(DatabaseFiles, MissingDecisionsFileIsRefusedNotSilentlyStartedAnew) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  {
    auto s = Store::open(path, Access::kReadWrite);
    ASSERT_TRUE(ItemStore(s->db()).review(1, ReviewStatus::kRelevant, {}, {}, "anna", "now").ok());
  }
  fs::remove(decisions_path(path));
  fs::remove(decisions_path(path) + "-wal");
  fs::remove(decisions_path(path) + "-shm");
  for (Access a : {Access::kRead, Access::kReadWrite, Access::kCreate}) {
    auto s = Store::open(path, a);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("decisions file"), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().hint.find("backup"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(decisions_path(path)));
  // Asked for explicitly, an empty one is started and paired.
  auto s = Store::open(path, Access::kCreate, /*new_decisions=*/true);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto got = ItemStore(s->db()).get(1);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_EQ((*got)->review_status, ReviewStatus::kNew);
  auto again = Store::open(path, Access::kRead);
  EXPECT_TRUE(again.ok()) << again.error().message;
}

TEST(DatabaseFiles, DecisionsFileOfAnotherDatabaseIsRefused) {
  test::TempDir dir;
  make_database_with_an_item(dir.file("a.db"));
  make_database_with_an_item(dir.file("b.db"));
  fs::copy_file(decisions_path(dir.file("b.db")), decisions_path(dir.file("a.db")),
                fs::copy_options::overwrite_existing);
  auto s = Store::open(dir.file("a.db"), Access::kRead);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("belongs to another database"), std::string::npos)
      << s.error().message;
  // A new database never adopts a decisions file left behind by another,
  // not on the second try either, and writes nothing while refusing.
  fs::copy_file(decisions_path(dir.file("b.db")), decisions_path(dir.file("c.db")));
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto c = Store::open(dir.file("c.db"));
    ASSERT_FALSE(c.ok()) << "attempt " << attempt;
    EXPECT_NE(c.error().message.find("belongs to another database"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(dir.file("c.db")));
}

TEST(DatabaseFiles, EmptyDecisionsFileIsRefusedLikeAMissingOne) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(decisions_path(path) + suffix);
  test::write_file(decisions_path(path), "");  // a copy that was cut short
  for (Access a : {Access::kRead, Access::kReadWrite, Access::kCreate}) {
    auto s = Store::open(path, a);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("is empty"), std::string::npos) << s.error().message;
  }
  EXPECT_EQ(fs::file_size(decisions_path(path)), 0u);
}

TEST(DatabaseFiles, DamagedWebSecretIsAnErrorNotACrash) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  auto s = Store::open(path, Access::kReadWrite);
  ASSERT_TRUE(
      s->db()
          .exec("INSERT INTO decisions.meta VALUES('web_secret', '" + std::string(64, 'z') + "')")
          .ok());
  auto secret = ItemStore(s->db()).web_secret();
  ASSERT_FALSE(secret.ok());
  EXPECT_NE(secret.error().message.find("damaged"), std::string::npos);
}

TEST(DatabaseFiles, DecisionsFilePassedAsTheDatabaseIsExplained) {
  test::TempDir dir;
  make_database_with_an_item(dir.file("omvarld.db"));
  auto s = Store::open(dir.file("omvarld.decisions.db"), Access::kRead);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("decisions file, not its database"), std::string::npos);
}

// A database as omvarld before the decisions file (schema 4): reviews,
// their history and digests in the one file.
void make_schema_4_database(const std::string& path) {
  make_database_with_an_item(path);
  auto db = Db::open(path);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->exec(R"sql(
CREATE TABLE item_reviews(item_id INTEGER PRIMARY KEY REFERENCES items(id),
  status TEXT NOT NULL DEFAULT 'new', assignee TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);
CREATE TABLE review_history(item_id INTEGER NOT NULL REFERENCES items(id), at TEXT NOT NULL,
  user TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT NOT NULL, new_value TEXT NOT NULL);
CREATE INDEX review_history_item ON review_history(item_id);
CREATE TABLE digests(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, created_at TEXT NOT NULL,
  path TEXT NOT NULL, items INTEGER NOT NULL);
INSERT INTO item_reviews VALUES(1, 'relevant', 'anna', 'svara senast fredag', '2026-11-30T08:00:00Z', 'anna');
INSERT INTO review_history VALUES(1, '2026-11-30T08:00:00Z', 'anna', 'status', 'new', 'relevant');
INSERT INTO review_history VALUES(1, '2026-11-30T08:00:00Z', 'anna', 'note', '', 'svara senast fredag');
INSERT INTO digests VALUES(1, 'flags', '2026-11-30T07:00:00Z', '/srv/flags.html', 3);
DROP INDEX item_scores_committee;
DROP TABLE item_themes;
DROP INDEX items_guid;
DROP INDEX items_reference;
DROP INDEX items_triage;
DROP TRIGGER IF EXISTS items_fts_insert;  -- dropped by migration 11 already
DROP TRIGGER items_fts_delete;
DROP TRIGGER items_fts_update;
DROP TABLE items_fts;
DROP TABLE meta;
DROP INDEX item_scores_grade;
ALTER TABLE item_scores DROP COLUMN grade;
ALTER TABLE items DROP COLUMN updated;
ALTER TABLE item_scores DROP COLUMN rules_version;
PRAGMA application_id=0;
PRAGMA user_version=4;
)sql")
                  .ok());
  db = Db();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(decisions_path(path) + suffix);
}

TEST(DatabaseFiles, Schema4DatabaseKeepsEveryDecisionWhenUpgraded) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_schema_4_database(path);
  // A command that only reads does not upgrade; it says how.
  auto r = Store::open(path, Access::kRead);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("older than this omvarld"), std::string::npos);
  EXPECT_NE(r.error().hint.find("omvarld init"), std::string::npos);
  EXPECT_FALSE(fs::exists(decisions_path(path)));

  auto s = Store::open(path, Access::kReadWrite);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(scalar(s->db(), "PRAGMA main.user_version"), current_schema_version());
  EXPECT_EQ(scalar(s->db(), "SELECT count(*) FROM main.sqlite_schema WHERE name='item_reviews'"),
            0);
  ItemStore items(s->db());
  auto got = items.get(1);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_EQ((*got)->review_status, ReviewStatus::kRelevant);
  EXPECT_EQ((*got)->note, "svara senast fredag");
  auto history = items.review_history(1);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].new_value, "svara senast fredag");
  auto digest = items.last_digest("flags");
  ASSERT_TRUE(digest.ok() && *digest);
  EXPECT_EQ(**digest, "2026-11-30T07:00:00Z");
  // Opened again, nothing is copied twice.
  s = Store::open(path, Access::kRead);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(scalar(s->db(), "SELECT count(*) FROM decisions.review_history"), 2);
}

TEST(DatabaseFiles, Schema4DatabaseBesideAnotherDatabasesDecisionsKeepsItsOwn) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_schema_4_database(path);
  make_database_with_an_item(dir.file("other.db"));
  fs::copy_file(decisions_path(dir.file("other.db")), decisions_path(path));
  auto s = Store::open(path, Access::kReadWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("belongs to another database"), std::string::npos)
      << s.error().message;
  // Its own reviews are still there, not dropped for another file's.
  auto db = Db::open(path, OpenMode::kReadOnly);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM item_reviews"), 1);
  EXPECT_EQ(scalar(*db, "PRAGMA user_version"), 4);
}

TEST(DatabaseFiles, BackupCopiesBothFilesAndTheCopyOpens) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  auto s = Store::open(path, Access::kReadWrite);
  ASSERT_TRUE(ItemStore(s->db())
                  .review(1, ReviewStatus::kRelevant, {}, std::string("ja"), "anna", "now")
                  .ok());
  auto reader = Store::open(path, Access::kRead);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE(reader->backup(dir.file("copy.db")).ok());
  EXPECT_TRUE(fs::exists(dir.file("copy.decisions.db")));
  EXPECT_FALSE(fs::exists(dir.file("copy.db.partial")));
  auto copy = Store::open(dir.file("copy.db"), Access::kRead);
  ASSERT_TRUE(copy.ok()) << copy.error().message;
  auto got = ItemStore(copy->db()).get(1);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_EQ((*got)->note, "ja");
  Status again = reader->backup(dir.file("copy.db"));
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("never overwrites"), std::string::npos);
}

TEST(DatabaseFiles, WebSecretIsMadeOnceAndKept) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  std::string first;
  {
    auto s = Store::open(path, Access::kReadWrite);
    auto secret = ItemStore(s->db()).web_secret();
    ASSERT_TRUE(secret.ok()) << secret.error().message;
    EXPECT_EQ(secret->size(), 32u);
    first = *secret;
  }
  auto s = Store::open(path, Access::kReadWrite);
  auto again = ItemStore(s->db()).web_secret();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, first);
  test::TempDir other;
  make_database_with_an_item(other.file("omvarld.db"));
  auto o = Store::open(other.file("omvarld.db"), Access::kReadWrite);
  EXPECT_NE(ItemStore(o->db()).web_secret().value(), first);
}

TEST(DatabaseFiles, NoteLimitIsInCharactersNotBytes) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  make_database_with_an_item(path);
  auto s = Store::open(path, Access::kReadWrite);
  ItemStore items(s->db());
  std::string aa;
  for (size_t i = 0; i < kMaxNoteChars; ++i) aa += "å";  // 2 bytes each
  EXPECT_TRUE(items.review(1, {}, {}, aa, "anna", "now").ok());
  Status over = items.review(1, {}, {}, aa + "å", "anna", "now");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(items.get(1).value()->note, aa);
}

}  // namespace
}  // namespace omvarld
