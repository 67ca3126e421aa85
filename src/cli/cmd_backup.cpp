// omvarld backup PATH: a consistent copy of the database, safe while a
// harvest or the review page writes.
#include <iostream>

#include "cli/cli_common.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

class BackupCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("path", dest_, "the copy to write (must not exist)")->required();
    common_.add_db(app);
    common_.add_config(app);
    app.footer(
        "Uses SQLite's online backup: the copy is a consistent snapshot even while a harvest\n"
        "runs, is checked with PRAGMA integrity_check, and appears under PATH only when complete.\n"
        "Both files are copied: the database to PATH and its decisions file (officers' decisions,\n"
        "notes, digests) to PATH's .decisions.db beside it; PATH appears last.\n"
        "Restore by stopping omvarld's timers and copying both files back beside each other.\n"
        "Examples:\n"
        "  omvarld backup /backups/omvarld-2026-11-28.db   (also writes "
        "/backups/omvarld-2026-11-28.decisions.db)");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    auto store = Store::open(settings->db_path, Access::kRead);
    if (!store.ok()) return store.error();
    if (Status s = store->backup(dest_); !s.ok()) return s.error();
    std::cout << decisions_path(dest_) << '\n' << dest_ << '\n';
    return 0;
  }

 private:
  std::string dest_;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_backup_command() { return std::make_unique<BackupCommand>(); }

}  // namespace omvarld::cli
