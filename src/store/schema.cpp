#include "store/schema.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/random.h"

namespace omvarld {
namespace {

// Migration N brings user_version from N-1 to N. Append only; never edit one
// that has shipped.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> m = {
      // 1: the Eurostat spine.
      R"sql(
CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                -- 'harvest' or 'import'
  command TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,          -- ISO 8601 UTC
  finished_at TEXT,
  status TEXT NOT NULL,              -- 'running', 'ok', 'partial', 'failed', 'interrupted'
  note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE run_datasets(
  run_id INTEGER NOT NULL REFERENCES runs(id),
  dataset TEXT NOT NULL,
  query TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,              -- 'stored', 'not modified', 'skipped', 'no data', 'failed'
  bytes INTEGER NOT NULL DEFAULT 0,
  rows_new INTEGER NOT NULL DEFAULT 0,
  rows_changed INTEGER NOT NULL DEFAULT 0,
  rows_unchanged INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL
);
CREATE INDEX run_datasets_run ON run_datasets(run_id);
CREATE TABLE datasets(
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL DEFAULT '',
  source_updated TEXT NOT NULL DEFAULT '',     -- the data's own 'updated' stamp
  catalogue_updated TEXT NOT NULL DEFAULT '',  -- catalogue 'last update of data' at last harvest
  last_stored_at TEXT NOT NULL DEFAULT '',
  last_run_id INTEGER REFERENCES runs(id),
  url TEXT NOT NULL DEFAULT ''                 -- where the data last came from (URL or file)
);
CREATE TABLE dimensions(
  dataset TEXT NOT NULL REFERENCES datasets(code),
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(dataset, position)
) WITHOUT ROWID;
CREATE TABLE codes(
  dataset TEXT NOT NULL REFERENCES datasets(code),
  dimension TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(dataset, dimension, code)
) WITHOUT ROWID;
CREATE TABLE flag_labels(
  dataset TEXT NOT NULL REFERENCES datasets(code),
  flag TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY(dataset, flag)
) WITHOUT ROWID;
CREATE TABLE series(
  id INTEGER PRIMARY KEY,
  dataset TEXT NOT NULL REFERENCES datasets(code),
  key TEXT NOT NULL,                 -- non-time codes joined by '.': 'A.DE1001V.SE001C'
  dims TEXT NOT NULL,                -- 'freq=A,indic_ur=DE1001V,cities=SE001C'
  geo TEXT NOT NULL DEFAULT '',      -- code of the 'geo' or 'cities' dimension
  UNIQUE(dataset, dims)
);
CREATE INDEX series_geo ON series(dataset, geo);
CREATE TABLE observations(           -- no REFERENCES here: the hot path of every harvest; the
                                     -- store writes series_id and run_id from rows it just read
  series_id INTEGER NOT NULL,        -- series(id)
  period TEXT NOT NULL,
  value REAL,                        -- NULL: no value (confidential, missing with a flag)
  flags TEXT NOT NULL DEFAULT '',
  run_id INTEGER NOT NULL,           -- runs(id): the run that wrote this version
  PRIMARY KEY(series_id, period)
) WITHOUT ROWID;
CREATE TABLE observation_history(    -- earlier versions, kept when a harvest revises a value
  series_id INTEGER NOT NULL REFERENCES series(id),
  period TEXT NOT NULL,
  value REAL,
  flags TEXT NOT NULL,
  written_by_run INTEGER NOT NULL,   -- the run that had stored this version
  replaced_by_run INTEGER NOT NULL REFERENCES runs(id),
  replaced_at TEXT NOT NULL
);
CREATE INDEX observation_history_cell ON observation_history(series_id, period);
CREATE TABLE catalogue(
  code TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  last_update TEXT NOT NULL DEFAULT '',
  structure_change TEXT NOT NULL DEFAULT '',
  data_start TEXT NOT NULL DEFAULT '',
  data_end TEXT NOT NULL DEFAULT '',
  path TEXT NOT NULL DEFAULT '',
  fetched_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE http_cache(             -- conditional GET state per URL
  url TEXT PRIMARY KEY,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
)sql",
      // 2: EU horizon scanning: feed sources, items with change history,
      // relevance scores, officers' reviews with their history.
      R"sql(
CREATE TABLE feed_sources(
  id TEXT PRIMARY KEY,               -- from feeds/sources.toml, or the URL for an ad hoc harvest
  kind TEXT NOT NULL,                -- 'rss' (RSS/Atom/RDF), 'hys', 'sedia'
  url TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  dedup TEXT NOT NULL DEFAULT '',    -- how items are told apart: 'guid', 'link' or 'hash'
  last_ok_at TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  warnings TEXT NOT NULL DEFAULT ''  -- of the last harvest, one per line
);
CREATE TABLE items(
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL REFERENCES feed_sources(id),
  key TEXT NOT NULL,                 -- the dedup key under the source's strategy
  guid TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT '',   -- one per line
  published TEXT NOT NULL DEFAULT '',-- ISO 8601 UTC; '' when unknown
  opens TEXT NOT NULL DEFAULT '',
  deadline TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  first_run INTEGER NOT NULL,
  last_run INTEGER NOT NULL,
  UNIQUE(source, key)
);
CREATE INDEX items_deadline ON items(deadline);
CREATE TABLE item_history(           -- what a harvest changed: deadline, title, status, ...
  item_id INTEGER NOT NULL REFERENCES items(id),
  run_id INTEGER NOT NULL,
  changed_at TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL
);
CREATE INDEX item_history_item ON item_history(item_id);
CREATE TABLE item_scores(
  item_id INTEGER PRIMARY KEY REFERENCES items(id),
  score INTEGER NOT NULL,            -- 0-100
  flagged INTEGER NOT NULL,          -- 0/1
  themes TEXT NOT NULL DEFAULT '',   -- theme ids, one per line
  why TEXT NOT NULL DEFAULT '',      -- matched terms per field and theme, for people
  committee TEXT NOT NULL DEFAULT '',
  scored_at TEXT NOT NULL
);
CREATE TABLE item_reviews(           -- officers' decisions; a harvest never writes here
  item_id INTEGER PRIMARY KEY REFERENCES items(id),
  status TEXT NOT NULL DEFAULT 'new',-- new, relevant, not-relevant, responded, dismissed
  assignee TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE TABLE review_history(
  item_id INTEGER NOT NULL REFERENCES items(id),
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL
);
CREATE INDEX review_history_item ON review_history(item_id);
)sql",
      // 3: the model that learns from officers' verdicts.
      R"sql(
CREATE TABLE relevance_model(
  feature TEXT PRIMARY KEY,          -- "t:word" (title), "w:word" (topics, summary), "rules"
  weight REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE relevance_model_info(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  trained_at TEXT NOT NULL,
  verdicts INTEGER NOT NULL,
  relevant INTEGER NOT NULL,
  cv_precision REAL NOT NULL,
  cv_recall REAL NOT NULL,
  bias REAL NOT NULL
);
ALTER TABLE item_scores ADD COLUMN model_p REAL;  -- the model's probability; NULL without a model
)sql",
      // 4: the reports written, so that a digest can say what is new since the last one.
      R"sql(
CREATE TABLE digests(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                -- 'flags'
  created_at TEXT NOT NULL,          -- ISO 8601 UTC
  path TEXT NOT NULL,
  items INTEGER NOT NULL
);
)sql",
      // 5: officers' work moves to the decisions file (see decisions_migrations);
      // this file gets its identity. Runs only after the decisions file holds
      // copies of these tables.
      R"sql(
DROP TABLE review_history;
DROP TABLE item_reviews;
DROP TABLE digests;
CREATE TABLE meta(                   -- this file's identity; also what Transaction locks with
  key TEXT PRIMARY KEY,              -- 'decisions_id': the id its decisions file carries too
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql",
      // 6: three grades (flag, look, none). Flagged items are 'flag' at once;
      // 'look' comes with the next scoring (every harvest rescores its
      // source; `omvarld flags rescore` does all).
      R"sql(
ALTER TABLE item_scores ADD COLUMN grade TEXT NOT NULL DEFAULT 'none'; -- 'flag', 'look', 'none'
UPDATE item_scores SET grade = CASE WHEN flagged = 1 THEN 'flag' ELSE 'none' END;
CREATE INDEX item_scores_grade ON item_scores(grade);
)sql",
      // 7: the review page's search by words: a full-text index over the
      // items' title, summary and topics (FTS5, porter stemmer over
      // unicode61 without diacritics), kept by triggers, so every writer of
      // items keeps it without knowing of it.
      R"sql(
CREATE VIRTUAL TABLE items_fts USING fts5(title, summary, topics, content='items',
  content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO items_fts(items_fts) VALUES('rebuild');
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, title, summary, topics) VALUES(new.id, new.title, new.summary,
    new.topics);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, summary, topics) VALUES('delete', old.id,
    old.title, old.summary, old.topics);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, topics ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, summary, topics) VALUES('delete', old.id,
    old.title, old.summary, old.topics);
  INSERT INTO items_fts(rowid, title, summary, topics) VALUES(new.id, new.title, new.summary,
    new.topics);
