// omvarld import FILE: stores a file an analyst downloaded by hand, through
// the same parsers and store as a harvest.
#include "cli/cli_common.h"
#include "core/text.h"
#include "harvest/eurostat_collector.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

// Imports never touch the network; this client says so if asked.
class NoNetwork final : public HttpClient {
 public:
  Result<HttpResponse> send(const HttpRequest& r) override {
    return make_error(ErrorKind::kNetwork, r.url + ": import does not use the network");
  }
};

class ImportCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("FILE", file_, "JSON-stat (.json) or SDMX-TSV (.tsv, .tsv.gz) file")->required();
    app.add_option(
        "--dataset", dataset_,
        "dataset code, e.g. urb_percep (default: from the JSON-stat file, or the file name)");
    common_.add_db(app);
  }
  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    auto store = Store::open(settings->db_path);
    if (!store.ok()) return store.error();
    Log log = make_cli_log(false);
    SystemClock clock;
    NoNetwork http;
    EurostatCollector collector(http, *store, clock, log, "");
    auto out = collector.import_file(file_, dataset_, g_command_line);
    if (!out.ok()) return out.error();
    for (const DatasetOutcome& o : *out)
      log.info(o.dataset + ": stored from " + file_ + " (" + with_thousands(o.stats.rows_new) +
               " new, " + with_thousands(o.stats.rows_changed) + " changed, " +
               with_thousands(o.stats.rows_unchanged) + " unchanged)");
    return 0;
  }

 private:
  CommonOptions common_;
  std::string file_, dataset_;
};

}  // namespace

std::unique_ptr<Command> make_import_command() { return std::make_unique<ImportCommand>(); }

}  // namespace omvarld::cli
