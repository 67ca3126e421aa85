#include "report/subscriber_digests.h"

#include <cstdlib>
#include <filesystem>
#include <map>

#include "core/clock.h"
#include "core/files.h"
#include "core/random.h"
#include "omvarld/version.h"
#include "report/flags_texts.h"
#include "report/follow_news.h"
#include "store/item_store.h"
#include "store/store.h"

namespace omvarld {
namespace {

// The digest's date: now, or SOURCE_DATE_EPOCH when set (as the other
// reports read it, report_files.cpp), so that tests and reproducible runs
// can fix it.
int64_t digest_time() {
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) {
    char* end = nullptr;
    const long long v = std::strtoll(e, &end, 10);
    if (end && *end == '\0' && v >= 0) return v;
  }
  return SystemClock().now_unix();
}

// Whom a digest is for: a subscriber with its themes, or everyone (all
// flagged items, no audience).
struct Target {
  Subscription sub;
  std::vector<std::string> themes;
  bool everyone = false;
  std::string key() const { return everyone ? "*" : sub.name; }
};

struct Loaded {
  std::vector<Target> targets;
  std::optional<RelevanceRules> rules;
};

Result<Loaded> load_targets(const Settings& settings, const SubscriberDigestOptions& o,
                            const Log& log) {
  const std::string feeds = o.feeds_dir.empty() ? settings.feeds_dir : o.feeds_dir;
  Loaded out;
  auto rules = load_relevance_rules(feeds + "/relevance.toml");
  if (rules.ok()) out.rules = std::move(*rules);
  // The subscriptions: the file named, else the one of the feeds folder
  // when there is one (a committee of relevance.toml needs none).
  const std::string path =
      o.subscriptions.empty() ? feeds + "/subscriptions.toml" : o.subscriptions;
  std::vector<Subscription> subs;
  std::error_code ec;
  if (!o.everyone && (!o.subscriptions.empty() || std::filesystem::exists(path, ec))) {
    ASSIGN_OR_RETURN(subs, load_subscriptions(path));
  }
  std::vector<Subscription> chosen;
  if (o.everyone) {
    // the whole digest, below
  } else if (!o.committee.empty()) {
    auto found = find_subscription(subs, o.committee, path);
    if (found.ok()) {
      chosen.push_back(*found);
    } else if (!o.subscriptions.empty()) {
      return found.error();
    } else {
      Subscription s;
      s.name = o.committee;
      s.lang = o.lang;
      s.where = "--committee";
      chosen.push_back(s);
    }
  } else if (o.mail_to.empty()) {
    chosen = subs;
    if (chosen.empty())
      return make_error(ErrorKind::kUsage, path + " has no [[subscriber]]")
          .with_hint("add the committees and their addresses there (the file documents how)");
  }
  if (!chosen.empty() && !out.rules)
    return rules.error().with_context("the subscribers' themes need relevance.toml");
  if (!rules.ok()) log.warning("theme labels unavailable: " + rules.error().message);
  for (auto& s : chosen) {
    Target t;
    ASSIGN_OR_RETURN(t.themes, subscription_themes(s, *out.rules));
    if (!o.mail_to.empty()) s.to = o.mail_to;
    t.sub = std::move(s);
    out.targets.push_back(std::move(t));
  }
  if (out.targets.empty()) {  // --mail-to without --committee: the whole digest
    Target t;
    t.everyone = true;
    t.sub.name = "*";
    t.sub.lang = o.lang;
    t.sub.to = o.mail_to;
    t.sub.where = "--mail-to";
    out.targets.push_back(std::move(t));
  }
  for (const auto& t : out.targets)
    for (const auto& a : t.sub.to) RETURN_IF_ERROR(check_mail_address(a, t.sub.where + ": to"));
  return out;
}

Result<std::vector<StoredItem>> flagged_items(ItemStore& items) {
  ItemQuery q;
  q.grades = {Grade::kFlag, Grade::kLook};
  q.limit = -1;
  return items.list(q);
}

// The follow news of one run, read once for each `since` and language
// however many addresses share them.
class NewsOfTheRun {
 public:
  NewsOfTheRun(Db& db, int64_t now) : db_(db), now_(now) {}
  Result<std::vector<DigestNews>> since(const std::string& since, Lang lang) {
    const auto key = std::make_pair(since, lang);
    auto it = read_.find(key);
    if (it == read_.end()) {
      ASSIGN_OR_RETURN(std::vector<DigestNews> news, digest_news(db_, since, now_, lang));
      it = read_.emplace(key, std::move(news)).first;
    }
    return it->second;
  }

