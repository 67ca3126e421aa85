#include "store/store.h"

#include <algorithm>
#include <unordered_map>

#include "core/text.h"
#include "store/schema.h"

namespace omvarld {

Result<Store> Store::open(const std::string& path, Access access, bool new_decisions) {
  auto db = open_database(path, access, new_decisions);
  if (!db.ok()) return db.error();
  Store store(std::move(db).value());
  // A passive checkpoint never waits for readers or writers; it folds in a
  // WAL that an earlier, perhaps killed, process left behind.
  if (access != Access::kRead)
    if (Status s = store.db_.exec("PRAGMA wal_checkpoint(PASSIVE)"); !s.ok()) return s.error();
  return store;
}

// The data file only: a TRUNCATE checkpoint waits for writers, and the
// decisions file's writers are officers.
Status Store::checkpoint() { return db_.exec("PRAGMA main.wal_checkpoint(TRUNCATE)"); }

Status Store::backup(const std::string& dest) {
  if (db_.immutable())
    return make_error(ErrorKind::kDatabase,
                      "cannot back up " + db_.path() +
                          " consistently: this user may not create its -shm file beside it")
        .with_hint("run the backup as the user that harvests (who may write the folder)");
  return backup_database(db_, {{"decisions", decisions_path(dest)}, {"main", dest}});
}

namespace {
// A stored run time. Every version wrote them as UtcTime::iso() does; text
// of another shape (never written by omvarld) reads as the epoch.
UtcTime read_time(const std::string& text) { return parse_utc_time(text).value_or(UtcTime{}); }
}  // namespace

Result<int64_t> Store::begin_run(const std::string& kind, const std::string& command, UtcTime now) {
  auto st =
      Stmt::prepare(db_, "INSERT INTO runs(kind, command, started_at, status) VALUES(?,?,?,?)");
  if (!st.ok()) return st.error();
  st->bind(1, kind)
      .bind(2, command)
      .bind(3, now.iso())
      .bind(4, run_status_name(RunStatus::kRunning));
  if (Status s = st->run(); !s.ok()) return s.error();
  return db_.last_insert_rowid();
}

Status Store::finish_run(int64_t run_id, RunStatus status, const std::string& note, UtcTime now) {
  auto st = Stmt::prepare(db_, "UPDATE runs SET finished_at=?, status=?, note=? WHERE id=?");
  if (!st.ok()) return st.error();
  st->bind(1, now.iso()).bind(2, run_status_name(status)).bind(3, note).bind(4, run_id);
  return st->run();
}

Status Store::mark_interrupted_runs(UtcTime now) {
  auto st = Stmt::prepare(db_,
                          "UPDATE runs SET status=?, finished_at=?, "
                          "note='the process ended before the run finished' WHERE status=?");
  if (!st.ok()) return st.error();
  st->bind(1, run_status_name(RunStatus::kInterrupted))
      .bind(2, now.iso())
      .bind(3, run_status_name(RunStatus::kRunning));
  return st->run();
}

Status Store::record_run_dataset(int64_t run_id, const RunDatasetRecord& r) {
  auto st = Stmt::prepare(
      db_,
      "INSERT INTO run_datasets(run_id, dataset, query, url, status, bytes, rows_new, "
      "rows_changed, rows_unchanged, error, started_at, finished_at) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!st.ok()) return st.error();
  st->bind(1, run_id)
      .bind(2, r.dataset)
      .bind(3, r.query)
      .bind(4, r.url)
      .bind(5, outcome_status_name(r.status))
      .bind(6, r.bytes);
  st->bind(7, r.stats.rows_new).bind(8, r.stats.rows_changed).bind(9, r.stats.rows_unchanged);
  st->bind(10, r.error).bind(11, r.started_at.iso()).bind(12, r.finished_at.iso());
  return st->run();
}

Result<std::vector<RunSummary>> Store::recent_runs(int limit) {
  auto st = Stmt::prepare(
      db_,
      "SELECT r.id, r.kind, r.command, r.started_at, COALESCE(r.finished_at,''), r.status, "
      "r.note, "
      "(SELECT COUNT(*) FROM run_datasets d WHERE d.run_id=r.id AND d.status<>?1), "
      "(SELECT COUNT(*) FROM run_datasets d WHERE d.run_id=r.id AND d.status=?1), "
      "(SELECT COALESCE(SUM(rows_new),0) FROM run_datasets d WHERE d.run_id=r.id), "
      "(SELECT COALESCE(SUM(rows_changed),0) FROM run_datasets d WHERE d.run_id=r.id) "
      "FROM runs r ORDER BY r.id DESC LIMIT ?2");
  if (!st.ok()) return st.error();
  st->bind(1, outcome_status_name(OutcomeStatus::kFailed)).bind(2, limit);
  std::vector<RunSummary> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    RunSummary r;
    r.id = st->col_int(0);
    r.kind = st->col_text(1);
    r.command = st->col_text(2);
    r.started_at = read_time(st->col_text(3));
    if (const std::string finished = st->col_text(4); !finished.empty())
      r.finished_at = read_time(finished);
    r.status = find_run_status(st->col_text(5)).value_or(RunStatus::kFailed);
    r.note = st->col_text(6);
    r.datasets_ok = static_cast<int>(st->col_int(7));
    r.datasets_failed = static_cast<int>(st->col_int(8));
    r.rows_new = st->col_int(9);
    r.rows_changed = st->col_int(10);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<RunDatasetRecord>> Store::run_datasets(int64_t run_id) {
  auto st = Stmt::prepare(
      db_,
      "SELECT dataset, query, url, status, bytes, rows_new, rows_changed, rows_unchanged, "
      "error, started_at, finished_at FROM run_datasets WHERE run_id=? ORDER BY rowid");
  if (!st.ok()) return st.error();
  st->bind(1, run_id);
  std::vector<RunDatasetRecord> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    RunDatasetRecord r;
    r.dataset = st->col_text(0);
    r.query = st->col_text(1);
    r.url = st->col_text(2);
    r.status = find_outcome_status(st->col_text(3)).value_or(OutcomeStatus::kFailed);
    r.bytes = st->col_int(4);
    r.stats.rows_new = st->col_int(5);
    r.stats.rows_changed = st->col_int(6);
    r.stats.rows_unchanged = st->col_int(7);
    r.error = st->col_text(8);
    r.started_at = read_time(st->col_text(9));
    r.finished_at = read_time(st->col_text(10));
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

struct ExistingObs {
  std::string period;
  std::optional<double> value;
  std::string flags;
  int64_t run_id;
};

// Inserts new observations in batches of kBatch rows per statement: one
// VDBE program run per batch instead of per row, which roughly doubles the
// ingest rate. Text is bound SQLITE_STATIC: the views must stay valid until
// flush(), which the Dataset being written guarantees.
class ObservationInserter {
 public:
  static constexpr int kBatch = 256;
  static Result<ObservationInserter> make(Db& db) {
    auto one = Stmt::prepare(
        db, "INSERT INTO observations(series_id, period, value, flags, run_id) VALUES(?,?,?,?,?)");
    if (!one.ok()) return one.error();
    std::string sql = "INSERT INTO observations(series_id, period, value, flags, run_id) VALUES";
    for (int i = 0; i < kBatch; ++i) sql += i ? ",(?,?,?,?,?)" : "(?,?,?,?,?)";
    auto many = Stmt::prepare(db, sql);
    if (!many.ok()) return many.error();
    return ObservationInserter(std::move(one).value(), std::move(many).value());
  }
  Status add(int64_t series_id, std::string_view period, bool has_value, double value,
             std::string_view flags, int64_t run_id) {
    int base = n_ * 5;
    many_.bind(base + 1, series_id).bind_text_static(base + 2, period);
    if (has_value)
      many_.bind(base + 3, value);
    else
      many_.bind_null(base + 3);
    many_.bind_text_static(base + 4, flags).bind(base + 5, run_id);
    pending_[n_] = Pending{series_id, period, has_value, value, flags, run_id};
    if (++n_ == kBatch) {
      n_ = 0;
      return many_.run();
    }
    return Status::Ok();
  }
  // Writes rows still buffered (one statement per row).
  Status flush() {
    for (int i = 0; i < n_; ++i) {
      const Pending& p = pending_[i];
      one_.bind(1, p.series_id).bind_text_static(2, p.period);
      if (p.has_value)
        one_.bind(3, p.value);
      else
        one_.bind_null(3);
      one_.bind_text_static(4, p.flags).bind(5, p.run_id);
      if (Status s = one_.run(); !s.ok()) return s;
    }
    n_ = 0;
    return Status::Ok();
  }

 private:
  struct Pending {
    int64_t series_id;
    std::string_view period;
    bool has_value;
    double value;
    std::string_view flags;
    int64_t run_id;
  };
  ObservationInserter(Stmt one, Stmt many) : one_(std::move(one)), many_(std::move(many)) {}
  Stmt one_, many_;
  Pending pending_[kBatch];
  int n_ = 0;
};

bool same_value(const std::optional<double>& a, bool has_b, double b) {
  if (!a.has_value() || !has_b) return a.has_value() == has_b;
  return *a == b;
}

// Writes one dataset's parts inside the caller's transaction: the dataset
// row, its shape (dimensions, code and flag labels), then every observation
// compared with what is stored (new, unchanged, or changed with the old value
// moved to observation_history), then the conditional-GET state.
class DatasetWriter {
 public:
  DatasetWriter(Db& db, int64_t run_id, const Provenance& prov, const WriteOptions& options)
      : db_(db), run_id_(run_id), prov_(prov), options_(options) {}

  Result<WriteStats> write(std::span<const Dataset> parts) {
    code_ = parts.front().code;
    RETURN_IF_ERROR(write_dataset_row(parts.front()));
    RETURN_IF_ERROR(write_shape(parts));
    RETURN_IF_ERROR(load_series_ids());
    RETURN_IF_ERROR(prepare_observation_statements());
    for (const Dataset& p : parts) total_ += static_cast<int64_t>(p.observations.size());
    for (const Dataset& part : parts) RETURN_IF_ERROR(write_observations(part));
    RETURN_IF_ERROR(write_http_cache());
    return stats_;
  }
  int64_t done() const { return done_; }
  int64_t total() const { return total_; }

 private:
  Status write_dataset_row(const Dataset& first) {
    ASSIGN_OR_RETURN(
        Stmt st,
        Stmt::prepare(db_,
                      "INSERT INTO datasets(code, label, source_updated, catalogue_updated, "
                      "last_stored_at, last_run_id, url) VALUES(?1,?2,?3,?4,?5,?6,?7) "
                      "ON CONFLICT(code) DO UPDATE SET "
                      "label=CASE WHEN ?2<>'' THEN ?2 ELSE label END, "
                      "source_updated=CASE WHEN ?3<>'' THEN ?3 ELSE source_updated END, "
                      "catalogue_updated=CASE WHEN ?4<>'' THEN ?4 ELSE catalogue_updated END, "
                      "last_stored_at=?5, last_run_id=?6, url=?7"));
    st.bind(1, code_).bind(2, first.label).bind(3, first.updated).bind(4, prov_.catalogue_updated);
    st.bind(5, prov_.stored_at).bind(6, run_id_).bind(7, prov_.url);
    return st.run();
  }

  // Dimensions (of the first part: the parts of one dataset share them),
  // codes with labels and flag labels (of every part).
  Status write_shape(std::span<const Dataset> parts) {
    ASSIGN_OR_RETURN(Stmt del, Stmt::prepare(db_, "DELETE FROM dimensions WHERE dataset=?"));
    ASSIGN_OR_RETURN(
        Stmt dim,
        Stmt::prepare(db_, "INSERT INTO dimensions(dataset, position, id, label) VALUES(?,?,?,?)"));
    ASSIGN_OR_RETURN(Stmt cod,
                     Stmt::prepare(db_,
                                   "INSERT INTO codes(dataset, dimension, code, label) "
                                   "VALUES(?1,?2,?3,?4) ON CONFLICT DO UPDATE SET label=?4 "
                                   "WHERE ?4<>''"));
    ASSIGN_OR_RETURN(
        Stmt flg,
        Stmt::prepare(db_,
                      "INSERT OR REPLACE INTO flag_labels(dataset, flag, label) VALUES(?,?,?)"));
    const Dataset& shape = parts.front();
    del.bind(1, code_);
    RETURN_IF_ERROR(del.run());
    for (size_t i = 0; i < shape.dimensions.size(); ++i) {
      dim.bind(1, code_)
          .bind(2, static_cast<int64_t>(i))
          .bind(3, shape.dimensions[i].id)
          .bind(4, shape.dimensions[i].label);
      RETURN_IF_ERROR(dim.run());
    }
    for (const Dataset& part : parts) {
      const size_t tdim = part.time_dimension();
      for (size_t i = 0; i < part.dimensions.size(); ++i) {
        const Dimension& d = part.dimensions[i];
        if (i == tdim) continue;
        for (size_t c = 0; c < d.codes.size(); ++c) {
          cod.bind(1, code_)
              .bind(2, d.id)
              .bind(3, d.codes[c])
              .bind(4, c < d.labels.size() ? d.labels[c] : "");
          RETURN_IF_ERROR(cod.run());
        }
      }
      for (const auto& [flag, label] : part.flag_labels) {
        flg.bind(1, code_).bind(2, flag).bind(3, label);
        RETURN_IF_ERROR(flg.run());
      }
    }
    return Status::Ok();
  }

  // The dataset's stored series, by their dimension codes.
  Status load_series_ids() {
    ASSIGN_OR_RETURN(Stmt st, Stmt::prepare(db_, "SELECT id, dims FROM series WHERE dataset=?"));
    st.bind(1, code_);
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      series_ids_.emplace(st.col_text(1), st.col_int(0));
    }
    return Status::Ok();
  }

  Status prepare_observation_statements() {
    ASSIGN_OR_RETURN(ins_series_, Stmt::prepare(db_,
                                                "INSERT INTO series(dataset, key, dims, geo) "
                                                "VALUES(?,?,?,?)"));
    ASSIGN_OR_RETURN(sel_obs_, Stmt::prepare(db_,
                                             "SELECT period, value, flags, run_id FROM "
                                             "observations WHERE series_id=?"));
    ASSIGN_OR_RETURN(ins_obs_, ObservationInserter::make(db_));
    ASSIGN_OR_RETURN(upd_obs_, Stmt::prepare(db_,
                                             "UPDATE observations SET value=?, flags=?, run_id=? "
                                             "WHERE series_id=? AND period=?"));
    ASSIGN_OR_RETURN(
        ins_hist_,
        Stmt::prepare(db_,
                      "INSERT INTO observation_history(series_id, period, value, flags, "
                      "written_by_run, replaced_by_run, replaced_at) VALUES(?,?,?,?,?,?,?)"));
    return Status::Ok();
  }

  // The observations of one part, in series order (for_each_observation).
  Status write_observations(const Dataset& part) {
    geo_dim_ = part.geo_dimension();
    ordinal_ids_.clear();
    current_ordinal_ = UINT64_MAX;
    for_each_observation(part, [&](const FlatObservation& o) {
      if (!failure_) write_observation(part, o);
    });
    if (failure_) return *failure_;
    return ins_obs_->flush();
  }

  // The hot path (once per observation): failures are kept in failure_
  // rather than returned, so that success costs no Status.
  void write_observation(const Dataset& part, const FlatObservation& o) {
    if (o.series_ordinal != current_ordinal_ && !ok(enter_series(part, o))) return;
    const ExistingObs* old = nullptr;
    if (!current_is_new_) {
      for (const ExistingObs& e : existing_)
        if (e.period == o.period) {
          old = &e;
          break;
        }
    }
    if (!old) {
      if (!ok(ins_obs_->add(current_id_, o.period, o.has_value, o.value, o.flags, run_id_))) return;
      ++stats_.rows_new;
    } else if (same_value(old->value, o.has_value, o.value) && old->flags == o.flags) {
      ++stats_.rows_unchanged;
    } else {
      ins_hist_->bind(1, current_id_).bind(2, old->period).bind(3, old->value).bind(4, old->flags);
      ins_hist_->bind(5, old->run_id).bind(6, run_id_).bind(7, prov_.stored_at);
      if (!ok(ins_hist_->run())) return;
      if (o.has_value)
        upd_obs_->bind(1, o.value);
      else
        upd_obs_->bind_null(1);
      upd_obs_->bind_text_static(2, o.flags)
          .bind(3, run_id_)
          .bind(4, current_id_)
          .bind_text_static(5, o.period);
      if (!ok(upd_obs_->run())) return;
      ++stats_.rows_changed;
    }
    ++done_;
    if (options_.progress && options_.progress_every > 0 && done_ % options_.progress_every == 0)
      options_.progress(done_, total_);
  }

  bool ok(const Status& s) {
    if (!s.ok()) failure_ = s.error();
    return s.ok();
  }

  // The first observation of a series in this part: finds or creates the
  // series and, for one stored before, reads its observations to compare.
  Status enter_series(const Dataset& part, const FlatObservation& o) {
    current_ordinal_ = o.series_ordinal;
    if (auto hit = ordinal_ids_.find(o.series_ordinal); hit != ordinal_ids_.end()) {
      current_id_ = hit->second;
      current_is_new_ = false;
    } else {
      std::string dims = series_dims(part, *o.coords);
      if (auto found = series_ids_.find(dims); found != series_ids_.end()) {
        current_id_ = found->second;
        current_is_new_ = false;
      } else {
        ins_series_->bind(1, code_).bind(2, series_key(part, *o.coords)).bind(3, dims);
        ins_series_->bind(4, geo_dim_ == std::string::npos
                                 ? std::string()
                                 : part.dimensions[geo_dim_].codes[(*o.coords)[geo_dim_]]);
        RETURN_IF_ERROR(ins_series_->run());
        current_id_ = db_.last_insert_rowid();
        series_ids_.emplace(std::move(dims), current_id_);
        current_is_new_ = true;
        ++stats_.series_new;
      }
      ordinal_ids_.emplace(o.series_ordinal, current_id_);
    }
    existing_.clear();
    if (current_is_new_) return Status::Ok();
    // A series seen before: its rows may still sit in the batch.
    RETURN_IF_ERROR(ins_obs_->flush());
    sel_obs_->bind(1, current_id_);
    for (;;) {
      auto row = sel_obs_->step();
      if (!row.ok()) {
        sel_obs_->reset();
        return row.error();
      }
      if (!*row) break;
      existing_.push_back(ExistingObs{
          sel_obs_->col_text(0),
          sel_obs_->col_null(1) ? std::nullopt : std::optional<double>(sel_obs_->col_double(1)),
          sel_obs_->col_text(2), sel_obs_->col_int(3)});
    }
    sel_obs_->reset();
    return Status::Ok();
  }

  Status write_http_cache() {
    if (prov_.etag.empty() && prov_.last_modified.empty()) return Status::Ok();
    ASSIGN_OR_RETURN(Stmt st, Stmt::prepare(db_,
                                            "INSERT OR REPLACE INTO http_cache(url, etag, "
                                            "last_modified, updated_at) VALUES(?,?,?,?)"));
    st.bind(1, prov_.url).bind(2, prov_.etag).bind(3, prov_.last_modified).bind(4, prov_.stored_at);
    return st.run();
  }

  Db& db_;
  const int64_t run_id_;
  const Provenance& prov_;
  const WriteOptions& options_;
  std::string code_;
  WriteStats stats_;
  int64_t total_ = 0, done_ = 0;
  std::unordered_map<std::string, int64_t> series_ids_;  // dims -> id, of the whole dataset
  std::optional<Stmt> ins_series_, sel_obs_, upd_obs_, ins_hist_;
  std::optional<ObservationInserter> ins_obs_;
  // The series being written, within one part.
  size_t geo_dim_ = std::string::npos;
  std::unordered_map<uint64_t, int64_t> ordinal_ids_;
  uint64_t current_ordinal_ = UINT64_MAX;
  int64_t current_id_ = 0;
  bool current_is_new_ = false;
  std::vector<ExistingObs> existing_;
  std::optional<Error> failure_;  // the first failure of write_observation
};

}  // namespace

Result<WriteStats> Store::write_dataset(int64_t run_id, std::span<const Dataset> parts,
                                        const Provenance& prov, const WriteOptions& options) {
  if (parts.empty()) return WriteStats{};
  auto fail = [&](const Error& e) { return e.with_context("storing " + parts.front().code); };
  auto tx = Transaction::begin(db_);
  if (!tx.ok()) return fail(tx.error());
  DatasetWriter writer(db_, run_id, prov, options);
  auto stats = writer.write(parts);
  if (!stats.ok()) return fail(stats.error());
  if (Status s = tx->commit(); !s.ok()) return fail(s.error());
  if (options.progress) options.progress(writer.done(), writer.total());
  return stats;
}

static DatasetState read_dataset_state(const Stmt& st) {
  return DatasetState{st.col_text(0), st.col_text(1), st.col_text(2),
                      st.col_text(3), st.col_text(4), st.col_text(5)};
}

static constexpr const char* kDatasetColumns =
    "SELECT code, label, source_updated, catalogue_updated, last_stored_at, url FROM datasets";

Result<std::optional<DatasetState>> Store::dataset_state(const std::string& code) {
  auto st = Stmt::prepare(db_, std::string(kDatasetColumns) + " WHERE code=?");
  if (!st.ok()) return st.error();
  st->bind(1, code);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<DatasetState>();
  return std::optional<DatasetState>(read_dataset_state(*st));
}

Result<std::string> Store::last_stored_query(const std::string& dataset) {
  auto st = Stmt::prepare(db_, "SELECT query FROM run_datasets WHERE dataset=? AND status IN (" +
                                   current_outcomes_sql() + ") ORDER BY rowid DESC LIMIT 1");
  if (!st.ok()) return st.error();
  st->bind(1, dataset);
  auto row = st->step();
  if (!row.ok()) return row.error();
  return *row ? st->col_text(0) : std::string();
}

Result<std::vector<DatasetState>> Store::datasets() {
  auto st = Stmt::prepare(db_, std::string(kDatasetColumns) + " ORDER BY code");
  if (!st.ok()) return st.error();
  std::vector<DatasetState> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    out.push_back(read_dataset_state(*st));
  }
  return out;
}

Status Store::replace_catalogue(const std::vector<CatalogueEntry>& entries,
                                const std::string& fetched_at) {
  auto tx = Transaction::begin(db_);
  if (!tx.ok()) return tx.error();
  if (Status s = db_.exec("DELETE FROM catalogue"); !s.ok()) return s;
  auto st = Stmt::prepare(
      db_,
      "INSERT OR IGNORE INTO catalogue(code, title, type, last_update, structure_change, "
      "data_start, data_end, path, fetched_at) VALUES(?,?,?,?,?,?,?,?,?)");
  if (!st.ok()) return st.error();
  for (const CatalogueEntry& e : entries) {
    st->bind(1, e.code)
        .bind(2, e.title)
        .bind(3, e.type)
        .bind(4, e.last_update)
        .bind(5, e.structure_change);
    st->bind(6, e.data_start).bind(7, e.data_end).bind(8, e.path).bind(9, fetched_at);
    if (Status s = st->run(); !s.ok()) return s;
  }
  return tx->commit();
}

static CatalogueEntry read_catalogue_row(const Stmt& st) {
  CatalogueEntry e;
  e.code = st.col_text(0);
  e.title = st.col_text(1);
  e.type = st.col_text(2);
  e.last_update = st.col_text(3);
  e.structure_change = st.col_text(4);
  e.data_start = st.col_text(5);
  e.data_end = st.col_text(6);
  e.path = st.col_text(7);
  return e;
}

Result<std::vector<CatalogueEntry>> Store::search_catalogue(const std::vector<std::string>& words,
                                                            int limit) {
  std::string sql =
      "SELECT code, title, type, last_update, structure_change, data_start, data_end, path FROM "
      "catalogue "
      "WHERE type<>'folder'";
  for (size_t i = 0; i < words.size(); ++i)
    sql += " AND (instr(lower(code), lower(?" + std::to_string(i + 1) +
           ")) > 0 OR instr(lower(title), lower(?" + std::to_string(i + 1) +
           ")) > 0 OR instr(lower(path), lower(?" + std::to_string(i + 1) + ")) > 0)";
  sql += " ORDER BY (type='dataset') DESC, code LIMIT ?" + std::to_string(words.size() + 1);
  auto st = Stmt::prepare(db_, sql);
  if (!st.ok()) return st.error();
  for (size_t i = 0; i < words.size(); ++i) st->bind(static_cast<int>(i + 1), words[i]);
  st->bind(static_cast<int>(words.size() + 1), limit);
  std::vector<CatalogueEntry> out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    out.push_back(read_catalogue_row(*st));
  }
  return out;
}

