// omvarld runs: recent harvest and import runs, or one run's datasets.
#include <iostream>

#include "cli/cli_common.h"
#include "core/text.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

class RunsCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("--limit", limit_, "how many runs to list")->check(CLI::PositiveNumber);
    app.add_option("--run", run_id_, "show the datasets of this run");
    common_.add_db(app);
  }
  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    auto store = Store::open(settings->db_path, Access::kRead);
    if (!store.ok()) return store.error();
    if (run_id_ > 0) {
      auto ds = store->run_datasets(run_id_);
      if (!ds.ok()) return ds.error();
      if (ds->empty())
        return make_error(ErrorKind::kNotFound,
                          "run " + std::to_string(run_id_) + " has no datasets");
      std::vector<std::vector<std::string>> rows;
      for (const auto& d : *ds)
        rows.push_back({d.dataset, outcome_status_name(d.status), with_thousands(d.bytes),
                        with_thousands(d.stats.rows_new), with_thousands(d.stats.rows_changed),
                        with_thousands(d.stats.rows_unchanged), d.error});
      print_table({"dataset", "status", "bytes", "new", "changed", "unchanged", "message"}, rows);
      return 0;
    }
    auto runs = store->recent_runs(limit_);
    if (!runs.ok()) return runs.error();
    if (runs->empty()) {
      std::cout << "no runs yet in " << settings->db_path << "\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : *runs)
      rows.push_back({std::to_string(r.id), r.kind, r.started_at.iso(),
                      r.finished_at ? r.finished_at->iso() : "", run_status_name(r.status),
                      std::to_string(r.datasets_ok), std::to_string(r.datasets_failed),
                      with_thousands(r.rows_new), with_thousands(r.rows_changed), r.note});
    print_table(
        {"run", "kind", "started", "finished", "status", "ok", "failed", "new", "revised", "note"},
        rows);
    return 0;
  }

 private:
  CommonOptions common_;
  int limit_ = 20;
  int64_t run_id_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_runs_command() { return std::make_unique<RunsCommand>(); }

}  // namespace omvarld::cli
