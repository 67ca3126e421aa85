#include "web/review_server.h"

#include <arpa/inet.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/clock.h"
#include "core/files.h"
#include "core/text.h"
#include "relevance/relevance.h"
#include "report/report_files.h"
#include "store/item_store.h"
#include "store/store.h"
#include "web/auth.h"
#include "web/review_pages.h"

namespace omvarld {
namespace {

const char* const kCsrfCookie = "omvarld_csrf";
const char* const kLangCookie = "omvarld_lang";
const char* const kPageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// The benchmark report is one self-contained file with inline CSS and SVG and
// no script.
const char* const kReportCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'";

std::string random_token() {
  unsigned char bytes[16] = {};
  std::ifstream urandom("/dev/urandom", std::ios::binary);
  urandom.read(reinterpret_cast<char*>(bytes), sizeof bytes);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) out += hex[b >> 4], out += hex[b & 15];
  return out;
}

std::string cookie(const httplib::Request& req, const std::string& name) {
  const std::string all = req.get_header_value("Cookie");
  for (std::string_view part : split(all, ';')) {
    part = trim(part);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
  }
  return "";
}

std::string param(const httplib::Request& req, const char* key) {
  return req.has_param(key) ? req.get_param_value(key) : std::string();
}

// Per-client-address budgets over a sliding minute.
class RateLimiter {
 public:
  bool allow(const std::string& key, int per_minute) {
    std::lock_guard<std::mutex> lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    auto& times = seen_[key];
    while (!times.empty() && now - times.front() > std::chrono::minutes(1))
      times.erase(times.begin());
    if (static_cast<int>(times.size()) >= per_minute) return false;
    times.push_back(now);
    return true;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> seen_;
};

}  // namespace

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr a{};
  if (inet_pton(AF_INET, host.c_str(), &a) == 1) return (ntohl(a.s_addr) >> 24) == 127;
  return false;
}

struct ReviewServer::Impl {
  ReviewServerOptions o;
  Log log;
  std::optional<UsersFile> users;
  std::optional<RelevanceRules> rules;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  RateLimiter decisions, logins;
  std::mutex generate_mu;  // one benchmark report generation at a time

  // One database connection per worker thread (SQLite handles are not shared
  // between threads; WAL lets them all read while one writes).
  Result<Store*> store() {
    thread_local std::map<std::string, std::unique_ptr<Store>> stores;
    auto& slot = stores[o.settings.db_path];
    if (!slot) {
      auto s = Store::open(o.settings.db_path, Access::kReadWrite);
      if (!s.ok()) return s.error();
      slot = std::make_unique<Store>(std::move(s).value());
    }
    return slot.get();
  }

  // Who is asking: the authenticated user, the proxy's header, or (on
  // loopback without authentication) the account running the server.
  std::string user_of(const httplib::Request& req) const {
    if (!o.trusted_header.empty()) return req.get_header_value(o.trusted_header);
    std::string user, password;
    if (users && parse_basic_auth(req.get_header_value("Authorization"), user, password))
      return user;
    const char* env = std::getenv("USER");
    return env && *env ? std::string(env) : std::string("local");
  }

  PageContext context(const httplib::Request& req, httplib::Response& res) {
    PageContext c;
    std::string lang = param(req, "lang");
    if (lang == "sv" || lang == "en")
      res.set_header("Set-Cookie", std::string(kLangCookie) + "=" + lang +
                                       "; Path=/; SameSite=Strict; Max-Age=31536000");
    else
      lang = cookie(req, kLangCookie);
    c.lang = lang == "en" ? Lang::kEn : lang == "sv" ? Lang::kSv : o.lang;
    c.csrf = cookie(req, kCsrfCookie);
    if (c.csrf.size() != 32) {
      c.csrf = random_token();
      res.set_header("Set-Cookie", std::string(kCsrfCookie) + "=" + c.csrf +
                                       "; Path=/; HttpOnly; SameSite=Strict");
    }
    c.user = user_of(req);
    c.now = SystemClock().now_unix();
    c.rules = rules ? &*rules : nullptr;
    return c;
  }

