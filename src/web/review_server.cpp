#include "web/review_server.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>

#include "core/clock.h"
#include "core/files.h"
#include "core/text.h"
#include "relevance/relevance.h"
#include "report/item_formats.h"
#include "report/report_files.h"
#include "services/people.h"
#include "store/item_store.h"
#include "store/store.h"
#include "web/auth.h"
#include "web/csrf.h"
#include "web/follow_pages.h"
#include "web/http_server.h"
#include "web/rate_limit.h"
#include "web/review_desk.h"
#include "web/review_pages.h"

namespace omvarld {
namespace {

const char* const kCsrfCookie = "omvarld_csrf";
const char* const kLangCookie = "omvarld_lang";
const char* const kHtml = "text/html; charset=utf-8";
const char* const kJson = "application/json; charset=utf-8";
const char* const kPageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// The benchmark report is one self-contained file with inline CSS and SVG and
// no script.
const char* const kReportCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'";

std::string cookie(const ServerRequest& req, const std::string& name) {
  const std::string all = req.header("Cookie");
  for (std::string_view part : split(all, ';')) {
    part = trim(part);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
  }
  return "";
}

// "/items/123/decision" with prefix "/items/" and suffix "/decision": true
// when the path has that shape; `id` is empty when the digits do not fit an
// int64 (no such item).
bool match_id(const std::string& path, std::string_view prefix, std::string_view suffix,
              std::optional<int64_t>& id) {
  if (path.size() <= prefix.size() + suffix.size() || path.compare(0, prefix.size(), prefix) != 0 ||
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  const std::string_view digits(path.data() + prefix.size(),
                                path.size() - prefix.size() - suffix.size());
  if (digits.find_first_not_of("0123456789") != std::string_view::npos) return false;
  int64_t value = 0;
  const auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  id = err == std::errc() && end == digits.data() + digits.size() ? std::optional(value)
                                                                  : std::nullopt;
  return true;
}

// "http://host:port/path" -> "host:port".
std::optional<std::string> authority_of(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return std::nullopt;
  const size_t start = scheme + 3;
  const size_t end = url.find_first_of("/?#", start);
  return to_lower(url.substr(start, end == std::string::npos ? std::string::npos : end - start));
}

// A Host header naming loopback ("127.0.0.1:8080", "localhost", "[::1]:80").
bool is_loopback_authority(const std::string& authority) {
  std::string host = authority;
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    host = close == std::string::npos ? host : host.substr(1, close - 1);
  } else if (size_t colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  return is_loopback_host(to_lower(host));
}

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
  std::vector<std::string> people;  // assignee suggestions (feeds/people.toml)
  std::optional<CsrfTokens> csrf;
  std::unique_ptr<HttpServer> server;
  RateLimiter decisions;
  std::unique_ptr<LoginLockout> logins;
  std::mutex generate_mu;  // one benchmark report generation at a time

  static SteadyTime now() { return std::chrono::steady_clock::now(); }

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

  static void fail(ServerResponse& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(message + "\n", "text/plain; charset=utf-8");
  }

  // Who is asking, or nothing (and `res` says why): the user a login proxy
  // names, the Basic-authenticated user, or (on loopback without
  // authentication) the account running the server.
  std::optional<std::string> authenticate(const ServerRequest& req, ServerResponse& res) {
    if (!o.trusted_header.empty()) {
      if (same_ip_address(req.remote_addr, o.trusted_proxy)) {
        // The proxy appends its header after any the client sent: the last counts.
        std::string user(trim(req.header(o.trusted_header)));
        if (user.empty()) {
          fail(res, 401, "no " + o.trusted_header + " header: reach this through the login proxy");
          return std::nullopt;
        }
        return user;
      }
      if (req.header_count(o.trusted_header) > 0) {
        fail(
            res, 403,
            "refused: only the login proxy (" + o.trusted_proxy + ") may send " + o.trusted_header);
        return std::nullopt;
      }
      if (!users) {
        fail(res, 403, "reach this through the login proxy");
        return std::nullopt;
      }
    }
    if (users) {
      if (logins->locked(req.remote_addr, now())) {
        res.set_header("Retry-After", std::to_string(o.login_lockout_s));
        fail(res, 429, "too many failed logins from this address; try again later");
        return std::nullopt;
      }
      std::string user, password;
      const bool given = parse_basic_auth(req.header("Authorization"), user, password);
      if (!given || !users->verify(user, password)) {
        if (given) logins->failed(req.remote_addr, now());
        res.set_header("WWW-Authenticate", "Basic realm=\"omvarld\", charset=\"UTF-8\"");
        fail(res, 401, "log in with your omvarld user name and password");
        return std::nullopt;
      }
      return user;
    }
    const char* env = std::getenv("USER");
    return env && *env ? std::string(env) : std::string("local");
  }

  PageContext context(const ServerRequest& req, ServerResponse& res, const std::string& user) {
    PageContext c;
    std::string lang = req.param("lang");
    if (lang == "sv" || lang == "en")
      res.add_header("Set-Cookie", std::string(kLangCookie) + "=" + lang +
                                       "; Path=/; SameSite=Strict; Max-Age=31536000");
    else
      lang = cookie(req, kLangCookie);
    c.lang = lang == "en" ? Lang::kEn : lang == "sv" ? Lang::kSv : o.lang;
    c.csrf = cookie(req, kCsrfCookie);
    if (!csrf->valid(c.csrf, user)) {  // none yet, or not one this server issued to this user
      c.csrf = csrf->issue(user);
      res.add_header("Set-Cookie", std::string(kCsrfCookie) + "=" + c.csrf +
                                       "; Path=/; HttpOnly; SameSite=Strict");
    }
    c.user = user;
    c.now = SystemClock().now_unix();
    c.rules = rules ? &*rules : nullptr;
    c.people = &people;
    return c;
  }

  // Where the browser says where a request comes from, it must be this site.
  static bool same_origin(const ServerRequest& req) {
    const std::string host = to_lower(req.header("Host"));
    for (const char* name : {"Origin", "Referer"}) {
      if (req.header_count(name) == 0) continue;
      auto from = authority_of(req.header(name));  // "null" has none
      return from && !host.empty() && *from == host;
    }
    return true;
  }

  // A token this server issued to this user, in the cookie and repeated in
  // the form, from this site.
  bool csrf_ok(const ServerRequest& req, const std::string& user) {
    const std::string token = cookie(req, kCsrfCookie);
    return same_origin(req) && csrf->valid(token, user) &&
           equal_in_constant_time(token, req.param("csrf"));
  }

  // The review desk over this worker thread's database connection.
  Result<ReviewDesk> desk() {
    auto st = store();
    if (!st.ok()) return st.error();
    return ReviewDesk(**st);
  }

  // The inbox filter from the query string: parsed here, where it enters.
  static Result<InboxFilter> filter_from(const ServerRequest& req) {
    return parse_inbox_filter([&](const char* key) { return req.param(key); },
                              [&](const char* key) { return req.has_param(key); });
  }

  Result<ItemDetails> details(std::optional<int64_t> id) {
    if (!id) return make_error(ErrorKind::kNotFound, "no such item");
    auto d = desk();
    if (!d.ok()) return d.error();
    auto record = d->record(*id);
    if (!record.ok()) return record.error();
    ItemDetails out;
    out.item = std::move(record->item);
    out.reviews = std::move(record->reviews);
    out.changes = std::move(record->changes);
    return out;
  }

  std::string report_path() const { return o.reports_dir + "/benchmark.html"; }

  void item_page_route(const ServerRequest& req, ServerResponse& res, const std::string& user,
                       std::optional<int64_t> id) {
    PageContext c = context(req, res, user);
    auto d = details(id);
    if (!d.ok()) {
      res.status = d.error().kind == ErrorKind::kNotFound ? 404 : 500;
      res.set_content(not_found_page(d.error().message, c), kHtml);
      return;
    }
    d->saved = req.param("saved") == "1";
    d->saved_next = req.param("saved") == "next";
    // The list it was opened from (its filters in the address); a filter
    // that does not parse is the default list.
    if (auto f = filter_from(req); f.ok()) d->list = std::move(f).value();
    if (auto st = store(); st.ok())
      d->follow_html = item_follow_html((*st)->db(), *id, d->reviews, c);
    res.set_content(item_page(*d, c), kHtml);
  }

  void decision_route(const ServerRequest& req, ServerResponse& res, const std::string& user,
                      std::optional<int64_t> id) {
    if (!csrf_ok(req, user)) return fail(res, 403, "refused: missing or wrong CSRF token");
    if (!decisions.allow(req.remote_addr, o.decisions_per_minute, now())) {
      res.set_header("Retry-After", "60");
      return fail(res, 429, "too many decisions from this address; try again in a minute");
    }
    if (!id) return fail(res, 404, "no such item");
    auto opt = [&](const char* key) {
      return req.has_param(key) ? std::optional<std::string>(req.param(key)) : std::nullopt;
    };
    const auto status = opt("status"), assignee = opt("assignee"), note = opt("note");
    // A refused decision shows the item again with what was sent, and why.
    auto refused = [&](const std::string& why, size_t note_chars) {
      PageContext c = context(req, res, user);
      auto d = details(id);
      if (!d.ok())
        return fail(res, d.error().kind == ErrorKind::kNotFound ? 404 : 500, d.error().message);
      d->error = why;
      d->note_too_long = note_chars;
      d->draft_status = status;
      d->draft_assignee = assignee;
      d->draft_note = note;
      res.status = 400;
      res.set_content(item_page(*d, c), kHtml);
    };
    if (note && utf8_length(*note) > kMaxNoteChars) return refused("", utf8_length(*note));
    // The status is parsed where it enters; one that is not a status is
    // refused by name.
    std::optional<ReviewStatus> decided;
    if (status) {
      auto parsed = parse_review_status(*status);
      if (!parsed.ok()) return refused(parsed.error().message, 0);
      decided = *parsed;
    }
    auto d = desk();
    if (!d.ok()) return fail(res, 500, d.error().message);
    // From the item page's form: the list it was opened from, whose next
    // item comes after this decision (found before it, while this item is
    // still in the list).
    std::optional<InboxFilter> list;
    std::optional<int64_t> next;
    if (req.has_param("list")) {
      auto f = parse_inbox_filter_query(req.param("list"));
      list = f.ok() ? std::move(f).value() : InboxFilter();
      auto n = d->next_after(*id, *list, urgency_of(context(req, res, user)));
      if (!n.ok()) return fail(res, 500, n.error().message);
      next = *n;
    }
    Status s =
        d->decide(*id, decided, assignee, note, user, format_iso8601_utc(SystemClock().now_unix()));
    if (!s.ok()) {
      if (s.error().kind == ErrorKind::kUsage) return refused(s.error().message, 0);
      return fail(res, s.error().kind == ErrorKind::kNotFound ? 404 : 500, s.error().message);
    }
    log.info("decision on item " + std::to_string(*id) + " by " + user);
    res.status = 303;
    if (!list) return res.set_header("Location", "/items/" + std::to_string(*id) + "?saved=1");
    const std::string query = filter_query(*list);
    if (next)
      res.set_header("Location", "/items/" + std::to_string(*next) + "?" + query +
                                     (query.empty() ? "" : "&") + "saved=next");
    else
      res.set_header("Location", "/?" + query + (query.empty() ? "" : "&") + "saved=last");
  }

  // POST /decisions: from the inbox's one form. A row's button sends
  // decide=ID:STATUS (STATUS empty: only the row's assignee-ID); the bulk
  // button sends ids (repeated, or comma-separated) with status, assignee
  // and note, each optional but not all empty; the note is added to each
  // item's note. All or nothing; back to the same list after.
  void decisions_route(const ServerRequest& req, ServerResponse& res, const std::string& user) {
    if (!csrf_ok(req, user)) return fail(res, 403, "refused: missing or wrong CSRF token");
    if (!decisions.allow(req.remote_addr, o.decisions_per_minute, now())) {
      res.set_header("Retry-After", "60");
      return fail(res, 429, "too many decisions from this address; try again in a minute");
    }
    InboxFilter list;
    if (auto f = parse_inbox_filter_query(req.param("list")); f.ok()) list = std::move(f).value();
    const std::string query = filter_query(list);
    auto back = [&](const std::string& notice, std::optional<int64_t> at) {
      res.status = 303;
      res.set_header("Location", "/?" + query + (query.empty() ? "" : "&") + notice +
                                     (at ? "#item-" + std::to_string(*at) : std::string()));
    };
    auto parse_id = [](std::string_view text) -> std::optional<int64_t> {
      text = trim(text);
      int64_t v = 0;
      const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (err != std::errc() || end != text.data() + text.size() || v <= 0) return std::nullopt;
      return v;
    };
    std::vector<int64_t> ids;
    std::optional<ReviewStatus> status;
    std::optional<std::string> assignee, note;
    if (req.has_param("decide")) {
      const std::string decide = req.param("decide");
      const size_t colon = decide.find(':');
      auto id = parse_id(std::string_view(decide).substr(0, colon));
      if (!id || colon == std::string::npos)
        return fail(res, 400, "decide wants ID:STATUS, got \"" + decide + "\"");
      ids.push_back(*id);
      if (const std::string name = decide.substr(colon + 1); !name.empty()) {
        auto parsed = parse_review_status(name);
        if (!parsed.ok()) return fail(res, 400, parsed.error().message);
        status = *parsed;
      }
      const std::string field = "assignee-" + std::to_string(*id);
      if (req.has_param(field)) assignee = std::string(trim(req.param(field)));
    } else {
      for (const auto& [key, value] : req.params) {
        if (key != "ids") continue;
        for (std::string_view part : split(value, ',')) {
          if (trim(part).empty()) continue;
          auto id = parse_id(part);
          if (!id) return fail(res, 400, "not an item id: \"" + std::string(part) + "\"");
          if (std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
        }
      }
      if (ids.size() > kMaxBulkItems)
        return fail(res, 400,
                    "at most " + std::to_string(kMaxBulkItems) + " items in one decision, got " +
                        std::to_string(ids.size()));
      if (const std::string name = req.param("status"); !name.empty()) {
        auto parsed = parse_review_status(name);
        if (!parsed.ok()) return fail(res, 400, parsed.error().message);
        status = *parsed;
      }
      if (std::string a(trim(req.param("assignee"))); !a.empty()) assignee = a;
      if (std::string n(trim(req.param("note"))); !n.empty()) note = n;
      if (ids.empty()) return back("error=none-chosen", std::nullopt);
      if (!status && !assignee && !note) return back("error=nothing", std::nullopt);
    }
    auto d = desk();
    if (!d.ok()) return fail(res, 500, d.error().message);
    // Where the officer was: the row after the last one decided.
    auto next = d->next_after(ids.back(), list, urgency_of(context(req, res, user)));
    if (!next.ok()) return fail(res, 500, next.error().message);
    Status s = d->decide_many(ids, status, assignee, note, user,
                              format_iso8601_utc(SystemClock().now_unix()));
    if (!s.ok())
      return fail(res,
                  s.error().kind == ErrorKind::kNotFound ? 404
                  : s.error().kind == ErrorKind::kUsage  ? 400
                                                         : 500,
                  s.error().message);
    log.info("decision on " + std::to_string(ids.size()) + " item(s) by " + user);
    back("decided=" + std::to_string(ids.size()), *next);
  }

  // GET /items.csv: every item the inbox's filters match (all pages), in
  // the inbox's order, as `omvarld flags --format csv` writes them.
  void items_csv_route(const ServerRequest& req, ServerResponse& res, const std::string& user) {
    PageContext c = context(req, res, user);
    auto f = filter_from(req);
    if (!f.ok()) return fail(res, 400, f.error().message);
    auto d = desk();
    if (!d.ok()) return fail(res, 500, d.error().message);
    const Urgency urgency = urgency_of(c);
    auto page = d->items(*f, urgency, 0, -1);
    if (!page.ok()) return fail(res, 500, page.error().message);
    std::string csv = item_csv_header() + "\n";
    for (const StoredItem& i : page->items) csv += item_csv_row(i, urgency) + "\n";
    res.set_header("Content-Disposition", "attachment; filename=\"omvarld-items.csv\"");
    res.set_content(std::move(csv), "text/csv; charset=utf-8");
  }

  // The item page's Follow button (web/follow_pages.h).
  void follow_route(const ServerRequest& req, ServerResponse& res, const std::string& user,
                    std::optional<int64_t> id) {
    if (!csrf_ok(req, user)) return fail(res, 403, "refused: missing or wrong CSRF token");
    if (!decisions.allow(req.remote_addr, o.decisions_per_minute, now()))
      return fail(res, 429, "too many decisions from this address; try again in a minute");
    auto st = store();
    if (!id || !st.ok()) return fail(res, id ? 500 : 404, id ? st.error().message : "no such item");
    auto f = follow_item((*st)->db(), *id, user, format_iso8601_utc(SystemClock().now_unix()));
    if (!f.ok())
      return fail(res, f.error().kind == ErrorKind::kNotFound ? 404 : 500, f.error().message);
    log.info("item " + std::to_string(*id) + " followed by " + user);
    res.status = 303;
    res.set_header("Location", "/items/" + std::to_string(*id) + "#timeline");
  }

  void benchmark_route(const ServerRequest& req, ServerResponse& res, const std::string& user) {
    PageContext c = context(req, res, user);
    std::error_code ec;
    const bool exists = std::filesystem::exists(report_path(), ec);
    std::string when;
    if (exists) {
      auto t = std::filesystem::last_write_time(report_path(), ec);
      auto sys = std::chrono::time_point_cast<std::chrono::seconds>(
          t - std::filesystem::file_time_type::clock::now() + std::chrono::system_clock::now());
      when = format_iso8601_utc(sys.time_since_epoch().count());
    }
    const BenchmarkNotice notice = req.param("generated") == "1"
                                       ? BenchmarkNotice::kGenerated
                                       : benchmark_notice_from_code(req.param("error"));
    res.set_content(benchmark_page(exists, when, notice, c), kHtml);
  }

  void generate_route(const ServerRequest& req, ServerResponse& res, const std::string& user) {
    if (!csrf_ok(req, user)) return fail(res, 403, "refused: missing or wrong CSRF token");
    if (!decisions.allow(req.remote_addr, o.decisions_per_minute, now()))
      return fail(res, 429, "too many requests");
    // One generation at a time, and no worker waits for it: a second request
    // meanwhile is told so at once.
    std::unique_lock<std::mutex> lock(generate_mu, std::try_to_lock);
    if (!lock.owns_lock()) {
      res.status = 303;
      res.set_header("Location", std::string("/benchmark?error=") +
                                     benchmark_notice_code(BenchmarkNotice::kBusy));
      return;
    }
    BenchmarkReportOptions b;
    b.request = default_report_request();
    b.lang = context(req, res, user).lang;
    b.out = report_path();
    auto w = write_benchmark_report(o.settings, b, log);
    BenchmarkNotice notice = BenchmarkNotice::kGenerated;
    if (!w.ok()) {
      // The page shows a fixed message for the kind; the details go to the log.
      log.warning("benchmark report: " + w.error().message);
      notice = w.error().kind == ErrorKind::kNotFound ? BenchmarkNotice::kNoData
               : w.error().kind == ErrorKind::kIo     ? BenchmarkNotice::kWriteFailed
                                                      : BenchmarkNotice::kFailed;
    }
    res.status = 303;
    res.set_header("Location",
                   notice == BenchmarkNotice::kGenerated
                       ? std::string("/benchmark?generated=1")
                       : std::string("/benchmark?error=") + benchmark_notice_code(notice));
  }

  void sources_route(const ServerRequest& req, ServerResponse& res, const std::string& user) {
    PageContext c = context(req, res, user);
    auto d = desk();
    if (!d.ok()) return fail(res, 500, d.error().message);
    auto sources = d->sources();
    auto runs = d->recent_runs(20);
    auto datasets = d->datasets();
    if (!sources.ok() || !runs.ok() || !datasets.ok())
      return fail(res, 500, "cannot read the sources and runs");
    std::vector<SourceState> view;
    for (const auto& s : *sources)
      view.push_back({s.id, s.kind, s.title, s.url, s.last_ok_at, s.last_error, s.items});
    res.set_content(sources_page(view, *runs, *datasets, c), kHtml);
  }

  void api_item_route(const ServerRequest& req, ServerResponse& res, const std::string& user,
                      std::optional<int64_t> id) {
    PageContext c = context(req, res, user);
    auto d = details(id);
    if (!d.ok()) {
      res.status = d.error().kind == ErrorKind::kNotFound ? 404 : 500;
      std::string j = "{\"error\":";
      append_json_string(j, d.error().message);
      res.set_content(j + "}", kJson);
      return;
    }
    res.set_content(item_json(*d, c), kJson);
  }

  // /api/items?status=...&offset=O&limit=L: the inbox's filters, a page of
  // at most kApiMaxItems (the default) from offset 0 (the default); or
  // &page=P&per_page=N.
  void api_items_route(const ServerRequest& req, ServerResponse& res, const std::string& user) {
    PageContext c = context(req, res, user);
    auto json_error = [&](int status, const std::string& message) {
      res.status = status;
      std::string j = "{\"error\":";
      append_json_string(j, message);
      res.set_content(j + "}", kJson);
    };
    auto f = filter_from(req);
    if (!f.ok()) return json_error(400, f.error().message);
    auto number = [&](const char* key, int64_t fallback, int64_t low, int64_t high) {
      auto v = parse_double(req.param(key));
      return v && *v >= static_cast<double>(low) && *v <= static_cast<double>(high)
                 ? static_cast<int64_t>(*v)
                 : fallback;
    };
    int64_t offset = number("offset", 0, 0, int64_t{1} << 40);
    int64_t limit = number("limit", kApiMaxItems, 1, kApiMaxItems);
    // ?page=P&per_page=N (1-based; N at most kApiMaxItems, by default
    // kInboxPageSize) instead of offset and limit.
    if (req.has_param("page") || req.has_param("per_page")) {
      limit = number("per_page", kInboxPageSize, 1, kApiMaxItems);
      offset = (number("page", 1, 1, int64_t{1} << 30) - 1) * limit;
    }
    auto d = desk();
    if (!d.ok()) return json_error(500, d.error().message);
    auto page = d->items(*f, urgency_of(c), offset, limit);
    if (!page.ok()) return json_error(500, page.error().message);
    res.set_content(items_json(*page, offset, limit, c), kJson);
  }

  // Every request: health, host, authentication, then the route.
  void dispatch(const ServerRequest& req, ServerResponse& res) {
    const std::string& p = req.path;
    const bool get = req.method == "GET" || req.method == "HEAD";
    const bool post = req.method == "POST";
    auto only = [&](bool ok, const char* allow) {
      if (ok) return true;
      res.set_header("Allow", allow);
      fail(res, 405, "method not allowed");
      return false;
    };
    if (p == "/healthz") {
      if (only(get, "GET, HEAD")) res.set_content("ok\n", "text/plain");
      return;
    }
    // On loopback, a Host that is not loopback is a page of another site
    // whose name now resolves here (DNS rebinding): it gets nothing.
    // The login proxy passes the browser's Host on (README): it chose to
    // forward the request, so its Host is the site's name.
    const bool from_proxy =
        !o.trusted_proxy.empty() && same_ip_address(req.remote_addr, o.trusted_proxy);
    if (!from_proxy && is_loopback_host(o.host) && req.header_count("Host") > 0 &&
        !is_loopback_authority(req.header("Host")))
      return fail(res, 421, "this server answers only to its loopback address");
    auto user = authenticate(req, res);
    if (!user) return;
    std::optional<int64_t> id;
    if (p == "/") {
      if (!only(get, "GET, HEAD")) return;
      PageContext c = context(req, res, *user);
      auto f = filter_from(req);
      if (!f.ok()) return fail(res, 400, f.error().message);
      auto d = desk();
      if (!d.ok()) return fail(res, 500, d.error().message);
      auto view = d->inbox(*f, urgency_of(c));
      if (!view.ok()) return fail(res, 500, view.error().message);
      // Fixed notices only; a number is shown as the number it parses to.
      InboxNotice notice;
      if (auto n = parse_double(req.param("decided")); n && *n >= 0 && *n <= 1e6)
        notice.decided = static_cast<int64_t>(*n);
      notice.saved_last = req.param("saved") == "last";
      const std::string error = req.param("error");
      notice.error = error == "none-chosen" ? InboxNotice::Error::kNoneChosen
                     : error == "nothing"   ? InboxNotice::Error::kNothingToDo
                                            : InboxNotice::Error::kNone;
      res.set_content(inbox_page(*view, *f, c, notice), kHtml);
    } else if (match_id(p, "/items/", "", id)) {
      if (only(get, "GET, HEAD")) item_page_route(req, res, *user, id);
    } else if (match_id(p, "/items/", "/decision", id)) {
      if (only(post, "POST")) decision_route(req, res, *user, id);
    } else if (p == "/decisions") {
      if (only(post, "POST")) decisions_route(req, res, *user);
    } else if (p == "/items.csv") {
      if (only(get, "GET, HEAD")) items_csv_route(req, res, *user);
    } else if (match_id(p, "/items/", "/follow", id)) {
      if (only(post, "POST")) follow_route(req, res, *user, id);
    } else if (p == "/sources") {
      if (only(get, "GET, HEAD")) sources_route(req, res, *user);
    } else if (p == "/benchmark") {
      if (only(get, "GET, HEAD")) benchmark_route(req, res, *user);
    } else if (p == "/benchmark/report") {
      if (!only(get, "GET, HEAD")) return;
      auto report = read_file(report_path());
      if (!report.ok()) return fail(res, 404, "no benchmark report yet; generate it on /benchmark");
      res.set_header("Content-Security-Policy", kReportCsp);
      res.set_content(std::move(*report), kHtml);
    } else if (p == "/benchmark/generate") {
      if (only(post, "POST")) generate_route(req, res, *user);
    } else if (p == "/api/items") {
      if (!only(get, "GET, HEAD")) return;
      api_items_route(req, res, *user);
    } else if (match_id(p, "/api/items/", "", id)) {
      if (only(get, "GET, HEAD")) api_item_route(req, res, *user, id);
    } else if (p == "/static/app.css" || p == "/static/app.js") {
      if (!only(get, "GET, HEAD")) return;
      res.set_header("Cache-Control", "max-age=3600");
      const bool css = p == "/static/app.css";
      res.set_content(css ? review_css() : review_js(),
                      css ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
    } else if (p == "/favicon.ico") {
      res.status = 204;  // browsers ask for it on every site; there is none, and that is no error
    } else {
      PageContext c = context(req, res, *user);
      res.status = 404;
      res.set_content(not_found_page("", c), kHtml);  // the path is not echoed (item 12's lesson)
    }
  }

  void handle(const ServerRequest& req, ServerResponse& res) {
    dispatch(req, res);
    // Security headers on every response.
    if (!res.has_header("Content-Security-Policy"))
      res.set_header("Content-Security-Policy", kPageCsp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: under no-referrer browsers send
    // "Origin: null" with the page's own forms, which same_origin() refuses.
    res.set_header("Referrer-Policy", "same-origin");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
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
                          "Basic; put a TLS proxy in front) or --trusted-header NAME with "
                          "--trusted-proxy ADDR (a reverse proxy's login), or listen on 127.0.0.1");
  if (!options.trusted_header.empty() && options.trusted_proxy.empty())
    return make_error(ErrorKind::kUsage,
                      "--trusted-header needs --trusted-proxy ADDR: the address of the reverse "
                      "proxy that sets " +
                          options.trusted_header + " (no one else may send it)");
  if (!options.trusted_proxy.empty() && options.trusted_header.empty())
    return make_error(ErrorKind::kUsage, "--trusted-proxy needs --trusted-header NAME");
  if (!options.trusted_proxy.empty() && !is_ip_address(options.trusted_proxy))
    return make_error(ErrorKind::kUsage,
                      "--trusted-proxy wants an IP address, got \"" + options.trusted_proxy + "\"");
  std::unique_ptr<ReviewServer> s(new ReviewServer());
  Impl& i = *s->impl_;
  i.o = std::move(options);
  i.log = log;
  i.logins = std::make_unique<LoginLockout>(i.o.max_failed_logins, std::chrono::minutes(1),
                                            std::chrono::seconds(i.o.login_lockout_s));
  if (!i.o.users_file.empty()) {
    auto users = UsersFile::load(i.o.users_file);
    if (!users.ok()) return users.error();
    i.users = std::move(*users);
  }
  if (auto people = load_people(i.o.feeds_dir + "/people.toml"); people.ok())
    i.people = assignee_choices(*people);
  else if (people.error().kind != ErrorKind::kNotFound)
    log.warning("assignee suggestions unavailable: " + people.error().message);
  auto rules = load_relevance_rules(i.o.feeds_dir + "/relevance.toml");
  if (rules.ok())
    i.rules = std::move(*rules);
  else
    log.warning("theme labels unavailable: " + rules.error().message);
  // The database must open (and migrate) before anyone is let in.
  // An existing database only: a mistyped --db must not start an empty one.
  auto store = Store::open(i.o.settings.db_path, Access::kReadWrite);
  if (!store.ok()) return store.error();
  auto secret = ItemStore(store->db()).web_secret();
  if (!secret.ok()) return secret.error();
  i.csrf.emplace(std::move(*secret));
  return s;
}

Status ReviewServer::start() {
  Impl& i = *impl_;
  HttpServerOptions h;
  h.host = i.o.host;
  h.port = i.o.port;
  h.workers = i.o.threads;
  h.max_connections = i.o.max_connections;
  h.max_head_bytes = i.o.max_head_bytes;
  h.max_headers = i.o.max_headers;
  h.max_body_bytes = i.o.max_body_bytes;
  h.idle_timeout_s = i.o.idle_timeout_s;
  auto server = HttpServer::start(
      h, [&i](const ServerRequest& req, ServerResponse& res) { i.handle(req, res); });
  if (!server.ok()) return server.error();
  i.server = std::move(*server);
  return Status::Ok();
}

void ReviewServer::stop() {
  if (impl_) impl_->server.reset();
}

int ReviewServer::port() const { return impl_->server ? impl_->server->port() : 0; }

std::string ReviewServer::base_url() const {
  const std::string& host = impl_->o.host;
  return "http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(port());
}

}  // namespace omvarld
