// omvarld serve: the review page for EU-policy officers.
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/cli_common.h"
#include "core/text.h"
#include "harvest/feed_sources.h"
#include "web/auth.h"
#include "web/http_server.h"
#include "web/review_server.h"

namespace omvarld::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

class ServeCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("--listen", listen_, "address:port to listen on (default 127.0.0.1:8080)");
    app.add_option("--users", users_,
                   "users file (name:hash lines) for HTTP Basic login; required off loopback "
                   "unless --trusted-header");
    app.add_option("--trusted-header", trusted_header_,
                   "take the user from this header, set by a reverse proxy after its login "
                   "(e.g. X-Remote-User); needs --trusted-proxy");
    app.add_option("--trusted-proxy", trusted_proxy_,
                   "the IP address of that reverse proxy: only requests from it may carry the "
                   "header (e.g. 127.0.0.1)");
    app.add_option("--add-user", add_user_,
                   "add or change a user in --users (the password is read from stdin), then exit");
    app.add_option("--reports", reports_,
                   "folder of the benchmark report (default: beside the database)");
    app.add_option(
        "--feeds", feeds_,
        "folder with relevance.toml (default: $OMVARLD_FEEDS, else feeds/ of the data folder)");
    app.add_option("--lang", lang_, "default language, sv or en (default sv)")
        ->check(CLI::IsMember({"sv", "en"}));
    app.add_option("--decisions-per-minute", per_minute_,
                   "decisions accepted per client address and minute (default 60)");
    common_.add_db(app);
    common_.add_config(app);
    app.footer(
        "Pages: / (inbox), /items/ID, /sources, /benchmark; JSON: /api/items, /api/items/ID.\n"
        "A decision is POST /items/ID/decision (status, assignee, note, csrf).\n"
        "Off loopback it needs --users, or --trusted-header with --trusted-proxy; put TLS in\n"
        "front (a reverse proxy).\n"
        "Examples:\n"
        "  omvarld serve                                  http://127.0.0.1:8080 for this machine\n"
        "  omvarld serve --users /etc/omvarld/users --add-user anna   (asks for the password)\n"
        "  omvarld serve --listen 0.0.0.0:8080 --users /etc/omvarld/users\n"
        "  omvarld serve --listen 127.0.0.1:8080 --trusted-header X-Remote-User "
        "--trusted-proxy 127.0.0.1");
  }

  Result<int> run() override {
    if (!add_user_.empty()) {
      if (users_.empty()) return make_error(ErrorKind::kUsage, "--add-user needs --users FILE");
      std::string password;
      std::getline(std::cin, password);
      if (Status s = set_user_password(users_, add_user_, password); !s.ok()) return s.error();
      std::cerr << "set the password of " << add_user_ << " in " << users_ << "\n";
      return 0;
    }
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    ReviewServerOptions o;
    auto listen = parse_listen_address(listen_);
    if (!listen.ok()) return listen.error();
    o.host = listen->host;
    o.port = listen->port;
    o.users_file = users_;
    o.trusted_header = trusted_header_;
    o.trusted_proxy = trusted_proxy_;
    o.settings = *settings;
    o.feeds_dir = feeds_.empty() ? settings->feeds_dir : feeds_;
    o.reports_dir =
        reports_.empty()
            ? std::filesystem::path(settings->db_path).parent_path().string() + "/reports"
            : reports_;
    if (o.reports_dir == "/reports") o.reports_dir = "reports";
    o.lang = lang_ == "en" ? Lang::kEn : Lang::kSv;
    o.decisions_per_minute = per_minute_;
    Log log = make_cli_log(common_.quiet);
    auto server = ReviewServer::create(o, log);
    if (!server.ok()) return server.error();
    if (Status s = (*server)->start(); !s.ok()) return s.error();
    log.info("review page on " + (*server)->base_url() + " (database " + settings->db_path + ")");
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    log.info("stopping");
    (*server)->stop();
    return 0;
  }

 private:
  std::string listen_ = "127.0.0.1:8080", users_, trusted_header_, trusted_proxy_, add_user_,
              reports_, feeds_, lang_ = "sv";
  int per_minute_ = 60;
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace omvarld::cli
