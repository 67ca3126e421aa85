// omvarld: horizon scanning and city benchmarking for the City of Stockholm.
// A thin main: it declares the commands, lets CLI11 parse, runs the chosen
// command and turns its Error into a message and an exit code, here and
// nowhere else. Exit codes: 0 success, 1 failure, 2 usage.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "omvarld/version.h"

namespace {

int exit_code_for(const omvarld::Error& e) { return e.kind == omvarld::ErrorKind::kUsage ? 2 : 1; }

const char* hint_for(const omvarld::Error& e) {
  switch (e.kind) {
    case omvarld::ErrorKind::kNetwork:
      return "check the network or proxy (http_proxy/https_proxy), or use --eurostat-base for a "
             "mirror";
    case omvarld::ErrorKind::kBusy:
      return "only one harvest may run at a time per database";
    case omvarld::ErrorKind::kDatabase:
      return "check that the database's folder is writable and not on a network file system";
    default:
      return nullptr;
  }
}

// Examples for each command's --help, by the command's path; commands whose
// own footer already shows examples (rank, serve, init, backup) are not here.
const std::map<std::string, const char*>& examples() {
  static const std::map<std::string, const char*> m = {
      {"harvest",
       "  omvarld harvest                  every indicator for the peer cities, then the EU "
       "sources\n"
       "  omvarld harvest --only feeds     only the EU sources of feeds/sources.toml\n"
       "  omvarld harvest --dataset urb_cpop1 --filter indic_ur=DE1001V --filter cities=SE001C\n"
       "  omvarld harvest --feed https://eurocities.eu/feed/ --kind rss"},
      {"import",
       "  omvarld import estat_urb_percep.tsv.gz\n"
       "  omvarld import urb_cpop1.json --db /var/lib/omvarld/omvarld.db"},
      {"series",
       "  omvarld series --indicator population --geo SE001C --geo NO001C --format csv\n"
       "  omvarld series --dataset urb_percep --filter indic_ur=PS3360V --from 2015 --format "
       "json"},
      {"runs", "  omvarld runs\n  omvarld runs --run 7      the datasets of run 7"},
      {"catalogue", "  omvarld catalogue search city population\n  omvarld catalogue update"},
      {"catalogue search",
       "  omvarld catalogue search city population\n  omvarld catalogue search urb_ --limit 50"},
      {"catalogue update", "  omvarld catalogue update --eurostat-base http://127.0.0.1:8080"},
      {"flags",
       "  omvarld flags                    flagged items not yet decided\n"
       "  omvarld flags --due-within 14 --theme transport_mobility --format csv\n"
       "  omvarld flags --status all --format json > items.json\n"
       "  omvarld flags rescore            after changing feeds/relevance.toml"},
      {"flags train",
       "  omvarld flags train\n  omvarld flags train --min-verdicts 20 --feeds "
       "/etc/omvarld/feeds"},
      {"flags rescore", "  omvarld flags rescore --feeds /etc/omvarld/feeds"},
      {"flags evaluate",
       "  omvarld flags evaluate feeds/labelled/hys_policy_labels.tsv --split test\n"
       "  omvarld flags evaluate my_labels.tsv --feeds /tmp/changed-rules"},
      {"flag",
       "  omvarld flag 42                  the item, why it was flagged, its history\n"
       "  omvarld flag 42 --status relevant --assignee anna --note \"answer via Eurocities\""},
      {"report",
       "  omvarld report benchmark --lang en --csv\n"
       "  omvarld report flags --out /srv/reports/flags.html --markdown"},
      {"report benchmark",
       "  omvarld report benchmark --lang en --csv\n"
       "  omvarld report benchmark --framework vision2040 --out /srv/reports/vision.html"},
      {"report flags",
       "  omvarld report flags --out /srv/reports/flags.html --markdown\n"
       "  omvarld report flags --since 2026-11-01 --lang en\n"
       "  omvarld report flags --committee Trafiknämnden --markdown\n"
       "  omvarld report flags --subscriptions /etc/omvarld/subscriptions.toml "
       "--smtp smtp://localhost --mail-from omvarld@stockholm.example --dry-run"},
      {"demo", "  omvarld demo\n  omvarld demo --out /tmp/omvarld-demo"},
      {"mirror",
       "  omvarld mirror --port 8080\n  omvarld harvest --eurostat-base "
       "http://127.0.0.1:8080"},
  };
  return m;
}

void add_examples(CLI::App& app, const std::string& path) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    const std::string p = path.empty() ? sub->get_name() : path + " " + sub->get_name();
    if (auto it = examples().find(p); it != examples().end()) {
      const std::string own = sub->get_footer();
      sub->footer(own + (own.empty() ? "" : "\n") + "Examples:\n" + it->second);
    }
    add_examples(*sub, p);
  }
}

