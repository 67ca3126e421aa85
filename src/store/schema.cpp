#include "store/schema.h"

#include <string>
#include <vector>

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
  };
  return m;
}

}  // namespace

int current_schema_version() { return static_cast<int>(migrations().size()); }

Status migrate(Db& db) {
  // WAL lets `omvarld series` read while a harvest writes; NORMAL is durable
  // to application crashes (SIGKILL) in WAL mode, and loses at most the last
  // commit on power loss.
  // page_size 16 KiB (only takes effect when the file is created): fewer,
  // larger pages make bulk ingest about 15% faster. A 64 MiB page cache keeps
  // a large dataset's transaction in memory until it commits instead of
  // spilling pages to the WAL half-way. Automatic checkpoints are off: a
  // harvest checkpoints once at the end of its run (Store::checkpoint), not
  // after every dataset, and Store::open checkpoints what an earlier process
  // left in the WAL.
  Status s = db.exec(
      "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA "
      "foreign_keys=ON; "
      "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=0;");
  if (!s.ok()) return s;
  auto v = Stmt::prepare(db, "PRAGMA user_version");
  if (!v.ok()) return v.error();
  auto row = v->step();
  if (!row.ok()) return row.error();
  int version = static_cast<int>(v->col_int(0));
  v->reset();
  const auto& m = migrations();
  if (version > static_cast<int>(m.size()))
    return make_error(ErrorKind::kDatabase, "database " + db.path() + " has schema version " +
                                                std::to_string(version) +
                                                ", newer than this omvarld understands (" +
                                                std::to_string(m.size()) + "); upgrade omvarld");
  for (int i = version; i < static_cast<int>(m.size()); ++i) {
    auto tx = Transaction::begin(db);
    if (!tx.ok()) return tx.error();
    if (Status st = db.exec(m[i]); !st.ok()) return st;
    if (Status st = db.exec("PRAGMA user_version=" + std::to_string(i + 1)); !st.ok()) return st;
    if (Status st = tx->commit(); !st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace omvarld
