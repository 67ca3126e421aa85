// omvarld catalogue: search (and refresh) the stored Eurostat table of contents.
#include <iostream>

#include "cli/cli_common.h"
#include "core/text.h"
#include "harvest/eurostat_collector.h"
#include "net/retrying_http_client.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

class CatalogueCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.require_subcommand(1);
    search_ =
        app.add_subcommand("search", "datasets whose code, title or folder contains every word");
    search_->add_option("WORDS", words_, "words to look for, e.g. city population")->required();
    search_->add_option("--limit", limit_, "at most this many results");
    common_.add_db(*search_);
    update_ = app.add_subcommand("update", "fetch the catalogue now (a harvest also does this)");
    common_.add_db(*update_);
    common_.add_config(*update_);
    common_.add_eurostat_base(*update_);
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    auto store =
        Store::open(settings->db_path, update_->parsed() ? Access::kReadWrite : Access::kRead);
    if (!store.ok()) return store.error();
    if (update_->parsed()) {
      Log log = make_cli_log(false);
      SystemClock clock;
      auto http = make_http_client(settings->http, settings->retry, clock, &log);
      EurostatCollector collector(*http, *store, clock, log, settings->eurostat_base);
      auto entries = collector.refresh_catalogue();
      if (!entries.ok()) return entries.error();
      return 0;
    }
    auto found = store->search_catalogue(words_, limit_);
    if (!found.ok()) return found.error();
    if (found->empty()) {
      std::cerr << "nothing matches; the catalogue is filled by `omvarld harvest` or `omvarld "
                   "catalogue update`\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : *found) {
      std::string title = e.title;
      if (title.size() > 70 && utf8_cut(title, 67)) title += "...";
      rows.push_back({e.code, e.type, e.last_update, e.data_start + "-" + e.data_end, title});
    }
    print_table({"code", "type", "updated", "period", "title"}, rows);
    return 0;
  }

 private:
  CLI::App* search_ = nullptr;
  CLI::App* update_ = nullptr;
  CommonOptions common_;
  std::vector<std::string> words_;
  int limit_ = 30;
};

}  // namespace

std::unique_ptr<Command> make_catalogue_command() { return std::make_unique<CatalogueCommand>(); }

}  // namespace omvarld::cli
