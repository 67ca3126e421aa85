// Shared pieces of the command-line layer: the Command interface (setup()
// parses arguments only; run() does the work), the options every command
// has, logging set-up, and table/CSV/JSON output helpers.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/log.h"
#include "core/result.h"
#include "services/settings.h"

namespace omvarld::cli {

class Command {
 public:
  virtual ~Command() = default;
  // Declares the subcommand and its options on `app`. Touches no network,
  // database or file.
  virtual void setup(CLI::App& app) = 0;
  // Runs the command. Returns the exit code on success paths (0, or 1 for a
  // harvest with failed sources); an Error is mapped by main().
  virtual Result<int> run() = 0;
};

std::unique_ptr<Command> make_init_command();
std::unique_ptr<Command> make_harvest_command();
std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_series_command();
std::unique_ptr<Command> make_runs_command();
std::unique_ptr<Command> make_catalogue_command();
std::unique_ptr<Command> make_demo_command();
std::unique_ptr<Command> make_mirror_command();
std::unique_ptr<Command> make_flags_command();
std::unique_ptr<Command> make_flag_command();
std::unique_ptr<Command> make_rank_command();
std::unique_ptr<Command> make_report_command();
std::unique_ptr<Command> make_backup_command();
std::unique_ptr<Command> make_serve_command();
std::unique_ptr<Command> make_follow_command();
std::unique_ptr<Command> make_unfollow_command();
std::unique_ptr<Command> make_following_command();

// The global --data-dir option (main.cpp): the data folder, "" when not given.
extern std::string g_data_dir_option;

// The data folder (core/paths.h: indicators/ and feeds/ as shipped), found
// once per process from --data-dir, $OMVARLD_DATA_DIR and the running
// binary, or the error naming every place tried. This file is where the
// folders and settings of the environment are read (once, with the data
// folder); the layers below are given them (services/settings.h).
// REQUIRES: the command line has been parsed (for --data-dir).
const Result<std::string>& shipped_data_dir();

// --db, --config and --eurostat-base, as most commands take them.
struct CommonOptions {
  std::string db;
  std::string config;
  std::string eurostat_base;
  std::string hys_base, ep_base, oeil_base, eurlex_base;
  bool quiet = false;
  void add_db(CLI::App& app);
  void add_config(CLI::App& app);
  void add_eurostat_base(CLI::App& app);
  // --hys-base, --ep-base, --oeil-base and --eurlex-base: where followed
  // initiatives and their links are read (#16).
  void add_lifecycle_bases(CLI::App& app);
  // The settings of these options and the environment over the data folder
  // (shipped_data_dir). Without a data folder, that folder's error unless
  // both the configuration and the feeds folder are given otherwise.
  Result<Settings> settings() const;
};

// A Log for the CLI: info/warning/error lines on stderr (with timestamps when
// stderr is not a terminal, for cron and systemd logs); progress lines only
// when stderr is a terminal.
Log make_cli_log(bool quiet);
// Set by the global --log-format option: "text" (default) or "json" (one
// JSON object per line on stderr, for log collectors; no progress lines).
extern std::string g_log_format;

// Writes a text table with aligned columns to stdout.
void print_table(const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);
// JSON string escaping, quotes included.
std::string json_string(const std::string& s);

// The command line as typed, for the runs table.
std::string command_line(int argc, char** argv);
extern std::string g_command_line;

}  // namespace omvarld::cli
