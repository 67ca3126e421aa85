#include "report/flags_report.h"

#include <algorithm>
#include <map>

#include "core/text.h"
#include "parse/feed_dates.h"
#include "report/markup.h"
#include "report/page.h"

namespace omvarld {
namespace {

struct Texts {
  const char *lang, *title, *intro, *fresh_label, *urgent_label, *closed_label, *deadline,
      *days_left, *status, *score, *why, *committee, *assignee, *note, *source, *no_items,
      *other_theme, *no_digest, *counts, *open_link, *model, *look_label;
};

const Texts kEn = {"en",
                   "EU consultations and calls flagged for påverkan",
                   "Items the relevance rules flagged for the City of Stockholm, and those worth a "
                   "look (not flagged, but close), grouped by theme and the committee that owns "
                   "it. Urgent deadlines first, then by score.",
                   "new",
                   "urgent",
                   "closed",
                   "Deadline",
                   "days left",
                   "Status",
                   "Score",
                   "Why",
                   "Committee",
                   "Assignee",
                   "Note",
                   "Source",
                   "No flagged items.",
                   "Other",
                   "the start (no earlier digest)",
                   "%d items flagged or worth a look (%d still open for feedback); %d new since "
                   "%s; %d with a deadline within %d days.",
                   "original",
                   "learned model",
                   "worth a look"};
const Texts kSv = {
    "sv",
    "EU-samråd och utlysningar flaggade för påverkan",
    "Ärenden som relevansreglerna flaggat för Stockholms stad, och de som är värda en titt "
    "(inte flaggade, men nära), grupperade efter tema och den nämnd som äger det. Brådskande "
    "sista dagar först, sedan efter poäng.",
    "nytt",
    "brådskande",
    "stängt",
    "Sista dag",
    "dagar kvar",
    "Status",
    "Poäng",
    "Varför",
    "Nämnd",
    "Handläggare",
    "Anteckning",
    "Källa",
    "Inga flaggade ärenden.",
    "Övrigt",
    "början (ingen tidigare sammanställning)",
    "%d ärenden flaggade eller värda en titt (%d fortfarande öppna för synpunkter); %d nya "
    "sedan %s; %d med sista dag inom %d dagar.",
    "original",
    "inlärd modell",
    "värd en titt"};

std::string h(const std::string& s) { return xml_escape(s); }

struct Entry {
  const StoredItem* item;
  std::optional<int64_t> deadline;
  bool urgent = false, closed = false, fresh = false;
};

}  // namespace

FlagsDigest render_flags_digest(const FlagsDigestInput& in, const ReportContext& ctx) {
  const Texts& t = ctx.lang == Lang::kSv ? kSv : kEn;
  const int urgent_days = in.rules ? in.rules->urgent_days : 14;
  FlagsDigest out;
  std::vector<Entry> entries;
  for (const auto& it : in.items) {
    Entry e{&it, it.deadline.empty() ? std::nullopt : parse_feed_date(it.deadline)};
    e.closed = e.deadline && *e.deadline < in.now;
    e.urgent = e.deadline && !e.closed && *e.deadline <= in.now + int64_t{urgent_days} * 86400;
    e.fresh = in.since.empty() || it.first_seen > in.since;
    out.fresh += e.fresh;
    out.urgent += e.urgent;
    entries.push_back(e);
  }
  out.items = static_cast<int>(entries.size());
  // Urgent first (soonest first), then open with a deadline (soonest first),
  // then without a deadline (by score), then closed (most recent first).
  auto rank = [](const Entry& e) { return e.urgent ? 0 : e.closed ? 3 : e.deadline ? 1 : 2; };
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) == 0 || rank(a) == 1) return *a.deadline < *b.deadline;
    if (rank(a) == 3 && *a.deadline != *b.deadline) return *a.deadline > *b.deadline;
    return a.item->score.value_or(0) > b.item->score.value_or(0);
  });
  for (const auto& e : entries) out.open += !e.closed;
  auto theme_label = [&](const std::string& id) {
    if (in.rules)
      for (const auto& th : in.rules->themes)
        if (th.id == id)
          return ctx.lang == Lang::kSv && !th.label_sv.empty() ? th.label_sv : th.label_en;
    return id.empty() ? std::string(t.other_theme) : id;
  };
  // Grouped by each item's top theme (the first listed), groups in the order
  // of their most pressing item.
  std::map<std::string, std::vector<const Entry*>> groups;
  std::vector<std::string> group_order;
  for (const auto& e : entries) {
    std::string top = e.item->themes.substr(0, e.item->themes.find('\n'));
    if (!groups.count(top)) group_order.push_back(top);
    groups[top].push_back(&e);
  }
  const std::string counts = fill(
      t.counts, {std::to_string(out.items), std::to_string(out.open), std::to_string(out.fresh),
                 in.since.empty() ? std::string(t.no_digest) : in.since + " " + in.since_label,
                 std::to_string(out.urgent), std::to_string(urgent_days)});
  std::string body = "<header>\n<p class=\"muted\">omvarld " + h(ctx.version) + "</p>\n<h1>" +
                     h(t.title) + "</h1>\n</header>\n<main>\n<p class=\"lead\">" + h(counts) +
                     "</p>\n<p>" + h(t.intro) + "</p>\n";
  std::string md = "# " + markdown_text(t.title) + "\n\n" + markdown_text(counts) + "\n";
  auto render_item = [&](const Entry& e) {
    const StoredItem& it = *e.item;
    std::string s = "<article class=\"item\">\n<h3>";
    if (e.urgent) s += "<span class=\"badge urgent\">" + std::string(t.urgent_label) + "</span> ";
    if (e.fresh) s += "<span class=\"badge new\">" + std::string(t.fresh_label) + "</span> ";
    if (e.closed) s += "<span class=\"badge\">" + std::string(t.closed_label) + "</span> ";
    if (it.grade == Grade::kLook)
      s += "<span class=\"badge look\">" + std::string(t.look_label) + "</span> ";
    s += h(it.title) + "</h3>\n<dl>\n";
    if (e.deadline) {
      const int64_t days = (*e.deadline - in.now) / 86400;
      s += "<dt>" + std::string(t.deadline) + "</dt><dd>" + h(it.deadline.substr(0, 10)) +
           (e.closed ? "" : " (" + std::to_string(days) + " " + t.days_left + ")") + "</dd>\n";
    }
    s += "<dt>" + std::string(t.score) + "</dt><dd>" + std::to_string(it.score.value_or(0)) +
         (it.model_p ? " (" + std::string(t.model) + ": " +
                           std::to_string(static_cast<int>(*it.model_p * 100 + 0.5)) + "%)"
                     : "") +
         "</dd>\n";
    s += "<dt>" + std::string(t.why) + "</dt><dd>" + h(it.why) + "</dd>\n";
    if (!it.committee.empty())
      s += "<dt>" + std::string(t.committee) + "</dt><dd>" + h(it.committee) + "</dd>\n";
    s += "<dt>" + std::string(t.status) + "</dt><dd>" + h(it.review_status) + "</dd>\n";
    if (!it.assignee.empty())
      s += "<dt>" + std::string(t.assignee) + "</dt><dd>" + h(it.assignee) + "</dd>\n";
    if (!it.note.empty()) s += "<dt>" + std::string(t.note) + "</dt><dd>" + h(it.note) + "</dd>\n";
    s += "<dt>" + std::string(t.source) + "</dt><dd>" + h(it.source) + " #" + std::to_string(it.id);
    if (is_http_url(it.link)) s += " - <a href=\"" + h(it.link) + "\">" + t.open_link + "</a>";
    s += "</dd>\n</dl>\n</article>\n";
    md += std::string("- ") + (e.urgent ? "**" + std::string(t.urgent_label) + "** " : "") +
          (e.fresh ? "*" + std::string(t.fresh_label) + "* " : "") +
          (it.grade == Grade::kLook ? "(" + std::string(t.look_label) + ") " : "") +
          markdown_text(it.title) + " (" + std::to_string(it.score.value_or(0)) +
          (it.deadline.empty() ? "" : ", " + markdown_text(it.deadline.substr(0, 10))) + ", " +
          markdown_text(it.review_status) + ")" +
          (is_http_url(it.link) ? " " + markdown_autolink(it.link) : "") + "\n";
    return s;
  };
  if (entries.empty()) body += "<p>" + std::string(t.no_items) + "</p>\n";
  for (const auto& g : group_order) {
    const auto& list = groups[g];
    std::string committee = list.front()->item->committee;
    std::string heading = theme_label(g) + (committee.empty() ? "" : " - " + committee);
    body += "<section>\n<h2>" + h(heading) + " (" + std::to_string(list.size()) + ")</h2>\n";
    md += "\n## " + markdown_text(heading) + "\n\n";
    for (const Entry* e : list) body += render_item(*e);
    body += "</section>\n";
  }
  body +=
      "</main>\n<footer>" + h(ctx.generated_at) + " - omvarld " + h(ctx.version) + "</footer>\n";
  out.html = html_page(t.title, t.lang, body);
  out.markdown = md;
  return out;
}

}  // namespace omvarld
