#include "cli/commands.h"

namespace omvarld::cli {

const std::vector<CommandSpec>& command_specs() {
  static const std::vector<CommandSpec> specs = {
      {"harvest", "fetch Eurostat data into the database (for cron and systemd timers)",
       &make_harvest_command},
      {"init",
       "create the database, or upgrade it to this omvarld (harvest and import also create it)",
       &make_init_command},
      {"import", "store a JSON-stat or SDMX-TSV file downloaded by hand", &make_import_command},
      {"series", "print stored observations as a table, CSV or JSON", &make_series_command},
      {"runs", "list recent harvest runs and their outcome", &make_runs_command},
      {"catalogue", "search Eurostat's table of contents", &make_catalogue_command},
      {"flags", "list EU items flagged for påverkan (and `flags rescore`)", &make_flags_command},
      {"flag", "show one item, why it was flagged and its history; record a decision",
       &make_flag_command},
      {"rank", "rank cities on a composite-indicator framework, with the uncertainty of the ranks",
       &make_rank_command},
      {"report", "write the benchmark report or the flags digest as HTML (and Markdown/CSV)",
       &make_report_command},
      {"follow",
       "follow an initiative across the Commission and the Parliament (an item, --hys, "
       "--procedure, --com)",
       &make_follow_command},
      {"unfollow", "stop following an initiative (its history is kept)", &make_unfollow_command},
      {"following", "list what is followed: stage, next date, what changed",
       &make_following_command},
      {"serve", "the review page: officers decide on flagged consultations in a browser",
       &make_serve_command},
      {"backup", "copy the database safely, even while a harvest runs", &make_backup_command},
      {"demo", "run omvarld offline on the bundled sample", &make_demo_command},
      {"mirror", "serve the bundled sample as a Eurostat API mirror on loopback",
       &make_mirror_command},
  };
  return specs;
}

std::vector<std::pair<std::unique_ptr<Command>, CLI::App*>> add_commands(CLI::App& app) {
  std::vector<std::pair<std::unique_ptr<Command>, CLI::App*>> commands;
  for (const CommandSpec& spec : command_specs()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.description);
    std::unique_ptr<Command> c = spec.make();
    c->setup(*sub);
    commands.emplace_back(std::move(c), sub);
  }
  return commands;
}

}  // namespace omvarld::cli
