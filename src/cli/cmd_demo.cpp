// omvarld demo: the whole harvest path, offline. Serves the bundled sample as
// a Eurostat mirror on a loopback port, harvests it with the real collector
// into a fresh database, and shows where Stockholm stands among the Nordic
// capitals on each indicator the sample holds.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "cli/cli_common.h"
#include "config/indicator_catalogue.h"
#include "core/text.h"
#include "eurostat/collector.h"
#include "eurostat/mirror_server.h"
#include "eurostat/sample_data.h"
#include "net/curl_http_client.h"
#include "net/retrying_http_client.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

class DemoCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("--out", out_, "folder for the demo's output (default: ./omvarld-demo)");
    app.add_option("--db", db_, "the demo database, created afresh (default: OUT/omvarld-demo.db)");
    app.add_option("--sample", sample_,
                   "sample folder (default: indicators/sample/eurostat of the source tree)");
    common_.add_config(app);
    app.add_flag("-q,--quiet", common_.quiet, "print only warnings, errors and the summary");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    auto cat = load_indicator_catalogue(settings->config_dir);
    if (!cat.ok()) return cat.error();
    auto sample = load_sample(sample_.empty() ? default_sample_dir() : sample_);
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
    CurlHttpClient curl;
    RetryPolicy retry;
    retry.max_attempts = 2;
    RetryingHttpClient http(curl, clock, retry, &log);
    EurostatCollector collector(http, *store, clock, log, mirror.base_url());
    auto report = collector.harvest(plan, HarvestOptions{}, g_command_line);
    mirror.stop();
    if (!report.ok()) return report.error();

    // Stockholm among the Nordic capitals, latest period each city has.
    const PeerGroup* nordic = cat->find_group("nordic");
    std::vector<std::vector<std::string>> rows;
    for (const Indicator& ind : cat->indicators) {
      if (!in_sample.count(ind.dataset) || !nordic) continue;
      SeriesQuery q;
      q.dataset = ind.dataset;
      q.dims = ind.filter;
      q.geos = nordic->cities;
      auto obs = store->query_series(q);
      if (!obs.ok()) return obs.error();
      std::map<std::string, std::pair<std::string, double>> latest;  // geo -> (period, value)
      for (const auto& r : *obs)
        if (r.value && (!latest.count(r.geo) || latest[r.geo].first < r.period))
          latest[r.geo] = {r.period, *r.value};
      auto focus = latest.find(cat->focus_city);
      if (focus == latest.end()) continue;
      // Rank among cities with a value in the same period as the focus city.
      std::vector<double> peers;
      for (const auto& [geo, pv] : latest)
        if (pv.first == focus->second.first) peers.push_back(pv.second);
      std::string rank = "-";
      if (ind.direction != "neutral" && peers.size() > 1) {
        int better = 0;
        for (double v : peers)
          better += ind.direction == "higher" ? v > focus->second.second : v < focus->second.second;
        rank = std::to_string(better + 1) + " of " + std::to_string(peers.size());
      }
      rows.push_back(
          {ind.id, focus->second.first, format_double(focus->second.second), rank, ind.unit});
    }
    std::cout << "\nStockholm among the Nordic capitals (offline sample, latest period Stockholm "
                 "has):\n\n";
    print_table({"indicator", "period", "Stockholm", "rank", "unit"}, rows);
    std::cout << "\nDatabase: " << std::filesystem::absolute(db_path).string() << "\n"
              << "Try:      omvarld series --db " << db_path
              << " --indicator satisfied_to_live_here --geo SE001C --geo NO001C --geo DK001C --geo "
                 "FI001C\n"
              << "          omvarld runs --db " << db_path << "\n";
    return report->failed() ? 1 : 0;
  }

 private:
  CommonOptions common_;
  std::string out_ = "omvarld-demo";
  std::string db_;
  std::string sample_;
};

class MirrorCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("--sample", sample_,
                   "sample folder (default: indicators/sample/eurostat of the source tree)");
    app.add_option("--port", port_, "port on 127.0.0.1 (default: any free port)");
    app.footer(
        "Serves until interrupted. Point a harvest at it with --eurostat-base "
        "http://127.0.0.1:PORT");
  }
  Result<int> run() override {
    auto sample = load_sample(sample_.empty() ? default_sample_dir() : sample_);
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