END;
)sql",
      // 8: the inbox's choice of committee read by index (one seek per
      // distinct value) instead of a pass over every score; a source's id
      // found by index.
      R"sql(
CREATE INDEX item_scores_committee ON item_scores(committee);
CREATE INDEX items_guid ON items(guid);         -- search by a source's id
CREATE INDEX items_reference ON items(reference);
-- The columns the inbox filters and sorts every item by, narrow: a pass
-- over it reads a fraction of the items' pages, in id order.
CREATE INDEX items_triage ON items(id, status, deadline);
)sql",
      // 9: when the source says it last updated an item (RSS dcterms:modified,
      // Atom updated), apart from when it was published; and which rules
      // scored an item, so that a harvest need not score again what neither
      // the item nor the rules changed (#14).
      R"sql(
ALTER TABLE items ADD COLUMN updated TEXT NOT NULL DEFAULT ''; -- ISO 8601 UTC; '' when not given
ALTER TABLE item_scores ADD COLUMN rules_version TEXT NOT NULL DEFAULT ''; -- RelevanceRules::version
)sql",
      // 10: an item's themes as rows (issue #11): the theme filter and the
      // choice of themes by index instead of text matching; filled from the
      // scores' theme lists (item_scores.themes stays, best first, for
      // people), and kept by ItemStore::put_score and put_scores.
      R"sql(
