// omvarld flags / omvarld flag ID: the officers' review of flagged EU items.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/cli_common.h"
#include "core/files.h"
#include "core/text.h"
#include "harvest/feed_collector.h"
#include "harvest/feed_sources.h"
#include "relevance/evaluation.h"
#include "relevance/relevance.h"
#include "relevance/verdict_model.h"
#include "report/item_formats.h"
#include "report/markup.h"
#include "services/training.h"
#include "store/item_store.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

// The review statuses' names, for CLI11's checks.
std::vector<std::string> status_names() {
  std::vector<std::string> out;
  for (ReviewStatus s : kReviewStatuses) out.emplace_back(review_status_name(s));
  return out;
}

// Text from feeds shown on a terminal: control characters (escape sequences
// included) become spaces; long text is cut at a character boundary.
std::string terminal_safe(const std::string& s, size_t max_bytes = std::string::npos) {
  std::string out;
  for (unsigned char c : s) out.push_back(c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c));
  if (utf8_cut(out, max_bytes)) out += "...";
  return out;
}

std::string one_line(const std::string& lines, const char* sep = ",") {
  std::string out;
  for (std::string_view part : split(lines, '\n'))
    if (!part.empty()) out += (out.empty() ? "" : sep) + std::string(part);
  return out;
}

std::string day(const std::string& iso) { return iso.substr(0, 10); }

// What `omvarld flags` shows on a terminal unless --limit says otherwise.
constexpr int64_t kTableRows = 500;

std::string theme_ids(const RelevanceRules& rules) {
  std::string out;
  for (const auto& t : rules.themes) out += (out.empty() ? "" : ", ") + t.id;
  return out;
}

class FlagsCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    auto statuses = status_names();
    statuses.push_back("all");
    app.add_option("--status", status_,
                   "new (default: not yet decided, flagged or worth a look), another review "
                   "status, or all (every stored item); statuses: " +
                       review_status_list())
        ->check(CLI::IsMember(statuses));
    app.add_option("--theme", theme_,
                   "only items of this theme, an id of feeds/relevance.toml; as shipped: "
                   "urban_cohesion, procurement, state_aid, climate_energy_buildings, "
                   "transport_mobility, water_waste, air_environment, housing, "
                   "migration_integration, labour_social, education, health_elderly, "
                   "digital_data, security_preparedness, local_democracy");
    app.add_option("--due-within", due_within_,
                   "only items whose deadline falls within this many days (0 or more)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--min-score", min_score_, "only items scoring at least this (0-100)")
        ->check(CLI::Range(0, 100));
    app.add_option("--grade", grade_,
                   "flag (the rules are confident), look (worth a look), none, or all (default: "
                   "flag and look; with --status all: all)")
        ->check(CLI::IsMember({"flag", "look", "none", "all"}));
    app.add_option("--format", format_, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    app.add_option("--limit", limit_,
                   "at most this many items (default: all for csv and json, 500 for the table)")
        ->check(CLI::PositiveNumber);
    common_.add_db(app);
    train_ = app.add_subcommand(
        "train",
        "learn from officers' verdicts (relevant / not-relevant): cross-validate, train, and "
        "give every item the model's probability beside the rules' score");
    train_->add_option("--min-verdicts", min_verdicts_,
                       "at least this many of each kind of verdict (default 10)");
    train_->add_option(
        "--feeds", feeds_dir_,
        "folder with relevance.toml (default: $OMVARLD_FEEDS, else feeds/ of the data folder)");
    common_.add_db(*train_);
    rescore_ =
        app.add_subcommand("rescore", "apply feeds/relevance.toml again to every stored item");
    rescore_->add_option(
        "--feeds", feeds_dir_,
        "folder with relevance.toml (default: $OMVARLD_FEEDS, else feeds/ of the data folder)");
    common_.add_db(*rescore_);
    evaluate_ = app.add_subcommand(
        "evaluate",
        "measure feeds/relevance.toml as it is now against a labels file: recall, precision, "
        "the score's AUC and recall per theme (before `flags rescore`)");
    evaluate_
        ->add_option("LABELS", labels_path_,
                     "tab-separated with a header: id_or_link (a Have your say id, call "
                     "identifier, link, or #ID for omvarld's id), label (2/1/0 or yes/maybe/no), "
                     "optional split")
        ->required();
    evaluate_->add_option("--split", split_, "only the labels of this split, e.g. test");
    evaluate_->add_option(
        "--feeds", feeds_dir_,
        "folder with relevance.toml (default: $OMVARLD_FEEDS, else feeds/ of the data folder)");
    common_.add_db(*evaluate_);
    app.footer("Highest score first. CSV columns: " + item_csv_header() +
               "; text that a spreadsheet would run as a formula starts with '.\nDecide on an "
               "item with `omvarld flag ID --status relevant --note ...`.");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    // Listing only reads; train and rescore write scores and the model.
    const bool writes = train_->parsed() || rescore_->parsed();
    auto store = Store::open(settings->db_path, writes ? Access::kReadWrite : Access::kRead);
    if (!store.ok()) return store.error();
    std::string dir = feeds_dir_.empty() ? settings->feeds_dir : feeds_dir_;
    auto rules = load_relevance_rules(dir + "/relevance.toml");
    if (!rules.ok()) return rules.error();
    SystemClock clock;
    if (train_->parsed()) return train(*store, std::move(rules).value(), dir, clock);
    if (evaluate_->parsed()) return evaluate_labels(*store, std::move(rules).value(), dir);
    if (rescore_->parsed()) {
      RelevanceScorer scorer(std::move(rules).value());
      auto n = rescore_items(*store, scorer, format_iso8601_utc(clock.now_unix()));
      if (!n.ok()) return n.error();
      std::cerr << "rescored " << *n << " item(s) with " << dir << "/relevance.toml\n";
      return 0;
    }
    // --theme names a theme id of the rules; a word that is not one would
    // silently match nothing.
    if (!theme_.empty() && std::none_of(rules->themes.begin(), rules->themes.end(),
                                        [&](const Theme& t) { return t.id == theme_; }))
      return make_error(ErrorKind::kUsage, "no theme \"" + theme_ + "\" in " + dir +
                                               "/relevance.toml; theme ids: " + theme_ids(*rules));
    ItemQuery q;
    // Machine formats list everything unless --limit says otherwise; the
    // table shows kTableRows and says so when there are more.
    const bool table = format_ == "table";
    const int64_t shown = limit_ ? *limit_ : table ? kTableRows : -1;
    q.limit = shown < 0 ? -1 : shown + 1;  // one more, to know whether the list is cut
    q.theme = theme_;
    q.min_score = min_score_;
    // The default is the inbox: undecided items, flagged or worth a look.
    // Another --status lists every item with that decision, whatever its
    // grade, unless --grade narrows it. (CLI11 checked the names.)
    const bool inbox = status_.empty() || status_ == review_status_name(ReviewStatus::kNew);
    if (inbox)
      q.status = ReviewStatus::kNew;
    else if (status_ != "all")
      q.status = find_review_status(status_);
    if (!grade_.empty() && grade_ != "all")
      q.grades = {*parse_grade(grade_)};
    else if (grade_.empty() && inbox)
      q.grades = {Grade::kFlag, Grade::kLook};
    q.urgency = urgency_at(clock.now_unix(), &*rules);
    if (due_within_ >= 0) q.due_within_days = due_within_;
    ItemStore items(store->db());
    auto list = items.list(q);
    if (!list.ok()) return list.error();
    const bool cut = shown >= 0 && static_cast<int64_t>(list->size()) > shown;
    if (cut) list->resize(static_cast<size_t>(shown));
    if (format_ == "csv") {
      std::cout << item_csv_header() << '\n';
      for (const auto& i : *list) std::cout << item_csv_row(i, q.urgency) << '\n';
    } else if (format_ == "json") {
      std::cout << items_json_array(*list, q.urgency) << '\n';
    } else {
      std::vector<std::vector<std::string>> rows;
      for (const auto& i : *list)
        rows.push_back({std::to_string(i.id), i.score ? std::to_string(*i.score) : "-",
                        grade_name(i.grade),
                        (q.urgency.is_urgent(deadline_of(i)) ? "! " : "") + day(i.deadline),
                        review_status_name(i.review_status), terminal_safe(one_line(i.themes), 40),
                        terminal_safe(i.title, 70)});
      print_table({"id", "score", "grade", "deadline", "status", "themes", "title"}, rows);
      std::cerr << list->size() << " item(s); '!' marks a deadline within " << q.urgency.days
                << " days. `omvarld flag ID` shows one with why it was flagged.\n";
    }
    if (cut)
      std::cerr << "note: only the first " << shown
                << " items are shown; there are more (--limit N shows N, --format csv or json "
                   "lists all)\n";
    return 0;
  }

 private:
  Result<int> train(Store& store, RelevanceRules rules, const std::string& dir, Clock& clock) {
    RelevanceScorer scorer(std::move(rules));
    auto out = train_from_verdicts(store, scorer, min_verdicts_, clock);
    if (!out.ok()) return out.error();
    std::printf(
        "learned from %zu verdicts (%d relevant); %d-fold cross-validation: precision %.2f, recall "
        "%.2f\n",
        out->verdicts, out->relevant, out->cv.folds, out->cv.precision(), out->cv.recall());
    std::printf("words that most suggest relevance:");
    for (const auto& [feature, weight] : out->strongest)
      std::printf(" %s", feature.substr(feature.find(':') + 1).c_str());
    std::printf(
        "\nevery item now has the model's probability beside the rules' score (`omvarld flag ID`); "
        "rules in %s\n",
        dir.c_str());
    return 0;
  }

  // The rules as they are now against an officer's labels (`flags evaluate`).
  Result<int> evaluate_labels(Store& store, RelevanceRules rules, const std::string& dir) {
    auto text = read_file(labels_path_, "labels file");
    if (!text.ok()) return text.error();
    auto labels = parse_labels(*text, labels_path_);
    if (!labels.ok()) return labels.error();
    RelevanceScorer scorer(std::move(rules));
    ItemStore items(store.db());
    std::vector<LabelledResult> results;
    std::vector<std::string> missing;
    size_t considered = 0;
    for (const Label& l : *labels) {
      if (!split_.empty() && l.split != split_) continue;
      ++considered;
      auto item = items.find(l.key);
      if (!item.ok()) return item.error();
      if (!*item) {
        missing.push_back(l.key);
        continue;
      }
      const Relevance r = scorer.score((*item)->title, (*item)->topics, (*item)->summary,
                                       item_identifiers((*item)->guid, (*item)->reference));
      results.push_back({l.grade, r.score, r.flagged,
                         r.themes.empty() ? "" : r.themes.front().theme, r.grade == Grade::kLook});
    }
    if (!split_.empty() && considered == 0)
      return make_error(ErrorKind::kUsage,
                        "no label of split \"" + split_ + "\" in " + labels_path_);
    const Evaluation e = evaluate(results);
    auto num = [](double v) {
      if (std::isnan(v)) return std::string("-");
      char buf[16];
      std::snprintf(buf, sizeof buf, "%.2f", v);
      return std::string(buf);
    };
    std::printf("%zu label(s)%s in %s; %zu matched a stored item, %zu did not\n", considered,
                split_.empty() ? "" : (" of split " + split_).c_str(), labels_path_.c_str(),
                results.size(), missing.size());
    std::printf("rules: %s/relevance.toml as it is now\n", dir.c_str());
    std::printf("clearly relevant (2):  %d, flagged %d: recall %s\n", e.relevant,
                e.relevant_flagged, num(e.recall()).c_str());
    std::printf("possibly relevant (1): %d, flagged %d\n", e.possible, e.possible_flagged);
    std::printf("not relevant (0):      %d, flagged %d: precision %s\n", e.not_relevant,
                e.not_relevant_flagged, num(e.precision()).c_str());
    std::printf("flagged or worth a look: clearly relevant %d (%s), not relevant %d\n",
                e.relevant_shown, num(e.recall_shown()).c_str(), e.not_relevant_shown);
    std::printf("AUC of the score (2 against 0): %s\n", num(e.auc).c_str());
    if (!e.recall_by_theme.empty()) {
      std::printf("recall per theme (the rules' first theme for the item):\n");
      for (const auto& [theme, n] : e.recall_by_theme)
        std::printf("  %-28s %d of %d\n", theme.empty() ? "(no theme)" : theme.c_str(), n.first,
                    n.second);
    }
    if (!missing.empty()) {
      std::fprintf(stderr, "not found in the database:");
      for (size_t k = 0; k < missing.size() && k < 10; ++k)
        std::fprintf(stderr, " %s", terminal_safe(missing[k], 80).c_str());
      std::fprintf(stderr, "%s\n", missing.size() > 10 ? " ..." : "");
    }
    return 0;
  }

  CLI::App* train_ = nullptr;
  CLI::App* rescore_ = nullptr;
  CLI::App* evaluate_ = nullptr;
  std::string labels_path_, split_;
  CommonOptions common_;
  std::string status_, theme_, grade_, format_ = "table", feeds_dir_;
  int due_within_ = -1, min_score_ = 0, min_verdicts_ = 10;
  std::optional<int64_t> limit_;
};

class FlagCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.add_option("ID", id_, "the item's id, as `omvarld flags` lists it")->required();
    app.add_option("--status", status_, review_status_list())->check(CLI::IsMember(status_names()));
    app.add_option("--assignee", assignee_, "who handles it");
    app.add_option("--note", note_,
                   "a note; replaces the earlier one (which stays in the history)");
    common_.add_db(app);
    app.footer(
        "Without --status, --assignee or --note: shows the item, why it was flagged, and its "
        "history.\n"
        "Every change is recorded with the time and $USER.");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    const bool decides = status_ || assignee_ || note_;
    auto store = Store::open(settings->db_path, decides ? Access::kReadWrite : Access::kRead);
    if (!store.ok()) return store.error();
    ItemStore items(store->db());
    auto item = items.get(id_);
    if (!item.ok()) return item.error();
    if (!*item)
      return make_error(ErrorKind::kNotFound,
                        "no item " + std::to_string(id_) + " in " + settings->db_path);
    if (decides) {
      const char* user = std::getenv("USER");
      SystemClock clock;
      // CLI11 checked the name; parsed here, where it enters.
      std::optional<ReviewStatus> status;
      if (status_) {
        auto parsed = parse_review_status(*status_);
        if (!parsed.ok()) return parsed.error();
        status = *parsed;
      }
      if (Status s = items.review(id_, status, assignee_, note_, user && *user ? user : "unknown",
                                  format_iso8601_utc(clock.now_unix()));
          !s.ok())
        return s.error();
      item = items.get(id_);
      if (!item.ok()) return item.error();
    }
    const StoredItem& i = **item;
    auto line = [](const char* label, const std::string& value) {
      if (!value.empty()) std::cout << label << terminal_safe(value) << "\n";
    };
    line("", i.title);
    line("link:       ", i.link);
    line("source:     ", i.source);
    line("reference:  ", i.reference);
    line("type:       ", i.kind);
    line("published:  ", i.published);
    line("opens:      ", i.opens);
    line("deadline:   ", i.deadline);
    line("status:     ", i.status);
    line("topics:     ", one_line(i.topics, ", "));
    std::cout << "score:      " << (i.score ? std::to_string(*i.score) : "not scored")
              << (i.flagged ? " (flagged)" : "") << "\n";
    line("themes:     ", one_line(i.themes, ", "));
    line("why:        ", i.why);
    if (i.model_p) {
      auto info = items.model_info();
      std::string about;
      if (info.ok() && *info)
        about = " (learned " + (*info)->trained_at.substr(0, 10) + " from " +
                std::to_string((*info)->verdicts) + " verdicts; cross-validated precision " +
                format_double(std::round((*info)->cv_precision * 100) / 100) + ", recall " +
                format_double(std::round((*info)->cv_recall * 100) / 100) + ")";
      std::cout << "model:      " << std::lround(*i.model_p * 100) << "% likely relevant" << about
                << "\n";
    }
    line("committee:  ", i.committee);
    std::cout << "review:     " << review_status_name(i.review_status)
              << (i.assignee.empty() ? "" : ", assigned to " + terminal_safe(i.assignee)) << "\n";
    line("note:       ", i.note);
    if (!i.summary.empty()) std::cout << "\n" << terminal_safe(i.summary, 1200) << "\n";
    auto reviews = items.review_history(id_);
    auto changes = items.item_history(id_);
    if (reviews.ok() && !reviews->empty()) {
      std::cout << "\nreview history:\n";
      for (const auto& c : *reviews)
        std::cout << "  " << c.at << "  " << terminal_safe(c.user) << "  " << c.field << ": \""
                  << terminal_safe(c.old_value, 80) << "\" -> \"" << terminal_safe(c.new_value, 80)
                  << "\"\n";
    }
    if (changes.ok() && !changes->empty()) {
      std::cout << "\nchanged by harvests:\n";
      for (const auto& c : *changes)
        std::cout << "  " << c.at << "  " << c.user << "  " << c.field << ": \""
                  << terminal_safe(c.old_value, 80) << "\" -> \"" << terminal_safe(c.new_value, 80)
                  << "\"\n";
    }
    return 0;
  }

 private:
  CommonOptions common_;
  int64_t id_ = 0;
  std::optional<std::string> status_, assignee_, note_;
};

}  // namespace

std::unique_ptr<Command> make_flags_command() { return std::make_unique<FlagsCommand>(); }
std::unique_ptr<Command> make_flag_command() { return std::make_unique<FlagCommand>(); }

}  // namespace omvarld::cli