  void fail(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(message + "\n", "text/plain; charset=utf-8");
  }

  bool csrf_ok(const httplib::Request& req) {
    const std::string token = cookie(req, kCsrfCookie);
    return !token.empty() && equal_in_constant_time(token, param(req, "csrf"));
  }

  Result<std::vector<StoredItem>> all_items() {
    auto st = store();
    if (!st.ok()) return st.error();
    ItemStore items((*st)->db());
    ItemQuery q;
    q.limit = 1000000;
    return items.list(q);
  }

  InboxFilter filter_from(const httplib::Request& req) {
    InboxFilter f;
    if (req.has_param("status")) f.status = param(req, "status");
    f.theme = param(req, "theme");
    f.committee = param(req, "committee");
    f.source = param(req, "source");
    f.text = param(req, "q");
    if (auto d = parse_double(param(req, "due")); d && *d >= 0 && *d <= 3650)
      f.due_within = static_cast<int>(*d);
    return f;
  }

  Result<ItemDetails> details(int64_t id) {
    auto st = store();
    if (!st.ok()) return st.error();
    ItemStore items((*st)->db());
    auto item = items.get(id);
    if (!item.ok()) return item.error();
    if (!*item) return make_error(ErrorKind::kNotFound, "no item " + std::to_string(id));
    ItemDetails d;
    d.item = **item;
    auto reviews = items.review_history(id);
    if (!reviews.ok()) return reviews.error();
    auto changes = items.item_history(id);
    if (!changes.ok()) return changes.error();
    d.reviews = std::move(*reviews);
    d.changes = std::move(*changes);
    return d;
  }

  std::string report_path() const { return o.reports_dir + "/benchmark.html"; }