// Edit distance, for "did you mean".
size_t distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The command word of the command line when it names no command: "" when
// there is none or it is one.
std::string unknown_command(int argc, char** argv, CLI::App& app) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--log-format" || a == "--data-dir") {
      ++i;
      continue;
    }
    if (a.rfind('-', 0) == 0) continue;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
      if (sub->get_name() == a) return "";
    return a;
  }
  return "";
}

}  // namespace

static int run_omvarld(int argc, char** argv) {
  using namespace omvarld::cli;
  g_command_line = command_line(argc, argv);
  CLI::App app{
      "omvarld " OMVARLD_VERSION
      ": horizon scanning (omvärldsbevakning) and city benchmarking for the City of Stockholm.\n"
      "Harvests Eurostat city statistics into SQLite and answers questions about them.",
      "omvarld"};
  app.set_version_flag("--version", std::string("omvarld ") + OMVARLD_VERSION);
  app.require_subcommand(1);
  app.add_option("--log-format", g_log_format,
                 "text (default) or json: one JSON object per line on stderr, for log collectors")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--data-dir", g_data_dir_option,
                 "the data folder, holding indicators/ and feeds/ (default: $OMVARLD_DATA_DIR, "
                 "else ../share/omvarld beside the binary, else the source tree of a build)");
  const char* top_footer =
      ("Examples:\n"
       "  omvarld demo                          harvest the bundled offline sample and show "
       "Stockholm's position\n"
       "  omvarld harvest                       harvest every indicator of indicators/ for the "
       "peer "
       "cities\n"
       "  omvarld harvest --dataset urb_cpop1 --filter indic_ur=DE1001V --filter cities=SE001C\n"
       "  omvarld series --indicator population --geo SE001C --geo NO001C --format csv\n"
       "  omvarld flags --due-within 30               flagged EU consultations and calls closing "
       "within a month\n"
       "  omvarld flag 42 --status relevant --assignee anna --note \"answer via Eurocities\"\n"
       "  omvarld rank --group nordic --uncertainty 1000   Stockholm among the Nordic capitals\n"
       "  omvarld runs\n"
       "Run 'omvarld COMMAND --help' for a command's options.");

  auto commands = add_commands(app);

  // Set after the commands are added, so that none inherits it.
  app.footer(top_footer);
  add_examples(app, "");

  if (const std::string word = unknown_command(argc, argv, app); !word.empty()) {
    std::string best;
    size_t best_d = 3;  // at most two edits away
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      const size_t d = distance(word, sub->get_name());
      if (d < best_d) best_d = d, best = sub->get_name();
    }
    std::fprintf(stderr,
                 "omvarld: unknown command \"%s\"%s\nRun 'omvarld --help' for the commands.\n",
                 word.c_str(), best.empty() ? "" : ("; did you mean " + best + "?").c_str());
    return 2;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  for (auto& [cmd, sub] : commands) {
    if (!sub->parsed()) continue;
    omvarld::Result<int> r = cmd->run();
    if (r.ok()) return *r;
    if (g_log_format == "json") {
      make_cli_log(false).error(sub->get_name() + ": " + r.error().message);
      return exit_code_for(r.error());
    }
    std::fprintf(stderr, "omvarld %s: error: %s\n", sub->get_name().c_str(),
                 r.error().message.c_str());
    if (!r.error().hint.empty())
      std::fprintf(stderr, "hint: %s\n", r.error().hint.c_str());
    else if (const char* hint = hint_for(r.error()))
      std::fprintf(stderr, "hint: %s\n", hint);
    if (r.error().kind == omvarld::ErrorKind::kUsage)
      std::fprintf(stderr, "Run 'omvarld %s --help' for usage.\n", sub->get_name().c_str());
    return exit_code_for(r.error());
  }
  return 2;
}

// Errors travel as values; an exception here is a bug (or memory exhausted):
// said in one line with exit code 70 (EX_SOFTWARE), never an abort.
int main(int argc, char** argv) {
  try {
    return run_omvarld(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "omvarld: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "omvarld: internal error\n");
  }
  return 70;
}
