// omvarld follow, unfollow, following: follow an initiative from the
// Commission's planning to the adopted act (issue #16, docs/following.md).
// The harvest (`omvarld harvest --only follow`) reads what is followed.
#include <cstdlib>
#include <iostream>

#include "cli/cli_common.h"
#include "core/clock.h"
#include "core/text.h"
#include "model/lifecycle.h"
#include "report/markup.h"
#include "store/follow_store.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

std::string user_name() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

// Control characters of source text become spaces on a terminal.
std::string plain(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out.push_back(c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c));
  return out;
}

// What `follow` and `unfollow` take: an inbox item, --hys, --procedure, --com.
struct TargetOptions {
  std::optional<int64_t> item;
  std::optional<int64_t> hys;
  std::string procedure, com;

  void add(CLI::App& app) {
    app.add_option("ID", item, "an item's id, as `omvarld flags` and the review page list it");
    app.add_option("--hys", hys, "a Have your say initiative's id, e.g. 18805")
        ->check(CLI::PositiveNumber);
    app.add_option("--procedure", procedure,
                   "a procedure reference, e.g. 2016/0132(COD) (also 2016/0132/COD, 2016-0132)");
    app.add_option("--com", com,
                   "a Commission proposal, e.g. \"COM(2024)469\"; with --procedure, recorded as "
                   "a manual link between the two");
  }

  // Reads the references where they enter; an item adds what it says of
  // itself (a Have your say item its id), and what is given explicitly wins.
  Result<FollowTarget> target(Store& store, std::vector<std::string>* notes) const {
    FollowTarget t;
    if (item) {
      FollowStore follows(store.db());
      auto of_item = follows.target_of_item(*item);
      if (!of_item.ok()) return of_item.error().with_context(store.path());
      t = *of_item;
      if (t.hys_id && notes)
        notes->push_back("item " + std::to_string(*item) + " is Have your say initiative " +
                         std::to_string(*t.hys_id));
    }
    if (hys) t.hys_id = *hys;
    if (!procedure.empty()) {
      ASSIGN_OR_RETURN(ProcedureRef ref, parse_procedure_ref(procedure));
      t.procedure = ref;
    }
    if (!com.empty()) {
      ASSIGN_OR_RETURN(ComRef ref, parse_com_ref(com));
      t.com = ref;
    }
    if (t.empty())
      return make_error(ErrorKind::kUsage,
                        "nothing named: give an item id, --hys, --procedure or --com");
    return t;
  }
};

class FollowCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    target_.add(app);
    common_.add_db(app);
    app.footer(
        "Follows an initiative across the Commission (Have your say) and the Parliament (the "
        "procedure):\n"
        "each harvest (`omvarld harvest`, or `--only follow`) reads it and records what changed.\n"
        "Giving more of one initiative (an item, then --procedure) adds to the same follow.");
  }

  Result<int> run() override {
    ASSIGN_OR_RETURN(Settings settings, common_.settings());
    ASSIGN_OR_RETURN(Store store, Store::open(settings.db_path, Access::kReadWrite));
    std::vector<std::string> notes;
    ASSIGN_OR_RETURN(FollowTarget target, target_.target(store, &notes));
    FollowStore follows(store.db());
    SystemClock clock;
    ASSIGN_OR_RETURN(int64_t id, follows.follow(target, FollowReason::kManual, user_name(),
                                                format_iso8601_utc(clock.now_unix())));
    ASSIGN_OR_RETURN(std::optional<Follow> f, follows.get(id));
    for (const auto& n : notes) std::cerr << n << "\n";
    std::string what;
    if (f->hys_id) what += "Have your say " + std::to_string(*f->hys_id);
    if (!f->procedure.empty()) what += (what.empty() ? "" : ", ") + ("procedure " + f->procedure);
    if (!f->com.empty()) what += (what.empty() ? "" : ", ") + f->com;
    if (f->item_id) what += (what.empty() ? "" : ", ") + ("item " + std::to_string(*f->item_id));
    std::cout << "following " << id << ": " << what << "\n";
    if (!f->hys_id && f->procedure.empty())
      std::cerr << "nothing to read yet: add --hys ID or --procedure REF so that the harvest "
                   "can follow it\n";
    return 0;
  }

 private:
  CommonOptions common_;
  TargetOptions target_;
};

class UnfollowCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    target_.add(app);
    common_.add_db(app);
    app.footer("Stops following; what was read and the history of changes are kept.");
  }

  Result<int> run() override {
    ASSIGN_OR_RETURN(Settings settings, common_.settings());
    ASSIGN_OR_RETURN(Store store, Store::open(settings.db_path, Access::kReadWrite));
    ASSIGN_OR_RETURN(FollowTarget target, target_.target(store, nullptr));
    FollowStore follows(store.db());
    SystemClock clock;
    ASSIGN_OR_RETURN(int n,
                     follows.unfollow(target, user_name(), format_iso8601_utc(clock.now_unix())));
    if (n == 0)
      return make_error(ErrorKind::kNotFound, "nothing of that is followed in " + settings.db_path)
          .with_hint("`omvarld following` lists what is followed");
    std::cout << "stopped following " << n << " initiative(s)\n";
    return 0;
  }

 private:
  CommonOptions common_;
  TargetOptions target_;
};

