#include "harvest/eurostat_collector.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/files.h"
#include "core/text.h"
#include "parse/catalogue.h"
#include "parse/eurostat_async.h"
#include "parse/eurostat_errors.h"
#include "parse/feed_encoding.h"
#include "parse/gzip.h"
#include "parse/jsonstat_parser.h"
#include "store/harvest_lock.h"

namespace omvarld {

int HarvestReport::failed() const {
  return static_cast<int>(
      std::count_if(outcomes.begin(), outcomes.end(),
                    [](const DatasetOutcome& o) { return o.status == OutcomeStatus::kFailed; }));
}

EurostatCollector::EurostatCollector(HttpClient& http, Store& store, Clock& clock, const Log& log,
                                     std::string base_url)
    : http_(http), store_(store), clock_(clock), log_(log), base_(std::move(base_url)) {}

Dataset filter_dataset(const Dataset& ds, const DataQuery& q) {
  Dataset out;
  out.code = ds.code;
  out.label = ds.label;
  out.updated = ds.updated;
  out.dimensions = ds.dimensions;
  out.flags = ds.flags;
  out.flag_labels = ds.flag_labels;
  out.time_role = ds.time_role;
  out.geo_role = ds.geo_role;
  const size_t n = ds.dimensions.size();
  const size_t tdim = ds.time_dimension();
  // allowed[d][c]: may category c of dimension d be kept?
  std::vector<std::vector<char>> allowed(n);
  std::map<std::string, std::set<std::string>> wanted;
  for (const auto& [k, v] : q.filters) wanted[k].insert(v);
  for (size_t d = 0; d < n; ++d) {
    const Dimension& dim = ds.dimensions[d];
    allowed[d].assign(dim.codes.size(), 1);
    auto it = wanted.find(dim.id);
    if (it != wanted.end())
      for (size_t c = 0; c < dim.codes.size(); ++c)
        allowed[d][c] = it->second.count(dim.codes[c]) ? 1 : 0;
    if (d == tdim) {
      std::vector<size_t> order(dim.codes.size());
      for (size_t c = 0; c < order.size(); ++c) order[c] = c;
      std::sort(order.begin(), order.end(),
                [&](size_t a, size_t b) { return dim.codes[a] < dim.codes[b]; });
      for (size_t rank = 0; rank < order.size(); ++rank) {
        const std::string& p = dim.codes[order[rank]];
        bool keep = true;
        if (!q.since_period.empty() && p < q.since_period) keep = false;
        if (!q.until_period.empty() && p.compare(0, q.until_period.size(), q.until_period) > 0)
          keep = false;
        if (q.last_periods > 0 && rank + static_cast<size_t>(q.last_periods) < order.size())
          keep = false;
        if (!keep) allowed[d][order[rank]] = 0;
      }
    }
  }
  std::vector<uint64_t> sizes(n);
  for (size_t d = 0; d < n; ++d) sizes[d] = ds.dimensions[d].codes.size();
  for (const Observation& o : ds.observations) {
    uint64_t rest = o.index();
    bool keep = true;
    for (size_t d = n; d-- > 0 && keep;) {
      keep = allowed[d][rest % sizes[d]] != 0;
      rest /= sizes[d];
    }
    if (keep) out.observations.push_back(o);
  }
  return out;
}

Status EurostatCollector::await_async(HttpResponse& resp, const std::string& source,
                                      std::size_t max_body_bytes, const HarvestOptions& options,
                                      int64_t& bytes) {
  if (resp.status < 200 || resp.status >= 300) return Status::Ok();
  std::optional<AsyncAnswer> first = parse_eurostat_async(resp.body);
  if (!first) return Status::Ok();
  // Eurostat's keys are UUIDs; anything far longer is not one (and is not
  // put into a URL or a message).
  if (first->key.empty() || first->key.size() > 200)
    return make_error(ErrorKind::kSource, source + ": Eurostat answered asynchronously (status " +
                                              first->status + ") but gave no usable key to poll");
  const std::string key = first->key;
  log_.info(source + ": Eurostat prepares the data asynchronously (key " + key +
            "); polling its status");
  std::chrono::milliseconds wait = options.async_first_wait, waited{0};
  std::string status = first->status;
  AsyncState state = first->state;
  for (int poll = 0; state != AsyncState::kAvailable; ++poll) {
    if (state == AsyncState::kFailed)
      return make_error(ErrorKind::kSource, source + ": Eurostat's asynchronous extraction " + key +
                                                " ended " + status +
                                                "; it is asked for again on the next harvest");
    if (poll >= options.async_max_polls)
      return make_error(ErrorKind::kNetwork,
                        source + ": Eurostat's asynchronous extraction " + key + " was still " +
                            status + " after " + std::to_string(poll) + " polls over " +
                            std::to_string(waited.count() / 1000) +
                            " s; gave up (it is asked for again on the next harvest)");
    clock_.sleep_for(wait);
    waited += wait;
    wait = std::min(wait * 2, options.async_max_wait);
    HttpRequest req;
    req.url = eurostat_async_status_url(base_, key);
    auto answer = http_.send(req);
    if (!answer.ok()) return answer.error().with_context(source + ": polling " + key);
    bytes += static_cast<int64_t>(answer->body.size());
    if (answer->status < 200 || answer->status >= 300)
      return eurostat_response_error(*answer, source + ": status of " + key);
    std::optional<AsyncAnswer> s = parse_eurostat_async(answer->body);
    if (!s) {
      std::string start(trim(answer->body.substr(0, 120)));
      utf8_cut(start, 120);
      make_valid_utf8(start);
      return make_error(ErrorKind::kParse, source + ": the status of asynchronous extraction " +
                                               key + " is not one Eurostat documents: \"" + start +
                                               "\"");
    }
    status = s->status;
    state = s->state;
    log_.progress(source + ": " + key + " " + status);
  }
  HttpRequest req;
  req.url = eurostat_async_data_url(base_, key);
  req.max_body_bytes = max_body_bytes;
  auto data = http_.send(req);
  if (!data.ok()) return data.error().with_context(source + ": data of " + key);
  bytes += static_cast<int64_t>(data->body.size());
  if (data->status < 200 || data->status >= 300)
    return eurostat_response_error(*data, source + ": data of " + key);
  resp = std::move(data).value();
  return Status::Ok();
}

Result<std::vector<Dataset>> EurostatCollector::fetch_split(const DataQuery& query,
                                                            const HarvestOptions& options,
                                                            int depth, int64_t& bytes) {
  const std::string url = statistics_url(base_, query);
  const std::string source = "Eurostat " + query.describe() + " (" + url + ")";
  HttpRequest req;
  req.url = url;
  auto resp = http_.send(req);
  if (!resp.ok()) return resp.error().with_context("Eurostat " + query.describe());
  bytes += static_cast<int64_t>(resp->body.size());
  RETURN_IF_ERROR(await_async(*resp, source, kMaxJsonStatBytes, options, bytes));
  Result<Dataset> parsed = make_error(ErrorKind::kParse, "");
  if (resp->status >= 200 && resp->status < 300) {
    parsed = parse_jsonstat(resp->body, source);
  } else {
    parsed = eurostat_response_error(*resp, source);
  }
  if (parsed.ok()) {
    parsed->code = query.dataset;
    std::vector<Dataset> out;
    out.push_back(std::move(parsed).value());
    return out;
  }
  if (parsed.error().kind != ErrorKind::kTooLarge) return parsed.error();
  return split_query(query, options, depth, bytes);
}

Result<std::vector<Dataset>> EurostatCollector::split_query(const DataQuery& query,
                                                            const HarvestOptions& options,
                                                            int depth, int64_t& bytes) {
  // 413: split on the filter dimension with the most codes.
  std::map<std::string, std::vector<std::string>> by_dim;
  for (const auto& [k, v] : query.filters) by_dim[k].push_back(v);
  std::string widest;
  size_t widest_n = 1;
  for (const auto& [k, vs] : by_dim)
    if (vs.size() > widest_n) {
      widest = k;
      widest_n = vs.size();
    }
  if (widest.empty() || depth >= options.max_split_depth) {
    log_.warning(query.describe() +
                 ": Eurostat says the extraction is too big and it cannot be split further; "
                 "downloading the whole dataset as SDMX-TSV and filtering it here");
    return fetch_bulk_tsv(query, options, bytes);
  }
  log_.info(query.describe() + ": too big for one request; splitting on " + widest + " (" +
            std::to_string(widest_n) + " codes)");
  DataQuery halves[2] = {query, query};
  for (auto& h : halves)
    h.filters.erase(std::remove_if(h.filters.begin(), h.filters.end(),
                                   [&](const auto& f) { return f.first == widest; }),
                    h.filters.end());
  const auto& codes = by_dim[widest];
  for (size_t i = 0; i < codes.size(); ++i)
    halves[i < codes.size() / 2 ? 0 : 1].filters.emplace_back(widest, codes[i]);
  std::vector<Dataset> out;
  for (const DataQuery& h : halves) {
    auto part = fetch_split(h, options, depth + 1, bytes);
    if (!part.ok()) return part.error();
    for (Dataset& d : *part) out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<Dataset>> EurostatCollector::fetch_bulk_tsv(const DataQuery& query,
                                                               const HarvestOptions& options,
                                                               int64_t& bytes) {
  const std::string url = sdmx_tsv_url(base_, query.dataset);
  const std::string source = "Eurostat bulk " + query.dataset + " (" + url + ")";
  HttpRequest req;
  req.url = url;
  req.max_body_bytes = kMaxBulkTsvBytes;
  auto resp = http_.send(req);
  if (!resp.ok()) return resp.error().with_context("Eurostat bulk " + query.dataset);
  bytes += static_cast<int64_t>(resp->body.size());
  RETURN_IF_ERROR(await_async(*resp, source, kMaxBulkTsvBytes, options, bytes));
  if (resp->status < 200 || resp->status >= 300) return eurostat_response_error(*resp, source);
  if (!looks_like_sdmx_tsv(resp->body)) {
    Error e = eurostat_response_error(*resp, source);
    if (e.kind == ErrorKind::kParse || e.kind == ErrorKind::kHttp)
      return make_error(ErrorKind::kParse,
                        source + ": the body is not SDMX-TSV" +
                            (looks_like_html(resp->body) ? " (an HTML page)" : ""));
    return e;
  }
  if (is_gzip(resp->body)) {
    // Inflated here so the compressed bytes are freed before parsing.
    auto text = gunzip(resp->body, options.tsv.max_decompressed_bytes, source);
    if (!text.ok()) return text.error();
    resp->body = std::move(text).value();
  }
  auto ds = parse_sdmx_tsv(resp->body, query.dataset, source, options.tsv);
  if (!ds.ok()) return ds.error();
  std::vector<Dataset> out;
  out.push_back(filter_dataset(*ds, query));
  return out;
}

bool EurostatCollector::unchanged_since_last_harvest(const DataQuery& query,
                                                     const std::string& described,
                                                     const std::string& catalogue_updated) {
  auto state = store_.dataset_state(query.dataset);
  auto last_query = store_.last_stored_query(query.dataset);
  return state.ok() && *state && (*state)->catalogue_updated == catalogue_updated &&
         last_query.ok() && *last_query == described;
}

Result<EurostatCollector::Fetched> EurostatCollector::fetch_query(const DataQuery& query,
                                                                  const HarvestOptions& options,
                                                                  const std::string& url,
                                                                  int64_t& bytes) {
  HttpRequest req;
  req.url = url;
  req.max_body_bytes = kMaxJsonStatBytes;
  if (!options.force) {
    if (auto cache = store_.http_cache(url); cache.ok()) {
      req.if_none_match = cache->etag;
      req.if_modified_since = cache->last_modified;
    }
  }
  const std::string source = "Eurostat " + query.describe() + " (" + url + ")";
  auto resp = http_.send(req);
  if (!resp.ok()) return resp.error().with_context("Eurostat " + query.describe());
  bytes = static_cast<int64_t>(resp->body.size());
  Fetched out;
  if (resp->not_modified()) {
    out.not_modified = true;
    return out;
  }
  RETURN_IF_ERROR(await_async(*resp, source, kMaxJsonStatBytes, options, bytes));
  Result<Dataset> parsed = (resp->status >= 200 && resp->status < 300)
                               ? parse_jsonstat(resp->body, source)
                               : Result<Dataset>(eurostat_response_error(*resp, source));
  if (parsed.ok()) {
    parsed->code = query.dataset;
    out.parts.push_back(std::move(parsed).value());
    out.etag = resp->etag();
    out.last_modified = resp->last_modified();
    return out;
  }
  if (!is_extraction_too_big(parsed.error())) return parsed.error();
  ASSIGN_OR_RETURN(out.parts, split_query(query, options, 0, bytes));
  return out;
}

DatasetOutcome EurostatCollector::harvest_one(int64_t run_id, const DataQuery& query,
                                              const HarvestOptions& options,
                                              const std::string& catalogue_updated) {
  DatasetOutcome out;
  out.dataset = query.dataset;
  out.query = query.describe();
  RunDatasetRecord rec;
  rec.dataset = query.dataset;
  rec.query = out.query;
  rec.started_at = now_time();
  const std::string url = statistics_url(base_, query);
  rec.url = url;

  auto finish = [&](DatasetOutcome o) {
    rec.status = o.status;
    rec.bytes = o.bytes;
    rec.stats = o.stats;
    rec.error = o.error;
    rec.finished_at = now_time();
    if (Status s = store_.record_run_dataset(run_id, rec); !s.ok()) log_.error(s.error().message);
    return o;
  };
  auto failed = [&](const Error& e) {
    out.status = OutcomeStatus::kFailed;
    out.error = e.message;
    return finish(out);
  };

  if (!options.force && !catalogue_updated.empty() &&
      unchanged_since_last_harvest(query, out.query, catalogue_updated)) {
    out.status = OutcomeStatus::kSkipped;
    out.error = "not updated since the last harvest (catalogue: " + catalogue_updated + ")";
    return finish(out);
  }

  auto fetched = fetch_query(query, options, url, out.bytes);
  if (!fetched.ok()) return failed(fetched.error());
  if (fetched->not_modified) {
    out.status = OutcomeStatus::kNotModified;
    return finish(out);
  }

  int64_t cells = 0;
  for (const Dataset& d : fetched->parts) cells += static_cast<int64_t>(d.observations.size());
  if (cells == 0) {
    // Stored all the same: the dataset's catalogue date lets an unchanged
    // dataset be skipped next time.
    out.status = OutcomeStatus::kNoData;
    out.error = "Eurostat has no data for this query";
  }
  Provenance prov;
  prov.url = url;
  prov.catalogue_updated = catalogue_updated;
  prov.stored_at = now();
  prov.etag = fetched->etag;
  prov.last_modified = fetched->last_modified;
  WriteOptions wo;
  wo.progress = [&](int64_t done, int64_t total) {
    log_.progress(query.dataset + ": stored " + with_thousands(done) + " of " +
                  with_thousands(total) + " values");
  };
  auto stats = store_.write_dataset(run_id, fetched->parts, prov, wo);
  if (!stats.ok()) return failed(stats.error());
  out.stats = *stats;
  return finish(out);
}

Result<HarvestReport> EurostatCollector::harvest(const std::vector<DataQuery>& plan,
                                                 const HarvestOptions& options,
                                                 const std::string& command) {
  auto lock = HarvestLock::acquire(store_.path());
  if (!lock.ok()) return lock.error();
  if (Status s = store_.mark_interrupted_runs(now_time()); !s.ok()) return s.error();
  auto run = store_.begin_run("harvest", command, now_time());
  if (!run.ok()) return run.error();
  HarvestReport report;
  report.run_id = *run;

  std::map<std::string, std::string> updates;  // dataset -> catalogue 'last update of data'
  if (options.use_catalogue) {
    auto entries = refresh_catalogue();
    if (entries.ok()) {
      report.catalogue_read = true;
      for (const auto& e : *entries)
        if (!e.last_update.empty()) updates.emplace(to_lower(e.code), e.last_update);
    } else {
      log_.warning("cannot read the Eurostat catalogue, so every dataset is harvested: " +
                   entries.error().message);
    }
  }

  for (size_t i = 0; i < plan.size(); ++i) {
    const DataQuery& q = plan[i];
    log_.progress("[" + std::to_string(i + 1) + "/" + std::to_string(plan.size()) + "] " +
                  q.dataset);
    auto it = updates.find(to_lower(q.dataset));
    DatasetOutcome o =
        harvest_one(report.run_id, q, options, it == updates.end() ? "" : it->second);
    std::string line = q.dataset + ": " + outcome_status_name(o.status);
    if (o.status == OutcomeStatus::kStored || o.status == OutcomeStatus::kNoData)
      line += " (" + with_thousands(o.stats.rows_new) + " new, " +
              with_thousands(o.stats.rows_changed) + " changed, " +
              with_thousands(o.stats.rows_unchanged) + " unchanged; " + with_thousands(o.bytes) +
              " bytes)";
    if (!o.error.empty() && o.status != OutcomeStatus::kStored) line += ": " + o.error;
    if (o.status == OutcomeStatus::kFailed)
      log_.error(line);
    else
      log_.info(line);
    report.outcomes.push_back(std::move(o));
  }
  int failed = report.failed();
  RunStatus status = run_status_of(failed, static_cast<int>(plan.size()));
  std::string note =
      std::to_string(plan.size() - failed) + " of " + std::to_string(plan.size()) +
      " datasets harvested" +
      (report.catalogue_read || !options.use_catalogue ? "" : "; catalogue unreadable");
  if (Status s = store_.finish_run(report.run_id, status, note, now_time()); !s.ok())
    return s.error();
  if (Status s = store_.checkpoint(); !s.ok()) log_.warning(s.error().message);
  return report;
}

Result<std::vector<DatasetOutcome>> EurostatCollector::import_file(const std::string& path,
                                                                   const std::string& dataset_code,
                                                                   const std::string& command) {
  auto read = read_file(path, "", kMaxImportFileBytes);
  if (!read.ok()) return read.error();
  std::string body = std::move(*read);
  const int64_t file_bytes = static_cast<int64_t>(body.size());
  if (is_gzip(body)) {
    // Inflated here, within the cap, so the compressed bytes are freed first.
    auto text = gunzip(body, HarvestOptions{}.tsv.max_decompressed_bytes, path);
    if (!text.ok()) return text.error();
    body = std::move(text).value();
  }
  std::string code = to_lower(dataset_code);
  std::vector<Dataset> datasets;
  std::string_view head = trim(strip_bom(std::string_view(body).substr(0, 64)));
  if (!head.empty() && head.front() == '{') {
    auto doc = parse_jsonstat_document(body, path);
    if (!doc.ok()) return doc.error();
    if (doc->datasets.size() > 1 && !code.empty())
      return make_error(ErrorKind::kUsage,
                        path + ": " + doc->what +
                            "; --dataset names one dataset, so import it without --dataset to "
                            "store each under its own name");
    if (doc->datasets.size() > 1) log_.info(path + ": " + doc->what + "; storing each");
    datasets = std::move(doc->datasets);
    const std::string stem = std::filesystem::path(path).stem().string();
    for (size_t i = 0; i < datasets.size(); ++i) {
      Dataset& ds = datasets[i];
      if (ds.code.empty() && datasets.size() > 1)
        ds.code = to_lower(stem) + "_" + std::to_string(i + 1);
      const std::string name = code.empty() ? ds.code : code;
      // Say which dimension holds the periods when the file does not.
      if (ds.time_role.empty()) {
        const size_t t = ds.time_dimension();
        log_.info(path + ": " + (name.empty() ? std::string("the dataset") : name) +
                  " names no time dimension (role.time); " +
                  (t == std::string::npos
                       ? std::string("no dimension is called time either, so "
                                     "its cells are stored without a period")
                       : "took `" + ds.dimensions[t].id + "` as time by its name"));
      }
    }
  } else if (looks_like_sdmx_tsv(body)) {
    if (code.empty()) {
      // "urb_percep.tsv", "estat_urb_percep.tsv.gz", "urb_percep_2004-2019.tsv" -> "urb_percep".
      std::string stem = to_lower(std::filesystem::path(path).filename().string());
      if (stem.rfind("estat_", 0) == 0) stem = stem.substr(6);
      size_t cut = stem.find_first_of('.');
      stem = stem.substr(0, cut);
      std::vector<std::string_view> parts = split(stem, '_');
      if (parts.size() >= 2 && parts[0].size() >= 3)
        code = std::string(parts[0]) + "_" + std::string(parts[1]);
      if (code.empty())
        return make_error(
            ErrorKind::kUsage,
            path + ": cannot tell which dataset this file holds; give --dataset CODE");
      log_.info(path + ": taking the dataset code from the file name: " + code +
                " (use --dataset to set it)");
    }
    auto parsed = parse_sdmx_tsv(body, code, path);
    if (!parsed.ok()) return parsed.error();
    datasets.push_back(std::move(parsed).value());
  } else {
    return make_error(ErrorKind::kParse,
                      path + ": neither JSON-stat nor SDMX-TSV" +
                          (looks_like_html(body) ? " (it is an HTML page)" : ""));
  }
  for (Dataset& ds : datasets) {
    if (!code.empty()) ds.code = code;
    if (ds.code.empty())
      return make_error(ErrorKind::kUsage,
                        path + ": the file does not name its dataset; give --dataset CODE");
  }

  auto run = store_.begin_run("import", command, now_time());
  if (!run.ok()) return run.error();
  std::vector<DatasetOutcome> outcomes;
  std::string failure;
  for (Dataset& ds : datasets) {
    DatasetOutcome out;
    out.dataset = ds.code;
    out.query = "file " + path;
    out.bytes = datasets.size() == 1 ? file_bytes : 0;
    Provenance prov;
    prov.url = std::filesystem::absolute(path).string();
    const UtcTime started = now_time();
    prov.stored_at = started.iso();
    RunDatasetRecord rec;
    rec.dataset = out.dataset;
    rec.query = out.query;
    rec.url = prov.url;
    rec.started_at = started;
    std::vector<Dataset> parts;
    parts.push_back(std::move(ds));
    auto stats = store_.write_dataset(*run, parts, prov);
    if (!stats.ok()) {
      out.status = OutcomeStatus::kFailed;
      out.error = stats.error().message;
      if (failure.empty()) failure = out.error;
    } else {
      out.status = OutcomeStatus::kStored;
      out.stats = *stats;
    }
    rec.status = out.status;
    rec.bytes = out.bytes;
    rec.stats = out.stats;
    rec.error = out.error;
    rec.finished_at = now_time();
    (void)store_.record_run_dataset(*run, rec);
    outcomes.push_back(std::move(out));
  }
  (void)store_.finish_run(*run, failure.empty() ? RunStatus::kOk : RunStatus::kFailed,
                          "file " + path, now_time());
  (void)store_.checkpoint();
  if (!failure.empty()) return make_error(ErrorKind::kDatabase, failure);
  return outcomes;
}

Result<std::vector<CatalogueEntry>> EurostatCollector::refresh_catalogue() {
  const std::string url = catalogue_toc_url(base_);
  const std::string source = "Eurostat catalogue (" + url + ")";
  HttpRequest req = HttpRequest::get(url);
  req.max_body_bytes = kMaxCatalogueBytes;
  auto resp = http_.send(req);
  if (!resp.ok()) return resp.error();
  if (resp->status != 200) return eurostat_response_error(*resp, source);
  auto entries = parse_catalogue_toc(resp->body, source);
  if (!entries.ok()) return entries.error();
  if (Status s = store_.replace_catalogue(*entries, now()); !s.ok()) return s.error();
  log_.info("catalogue: " + with_thousands(static_cast<long long>(entries->size())) + " entries");
  return entries;
}

Error eurostat_response_error(const HttpResponse& response, const std::string& source) {
  if (auto e = eurostat_error_body(response.status, response.body, source)) return *e;
  return http_status_error(response, source);
}

}  // namespace omvarld