  void routes() {
    server.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
      PageContext c = context(req, res);
      auto items = all_items();
      if (!items.ok()) return fail(res, 500, items.error().message);
      res.set_content(inbox_page(*items, filter_from(req), c), "text/html; charset=utf-8");
    });
    server.Get(R"(/items/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      PageContext c = context(req, res);
      auto d = details(std::stoll(req.matches[1]));
      if (!d.ok()) {
        res.status = d.error().kind == ErrorKind::kNotFound ? 404 : 500;
        res.set_content(not_found_page(d.error().message, c), "text/html; charset=utf-8");
        return;
      }
      d->saved = param(req, "saved") == "1";
      res.set_content(item_page(*d, c), "text/html; charset=utf-8");
    });
    server.Post(
        R"(/items/(\d+)/decision)", [this](const httplib::Request& req, httplib::Response& res) {
          if (!csrf_ok(req)) return fail(res, 403, "refused: missing or wrong CSRF token");
          if (!decisions.allow(req.remote_addr, o.decisions_per_minute)) {
            res.set_header("Retry-After", "60");
            return fail(res, 429, "too many decisions from this address; try again in a minute");
          }
          const int64_t id = std::stoll(req.matches[1]);
          auto opt = [&](const char* key) {
            return req.has_param(key) ? std::optional<std::string>(param(req, key)) : std::nullopt;
          };
          auto st = store();
          if (!st.ok()) return fail(res, 500, st.error().message);
          ItemStore items((*st)->db());
          const std::string user = user_of(req);
          Status s = items.review(id, opt("status"), opt("assignee"), opt("note"), user,
                                  format_iso8601_utc(SystemClock().now_unix()));
          if (!s.ok()) {
            const int code = s.error().kind == ErrorKind::kNotFound ? 404
                             : s.error().kind == ErrorKind::kUsage  ? 400
                                                                    : 500;
            if (code != 400) return fail(res, code, s.error().message);
            PageContext c = context(req, res);
            auto d = details(id);
            if (!d.ok()) return fail(res, 500, d.error().message);
            d->error = s.error().message;
            res.status = 400;
            res.set_content(item_page(*d, c), "text/html; charset=utf-8");
            return;
          }
          log.info("decision on item " + std::to_string(id) + " by " + user);
          res.status = 303;
          res.set_header("Location", "/items/" + std::to_string(id) + "?saved=1");
        });
    server.Get("/sources", [this](const httplib::Request& req, httplib::Response& res) {
      PageContext c = context(req, res);
      auto st = store();
      if (!st.ok()) return fail(res, 500, st.error().message);
      ItemStore items((*st)->db());
      auto sources = items.sources();
      auto runs = (*st)->recent_runs(20);
      auto datasets = (*st)->datasets();
      if (!sources.ok() || !runs.ok() || !datasets.ok())
        return fail(res, 500, "cannot read the sources and runs");
      std::vector<SourceState> view;
      for (const auto& s : *sources)
        view.push_back({s.id, s.kind, s.title, s.url, s.last_ok_at, s.last_error, s.items});
      res.set_content(sources_page(view, *runs, *datasets, c), "text/html; charset=utf-8");
    });
    server.Get("/benchmark", [this](const httplib::Request& req, httplib::Response& res) {
      PageContext c = context(req, res);
      std::error_code ec;
      const bool exists = std::filesystem::exists(report_path(), ec);
      std::string when;
      if (exists) {
        auto t = std::filesystem::last_write_time(report_path(), ec);
        auto sys = std::chrono::time_point_cast<std::chrono::seconds>(
            t - std::filesystem::file_time_type::clock::now() + std::chrono::system_clock::now());
        when = format_iso8601_utc(sys.time_since_epoch().count());
      }
      std::string message = param(req, "generated") == "1" ? "OK" : param(req, "error");
      res.set_content(benchmark_page(exists, when, message, c), "text/html; charset=utf-8");
    });
    server.Get("/benchmark/report", [this](const httplib::Request&, httplib::Response& res) {
      auto report = read_file(report_path());
      if (!report.ok()) return fail(res, 404, "no benchmark report yet; generate it on /benchmark");
      res.set_header("Content-Security-Policy", kReportCsp);
      res.set_content(*report, "text/html; charset=utf-8");
    });
    server.Post("/benchmark/generate", [this](const httplib::Request& req, httplib::Response& res) {
      if (!csrf_ok(req)) return fail(res, 403, "refused: missing or wrong CSRF token");
      if (!decisions.allow(req.remote_addr, o.decisions_per_minute))
        return fail(res, 429, "too many requests");
      std::lock_guard<std::mutex> lock(generate_mu);
      BenchmarkReportOptions b;
      b.request = default_report_request();
      b.lang = context(req, res).lang;
      b.out = report_path();
      auto w = write_benchmark_report(o.settings, b, log);
      res.status = 303;
      res.set_header("Location", w.ok() ? std::string("/benchmark?generated=1")
                                        : "/benchmark?error=" + httplib::detail::encode_query_param(
                                                                    w.error().message));
    });
    server.Get("/api/items", [this](const httplib::Request& req, httplib::Response& res) {
      PageContext c = context(req, res);
      auto items = all_items();
      if (!items.ok()) return fail(res, 500, items.error().message);
      res.set_content(items_json(filter_items(*items, filter_from(req), c), c),
                      "application/json; charset=utf-8");
    });
    server.Get(R"(/api/items/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      PageContext c = context(req, res);
      auto d = details(std::stoll(req.matches[1]));
      if (!d.ok()) {
        res.status = d.error().kind == ErrorKind::kNotFound ? 404 : 500;
        std::string j = "{\"error\":";
        append_json_string(j, d.error().message);
        res.set_content(j + "}", "application/json; charset=utf-8");
        return;
      }
      res.set_content(item_json(*d, c), "application/json; charset=utf-8");
    });
    server.Get("/static/app.css", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "max-age=3600");
      res.set_content(review_css(), "text/css; charset=utf-8");
    });
    server.Get("/static/app.js", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "max-age=3600");
      res.set_content(review_js(), "text/javascript; charset=utf-8");
    });
    // Browsers ask for it on every site; there is none, and that is no error.
    server.Get("/favicon.ico",
               [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("ok\n", "text/plain");
    });
  }

  void guards() {
    // Authentication before any route, when configured.
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.path == "/healthz") return httplib::Server::HandlerResponse::Unhandled;
      if (!o.trusted_header.empty() && req.get_header_value(o.trusted_header).empty()) {
        fail(res, 401, "no " + o.trusted_header + " header: reach this through the login proxy");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (users) {
        std::string user, password;
        const bool given = parse_basic_auth(req.get_header_value("Authorization"), user, password);
        if (!given || !users->verify(user, password)) {
          if (given && !logins.allow(req.remote_addr, 10)) {
            fail(res, 429, "too many failed logins; try again in a minute");
            return httplib::Server::HandlerResponse::Handled;
          }
          res.set_header("WWW-Authenticate", "Basic realm=\"omvarld\", charset=\"UTF-8\"");
          fail(res, 401, "log in with your omvarld user name and password");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    // Security headers on every response.
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.has_header("Content-Security-Policy"))
        res.set_header("Content-Security-Policy", kPageCsp);
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("X-Frame-Options", "DENY");
      res.set_header("Referrer-Policy", "no-referrer");
      if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    });
    server.set_payload_max_length(o.max_body_bytes);
    server.set_keep_alive_max_count(100);
    server.set_keep_alive_timeout(5);
    const int threads = o.threads;
    server.new_task_queue = [threads] {
      return new httplib::ThreadPool(static_cast<size_t>(threads));
    };
  }
};