// --- following --------------------------------------------------------------

std::string json_or_null(const std::optional<std::string>& v) {
  return v ? json_string(*v) : "null";
}

std::string json_lines(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + json_string(v[i]);
  return out + "]";
}

// The procedure and COM proposal a follow is read by: the officer's own,
// else what a link gives (store/follow_store.h procedure_in_use).
std::string procedure_shown(const FollowedInitiative& f) {
  if (!f.follow.procedure.empty()) return f.follow.procedure;
  auto p = procedure_in_use(f.follow, f.links);
  return p ? procedure_label(*p) : "";
}
std::string com_shown(const FollowedInitiative& f) {
  if (!f.follow.com.empty()) return f.follow.com;
  auto c = com_in_use(f.follow, f.links);
  return c ? com_label(*c) : "";
}

std::string follow_json(const FollowedInitiative& f, const std::string& now) {
  const Follow& w = f.follow;
  const std::string procedure = procedure_shown(f), com = com_shown(f);
  std::string o = "{\"id\":" + std::to_string(w.id);
  o += ",\"hys_id\":" + (w.hys_id ? std::to_string(*w.hys_id) : std::string("null"));
  o += ",\"procedure\":" + (procedure.empty() ? std::string("null") : json_string(procedure));
  o += ",\"com\":" + (com.empty() ? std::string("null") : json_string(com));
  o += ",\"item_id\":" + (w.item_id ? std::to_string(*w.item_id) : std::string("null"));
  o += ",\"reason\":" + json_string(w.reason);
  o += ",\"followed_at\":" + json_string(w.followed_at);
  o += ",\"followed_by\":" + json_string(w.followed_by);
  o += ",\"title\":" + json_string(followed_title(f));
  o += ",\"stage\":" + json_string(followed_stage(f));
  auto next = next_known_date(f, now);
  o += ",\"next\":" +
       (next ? "{\"date\":" + json_string(next->when) + ",\"what\":" + json_string(next->what) + "}"
             : std::string("null"));
  o += ",\"publications\":[";
  if (f.hys)
    for (size_t i = 0; i < f.hys->publications.size(); ++i) {
      const HysPublication& p = f.hys->publications[i];
      o += i ? "," : "";
      o += "{\"id\":" + std::to_string(p.id) + ",\"type\":" + json_string(p.type) +
           ",\"stage\":" + json_string(p.stage) +
           ",\"feedback_status\":" + json_string(p.feedback_status) +
           ",\"published\":" + json_or_null(p.published) +
           ",\"feedback_start\":" + json_or_null(p.feedback_start) +
           ",\"feedback_end\":" + json_or_null(p.feedback_end) + ",\"planned_period\":" +
           (p.planned_period.empty() ? std::string("null") : json_string(p.planned_period)) +
           ",\"planned_start\":" + json_or_null(p.planned_start) +
           ",\"planned_end\":" + json_or_null(p.planned_end) +
           ",\"feedback_count\":" + std::to_string(p.feedback_count) + ",\"reference\":" +
           (p.reference.empty() ? std::string("null") : json_string(p.reference)) +
           ",\"documents\":" + json_lines(p.documents) + "}";
    }
  o += "],\"events\":[";
  if (f.ep)
    for (size_t i = 0; i < f.ep->events.size(); ++i) {
      const EpEvent& e = f.ep->events[i];
      o += i ? "," : "";
      o += "{\"date\":" + (e.date.empty() ? std::string("null") : json_string(e.date)) +
           ",\"type\":" + (e.type.empty() ? std::string("null") : json_string(e.type)) +
           ",\"title\":" + json_string(e.title) + ",\"id\":" + json_string(e.id) + "}";
    }
  o += "],\"rapporteurs\":" + json_lines(f.ep ? f.ep->rapporteurs : std::vector<std::string>{});
  o += ",\"shadow_rapporteurs\":" +
       json_lines(f.ep ? f.ep->shadow_rapporteurs : std::vector<std::string>{});
  o += ",\"committees\":" + json_lines(f.ep ? f.ep->committees : std::vector<std::string>{});
  o += ",\"lead_committee\":" + (f.ep && !f.ep->lead_committee.empty()
                                     ? json_string(f.ep->lead_committee)
                                     : std::string("null"));
  o += ",\"links\":[";
  for (size_t i = 0; i < f.links.size(); ++i) {
    const StoredLink& l = f.links[i];
    o += i ? "," : "";
    o += "{\"com\":" + json_string(com_label(l.link.com)) +
         ",\"procedure\":" + json_string(procedure_label(l.link.procedure)) +
         ",\"source\":" + json_string(link_source_name(l.link.source)) +
         ",\"source_url\":" + json_string(l.link.source_url) +
         ",\"recorded_at\":" + json_string(l.recorded_at) +
         ",\"conflict\":" + (l.conflict ? "true" : "false") + "}";
  }
  o += "],\"sources\":[";
  for (size_t i = 0; i < f.sources.size(); ++i) {
    const FollowSourceState& s = f.sources[i];
    o += i ? "," : "";
    o += "{\"source\":" + json_string(s.source) + ",\"url\":" + json_string(s.url) +
         ",\"last_ok_at\":" + json_string(s.last_ok_at) +
         ",\"last_checked_at\":" + json_string(s.last_checked_at) +
         ",\"last_error\":" + json_string(s.last_error) + "}";
  }
  o += "],\"changes\":[";
  for (size_t i = 0; i < f.changes.size(); ++i) {
    const FollowChange& c = f.changes[i];
    o += i ? "," : "";
    o += "{\"seen_at\":" + json_string(c.seen_at) + ",\"source\":" + json_string(c.source) +
         ",\"kind\":" + json_string(c.kind) + ",\"subject\":" + json_string(c.subject) +
         ",\"old\":" + json_string(c.old_value) + ",\"new\":" + json_string(c.new_value) + "}";
  }
  return o + "]}";
}

