#include "harvest/feed_collector.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <utility>

#include "core/text.h"
#include "parse/eu_api_parsers.h"
#include "parse/feed_parser.h"
#include "parse/feed_uri.h"
#include "store/harvest_lock.h"
#include "store/item_store.h"

namespace omvarld {

int FeedHarvestReport::failed() const {
  return static_cast<int>(
      std::count_if(outcomes.begin(), outcomes.end(),
                    [](const SourceOutcome& o) { return o.status == OutcomeStatus::kFailed; }));
}

std::string page_url(const FeedSource& source, int page) {
  const std::string param = source.kind == SourceKind::kSedia ? "pageNumber=" : "page=";
  const int value = source.kind == SourceKind::kSedia ? page + 1 : page;
  std::string url = source.url;
  size_t q = url.find('?');
  size_t at = std::string::npos;
  for (size_t p = q; p != std::string::npos && p < url.size(); p = url.find('&', p + 1)) {
    if (url.compare(p + 1, param.size(), param) == 0) {
      at = p + 1;
      break;
    }
  }
  if (at == std::string::npos)
    return url + (q == std::string::npos ? "?" : "&") + param + std::to_string(value);
  size_t end = url.find('&', at);
  return url.substr(0, at) + param + std::to_string(value) +
         (end == std::string::npos ? "" : url.substr(end));
}

std::string sedia_request_body(std::string& boundary) {
  boundary = "omvarld-boundary-7f3a9c2e";
  // Calls for proposals, grants and cascade funding that are open or forthcoming.
  const std::string query =
      R"({"bool":{"must":[{"terms":{"type":["1","2","8"]}},{"terms":{"status":["31094501","31094502"]}}]}})";
  std::string body;
  for (auto [name, value] :
       {std::pair<const char*, std::string>{"query", query}, {"languages", R"(["en"])"}}) {
    body += "--" + boundary + "\r\n";
    body +=
        std::string("Content-Disposition: form-data; name=\"") + name + "\"; filename=\"blob\"\r\n";
    body += "Content-Type: application/json\r\n\r\n" + value + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  return body;
}

namespace {

// An item to score, with what is stored for it.
struct ToScore {
  int64_t id = 0;
  std::string title, topics, summary, identifiers;
  bool had_score = false;
  int64_t score = 0;
  bool flagged = false;
  std::string grade, themes, why, committee;
  double model_p = 0;
  std::string version;
};

// What scoring gave an item, as it is stored.
struct Scored {
  int score = 0;
  bool flagged = false;
  Grade grade = Grade::kNone;
  std::string themes, why, committee;
  double p = 0;
};

// The rules' part of a score: a function of the four texts alone.
Scored score_rules(const RelevanceScorer& scorer, std::string_view title, std::string_view topics,
                   std::string_view summary, std::string_view identifiers) {
  Relevance r = scorer.score(title, topics, summary, identifiers);
  return Scored{r.score, r.flagged, r.grade, r.theme_ids(), r.why(), std::move(r.committee), 0};
}

Scored score_one(const RelevanceScorer& scorer, const VerdictModel& model, const ToScore& t) {
  Scored s = score_rules(scorer, t.title, t.topics, t.summary, t.identifiers);
  if (!model.empty()) s.p = model.predict(t.title, t.topics, t.summary, s.score);
  return s;
}

// Below this many items one thread scores them all: a second scorer costs
// its own construction (stems, profiles, model) and a thread.
constexpr size_t kParallelScoringFrom = 1000;

bool two_cores() { return std::thread::hardware_concurrency() >= 2; }

// A second thread that is joined on every path. Unwinding past it (an
// exception on the thread that started it) runs `stop` first, so that it
// finishes soon, then joins it: a joinable std::thread destroyed would abort
// the process. An exception of the task's own is rethrown by join().
class JoinedThread {
 public:
  JoinedThread() = default;
  JoinedThread(const JoinedThread&) = delete;
  JoinedThread& operator=(const JoinedThread&) = delete;
  ~JoinedThread() {
    if (!thread_.joinable()) return;
    if (stop_) stop_();
    thread_.join();
  }
  template <typename Task>
  void start(Task task, std::function<void()> stop) {
    stop_ = std::move(stop);
    thread_ = std::thread([this, task = std::move(task)]() mutable {
      try {
        task();
      } catch (...) {
        error_ = std::current_exception();
      }
    });
  }
  // Waits for the task; rethrows what it threw.
  void join() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  std::function<void()> stop_;
  std::thread thread_;
  std::exception_ptr error_;
};

// Hands out [from, to) ranges of `size` tasks to threads that share them.
class WorkQueue {
 public:
  explicit WorkQueue(size_t size, size_t chunk) : size_(size), chunk_(chunk) {}
  // Runs `task(i)` for each index not yet taken, until none is left.
  template <typename Task>
  void drain(Task&& task) {
    for (size_t from = next_.fetch_add(chunk_); from < size_; from = next_.fetch_add(chunk_))
      for (size_t i = from; i < std::min(size_, from + chunk_); ++i) task(i);
  }
  // Leaves the tasks not yet taken undone.
  void cancel() { next_.store(size_); }

 private:
  size_t size_, chunk_;
  std::atomic<size_t> next_{0};
};

// Scores every item of `todo`: on two threads when there are many and the
// machine has two cores. The scorer is not thread-safe, so the second thread
// uses `second`, built from the same rules on first use and kept for the
// next call; its results are the same, a scorer being a pure function of
// rules and item. Scoring is the largest part of a first harvest.
std::vector<Scored> score_all(const RelevanceScorer& scorer, std::optional<RelevanceScorer>& second,
                              const VerdictModel& model, const std::vector<const ToScore*>& todo) {
  std::vector<Scored> out(todo.size());
  WorkQueue queue(todo.size(), 256);
  auto work = [&](const RelevanceScorer& s) {
    queue.drain([&](size_t i) { out[i] = score_one(s, model, *todo[i]); });
  };
  if (todo.size() < kParallelScoringFrom || !two_cores()) {
    work(scorer);
    return out;
  }
  JoinedThread helper;
  helper.start(
      [&] {
        if (!second) second.emplace(scorer.rules());
        work(*second);
      },
      [&] { queue.cancel(); });
  work(scorer);
  helper.join();
  return out;
}

// The rules' scores of a harvest's parsed items, computed while the items
// are stored (a first harvest of a source: every item is new and will be
// scored), so that storing and scoring share the two cores. A rescore then
// takes the score of an item whose four texts are exactly those of a parsed
// item from here; a score is a pure function of the rules and those texts,
// so it is the score the rescore would compute. Anything else (an item
// merged, changed on the way) is not found and is scored as usual.
class Prescored {
 public:
  explicit Prescored(const std::vector<FeedItem>& items)
      : items_(items),
        topics_(items.size()),
        ids_(items.size()),
        scored_(items.size()),
        queue_(items.size(), 64) {
    // The texts as the store keeps them and the rescore reads them.
    for (size_t i = 0; i < items.size(); ++i) {
      topics_[i] = stored_topics(items[i]);
      ids_[i] = item_identifiers(items[i].guid, items[i].reference);
      by_hash_.emplace(hash(items[i].title, topics_[i], items[i].summary, ids_[i]), i);
    }
  }
  // Scores items not yet taken by another thread, until none is left.
  void work(const RelevanceScorer& scorer) {
    queue_.drain([&](size_t i) {
      scored_[i] = score_rules(scorer, items_[i].title, topics_[i], items_[i].summary, ids_[i]);
    });
  }
  void cancel() { queue_.cancel(); }
  // REQUIRES: every thread's work() has returned (and been joined).
  const Scored* find(const ToScore& t) const {
    auto [from, to] = by_hash_.equal_range(hash(t.title, t.topics, t.summary, t.identifiers));
    for (auto at = from; at != to; ++at) {
      const size_t i = at->second;
      if (items_[i].title == t.title && topics_[i] == t.topics && items_[i].summary == t.summary &&
          ids_[i] == t.identifiers)
        return &scored_[i];
    }
    return nullptr;
  }

 private:
  static size_t hash(std::string_view a, std::string_view b, std::string_view c,
                     std::string_view d) {
    std::hash<std::string_view> h;
    return ((h(a) * 31 + h(b)) * 31 + h(c)) * 31 + h(d);
  }
  const std::vector<FeedItem>& items_;
  std::vector<std::string> topics_, ids_;
  std::vector<Scored> scored_;
  std::unordered_multimap<size_t, size_t> by_hash_;
  WorkQueue queue_;
};

Result<int64_t> rescore_with(Store& store, const RelevanceScorer& scorer,
                             std::optional<RelevanceScorer>& second, const std::string& now,
                             const std::string& source, int64_t run_id, const Prescored* pre);

// True when the source holds no item yet: its harvest stores every item as new.
bool holds_no_items(Store& store, const std::string& source) {
  auto st = Stmt::prepare(store.db(), "SELECT NOT EXISTS(SELECT 1 FROM items WHERE source=?)");
  if (!st.ok()) return false;
  st->bind(1, source);
  auto row = st->step();
  return row.ok() && *row && st->col_int(0) != 0;
}

}  // namespace

FeedCollector::FeedCollector(HttpClient& http, Store& store, Clock& clock, const Log& log,
                             const RelevanceScorer& scorer)
    : http_(http), store_(store), clock_(clock), log_(log), scorer_(scorer) {}

Result<std::vector<FeedItem>> FeedCollector::fetch_pages(const FeedSource& source,
                                                         SourceOutcome& out) {
  std::vector<FeedItem> items;
  for (int page = 0; page < source.max_pages; ++page) {
    HttpRequest req = HttpRequest::get(page_url(source, page));
    req.user_agent = source.user_agent;
    req.max_body_bytes = kMaxApiPageBytes;
    std::string boundary;
    if (source.kind == SourceKind::kSedia) {
      req.method = "POST";
      req.body = sedia_request_body(boundary);
      req.headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
    }
    req.headers["Accept"] = "application/json";
    const std::string name = source.id + " page " +
                             std::to_string(page + (source.kind == SourceKind::kSedia)) + " (" +
                             req.url + ")";
    auto resp = http_.send(req);
    if (!resp.ok()) return resp.error().with_context(source.id);
    out.bytes += static_cast<int64_t>(resp->body.size());
    if (resp->status < 200 || resp->status >= 300) return http_status_error(*resp, name);
    auto parsed = source.kind == SourceKind::kHys
                      ? parse_hys_page(resp->body, name)
                      : parse_sedia_page(resp->body, source.page_size, name);
    if (!parsed.ok()) return parsed.error();
    size_t got = parsed->items.size();
    for (FeedItem& i : parsed->items) items.push_back(std::move(i));
    log_.progress(
        source.id + ": page " + std::to_string(page + 1) +
        (parsed->total_pages ? " of " + std::to_string(parsed->total_pages) : std::string()) +
        ", " + std::to_string(items.size()) + " items");
    bool last = got == 0 || (parsed->total_pages > 0 && page + 1 >= parsed->total_pages) ||
                (parsed->total_pages == 0 && static_cast<int>(got) < source.page_size);
    if (last) return items;
  }
  out.warnings.push_back(source.id +
                         ": stopped after max_pages = " + std::to_string(source.max_pages) +
                         " pages; raise it in sources.toml to read further");
  return items;
}

SourceOutcome FeedCollector::harvest_one(int64_t run_id, const FeedSource& source) {
  SourceOutcome out;
  out.source = source.id;
  ItemStore items(store_.db());
  const UtcTime started{clock_.now_unix()};
  auto finish = [&](SourceOutcome o) {
    const UtcTime finished{clock_.now_unix()};
    const std::string now = finished.iso();
    if (Status s = items.record_source_result(
            source.id, now, o.status == OutcomeStatus::kFailed ? o.error : "", o.warnings);
        !s.ok())
      log_.error(s.error().message);
    RunDatasetRecord rec;
    rec.dataset = "feed:" + source.id;
    rec.query = source_kind_name(source.kind);
    rec.url = source.url;
    rec.status = o.status;
    rec.bytes = o.bytes;
    rec.stats.rows_new = o.new_items;
    rec.stats.rows_changed = o.changed;
    rec.stats.rows_unchanged = o.unchanged;
    rec.error = o.error;
    rec.started_at = started;
    rec.finished_at = finished;
    if (Status s = store_.record_run_dataset(run_id, rec); !s.ok()) log_.error(s.error().message);
    return o;
  };
  if (Status s =
          items.upsert_source({source.id, source_kind_name(source.kind), source.url, source.title});
      !s.ok()) {
    out.status = OutcomeStatus::kFailed;
    out.error = s.error().message;
    return finish(out);
  }
  std::vector<FeedItem> fetched;
  HttpCacheEntry validators;
  if (source.kind == SourceKind::kRss) {
    HttpRequest req = HttpRequest::get(source.url);
    req.user_agent = source.user_agent;
    req.max_body_bytes = FeedParseOptions{}.max_bytes;  // refused while downloading
    auto cache = store_.http_cache(source.url);
    if (cache.ok()) {
      req.if_none_match = cache->etag;
      req.if_modified_since = cache->last_modified;
    }
    auto resp = http_.send(req);
    if (!resp.ok()) {
      out.status = OutcomeStatus::kFailed;
      out.error = resp.error().with_context(source.id).message;
      return finish(out);
    }
    out.bytes = static_cast<int64_t>(resp->body.size());
    if (resp->not_modified()) {
      out.status = OutcomeStatus::kNotModified;
      return finish(out);
    }
    if (resp->status < 200 || resp->status >= 300) {
      out.status = OutcomeStatus::kFailed;
      out.error = http_status_error(*resp, source.id + " (" + source.url + ")").message;
      return finish(out);
    }
    // Relative links resolve against the document's own URI: its
    // Content-Location, else where it was fetched from (after redirects).
    FeedParseOptions parse_options;
    parse_options.document_uri = resp->effective_url.empty() ? source.url : resp->effective_url;
    if (std::string at = resp->header("content-location"); !at.empty())
      parse_options.document_uri = resolve_uri(parse_options.document_uri, at);
    auto feed = parse_feed(resp->body, resp->content_type(), source.id + " (" + source.url + ")",
                           parse_options);
    if (!feed.ok()) {
      out.status = OutcomeStatus::kFailed;
      out.error = feed.error().message;
      return finish(out);
    }
    out.warnings = feed->warnings;
    fetched = std::move(feed->items);
    validators = HttpCacheEntry{resp->etag(), resp->last_modified()};
  } else {
    auto pages = fetch_pages(source, out);
    if (!pages.ok()) {
      out.status = OutcomeStatus::kFailed;
      out.error = pages.error().message;
      return finish(out);
    }
    fetched = std::move(pages).value();
  }
  std::string now = format_iso8601_utc(clock_.now_unix());
  // A first harvest of a source of many items: the second core scores the
  // parsed items while this thread stores them, and this one joins in once
  // they are stored (the part of a first harvest that was wall time twice).
  std::optional<RelevanceScorer> second;
  std::optional<Prescored> pre;
  JoinedThread helper;  // after `second` and `pre`: destroyed (joined) before them
  if (fetched.size() >= kParallelScoringFrom && two_cores() && holds_no_items(store_, source.id)) {
    pre.emplace(fetched);
    helper.start(
        [&] {
          second.emplace(scorer_.rules());
          pre->work(*second);
        },
        [&] { pre->cancel(); });
  }
  auto stats = items.write_items(run_id, source.id, fetched, now);
  if (pre) {
    if (stats.ok())
      pre->work(scorer_);
    else
      pre->cancel();
    helper.join();
  }
  if (!stats.ok()) {
    out.status = OutcomeStatus::kFailed;
    out.error = stats.error().message;
    return finish(out);
  }
  out.status = OutcomeStatus::kStored;
  out.new_items = stats->new_items;
  out.changed = stats->changed;
  out.unchanged = stats->unchanged;
  // Validators only once the items are safely stored.
  if (Status s = store_.put_http_cache(source.url, validators, now); !s.ok())
    log_.warning(s.error().message);
  if (auto scored =
          rescore_with(store_, scorer_, second, now, source.id, run_id, pre ? &*pre : nullptr);
      !scored.ok())
    log_.warning(scored.error().message);
  return finish(out);
}

Result<FeedHarvestReport> FeedCollector::harvest(const std::vector<FeedSource>& sources,
                                                 const std::string& command) {
  auto lock = HarvestLock::acquire(store_.path());
  if (!lock.ok()) return lock.error();
  const UtcTime now{clock_.now_unix()};
  if (Status s = store_.mark_interrupted_runs(now); !s.ok()) return s.error();
  auto run = store_.begin_run("feeds", command, now);
  if (!run.ok()) return run.error();
  FeedHarvestReport report;
  report.run_id = *run;
  for (const FeedSource& source : sources) {
    if (!source.enabled) continue;
    log_.progress(source.id + ": fetching");
    SourceOutcome o = harvest_one(report.run_id, source);
    std::string line = "feed " + source.id + ": " + outcome_status_name(o.status);
    if (o.status == OutcomeStatus::kStored)
      line += " (" + with_thousands(o.new_items) + " new, " + with_thousands(o.changed) +
              " changed, " + with_thousands(o.unchanged) + " unchanged; " +
              with_thousands(o.bytes) + " bytes)";
    if (o.status == OutcomeStatus::kFailed)
      log_.error(line + ": " + o.error);
    else
      log_.info(line);
    for (const auto& w : o.warnings) log_.warning(w);
    report.outcomes.push_back(std::move(o));
  }
  int failed = report.failed();
  int total = static_cast<int>(report.outcomes.size());
  RunStatus status = run_status_of(failed, total);
  if (Status s = store_.finish_run(
          report.run_id, status,
          std::to_string(total - failed) + " of " + std::to_string(total) + " sources harvested",
          UtcTime{clock_.now_unix()});
      !s.ok())
    return s.error();
  (void)store_.checkpoint();
  return report;
}

Result<int64_t> rescore_items(Store& store, const RelevanceScorer& scorer, const std::string& now,
                              const std::string& source, int64_t run_id) {
  std::optional<RelevanceScorer> second;
  return rescore_with(store, scorer, second, now, source, run_id, nullptr);
}

namespace {

Result<int64_t> rescore_with(Store& store, const RelevanceScorer& scorer,
                             std::optional<RelevanceScorer>& second, const std::string& now,
                             const std::string& source, int64_t run_id, const Prescored* pre) {
  // Each item with the score stored for it, so that a score that has not
  // changed (most of them, in a harvest that changed few items) is not
  // written again; and whether the item changed since it was scored (a
  // change always leaves item_history rows: this run's, or an earlier one's
  // whose rescore failed or was killed).
  auto st = Stmt::prepare(
      store.db(),
      "SELECT i.id, i.title, i.topics, i.summary, i.guid, s.score, "
      "s.flagged, s.grade, s.themes, s.why, s.committee, s.model_p, s.item_id IS NOT NULL, "
      "s.rules_version, EXISTS(SELECT 1 FROM item_history h WHERE h.item_id = i.id AND "
      "(h.run_id = ?2 OR h.changed_at > s.scored_at)), i.reference "
      "FROM items i LEFT JOIN item_scores s ON s.item_id = i.id "
      "WHERE ?1='' OR i.source=?1 ORDER BY i.id");
  if (!st.ok()) return st.error();
  st->bind(1, source).bind(2, run_id);
  ItemStore items(store.db());
  auto model = items.load_model();
  if (!model.ok()) return model.error();
  const std::string& version = scorer.rules().version;
  // What neither the item nor the rules changed keeps its score. A trained
  // model has no version, so with one every item is scored (training itself
  // rescores everything).
  const bool may_keep = run_id != 0 && !version.empty() && model->empty();
  // Read, scored and compared a part at a time, so that a rescore of every
  // item holds a part's texts in memory, not all of them.
  constexpr size_t kPart = 2048;
  std::vector<ToScore> todo;
  std::vector<ItemStore::ScoreRecord> rows;
  int64_t total = 0;
  auto score_part = [&] {
    // What the harvest scored already is taken; the rest is scored here.
    std::vector<Scored> scored(todo.size());
    std::vector<const ToScore*> rest;
    std::vector<size_t> rest_at;
    for (size_t i = 0; i < todo.size(); ++i) {
      if (const Scored* found = pre ? pre->find(todo[i]) : nullptr) {
        scored[i] = *found;
        if (!model->empty())
          scored[i].p =
              model->predict(todo[i].title, todo[i].topics, todo[i].summary, scored[i].score);
        continue;
      }
      rest.push_back(&todo[i]);
      rest_at.push_back(i);
    }
    std::vector<Scored> computed = score_all(scorer, second, *model, rest);
    for (size_t k = 0; k < rest.size(); ++k) scored[rest_at[k]] = std::move(computed[k]);
    for (size_t i = 0; i < todo.size(); ++i) {
      const ToScore& t = todo[i];
      const Scored& r = scored[i];
      const bool same = t.had_score && t.score == r.score && t.flagged == r.flagged &&
                        t.grade == grade_name(r.grade) && t.themes == r.themes && t.why == r.why &&
                        t.committee == r.committee && (model->empty() || t.model_p == r.p) &&
                        t.version == version;
      if (!same)
        rows.push_back(ItemStore::ScoreRecord{t.id, r.score, r.flagged, r.grade, r.themes, r.why,
                                              r.committee,
                                              model->empty() ? std::nullopt : std::optional(r.p),
                                              t.had_score ? t.themes : std::string()});
    }
    total += static_cast<int64_t>(todo.size());
    todo.clear();
  };
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const bool had_score = st->col_int(12) != 0;
    if (may_keep && had_score && st->col_int(14) == 0 && st->col_text_view(13) == version) continue;
    todo.push_back(ToScore{st->col_int(0), st->col_text(1), st->col_text(2), st->col_text(3),
                           item_identifiers(st->col_text_view(4), st->col_text_view(15)), had_score,
                           st->col_int(5), st->col_int(6) != 0, st->col_text(7), st->col_text(8),
                           st->col_text(9), st->col_text(10), st->col_double(11),
                           st->col_text(13)});
    if (todo.size() == kPart) score_part();
  }
  score_part();
  st = Stmt();  // the read ends before the write begins
  if (rows.empty()) return total;
  auto tx = Transaction::begin(store.db());
  if (!tx.ok()) return tx.error();
  if (Status s = items.put_scores(rows, now, version); !s.ok()) return s.error();
  if (Status s = tx->commit(); !s.ok()) return s.error();
  return total;
}

}  // namespace
}  // namespace omvarld