Result<std::optional<CatalogueEntry>> Store::catalogue_entry(const std::string& code) {
  auto st = Stmt::prepare(
      db_,
      "SELECT code, title, type, last_update, structure_change, data_start, data_end, path "
      "FROM catalogue WHERE code=?");
  if (!st.ok()) return st.error();
  st->bind(1, code);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<CatalogueEntry>();
  return std::optional<CatalogueEntry>(read_catalogue_row(*st));
}

Result<HttpCacheEntry> Store::http_cache(const std::string& url) {
  auto st = Stmt::prepare(db_, "SELECT etag, last_modified FROM http_cache WHERE url=?");
  if (!st.ok()) return st.error();
  st->bind(1, url);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return HttpCacheEntry{};
  return HttpCacheEntry{st->col_text(0), st->col_text(1)};
}

Status Store::put_http_cache(const std::string& url, const HttpCacheEntry& e,
                             const std::string& now) {
  if (e.etag.empty() && e.last_modified.empty()) return Status::Ok();
  auto st = Stmt::prepare(
      db_,
      "INSERT OR REPLACE INTO http_cache(url, etag, last_modified, updated_at) VALUES(?,?,?,?)");
  if (!st.ok()) return st.error();
  st->bind(1, url).bind(2, e.etag).bind(3, e.last_modified).bind(4, now);
  return st->run();
}