CREATE TABLE item_themes(
  item_id INTEGER NOT NULL REFERENCES items(id),
  theme TEXT NOT NULL,               -- a theme id of feeds/relevance.toml
  PRIMARY KEY(item_id, theme)
) WITHOUT ROWID;
CREATE INDEX item_themes_theme ON item_themes(theme, item_id);
WITH RECURSIVE t(item_id, theme, rest) AS (
  SELECT item_id, '', themes || char(10) FROM item_scores
  UNION ALL
  SELECT item_id, trim(substr(rest, 1, instr(rest, char(10)) - 1)),
         substr(rest, instr(rest, char(10)) + 1) FROM t WHERE rest<>'')
INSERT OR IGNORE INTO item_themes(item_id, theme) SELECT item_id, theme FROM t WHERE theme<>'';
)sql",
      // 11: new items are indexed for search by the harvest that inserts
      // them, all at once (ItemStore::write_items, in its transaction),
      // instead of by a trigger per row: FTS5 writes its pending terms out at
      // the end of every statement in a transaction, so a trigger made one
      // index segment per item and most of a first harvest's time (#14).
      // Updates and deletes are still indexed by their triggers.
      R"sql(
DROP TRIGGER IF EXISTS items_fts_insert;  -- IF EXISTS: a file whose version was set back by hand may lack it
)sql",
  };
  return m;
}

