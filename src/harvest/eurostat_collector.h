// EurostatCollector: harvests Eurostat datasets into the Store.
//
// For each query of the plan: skip it when the catalogue says the dataset
// has not been updated since the last successful harvest of the same query
// (unless forced); fetch it from API Statistics as JSON-stat with a
// conditional GET; when Eurostat answers 413 EXTRACTION_TOO_BIG, split the
// query on its largest filter and fetch the halves, and when it cannot be
// split further, download the whole dataset as SDMX-TSV and filter it here;
// Eurostat answers with a key to poll instead of data (its asynchronous
// API), poll the key's status with backoff and then fetch the data; then
// write it in one transaction. A failing dataset is logged and recorded
// and the others go on. Every run is recorded in the runs tables.
//
// Side effects come in through HttpClient, Store, Clock and Log. Not
// thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/log.h"
#include "model/dataset.h"
#include "net/http_client.h"
#include "parse/catalogue.h"
#include "parse/eurostat_urls.h"
#include "parse/sdmx_tsv_parser.h"
#include "store/store.h"

namespace omvarld {

// Caps on what one Eurostat request may download, applied while it arrives
// (with the HTTP client's own cap, whichever is smaller). With the parsers'
// caps (kMaxObservations, TsvOptions) they keep a harvest or an import of
// any input under 1 GiB of memory.
constexpr std::size_t kMaxJsonStatBytes = 256u << 20;    // one JSON-stat response
constexpr std::size_t kMaxCatalogueBytes = 64u << 20;    // the table of contents (~5 MB)
constexpr std::size_t kMaxBulkTsvBytes = 256u << 20;     // one bulk SDMX-TSV download
constexpr std::size_t kMaxImportFileBytes = 256u << 20;  // a file given to `omvarld import`

struct HarvestOptions {
  bool force = false;         // harvest even when the catalogue says nothing changed
  bool use_catalogue = true;  // read the catalogue first (incremental harvests)
  int max_split_depth = 6;    // 2^6 = 64 parts at most before falling back to bulk TSV
  TsvOptions tsv;
  // Eurostat's asynchronous answers (a key instead of data,
  // parse/eurostat_async.h): the status is polled at most async_max_polls
  // times, first after async_first_wait, then twice as long each time up to
  // async_max_wait (about 9 minutes in all with these defaults), through the
  // Clock. Then the dataset fails with a message that says so.
  int async_max_polls = 12;
  std::chrono::milliseconds async_first_wait{5000};
  std::chrono::milliseconds async_max_wait{60000};
};

struct DatasetOutcome {
  std::string dataset;
  std::string query;
  OutcomeStatus status = OutcomeStatus::kStored;
  WriteStats stats;
  int64_t bytes = 0;
  std::string error;
};

struct HarvestReport {
  int64_t run_id = 0;
  bool catalogue_read = false;
  std::vector<DatasetOutcome> outcomes;
  int failed() const;
};

class EurostatCollector {
 public:
  EurostatCollector(HttpClient& http, Store& store, Clock& clock, const Log& log,
                    std::string base_url);

  // Harvests the plan. Takes the database's harvest lock for the whole run
  // (kBusy if another harvest holds it). The Result is an Error only when
  // the run could not happen at all; per-dataset failures are in the report.
  Result<HarvestReport> harvest(const std::vector<DataQuery>& plan, const HarvestOptions& options,
                                const std::string& command);

  // Fetches Eurostat's table of contents (capped at kMaxCatalogueBytes),
  // replaces the stored catalogue with it in one transaction and returns its
  // entries. An Error leaves the stored catalogue as it was.
  Result<std::vector<CatalogueEntry>> refresh_catalogue();

  // Stores a JSON-stat or SDMX-TSV file an analyst downloaded by hand.
  // `dataset_code` may be empty when the file names its dataset (JSON-stat
  // extension.id) or the file name starts with the code. A JSON-stat bundle
  // or collection stores each dataset it holds (then `dataset_code` must be
  // empty), in one run; one outcome per dataset.
  Result<std::vector<DatasetOutcome>> import_file(const std::string& path,
                                                  const std::string& dataset_code,
                                                  const std::string& command);

 private:
  Result<std::vector<Dataset>> fetch_split(const DataQuery& query, const HarvestOptions& options,
                                           int depth, int64_t& bytes);
  Result<std::vector<Dataset>> split_query(const DataQuery& query, const HarvestOptions& options,
                                           int depth, int64_t& bytes);
  Result<std::vector<Dataset>> fetch_bulk_tsv(const DataQuery& query, const HarvestOptions& options,
                                              int64_t& bytes);
  // What one query's request brought: the dataset (in parts when Eurostat
  // said 413 and the query was split), or "not modified".
  struct Fetched {
    bool not_modified = false;
    std::vector<Dataset> parts;
    std::string etag, last_modified;  // of the plain request, for the next conditional GET
  };
  // The query's data by a conditional GET (none with options.force), split on
  // 413. `bytes` counts what was downloaded, also when it fails.
  Result<Fetched> fetch_query(const DataQuery& query, const HarvestOptions& options,
                              const std::string& url, int64_t& bytes);
  // True when neither the data (per the catalogue) nor the query changed
  // since the last stored harvest of this dataset.
  // When `resp` is Eurostat's asynchronous answer: polls the key's status
  // (waiting through the Clock, as HarvestOptions say) and, once the data is
  // available, replaces `resp` with it. Any other response is left as it is.
  // An Error when the extraction fails, expires or never completes.
  Status await_async(HttpResponse& resp, const std::string& source, std::size_t max_body_bytes,
                     const HarvestOptions& options, int64_t& bytes);
  bool unchanged_since_last_harvest(const DataQuery& query, const std::string& described,
                                    const std::string& catalogue_updated);
  DatasetOutcome harvest_one(int64_t run_id, const DataQuery& query, const HarvestOptions& options,
                             const std::string& catalogue_updated);
  std::string now() { return format_iso8601_utc(clock_.now_unix()); }
  UtcTime now_time() { return UtcTime{clock_.now_unix()}; }

  HttpClient& http_;
  Store& store_;
  Clock& clock_;
  const Log& log_;
  std::string base_;
};

// Keeps only the observations that match the query's filters and time
// filters (used after a bulk TSV download). Pure.
Dataset filter_dataset(const Dataset& ds, const DataQuery& query);

// A response Eurostat sent instead of data (a status outside 2xx, or a 2xx
// HTML page) as an Error naming `source`: Eurostat's own error body where it
// sent one (parse/eurostat_errors.h), else net's http_status_error.
Error eurostat_response_error(const HttpResponse& response, const std::string& source);

}  // namespace omvarld