 private:
  Db& db_;
  int64_t now_;
  std::map<std::pair<std::string, Lang>, std::vector<DigestNews>> read_;
};

// One digest for `t`, new since the last digest of `kind` (or --since).
Result<FlagsDigest> render_for(const Target& t, const std::vector<StoredItem>& all,
                               const Loaded& loaded, const SubscriberDigestOptions& o,
                               ItemStore& items, NewsOfTheRun& news, const std::string& kind,
                               int64_t now) {
  FlagsDigestInput in;
  in.items = t.everyone ? all : subscribed_items(all, t.sub, t.themes);
  in.rules = loaded.rules ? &*loaded.rules : nullptr;
  in.now = now;
  in.audience = t.everyone ? "" : t.sub.name;
  in.news = o.news;
  in.review_url = o.review_url;
  if (!o.since.empty()) {
    in.since = o.since;
    in.since_label = "(--since)";
  } else {
    ASSIGN_OR_RETURN(auto last, items.last_digest(kind));
    if (last) {
      in.since = *last;
      in.since_label = kDigestTexts.since_last[t.sub.lang];
    }
  }
  // What moved among the followed initiatives since this one's last digest,
  // after any news the caller gave. An error is the digest's: sending it
  // without the news would record it and lose that news for good.
  ASSIGN_OR_RETURN(std::vector<DigestNews> moved, news.since(in.since, t.sub.lang));
  in.news.insert(in.news.end(), moved.begin(), moved.end());
  ReportContext ctx;
  ctx.lang = t.sub.lang;
  ctx.generated_at = format_iso8601_utc(now);
  ctx.version = OMVARLD_VERSION;
  return render_flags_digest(in, ctx);
}

void record(const Settings& settings, const std::string& kind, const std::string& at,
            const std::string& path, int64_t n, const Log& log) {
  auto rw = Store::open(settings.db_path, Access::kReadWrite);
  Status s = rw.ok() ? ItemStore(rw->db()).record_digest(kind, at, path, n) : Status(rw.error());
  if (!s.ok())
    log.warning("the digest " + kind + " was done but not recorded in the database (" +
                s.error().message + "), so the next one marks the same items new again");
}

}  // namespace

Result<std::vector<std::string>> write_subscriber_digest(const Settings& settings,
                                                         const SubscriberDigestOptions& o,
                                                         const Log& log) {
  if (o.committee.empty() && !o.everyone)
    return make_error(ErrorKind::kUsage, "a subscriber's digest needs --committee NAME");
  const std::filesystem::path parent = std::filesystem::path(o.out).parent_path();
  std::error_code ec;
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
    return make_error(ErrorKind::kNotFound,
                      "the folder " + parent.string() + " of --out " + o.out + " does not exist")
        .with_hint("create it first, or name a file in an existing folder");
  ASSIGN_OR_RETURN(Loaded loaded, load_targets(settings, o, log));
  ASSIGN_OR_RETURN(Store store, Store::open(settings.db_path, Access::kRead));
  ItemStore items(store.db());
  ASSIGN_OR_RETURN(std::vector<StoredItem> all, flagged_items(items));
  const Target& t = loaded.targets.front();
  const std::string kind = t.everyone ? "flags" : "flags " + t.sub.name;
  const int64_t now = digest_time();
  NewsOfTheRun news(store.db(), now);
  ASSIGN_OR_RETURN(FlagsDigest d, render_for(t, all, loaded, o, items, news, kind, now));
  std::vector<std::string> written;
  RETURN_IF_ERROR(write_file_atomic(o.out, d.html));
  written.push_back(o.out);
  if (o.markdown) {
    std::filesystem::path md(o.out);
    md.replace_extension(".md");
    RETURN_IF_ERROR(write_file_atomic(md.string(), d.markdown));
    written.push_back(md.string());
  }
  if (!o.dry_run) record(settings, kind, format_iso8601_utc(now), o.out, d.items, log);
  log.info(t.sub.name + ": " + std::to_string(d.items) + " item(s), " + std::to_string(d.fresh) +
           " new, " + std::to_string(d.urgent) + " urgent");
  return written;
}

Result<MailOutcome> mail_digests(const Settings& settings, const SubscriberDigestOptions& o,
                                 MailSender& sender, const Log& log) {
  RETURN_IF_ERROR(check_mail_address(o.from, "--mail-from"));
  ASSIGN_OR_RETURN(Loaded loaded, load_targets(settings, o, log));
  ASSIGN_OR_RETURN(Store store, Store::open(settings.db_path, Access::kRead));
  ItemStore items(store.db());
  ASSIGN_OR_RETURN(std::vector<StoredItem> all, flagged_items(items));
  const int64_t now = digest_time();
  NewsOfTheRun news(store.db(), now);
  MailOutcome outcome;
  for (const Target& t : loaded.targets) {
    if (t.sub.to.empty()) {
      log.info(t.sub.name + " (" + t.sub.where + ") has no addresses (to = [...]); no mail");
      continue;
    }
    for (const std::string& address : t.sub.to) {
      const std::string kind = "mail " + t.key() + " " + address;
      const std::string who = "the digest for " + t.sub.name + " to " + address;
      auto d = render_for(t, all, loaded, o, items, news, kind, now);
      if (!d.ok()) return d.error();
      if (d->nothing_new() && !o.send_empty) {
        ++outcome.skipped;
        log.info(who + ": nothing new since the last one; not sent (--send-empty sends it)");
        continue;
      }
      auto unique = random_hex(12);
      if (!unique.ok()) return unique.error();
      MailMessage m;
      m.from = o.from;
      m.from_name = o.from_name;
      m.to = {address};
      m.subject = d->subject;
      m.text = d->markdown;
      m.html = d->html;
      m.date = now;
      m.unique = *unique;
      if (o.dry_run) {
        log.info(who + ": would send \"" + d->subject + "\" (--dry-run)");
        continue;
      }
      Status s = sender.send(o.from, address, compose_mail(m));
      if (!s.ok()) {
        Error e = s.error().with_context(who + " was not sent");
        log.error(e.message + "; it is tried again at the next run");
        outcome.failed.push_back(std::move(e));
        continue;
      }
      ++outcome.sent;
      record(settings, kind, format_iso8601_utc(now), "mailto:" + address, d->items, log);
      log.info(who + ": sent \"" + d->subject + "\"");
    }
  }
  return outcome;
}

}  // namespace omvarld