// The decisions file: what officers write (reviews and their history, the
// digests written, the review server's secret, what they follow). No
// harvest's long transaction runs here, so it never holds up a decision; the
// follow harvest writes one short transaction per followed initiative.
const std::vector<const char*>& decisions_migrations() {
  static const std::vector<const char*> m = {
      R"sql(
CREATE TABLE decisions.meta(
  key TEXT PRIMARY KEY,              -- 'decisions_id', 'web_secret', 'copied_from_data'
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE decisions.item_reviews( -- officers' decisions; item_id is items(id) in the data file
  item_id INTEGER PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'new',-- new, relevant, not-relevant, responded, dismissed
  assignee TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE TABLE decisions.review_history(
  item_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL
);
CREATE INDEX decisions.review_history_item ON review_history(item_id);
CREATE TABLE decisions.digests(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                -- 'flags'
  created_at TEXT NOT NULL,          -- ISO 8601 UTC
  path TEXT NOT NULL,
  items INTEGER NOT NULL
);
)sql",
      // 2: following initiatives (issue #16; store/follow_store.h). What is
      // followed is officers' work; the state and the history of what changed
      // are written here too, one short transaction per followed initiative,
      // because the history cannot be harvested again.
      R"sql(
CREATE TABLE decisions.follows(
  id INTEGER PRIMARY KEY,
  item_id INTEGER,                   -- items(id) in the data file, NULL when followed by reference
  hys_id INTEGER,                    -- the Have your say initiative, NULL when none
  procedure TEXT NOT NULL DEFAULT '',-- '2016/0132(COD)', '' when none
  com TEXT NOT NULL DEFAULT '',      -- 'COM(2024)469', '' when none
  reason TEXT NOT NULL DEFAULT '',   -- 'manual', 'relevant' (followed because marked relevant)
  followed_at TEXT NOT NULL,
  followed_by TEXT NOT NULL,
  unfollowed_at TEXT NOT NULL DEFAULT '', -- '' while followed; kept with its history after
  unfollowed_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX decisions.follows_hys ON follows(hys_id) WHERE hys_id IS NOT NULL;
CREATE UNIQUE INDEX decisions.follows_item ON follows(item_id) WHERE item_id IS NOT NULL;
CREATE INDEX decisions.follows_procedure ON follows(procedure);
CREATE TABLE decisions.follow_sources(  -- each source's last fetch, per followed initiative
  follow_id INTEGER NOT NULL,
  source TEXT NOT NULL,              -- 'hys', 'ep'
  url TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  last_ok_at TEXT NOT NULL DEFAULT '',   -- the last answer stored (or 304)
  last_checked_at TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',   -- of the last try; '' when it succeeded
  PRIMARY KEY(follow_id, source)
) WITHOUT ROWID;
CREATE TABLE decisions.follow_hys(      -- the initiative as last read
  follow_id INTEGER PRIMARY KEY,
  hys_id INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  dg TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT '',
  act_type TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  feedback_status TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT ''        -- one per line
);
CREATE TABLE decisions.follow_publications(
  follow_id INTEGER NOT NULL,
  position INTEGER NOT NULL,             -- order of the body
  id INTEGER NOT NULL,
  type TEXT NOT NULL,
  stage TEXT NOT NULL DEFAULT '',
  feedback_status TEXT NOT NULL DEFAULT '',
  published TEXT,                        -- UTC ISO 8601; NULL: not yet
  feedback_start TEXT,
  feedback_end TEXT,
  planned_period TEXT NOT NULL DEFAULT '',
  planned_start TEXT,
  planned_end TEXT,
  feedback_count INTEGER NOT NULL DEFAULT 0,
  reference TEXT NOT NULL DEFAULT '',
  documents TEXT NOT NULL DEFAULT '',    -- one link per line
  PRIMARY KEY(follow_id, position)
) WITHOUT ROWID;
CREATE TABLE decisions.follow_ep(       -- the procedure as last read
  follow_id INTEGER PRIMARY KEY,
  procedure TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  rapporteurs TEXT NOT NULL DEFAULT '',  -- one per line
  committees TEXT NOT NULL DEFAULT '',
  adopted_texts TEXT NOT NULL DEFAULT ''
);
CREATE TABLE decisions.follow_events(
  follow_id INTEGER NOT NULL,
  position INTEGER NOT NULL,             -- oldest first
  id TEXT NOT NULL,
  date TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  documents TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(follow_id, position)
) WITHOUT ROWID;
CREATE TABLE decisions.follow_links(    -- a COM proposal tied to its procedure, and who said so
  follow_id INTEGER NOT NULL,
  com TEXT NOT NULL,
  procedure TEXT NOT NULL,
  source TEXT NOT NULL,                  -- 'manual', 'oeil', 'eur-lex' (4: 'eurlex'), 'ep-document'
  source_url TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  PRIMARY KEY(follow_id, com, procedure, source)
) WITHOUT ROWID;
CREATE TABLE decisions.follow_changes(  -- what each harvest found changed
  id INTEGER PRIMARY KEY,
  follow_id INTEGER NOT NULL,
  seen_at TEXT NOT NULL,
  source TEXT NOT NULL,                  -- 'hys', 'ep', 'link'
  kind TEXT NOT NULL,                    -- 'new-publication', 'feedback-opened', ... (follow_store.h)
  subject TEXT NOT NULL DEFAULT '',      -- the publication type or the event
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX decisions.follow_changes_seen ON follow_changes(seen_at);
CREATE INDEX decisions.follow_changes_follow ON follow_changes(follow_id);
)sql",
      // 3: a followed procedure's shadow rapporteurs and lead committee, as
      // the EP API gives them (issue #16; store/follow_store.h).
      R"sql(
ALTER TABLE decisions.follow_ep ADD COLUMN shadow_rapporteurs TEXT NOT NULL DEFAULT ''; -- one per line
ALTER TABLE decisions.follow_ep ADD COLUMN lead_committee TEXT NOT NULL DEFAULT '';
)sql",
      // 4: EUR-Lex is spelt "eurlex" as a link's source too, as it is as a
      // follow's source; a source's consecutive failures, so that a lookup
      // that keeps failing is asked less often (store/follow_store.h).
      R"sql(
UPDATE decisions.follow_links SET source='eurlex' WHERE source='eur-lex';
UPDATE decisions.follow_changes SET old_value='eurlex' WHERE source='link' AND kind='new-link' AND old_value='eur-lex';
ALTER TABLE decisions.follow_sources ADD COLUMN failures INTEGER NOT NULL DEFAULT 0; -- consecutive, since the last success
)sql",
  };
  return m;
}

}  // namespace