Result<std::vector<SeriesRow>> Store::query_series(const SeriesQuery& q) {
  std::string sql =
      "SELECT s.key, s.dims, s.geo, o.period, o.value, o.flags FROM series s "
      "JOIN observations o ON o.series_id = s.id WHERE s.dataset=?1";
  int next = 2;
  if (!q.geos.empty()) {
    sql += " AND s.geo IN (";
    for (size_t i = 0; i < q.geos.size(); ++i) sql += (i ? ",?" : "?") + std::to_string(next++);
    sql += ")";
  }
  int from_idx = 0, to_idx = 0;
  if (!q.from_period.empty()) {
    from_idx = next++;
    sql += " AND o.period >= ?" + std::to_string(from_idx);
  }
  if (!q.to_period.empty()) {
    to_idx = next++;
    sql += " AND o.period <= ?" + std::to_string(to_idx);
  }
  sql += " ORDER BY s.key, o.period";
  auto st = Stmt::prepare(db_, sql);
  if (!st.ok()) return st.error();
  st->bind(1, q.dataset);
  for (size_t i = 0; i < q.geos.size(); ++i) st->bind(static_cast<int>(2 + i), q.geos[i]);
  if (from_idx) st->bind(from_idx, q.from_period);
  if (to_idx) st->bind(to_idx, q.to_period);

  // Dimension filters: a series matches when, for every filtered dimension,
  // its code is one of the codes given for that dimension.
  std::map<std::string, std::vector<std::string>> wanted;
  for (const auto& [dim, c] : q.dims) wanted[dim].push_back(c);
  auto matches = [&](std::string_view dims) {
    if (wanted.empty()) return true;
    size_t hits = 0;
    for (std::string_view part : split(dims, ',')) {
      size_t eq = part.find('=');
      if (eq == std::string_view::npos) continue;
      auto it = wanted.find(std::string(part.substr(0, eq)));
      if (it == wanted.end()) continue;
      std::string_view c = part.substr(eq + 1);
      if (std::find(it->second.begin(), it->second.end(), c) == it->second.end()) return false;
      ++hits;
    }
    return hits == wanted.size();
  };

  std::vector<SeriesRow> out;
  std::string last_dims;
  bool last_match = false, first = true;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    std::string_view dims = st->col_text_view(1);
    // A dataset whose only dimension is time has one series with dims "";
    // it was never listed while "" doubled as "no series seen yet".
    if (first || dims != last_dims) {
      first = false;
      last_dims = std::string(dims);
      last_match = matches(dims);
    }
    if (!last_match) continue;
    SeriesRow r;
    r.dataset = q.dataset;
    r.series = st->col_text(0);
    r.dims = last_dims;
    r.geo = st->col_text(2);
    r.period = st->col_text(3);
    if (!st->col_null(4)) r.value = st->col_double(4);
    r.flags = st->col_text(5);
    out.push_back(std::move(r));
  }
  return out;
}

Result<int64_t> Store::history_count(const std::string& dataset) {
  auto st =
      Stmt::prepare(db_,
                    "SELECT COUNT(*) FROM observation_history h JOIN series s ON s.id=h.series_id "
                    "WHERE s.dataset=?");
  if (!st.ok()) return st.error();
  st->bind(1, dataset);
  auto row = st->step();
  if (!row.ok()) return row.error();
  return st->col_int(0);
}

}  // namespace omvarld
