#include "cli/cli_common.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "core/clock.h"
#include "core/paths.h"
#include "core/text.h"

namespace omvarld::cli {

std::string g_command_line;
std::string g_data_dir_option;

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

// What the process was started with, read once.
struct Startup {
  Result<std::string> data_dir;
  SettingsSources environment;
};

const Startup& startup() {
  static const Startup s = [] {
    SettingsSources e;
    e.env_config = env("OMVARLD_CONFIG");
    e.env_feeds = env("OMVARLD_FEEDS");
    e.env_db = env("OMVARLD_DB");
    e.env_xdg_data_home = env("XDG_DATA_HOME");
    e.env_home = env("HOME");
    e.env_eurostat_base = env("OMVARLD_EUROSTAT_BASE");
    e.env_hys_base = env("OMVARLD_HYS_BASE");
    e.env_ep_base = env("OMVARLD_EP_BASE");
    e.env_oeil_base = env("OMVARLD_OEIL_BASE");
    e.env_eurlex_base = env("OMVARLD_EURLEX_BASE");
    auto exe = executable_path();
    DataDirSearch search{g_data_dir_option, env("OMVARLD_DATA_DIR"), exe.ok() ? *exe : ""};
    return Startup{find_data_dir(search), std::move(e)};
  }();
  return s;
}

}  // namespace

const Result<std::string>& shipped_data_dir() { return startup().data_dir; }

void CommonOptions::add_db(CLI::App& app) {
  app.add_option(
      "--db", db,
      "SQLite database file (default: $OMVARLD_DB, else ~/.local/share/omvarld/omvarld.db)");
}

void CommonOptions::add_config(CLI::App& app) {
  app.add_option("--config", config,
                 "configuration folder with indicators.toml, peers.toml and omvarld.toml "
                 "(default: $OMVARLD_CONFIG, else indicators/ of the data folder)");
}

void CommonOptions::add_eurostat_base(CLI::App& app) {
  app.add_option(
      "--eurostat-base", eurostat_base,
      "base URL of Eurostat's dissemination API, for mirrors and tests "
      "(default: $OMVARLD_EUROSTAT_BASE, else https://ec.europa.eu/eurostat/api/dissemination)");
}

void CommonOptions::add_lifecycle_bases(CLI::App& app) {
  app.add_option(
      "--hys-base", hys_base,
      "base URL of the Commission's Have your say portal, for mirrors and tests "
      "(default: $OMVARLD_HYS_BASE, else https://ec.europa.eu/info/law/better-regulation)");
  app.add_option("--ep-base", ep_base,
                 "base URL of the European Parliament's open data API, for mirrors and tests "
                 "(default: $OMVARLD_EP_BASE, else https://data.europarl.europa.eu)");
  app.add_option("--oeil-base", oeil_base,
                 "base URL of the Legislative Observatory, where a followed procedure's COM "
                 "proposal is looked up; \"off\" turns that off (default: $OMVARLD_OEIL_BASE, "
                 "else https://oeil.secure.europarl.europa.eu)");
  app.add_option("--eurlex-base", eurlex_base,
                 "base URL of EUR-Lex, where a followed COM proposal's procedure is looked up; "
                 "\"off\" turns that off (default: $OMVARLD_EURLEX_BASE, else "
                 "https://eur-lex.europa.eu)");
}

Result<Settings> CommonOptions::settings() const {
  const Startup& start = startup();
  SettingsSources in = start.environment;
  in.data_dir = start.data_dir.ok() ? *start.data_dir : "";
  in.config = config;
  in.db = db;
  in.eurostat_base = eurostat_base;
  in.hys_base = hys_base;
  in.ep_base = ep_base;
  in.oeil_base = oeil_base;
  in.eurlex_base = eurlex_base;
  auto s = load_settings(in);
  if (!s.ok()) return s;
  if (!start.data_dir.ok() && (s->config_dir.empty() || s->feeds_dir.empty()))
    return start.data_dir.error();
  return s;
}

std::string g_log_format = "text";

Log make_cli_log(bool quiet) {
  if (g_log_format == "json") {
    return Log([quiet](LogLevel level, const std::string& msg) {
      if (quiet && level == LogLevel::kInfo) return;
      std::string line = "{\"time\":";
      append_json_string(line, format_iso8601_utc(SystemClock().now_unix()));
      line += ",\"level\":";
      append_json_string(line, level == LogLevel::kInfo      ? "info"
                               : level == LogLevel::kWarning ? "warning"
                                                             : "error");
      line += ",\"command\":";
      append_json_string(line, g_command_line);
      line += ",\"message\":";
      append_json_string(line, msg);
      line += "}\n";
      std::fputs(line.c_str(), stderr);
    });
  }
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  auto progress_visible = std::make_shared<bool>(false);
  Log log([tty, quiet, progress_visible](LogLevel level, const std::string& msg) {
    if (quiet && level == LogLevel::kInfo) return;
    const char* tag = level == LogLevel::kInfo      ? ""
                      : level == LogLevel::kWarning ? "warning: "
                                                    : "error: ";
    if (tty) {
      if (*progress_visible) std::fputs("\r\033[K", stderr);
      *progress_visible = false;
      std::fprintf(stderr, "%s%s\n", tag, msg.c_str());
    } else {
      SystemClock clock;
      std::fprintf(stderr, "%s omvarld %s%s\n", format_iso8601_utc(clock.now_unix()).c_str(), tag,
                   msg.c_str());
    }
  });
  if (tty && !quiet) {
    log.set_progress_sink([progress_visible](const std::string& msg) {
      std::fprintf(stderr, "\r\033[K%s", msg.c_str());
      std::fflush(stderr);
      *progress_visible = true;
    });
  }
  return log;
}

void print_table(const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  // Width in code points, so "København" lines up.
  auto width = [](const std::string& s) { return utf8_length(s); };
  std::vector<size_t> w(header.size());
  for (size_t i = 0; i < header.size(); ++i) w[i] = width(header[i]);
  for (const auto& r : rows)
    for (size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], width(r[i]));
  auto line = [&](const std::vector<std::string>& r) {
    std::string out;
    for (size_t i = 0; i < r.size(); ++i) {
      out += r[i];
      if (i + 1 < r.size()) out += std::string(w[i] - width(r[i]) + 2, ' ');
    }
    std::cout << out << '\n';
  };
  line(header);
  std::vector<std::string> rule;
  for (size_t x : w) rule.push_back(std::string(x, '-'));
  line(rule);
  for (const auto& r : rows) line(r);
}

std::string json_string(const std::string& s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string command_line(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    if (i) out.push_back(' ');
    out += argv[i];
  }
  return out;
}

}  // namespace omvarld::cli
