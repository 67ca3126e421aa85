#include "report/report_files.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/clock.h"
#include "core/files.h"
#include "harvest/feed_sources.h"
#include "omvarld/version.h"
#include "parse/indicator_catalogue.h"
#include "relevance/relevance.h"
#include "report/flags_report.h"
#include "report/follow_news.h"
#include "store/item_store.h"
#include "store/store.h"

namespace omvarld {
namespace {

std::string beside(const std::string& html_path, const char* ext) {
  std::filesystem::path p(html_path);
  p.replace_extension(ext);
  return p.string();
}

std::string specs_text(const BenchmarkRequest& r) {
  std::string s = std::to_string(r.replications) + " Monte Carlo runs (seed " +
                  std::to_string(r.uncertainty.seed) + "): weights varied by up to ±" +
                  std::to_string(std::lround(r.uncertainty.weight_noise * 100)) + "%";
  if (!r.uncertainty.normalise.empty()) {
    s += "; normalisation one of";
    for (const auto& n : r.uncertainty.normalise) s += " " + n.text();
  }
  if (!r.uncertainty.aggregate.empty()) {
    s += "; aggregation one of";
    for (const auto& a : r.uncertainty.aggregate) s += " " + a.text();
  }
  return s + ". Intervals are the 5th-95th percentiles of each city's ranks (R's type 7).";
}

// The report's date: now, or SOURCE_DATE_EPOCH when set (the reproducible-
// builds convention), so that a report can be made byte for byte again.
int64_t report_time() {
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) {
    char* end = nullptr;
    const long long v = std::strtoll(e, &end, 10);
    if (end && *end == '\0' && v >= 0) return v;
  }
  return SystemClock().now_unix();
}

// A report goes into a folder that exists: a mistyped --out fails, naming
// the folder, instead of growing a new tree of folders.
Status check_out_folder(const std::string& out) {
  const std::filesystem::path parent = std::filesystem::path(out).parent_path();
  std::error_code ec;
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
    return make_error(ErrorKind::kNotFound,
                      "the folder " + parent.string() + " of --out " + out + " does not exist")
        .with_hint("create it first, or name a file in an existing folder");
  return Status::Ok();
}

}  // namespace

BenchmarkRequest default_report_request() {
  BenchmarkRequest r;
  r.engine.min_share = 0.5;
  r.replications = 1000;
  r.uncertainty.normalise = {NormaliseSpec{NormaliseMethod::kMinMax, 1, 100},
                             NormaliseSpec{NormaliseMethod::kRank, 0, 0}};
  r.uncertainty.aggregate = {AggregateSpec{AggregateMethod::kArithmetic, 1},
                             AggregateSpec{AggregateMethod::kGeometric, 0}};
  return r;
}

Result<WrittenBenchmark> write_benchmark_report(const Settings& settings,
                                                const BenchmarkReportOptions& o, const Log& log) {
  if (Status s = check_out_folder(o.out); !s.ok()) return s.error();
  auto catalogue = load_indicator_catalogue(settings.config_dir);
  if (!catalogue.ok()) return catalogue.error();
  auto outcome = run_benchmark(settings, o.request, log);
  if (!outcome.ok()) return outcome.error();
  ReportContext ctx;
  ctx.lang = o.lang;
  ctx.generated_at = format_iso8601_utc(report_time());
  ctx.version = OMVARLD_VERSION;
  ctx.uncertainty_spec = specs_text(o.request);
  std::vector<std::string> written;
  if (Status s = write_file_atomic(o.out, benchmark_html(*outcome, *catalogue, ctx)); !s.ok())
    return s.error();
  written.push_back(o.out);
  if (o.markdown) {
    const std::string p = beside(o.out, ".md");
    if (Status s = write_file_atomic(p, benchmark_markdown(*outcome, *catalogue, ctx)); !s.ok())
      return s.error();
    written.push_back(p);
  }
  if (o.csv) {
    const std::string p = beside(o.out, ".csv");
    if (Status s = write_file_atomic(p, benchmark_csv(*outcome)); !s.ok()) return s.error();
    written.push_back(p);
  }
  return WrittenBenchmark{std::move(written), std::move(*outcome)};
}

Result<std::vector<std::string>> write_flags_report(const Settings& settings,
                                                    const FlagsReportOptions& o, const Log& log) {
  if (Status s = check_out_folder(o.out); !s.ok()) return s.error();
  // Reading the items changes nothing; recording the digest (below) opens
  // the database for writing separately, so a read-only database still
  // gets its digest.
  auto store = Store::open(settings.db_path, Access::kRead);
  if (!store.ok()) return store.error();
  ItemStore items(store->db());
  auto rules = load_relevance_rules((o.feeds_dir.empty() ? settings.feeds_dir : o.feeds_dir) +
                                    "/relevance.toml");
  if (!rules.ok()) log.warning("theme labels unavailable: " + rules.error().message);
  ItemQuery q;
  q.grades = {Grade::kFlag, Grade::kLook};
  q.limit = -1;  // every flagged item and every one worth a look
  auto list = items.list(q);
  if (!list.ok()) return list.error();
  FlagsDigestInput in;
  in.items = std::move(*list);
  in.rules = rules.ok() ? &*rules : nullptr;
  in.now = report_time();
  if (!o.since.empty()) {
    in.since = o.since;
    in.since_label = "(--since)";
  } else {
    auto last = items.last_digest("flags");
    if (!last.ok()) return last.error();
    if (*last) {
      in.since = **last;
      in.since_label = o.lang == Lang::kSv ? "(den förra sammanställningen)" : "(the last digest)";
    }
  }
  // What moved among the followed initiatives since the last digest.
  // An error stops the digest: written and recorded without the news, it
  // would lose that news for good.
  auto news = digest_news(store->db(), in.since, in.now, o.lang);
  if (!news.ok()) return news.error().with_context("the followed initiatives' news");
  in.news = std::move(*news);
  ReportContext ctx;
  ctx.lang = o.lang;
  ctx.generated_at = format_iso8601_utc(in.now);
  ctx.version = OMVARLD_VERSION;
  FlagsDigest d = render_flags_digest(in, ctx);
  std::vector<std::string> written;
  if (Status s = write_file_atomic(o.out, d.html); !s.ok()) return s.error();
  written.push_back(o.out);
  if (o.markdown) {
    const std::string p = beside(o.out, ".md");
    if (Status s = write_file_atomic(p, d.markdown); !s.ok()) return s.error();
    written.push_back(p);
  }
  if (o.record) {
    auto rw = Store::open(settings.db_path, Access::kReadWrite);
    Status s = rw.ok()
                   ? ItemStore(rw->db()).record_digest("flags", ctx.generated_at, o.out, d.items)
                   : Status(rw.error());
    if (!s.ok())
      log.warning("the digest was written but not recorded in the database (" + s.error().message +
                  "), so the next digest marks the same items new again");
  }
  log.info(std::to_string(d.items) + " flagged item(s), " + std::to_string(d.fresh) + " new, " +
           std::to_string(d.urgent) + " urgent");
  return written;
}

}  // namespace omvarld