namespace {

constexpr int64_t kDataApplicationId = 0x4F4D5644;       // "OMVD"
constexpr int64_t kDecisionsApplicationId = 0x4F4D5652;  // "OMVR"
// The data file's version at which officers' work left it (migration 5).
constexpr int kDecisionsSplitVersion = 5;

struct FileFacts {
  int64_t application_id = 0;
  int64_t version = 0;
  int64_t tables = 0;
  bool has_runs = false;  // omvarld's data files before application_id was set
};

Error not_a_database(const std::string& path) {
  return make_error(ErrorKind::kUsage, path + " is not an SQLite database")
      .with_hint(
          "--db (or $OMVARLD_DB) must name omvarld's database file; this file is "
          "something else");
}

Result<int64_t> scalar(Db& db, const std::string& sql, const std::string& path) {
  auto st = Stmt::prepare(db, sql);
  if (!st.ok()) {
    if ((sqlite3_errcode(db.handle()) & 0xFF) == SQLITE_NOTADB) return not_a_database(path);
    return st.error();
  }
  auto row = st->step();
  if (!row.ok()) {
    if ((sqlite3_errcode(db.handle()) & 0xFF) == SQLITE_NOTADB) return not_a_database(path);
    return row.error();
  }
  return *row ? st->col_int(0) : int64_t{0};
}

Result<FileFacts> facts(Db& db, const std::string& schema, const std::string& path) {
  FileFacts f;
  auto id = scalar(db, "PRAGMA " + schema + ".application_id", path);
  if (!id.ok()) return id.error();
  f.application_id = *id;
  auto v = scalar(db, "PRAGMA " + schema + ".user_version", path);
  if (!v.ok()) return v.error();
  f.version = *v;
  auto n = scalar(db, "SELECT count(*) FROM " + schema + ".sqlite_schema", path);
  if (!n.ok()) return n.error();
  f.tables = *n;
  auto runs = scalar(
      db, "SELECT count(*) FROM " + schema + ".sqlite_schema WHERE type='table' AND name='runs'",
      path);
  if (!runs.ok()) return runs.error();
  f.has_runs = *runs > 0;
  return f;
}

Status check_version(int64_t version, int64_t known, const std::string& path) {
  if (version < 0)
    return make_error(ErrorKind::kDatabase, "database " + path + " has schema version " +
                                                std::to_string(version) +
                                                ", which no omvarld writes; it is damaged or "
                                                "was changed by another program")
        .with_hint("restore it from a backup (`omvarld backup` makes them)");
  if (version > known)
    return make_error(ErrorKind::kDatabase,
                      "database " + path + " has schema version " + std::to_string(version) +
                          ", newer than this omvarld understands (" + std::to_string(known) + ")")
        .with_hint("upgrade omvarld; this one leaves the file as it is");
  return Status::Ok();
}

Result<std::string> meta_value(Db& db, const std::string& schema, const std::string& key) {
  auto st = Stmt::prepare(db, "SELECT value FROM " + schema + ".meta WHERE key=?1");
  if (!st.ok()) return st.error();
  st->bind(1, key);
  auto row = st->step();
  if (!row.ok()) return row.error();
  return *row ? st->col_text(0) : std::string();
}

Status put_meta(Db& db, const std::string& schema, const std::string& key,
                const std::string& value) {
  auto st =
      Stmt::prepare(db, "INSERT OR REPLACE INTO " + schema + ".meta(key, value) VALUES(?1,?2)");
  if (!st.ok()) return st.error();
  st->bind(1, key).bind(2, value);
  return st->run();
}

Status run_migration(Db& db, const char* sql, const std::string& schema, int to_version,
                     const std::function<Status()>& also) {
  auto tx = Transaction::begin_all(db);
  if (!tx.ok()) return tx.error();
  if (Status s = db.exec(sql); !s.ok()) return s;
  if (also)
    if (Status s = also(); !s.ok()) return s;
  if (Status s = db.exec("PRAGMA " + schema + ".user_version=" + std::to_string(to_version));
      !s.ok())
    return s;
  return tx->commit();
}

// What the data file of schema 1-4 holds of officers' work, in a line: the
// mark a decisions file copied from it carries, so that a half-finished
// upgrade is finished only with its own copy.
Result<std::string> legacy_fingerprint(Db& db) {
  std::string out;
  for (const char* sql :
       {"SELECT count(*) FROM main.item_reviews", "SELECT count(*) FROM main.review_history",
        "SELECT COALESCE(max(rowid), 0) FROM main.review_history",
        "SELECT count(*) FROM main.digests", "SELECT COALESCE(min(id), 0) FROM main.runs",
        "SELECT COALESCE(max(id), 0) FROM main.items"}) {
    auto v = scalar(db, sql, db.path());
    if (!v.ok()) return v.error();
    out += (out.empty() ? "" : ":") + std::to_string(*v);
  }
  auto st = Stmt::prepare(db, "SELECT COALESCE(min(started_at), '') FROM main.runs");
  if (!st.ok()) return st.error();
  auto row = st->step();
  if (!row.ok()) return row.error();
  return out + ":" + st->col_text(0);
}

bool file_exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

}  // namespace

