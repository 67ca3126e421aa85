// omvarld init: create a database, or bring an existing one to this build's
// schema. The one command besides harvest and import that creates files.
#include <filesystem>
#include <iostream>

#include "cli/cli_common.h"
#include "store/schema.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

class InitCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_flag("--new-decisions", new_decisions_,
                 "start an empty decisions file where the database's is missing (only after "
                 "making sure it cannot be restored from a backup)");
    common_.add_db(app);
    app.footer(
        "Creates the database and its decisions file (officers' decisions, notes, digests) when\n"
        "they are missing, or upgrades them to this omvarld's schema. Commands that only read\n"
        "(flags, flag ID, rank, series, runs, report) never create or upgrade a database.\n"
        "Examples:\n"
        "  omvarld init                                  the default database\n"
        "  omvarld init --db /var/lib/omvarld/omvarld.db\n"
        "  omvarld init --new-decisions                  the decisions file was lost");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    const std::string& path = settings->db_path;
    std::error_code ec;
    const bool existed = std::filesystem::exists(path, ec);
    auto store = Store::open(path, Access::kCreate, new_decisions_);
    if (!store.ok()) return store.error();
    std::cout << (existed ? "ready: " : "created: ") << path << " and " << decisions_path(path)
              << " (schema " << current_schema_version() << ", decisions schema "
              << current_decisions_version() << ")\n";
    return 0;
  }

 private:
  CommonOptions common_;
  bool new_decisions_ = false;
};

}  // namespace

std::unique_ptr<Command> make_init_command() { return std::make_unique<InitCommand>(); }

}  // namespace omvarld::cli
