// omvarld demo: the whole tool, offline. Serves the bundled samples (real
// Eurostat city figures, real EU consultations) on loopback ports, harvests
// them with the real collectors into a fresh database, flags the
// consultations, ranks Stockholm among the Nordic capitals, writes the
// benchmark report and the flags digest, and says where they are.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "cli/cli_common.h"
#include "core/text.h"
#include "demo/consultation_sample.h"
#include "demo/lifecycle_sample.h"
#include "demo/mirror_server.h"
#include "demo/sample_data.h"
#include "harvest/eurostat_collector.h"
#include "harvest/feed_collector.h"
#include "harvest/feed_sources.h"
#include "harvest/follow_collector.h"
#include "net/retrying_http_client.h"
#include "parse/indicator_catalogue.h"
#include "relevance/relevance.h"
#include "report/report_files.h"
#include "store/follow_store.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

class DemoCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("--out", out_, "folder for the demo's output (default: ./omvarld-demo)");
    app.add_option("--db", db_, "the demo database, created afresh (default: OUT/omvarld-demo.db)");
    app.add_option("--sample", sample_,
                   "sample folder (default: indicators/sample/eurostat of the data folder)");
    app.add_option("--consultations", consultations_,
                   "sample of EU consultations (default: feeds/sample/consultations.csv of the "
                   "data folder)");
    app.add_option("--lang", lang_, "language of the reports: sv or en (default sv)")
        ->check(CLI::IsMember({"sv", "en"}));
    common_.add_config(app);
    app.add_flag("-q,--quiet", common_.quiet, "print only warnings, errors and the summary");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    auto cat = load_indicator_catalogue(settings->config_dir);
    if (!cat.ok()) return cat.error();
    if ((sample_.empty() || consultations_.empty()) && settings->data_dir.empty())
      return shipped_data_dir().error();
    auto sample = load_sample(sample_.empty() ? shipped_sample_dir(settings->data_dir) : sample_);
    if (!sample.ok()) return sample.error();
    std::set<std::string> in_sample;
    for (const auto& [code, ds] : sample->datasets) in_sample.insert(code);

    std::error_code ec;
    std::filesystem::create_directories(out_, ec);
    if (ec) return make_error(ErrorKind::kIo, "cannot create " + out_ + ": " + ec.message());
    // Always a fresh database. The demo's own default is replaced; a path the
    // user names must not exist, so a real database is never touched.
    std::string db_path = db_.empty() ? out_ + "/omvarld-demo.db" : db_;
    if (!db_.empty() && std::filesystem::exists(db_path))
      return make_error(ErrorKind::kUsage,
                        db_path +
                            " exists; the demo writes a fresh database, so name a new path "
                            "(nothing was changed)");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix, ec);

    Log log = make_cli_log(common_.quiet);
    MirrorServer mirror(std::move(sample).value());
    if (Status s = mirror.start(); !s.ok()) return s.error();
    log.info("serving the bundled sample as a Eurostat mirror on " + mirror.base_url());

    std::vector<DataQuery> plan;
    std::vector<std::string> missing;
    for (DataQuery& q : build_harvest_plan(*cat, settings->groups, settings->since_period)) {
      if (in_sample.count(q.dataset))
        plan.push_back(std::move(q));
      else
        missing.push_back(q.dataset);
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      log.info("the offline sample has no data for " + list + "; a real harvest fetches them");
    }

    auto store = Store::open(db_path);
    if (!store.ok()) return store.error();
    SystemClock clock;
    RetryPolicy retry;  // the mirror is on loopback: one retry is plenty
    retry.max_attempts = 2;
    auto http = make_http_client(HttpOptions{}, retry, clock, &log);
    EurostatCollector collector(*http, *store, clock, log, mirror.base_url());
    auto report = collector.harvest(plan, HarvestOptions{}, g_command_line);
    mirror.stop();
    if (!report.ok()) return report.error();

    // EU consultations: the bundled real ones, served as Have your say pages.
    auto consultations = load_consultation_sample(
        consultations_.empty() ? shipped_consultation_sample(settings->data_dir) : consultations_);
    if (!consultations.ok()) return consultations.error();
    const std::string today = format_iso8601_utc(clock.now_unix()).substr(0, 10);
    ConsultationMirror hys(std::move(consultations).value(), today);
    if (Status s = hys.start(); !s.ok()) return s.error();
    const std::string feeds_dir = settings->feeds_dir;
    auto rules = load_relevance_rules(feeds_dir + "/relevance.toml");
    if (!rules.ok()) return rules.error();
    RelevanceScorer scorer(std::move(rules).value());
    FeedSource source;
    source.id = "have-your-say";
    source.kind = SourceKind::kHys;
    source.title = "Have your say (bundled sample)";
    source.page_size = 50;
    source.url = hys.first_page_url(source.page_size);
    FeedCollector feeds(*http, *store, clock, log, scorer);
    auto feed_report = feeds.harvest({source}, g_command_line);
    hys.stop();
    if (!feed_report.ok()) return feed_report.error();

    // Following: an initiative at the Commission and a procedure at the
    // Parliament, from the bundled recorded answers (feeds/sample/lifecycle).
    int follow_failed = 0;
    if (!settings->data_dir.empty()) {
      LifecycleMirror lifecycle(shipped_lifecycle_sample(settings->data_dir));
      if (Status s = lifecycle.start(); !s.ok()) return s.error();
      FollowStore follows(store->db());
      FollowTarget initiative, procedure;
      initiative.hys_id = 18805;
      procedure.procedure = ProcedureRef{2016, 132, "COD"};
      for (const FollowTarget& t : {initiative, procedure})
        if (auto f = follows.follow(t, FollowReason::kManual, "demo",
                                    format_iso8601_utc(clock.now_unix()));
            !f.ok())
          return f.error();
      FollowHarvestOptions follow_options;
      follow_options.hys_base = follow_options.ep_base = lifecycle.base_url();
      follow_options.pause = std::chrono::milliseconds(0);  // loopback
      // No link lookups: no Legislative Observatory or EUR-Lex page of the
      // sample's procedure was recorded, and the demo never goes online.
      follow_options.oeil_base.clear();
      follow_options.eurlex_base.clear();
      FollowCollector follow(*http, *store, clock, log, follow_options);
      auto follow_report = follow.harvest(g_command_line);
      lifecycle.stop();
      if (!follow_report.ok()) return follow_report.error();
      follow_failed = follow_report->failed();
    }

    // The reports, written by the same code as `omvarld report`.
    Settings demo_settings = *settings;
    demo_settings.db_path = db_path;
    BenchmarkReportOptions bench;
    bench.request = default_report_request();
    bench.lang = lang_ == "en" ? Lang::kEn : Lang::kSv;
    bench.out = out_ + "/benchmark.html";
    bench.markdown = bench.csv = true;
    auto written = write_benchmark_report(demo_settings, bench, log);
    if (!written.ok()) return written.error();
    FlagsReportOptions flags;
    flags.lang = bench.lang;
    flags.out = out_ + "/flags.html";
    flags.markdown = true;
    flags.feeds_dir = feeds_dir;
    auto digest = write_flags_report(demo_settings, flags, log);
    if (!digest.ok()) return digest.error();

    print_summary(written->outcome);
    std::cout << "\nReports:\n";
    for (const auto& p : written->paths)
      std::cout << "  " << std::filesystem::absolute(p).string() << "\n";
    for (const auto& p : *digest)
      std::cout << "  " << std::filesystem::absolute(p).string() << "\n";
    std::cout << "Database: " << std::filesystem::absolute(db_path).string() << "\n"
              << "Try:      omvarld rank --db " << db_path << " --group europe --uncertainty 1000\n"
              << "          omvarld flags --db " << db_path << "\n"
              << "          omvarld following --db " << db_path << "\n"
              << "          omvarld series --db " << db_path
              << " --indicator satisfied_to_live_here --geo SE001C --geo NO001C\n";
    return report->failed() || feed_report->failed() || follow_failed ? 1 : 0;
  }

 private:
  // Stockholm among the Nordic capitals: the index and its dimensions, with
  // the rank intervals of the report.
  static void print_summary(const BenchmarkOutcome& o) {
    const IndexResult& r = o.result;
    const Eigen::Index top = r.layout.ranked_column();
    std::cout << "\n"
              << o.label_en << ", " << (o.group.empty() ? "" : o.group + " group, ") << "period "
              << o.selection.period << " (offline sample of real Eurostat figures):\n\n";
    std::vector<std::string> header{"rank", "city", "index", "90% interval"};
    std::vector<Eigen::Index> dims;
    for (const auto& node : r.layout.aggregates)
      if (node.column != top)
        dims.push_back(node.column),
            header.push_back(r.layout.codes[static_cast<size_t>(node.column)]);
    std::vector<size_t> order(r.units.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const double ra = r.ranks(static_cast<Eigen::Index>(a), top),
                   rb = r.ranks(static_cast<Eigen::Index>(b), top);
      return !std::isnan(ra) && (std::isnan(rb) || ra < rb);
    });
    auto one = [](double v) {
      if (std::isnan(v)) return std::string();
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", v);
      return std::string(buf);
    };
    auto rank = [&](double v) {
      return v == std::floor(v) ? std::to_string(static_cast<int>(v)) : one(v);
    };
    auto whole = [](double v) {
      return std::isnan(v) ? std::string() : std::to_string(static_cast<int>(v));
    };
    std::vector<std::vector<std::string>> rows;
    for (size_t i : order) {
      const auto ii = static_cast<Eigen::Index>(i);
      std::string interval;
      if (o.monte_carlo && std::isfinite(o.monte_carlo->q05[ii]))
        interval = rank(o.monte_carlo->q05[ii]) + "-" + rank(o.monte_carlo->q95[ii]);
      std::vector<std::string> row{whole(r.ranks(ii, top)), r.names[i], one(r.scores(ii, top)),
                                   interval};
      for (Eigen::Index d : dims) row.push_back(one(r.scores(ii, d)));
      rows.push_back(std::move(row));
    }
    print_table(header, rows);
    for (const auto& d : r.record.dropped_indicators)
      std::cout << "(left out, no data in the sample: " << d << ")\n";
  }

  CommonOptions common_;
  std::string out_ = "omvarld-demo";
  std::string db_;
  std::string sample_;
  std::string consultations_;
  std::string lang_ = "sv";
};

class MirrorCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("--sample", sample_,
                   "sample folder (default: indicators/sample/eurostat of the data folder)");
    app.add_option("--port", port_, "port on 127.0.0.1 (default: any free port)");
    app.footer(
        "Serves until interrupted. Point a harvest at it with --eurostat-base "
        "http://127.0.0.1:PORT");
  }
  Result<int> run() override {
    std::string dir = sample_;
    if (dir.empty()) {
      const Result<std::string>& data = shipped_data_dir();
      if (!data.ok()) return data.error();
      dir = shipped_sample_dir(*data);
    }
    auto sample = load_sample(dir);
    if (!sample.ok()) return sample.error();
    MirrorOptions o;
    o.port = port_;
    MirrorServer mirror(std::move(sample).value(), o);
    if (Status s = mirror.start(); !s.ok()) return s.error();
    std::cerr << "serving the sample at " << mirror.base_url() << " (Ctrl-C to stop)\n";
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
  }

 private:
  std::string sample_;
  int port_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_demo_command() { return std::make_unique<DemoCommand>(); }
std::unique_ptr<Command> make_mirror_command() { return std::make_unique<MirrorCommand>(); }

}  // namespace omvarld::cli