int current_schema_version() { return static_cast<int>(migrations().size()); }
int current_decisions_version() { return static_cast<int>(decisions_migrations().size()); }

std::string decisions_path(const std::string& data_path) {
  if (data_path == ":memory:") return data_path;
  const std::string ext = ".db";
  if (data_path.size() > ext.size() &&
      data_path.compare(data_path.size() - ext.size(), ext.size(), ext) == 0)
    return data_path.substr(0, data_path.size() - ext.size()) + ".decisions.db";
  return data_path + ".decisions.db";
}

Result<Db> open_database(const std::string& path, Access access, bool new_decisions) {
  const bool memory = path == ":memory:";
  const bool writes = access != Access::kRead;
  const std::string hint_create =
      "check --db (or $OMVARLD_DB); `omvarld harvest`, `omvarld import` and `omvarld init` "
      "create a database";
  if (!memory) {
    std::error_code ec;
    auto st = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(st)) {
      if (access != Access::kCreate)
        return make_error(ErrorKind::kNotFound, "no database at " + path).with_hint(hint_create);
      if (file_exists(decisions_path(path)))
        return make_error(ErrorKind::kUsage,
                          decisions_path(path) + " belongs to another database than " + path)
            .with_hint("a new database starts its own decisions file; move " +
                       decisions_path(path) + " away");
      std::filesystem::path parent = std::filesystem::path(path).parent_path();
      if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
        std::filesystem::create_directories(parent, ec);
        if (ec)
          return make_error(ErrorKind::kIo, "cannot create directory " + parent.string() +
                                                " for the database: " + ec.message());
      }
    } else if (!std::filesystem::is_regular_file(st)) {
      return make_error(ErrorKind::kUsage, path + " is not a regular file")
          .with_hint("--db names omvarld's database file");
    }
  }
  auto opened = Db::open(path, access == Access::kCreate      ? OpenMode::kCreate
                               : access == Access::kReadWrite ? OpenMode::kReadWrite
                                                              : OpenMode::kReadOnly);
  if (!opened.ok()) {
    if (opened.error().kind == ErrorKind::kNotFound) return opened.error().with_hint(hint_create);
    return opened.error();
  }
  Db db = std::move(opened).value();
  auto f = facts(db, "main", path);
  if (!f.ok()) return f.error();
  const int known = current_schema_version();
  if (f->application_id == kDecisionsApplicationId)
    return make_error(ErrorKind::kUsage, path + " is omvarld's decisions file, not its database")
        .with_hint("--db names the database beside it; the decisions file is found from that");
  const bool empty = f->tables == 0 && f->version == 0 && f->application_id == 0;
  const bool ours =
      f->application_id == kDataApplicationId || (f->application_id == 0 && f->has_runs);
  if (!empty && !ours)
    return make_error(ErrorKind::kUsage, path + " is an SQLite database, but not omvarld's")
        .with_hint("omvarld never changes a file it did not make; check --db (or $OMVARLD_DB)");
  if (Status s = check_version(f->version, known, path); !s.ok()) return s.error();
  if (empty && access != Access::kCreate)
    return make_error(ErrorKind::kUsage, path + " is empty, not an omvarld database yet")
        .with_hint("`omvarld init --db " + path + "` makes it one");
  if (!writes && f->version != known)
    return make_error(ErrorKind::kDatabase,
                      "database " + path + " has schema version " + std::to_string(f->version) +
                          ", older than this omvarld's (" + std::to_string(known) +
                          "); a command that only reads does not upgrade it")
        .with_hint("`omvarld init --db " + path + "` upgrades it (so does the next harvest)");

  // Connection settings. WAL lets readers read while a harvest writes;
  // NORMAL is durable to application crashes (SIGKILL) in WAL mode, and
  // loses at most the last commit on power loss. page_size 16 KiB (only
  // takes effect when the file is created): fewer, larger pages make bulk
  // ingest about 15% faster. A 64 MiB page cache keeps a large dataset's
  // transaction in memory until it commits instead of spilling pages to the
  // WAL half-way. Automatic checkpoints are off: a harvest checkpoints once at
  // the end of its run (Store::checkpoint), and opening checkpoints what an
  // earlier process left in the WAL. temp_store=MEMORY keeps each
  // statement's journal (the pages it changed, for rolling back that one
  // statement) in memory: on disk it spilled to a temporary file past 64 KiB,
  // and writing those files was 15% of a first feed harvest. Durability is
  // untouched (that is the WAL's).
  if (Status s = db.exec(
          writes ? "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA "
                   "synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA "
                   "cache_size=-65536; PRAGMA wal_autocheckpoint=0; PRAGMA temp_store=MEMORY;"
                 : "PRAGMA query_only=1; PRAGMA foreign_keys=ON; PRAGMA "
                   "cache_size=-65536;");
      !s.ok())
    return s.error();

  // A new database never adopts a decisions file left behind by another;
  // checked before anything is written, so a second try finds it too.
  const std::string dpath = decisions_path(path);
  const bool d_exists = memory || file_exists(dpath);
  if (f->version == 0 && d_exists && !memory)
    return make_error(ErrorKind::kUsage, dpath + " belongs to another database than " + path)
        .with_hint("a new database starts its own decisions file; move " + dpath + " away");

  const auto& m = migrations();
  int64_t version = f->version;
  for (; writes && version < kDecisionsSplitVersion - 1; ++version)
    if (Status s = run_migration(db, m[version], "main", static_cast<int>(version + 1), nullptr);
        !s.ok())
      return s.error();

  // The decisions file.
  std::string data_id;
  if (version >= kDecisionsSplitVersion) {
    auto id = meta_value(db, "main", "decisions_id");
    if (!id.ok()) return id.error();
    data_id = *id;
    if (!d_exists && !(new_decisions && writes))
      return make_error(ErrorKind::kNotFound,
                        "the decisions file " + dpath + " of database " + path +
                            " is missing (officers' decisions, notes and digests are kept there)")
          .with_hint(
              "restore it from the backup made with the database (`omvarld backup` "
              "writes both), or start an empty one with `omvarld init --new-decisions`");
  }
  const OpenMode dmode = !writes    ? OpenMode::kReadOnly
                         : d_exists ? OpenMode::kReadWrite
                                    : OpenMode::kCreate;
  if (Status s = db.attach(dpath, "decisions", dmode); !s.ok()) return s.error();
  auto d = facts(db, "decisions", dpath);
  if (!d.ok()) return d.error();
  const bool d_empty = d->tables == 0 && d->version == 0 && d->application_id == 0;
  // An empty file where the decisions should be (a truncated copy, a full
  // disk) is as good as none: never silently started anew.
  if (version >= kDecisionsSplitVersion && d_empty && d_exists && !(new_decisions && writes))
    return make_error(ErrorKind::kDatabase, "the decisions file " + dpath + " of database " + path +
                                                " is empty (officers' decisions, notes "
                                                "and digests are kept there)")
        .with_hint(
            "restore it from the backup made with the database (`omvarld backup` writes "
            "both), or start an empty one with `omvarld init --new-decisions`");
  if (!d_empty && d->application_id != kDecisionsApplicationId)
    return make_error(ErrorKind::kUsage, dpath + " is not omvarld's decisions file")
        .with_hint("omvarld keeps officers' decisions beside the database in " + dpath +
                   "; move that file away");
  if (Status s = check_version(d->version, current_decisions_version(), dpath); !s.ok())
    return s.error();
  if (!writes && d->version != current_decisions_version())
    return make_error(ErrorKind::kDatabase, "decisions file " + dpath + " has schema version " +
                                                std::to_string(d->version) +
                                                "; a command that only reads does not upgrade it")
        .with_hint("`omvarld init --db " + path + "` upgrades it");
  if (writes) {
    if (Status s =
            db.exec("PRAGMA decisions.journal_mode=WAL; PRAGMA decisions.synchronous=NORMAL;");
        !s.ok())
      return s.error();
    const auto& dm = decisions_migrations();
    for (int64_t dv = d->version; dv < static_cast<int64_t>(dm.size()); ++dv) {
      auto also = [&]() -> Status {
        if (dv != 0) return Status::Ok();
        // A new decisions file: take over what the data file held before
        // the split (nothing for a new database), and pair the two.
        if (version < kDecisionsSplitVersion) {
          if (Status s = db.exec(
                  "INSERT INTO decisions.item_reviews SELECT item_id, status, assignee, note, "
                  "updated_at, updated_by FROM main.item_reviews; "
                  "INSERT INTO decisions.review_history SELECT item_id, at, user, field, "
                  "old_value, new_value FROM main.review_history ORDER BY rowid; "
                  "INSERT INTO decisions.digests SELECT id, kind, created_at, path, items FROM "
                  "main.digests;");
              !s.ok())
            return s;
          auto print = legacy_fingerprint(db);
          if (!print.ok()) return print.error();
          if (Status s = put_meta(db, "decisions", "copied_from_data", *print); !s.ok()) return s;
        }
        std::string id = data_id;
        if (id.empty()) {
          auto fresh = random_hex(16);
          if (!fresh.ok()) return fresh.error();
          id = *fresh;
        }
        if (Status s = put_meta(db, "decisions", "decisions_id", id); !s.ok()) return s;
        return db.exec("PRAGMA decisions.application_id=" +
                       std::to_string(kDecisionsApplicationId));
      };
      if (Status s = run_migration(db, dm[dv], "decisions", static_cast<int>(dv + 1), also);
          !s.ok())
        return s.error();
    }
  }
  auto d_id = meta_value(db, "decisions", "decisions_id");
  if (!d_id.ok()) return d_id.error();
  if (version < kDecisionsSplitVersion) {
    // Before the split (or a split that a killed process left half done: the
    // decisions file is complete, the data file still holds the old tables).
    if (writes && d_exists) {
      // Only a copy of exactly these tables, left by an upgrade that was
      // killed before it finished, is taken over.
      auto copied = meta_value(db, "decisions", "copied_from_data");
      if (!copied.ok()) return copied.error();
      auto print = legacy_fingerprint(db);
      if (!print.ok()) return print.error();
      if (*copied != *print)
        return make_error(ErrorKind::kUsage, dpath + " belongs to another database than " + path)
            .with_hint("move " + dpath + " away; omvarld makes a new one");
    }
    for (; writes && version < known; ++version) {
      auto also = [&]() -> Status {
        if (version + 1 != kDecisionsSplitVersion) return Status::Ok();
        if (Status s = put_meta(db, "main", "decisions_id", *d_id); !s.ok()) return s;
        return db.exec("PRAGMA main.application_id=" + std::to_string(kDataApplicationId));
      };
      if (Status s = run_migration(db, m[version], "main", static_cast<int>(version + 1), also);
          !s.ok())
        return s.error();
    }
    data_id = *d_id;
  } else {
    for (; writes && version < known; ++version)
      if (Status s = run_migration(db, m[version], "main", static_cast<int>(version + 1), nullptr);
          !s.ok())
        return s.error();
  }
  if (data_id != *d_id)
    return make_error(ErrorKind::kUsage, dpath + " belongs to another database than " + path)
        .with_hint("restore the decisions file backed up with this database");
  return db;
}

}  // namespace omvarld
