// Store: omvarld's SQLite database. Datasets, series, observations with their
// revision history, harvest runs, the Eurostat catalogue and conditional-GET
// state. See schema.cpp for the tables.
//
// Every dataset is written in one transaction: a failed or killed harvest
// leaves the earlier data as it was. A harvest never deletes observations; a
// changed value or flag moves the old version to observation_history with the
// run that replaced it.
//
// One Store per thread; several processes may open the same file (WAL).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/civil_time.h"
#include "core/result.h"
#include "model/dataset.h"
#include "model/harvest_outcome.h"
#include "parse/catalogue.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace omvarld {

// Where a dataset came from, recorded with it.
struct Provenance {
  std::string url;                // URL or file path
  std::string catalogue_updated;  // catalogue 'last update of data' (ISO date); may be empty
  std::string stored_at;          // ISO 8601 UTC
  // Conditional-GET state to remember for `url`, written in the same
  // transaction as the data so the two never disagree. Empty: none.
  std::string etag;
  std::string last_modified;
};

struct WriteStats {
  int64_t rows_new = 0;
  int64_t rows_changed = 0;
  int64_t rows_unchanged = 0;
  int64_t series_new = 0;
};

struct WriteOptions {
  // Called every `progress_every` observations with the number written so far.
  std::function<void(int64_t done, int64_t total)> progress;
  int64_t progress_every = 100000;
};

struct DatasetState {
  std::string code;
  std::string label;
  std::string source_updated;
  std::string catalogue_updated;
  std::string last_stored_at;
  std::string url;
};

struct RunDatasetRecord {
  std::string dataset;
  std::string query;
  std::string url;
  OutcomeStatus status = OutcomeStatus::kFailed;
  int64_t bytes = 0;
  WriteStats stats;
  std::string error;
  UtcTime started_at;
  UtcTime finished_at;
};

struct RunSummary {
  int64_t id = 0;
  std::string kind;
  std::string command;
  UtcTime started_at;
  std::optional<UtcTime> finished_at;  // nullopt while running
  RunStatus status = RunStatus::kRunning;
  std::string note;
  int datasets_ok = 0;
  int datasets_failed = 0;
  int64_t rows_new = 0;
  int64_t rows_changed = 0;
};

struct SeriesQuery {
  std::string dataset;  // required
  std::vector<std::pair<std::string, std::string>>
      dims;                       // all must match; same dim repeated = any of
  std::vector<std::string> geos;  // empty: all
  std::string from_period;        // inclusive; empty: no bound
  std::string to_period;          // inclusive
};

struct SeriesRow {
  std::string dataset;
  std::string series;  // key, "A.DE1001V.SE001C"
  std::string dims;    // "freq=A,indic_ur=DE1001V,cities=SE001C"
  std::string geo;
  std::string period;
  std::optional<double> value;
  std::string flags;
};

struct HttpCacheEntry {
  std::string etag;
  std::string last_modified;
};

class Store {
 public:
  // Opens the database (data and decisions files, see schema.h) as `access`
  // allows: kCreate creates the files and their folder when missing and
  // migrates; kReadWrite needs an existing database and migrates; kRead
  // opens both read-only and changes nothing.
  static Result<Store> open(const std::string& path, Access access = Access::kCreate,
                            bool new_decisions = false);

  const std::string& path() const { return db_.path(); }

  // Copies the write-ahead log into the database file and truncates it.
  // Harvests call this once at the end of a run. Never loses data: the WAL
  // is durable on its own; this only keeps it from growing.
  Status checkpoint();

  // Backs up both files: the decisions file to decisions_path(dest), then
  // the data file to `dest` (so a decision never refers to an item the copy
  // lacks); see backup_database(). `dest` appears last, when all is copied.
  Status backup(const std::string& dest);
  Db& db() { return db_; }

  // Runs.
  Result<int64_t> begin_run(const std::string& kind, const std::string& command, UtcTime now);
  Status finish_run(int64_t run_id, RunStatus status, const std::string& note, UtcTime now);
  Status record_run_dataset(int64_t run_id, const RunDatasetRecord& record);
  // Marks runs still 'running' as 'interrupted' (call while holding the harvest lock).
  Status mark_interrupted_runs(UtcTime now);
  Result<std::vector<RunSummary>> recent_runs(int limit);
  Result<std::vector<RunDatasetRecord>> run_datasets(int64_t run_id);

  // Writes all parts of one dataset (a split query has several) in one
  // transaction. Parts must share the dataset code.
  Result<WriteStats> write_dataset(int64_t run_id, std::span<const Dataset> parts,
                                   const Provenance& provenance, const WriteOptions& options = {});

  Result<std::optional<DatasetState>> dataset_state(const std::string& code);
  // The query text of the last harvest that stored `dataset`; "" if none.
  Result<std::string> last_stored_query(const std::string& dataset);
  Result<std::vector<DatasetState>> datasets();

  // The catalogue: replaced whole on each successful read.
  Status replace_catalogue(const std::vector<CatalogueEntry>& entries,
                           const std::string& fetched_at);
  // Entries whose code or title contains every word (case-insensitive).
  Result<std::vector<CatalogueEntry>> search_catalogue(const std::vector<std::string>& words,
                                                       int limit);
  Result<std::optional<CatalogueEntry>> catalogue_entry(const std::string& code);

  Result<HttpCacheEntry> http_cache(const std::string& url);
  Status put_http_cache(const std::string& url, const HttpCacheEntry& entry,
                        const std::string& now);

  // Observations of matching series, ordered by series then period.
  Result<std::vector<SeriesRow>> query_series(const SeriesQuery& query);
  // Number of earlier (revised) versions kept for the dataset's observations.
  Result<int64_t> history_count(const std::string& dataset);

 private:
  explicit Store(Db db) : db_(std::move(db)) {}
  Db db_;
};

}  // namespace omvarld