// "2026-09-01" or a full UTC time: what --changed-since accepts.
bool plausible_since(const std::string& s) {
  if (s.size() < 10) return false;
  for (size_t i = 0; i < 10; ++i)
    if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  return s.size() == 10 || s[10] == 'T';
}

class FollowingCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("--changed-since", since_,
                   "only initiatives with changes seen on or after this date (YYYY-MM-DD, UTC), "
                   "and only those changes");
    app.add_option("--format", format_, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    common_.add_db(app);
  }

  Result<int> run() override {
    if (!since_.empty() && !plausible_since(since_))
      return make_error(ErrorKind::kUsage,
                        "--changed-since wants a date YYYY-MM-DD, got \"" + since_ + "\"");
    ASSIGN_OR_RETURN(Settings settings, common_.settings());
    ASSIGN_OR_RETURN(Store store, Store::open(settings.db_path, Access::kRead));
    FollowStore follows(store.db());
    ASSIGN_OR_RETURN(std::vector<FollowedInitiative> all, follows.overview(since_));
    if (!since_.empty())
      std::erase_if(all, [](const FollowedInitiative& f) { return f.changes.empty(); });
    SystemClock clock;
    const std::string now = format_iso8601_utc(clock.now_unix());
    if (format_ == "json") {
      std::string out = "{\"following\":[";
      for (size_t i = 0; i < all.size(); ++i) out += (i ? "," : "") + follow_json(all[i], now);
      std::cout << out << "]}\n";
      return 0;
    }
    auto row = [&](const FollowedInitiative& f) {
      auto next = next_known_date(f, now);
      std::string last = f.changes.empty()
                             ? ""
                             : f.changes.back().seen_at.substr(0, 10) + " " + f.changes.back().kind;
      std::string errors;
      for (const auto& s : f.sources)
        if (!s.last_error.empty()) errors += (errors.empty() ? "" : "; ") + s.source + " failed";
      for (const auto& l : f.links)
        if (l.conflict)
          errors += (errors.empty() ? "" : "; ") + std::string(link_source_name(l.link.source)) +
                    " says " + procedure_label(l.link.procedure);
      return std::vector<std::string>{std::to_string(f.follow.id),
                                      f.follow.hys_id ? std::to_string(*f.follow.hys_id) : "",
                                      procedure_shown(f),
                                      com_shown(f),
                                      followed_stage(f),
                                      next ? next->when.substr(0, 10) : "",
                                      next ? next->what : "",
                                      std::to_string(f.changes.size()),
                                      last,
                                      errors,
                                      followed_title(f)};
    };
    const std::vector<std::string> header = {"id",          "hys",      "procedure", "com",
                                             "stage",       "next",     "next what", "changes",
                                             "last change", "problems", "title"};
    if (format_ == "csv") {
      std::string line;
      for (size_t i = 0; i < header.size(); ++i) line += (i ? "," : "") + csv_field(header[i]);
      std::cout << line << '\n';
      for (const auto& f : all) {
        auto r = row(f);
        line.clear();
        for (size_t i = 0; i < r.size(); ++i) line += (i ? "," : "") + csv_text(r[i]);
        std::cout << line << '\n';
      }
      return 0;
    }
    if (all.empty()) {
      std::cout << (since_.empty() ? "nothing followed yet in " + settings.db_path +
                                         "; `omvarld follow --hys ID` starts"
                                   : "no changes since " + since_)
                << "\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : all) {
      auto r = row(f);
      for (auto& cell : r) cell = plain(cell);
      if (r.back().size() > 70) {
        utf8_cut(r.back(), 70);
        r.back() += "...";
      }
      rows.push_back(std::move(r));
    }
    print_table(header, rows);
    return 0;
  }

 private:
  CommonOptions common_;
  std::string since_, format_ = "table";
};

}  // namespace

std::unique_ptr<Command> make_follow_command() { return std::make_unique<FollowCommand>(); }
std::unique_ptr<Command> make_unfollow_command() { return std::make_unique<UnfollowCommand>(); }
std::unique_ptr<Command> make_following_command() { return std::make_unique<FollowingCommand>(); }

}  // namespace omvarld::cli