ReviewServer::ReviewServer() : impl_(std::make_unique<Impl>()) {}
ReviewServer::~ReviewServer() { stop(); }

Result<std::unique_ptr<ReviewServer>> ReviewServer::create(ReviewServerOptions options,
                                                           const Log& log) {
  if (!is_loopback_host(options.host) && options.users_file.empty() &&
      options.trusted_header.empty())
    return make_error(ErrorKind::kUsage,
                      "listening on " + options.host +
                          " would let anyone on the network decide: give --users FILE (HTTP "
                          "Basic; put a TLS proxy in front) or --trusted-header NAME (a reverse "
                          "proxy's login), or listen on 127.0.0.1");
  std::unique_ptr<ReviewServer> s(new ReviewServer());
  Impl& i = *s->impl_;
  i.o = std::move(options);
  i.log = log;
  if (!i.o.users_file.empty()) {
    auto users = UsersFile::load(i.o.users_file);
    if (!users.ok()) return users.error();
    i.users = std::move(*users);
  }
  auto rules = load_relevance_rules(i.o.feeds_dir + "/relevance.toml");
  if (rules.ok())
    i.rules = std::move(*rules);
  else
    log.warning("theme labels unavailable: " + rules.error().message);
  // The database must open (and migrate) before anyone is let in.
  auto store = Store::open(i.o.settings.db_path, Access::kReadWrite);
  if (!store.ok()) return store.error();
  i.guards();
  i.routes();
  return s;
}

Status ReviewServer::start() {
  Impl& i = *impl_;
  i.port = i.o.port == 0 ? i.server.bind_to_any_port(i.o.host)
                         : (i.server.bind_to_port(i.o.host, i.o.port) ? i.o.port : -1);
  if (i.port <= 0)
    return make_error(ErrorKind::kIo, "cannot listen on " + i.o.host + ":" +
                                          std::to_string(i.o.port) +
                                          " (in use, or not an address of this machine)");
  i.thread = std::thread([&i] { i.server.listen_after_bind(); });
  for (int k = 0; k < 5000 && !i.server.is_running(); ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!i.server.is_running()) return make_error(ErrorKind::kIo, "the review server did not start");
  return Status::Ok();
}

void ReviewServer::stop() {
  if (!impl_) return;
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

int ReviewServer::port() const { return impl_->port; }

std::string ReviewServer::base_url() const {
  const std::string& host = impl_->o.host;
  return "http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(impl_->port);
}

}  // namespace omvarld
