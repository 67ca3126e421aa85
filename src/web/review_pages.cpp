#include "web/review_pages.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "parse/feed_dates.h"
#include "report/markup.h"

namespace omvarld {
namespace {

std::string h(const std::string& s) { return xml_escape(s); }

struct Texts {
  const char *lang, *app, *inbox, *sources, *benchmark, *filters, *theme, *committee, *source,
      *status, *due, *text, *any, *apply, *open_items, *all, *days, *no_items, *score, *deadline,
      *days_left, *closed, *urgent, *why, *model, *history, *changes, *decide, *relevant,
      *not_relevant, *responded, *dismissed, *new_status, *assignee, *note, *save, *saved,
      *original, *published, *opens, *topics, *items_count, *per_theme, *last_run, *error, *runs,
      *datasets, *updated, *harvested, *report, *generate, *no_report, *not_found, *back, *who,
      *when, *field, *from, *to, *none, *flagged_by, *skip, *look, *look_by;
};

const Texts kEn = {"en",
                   "omvarld review",
                   "Inbox",
                   "Sources and runs",
                   "Benchmark",
                   "Filters",
                   "Theme",
                   "Committee",
                   "Source",
                   "Status",
                   "Deadline within",
                   "Text",
                   "any",
                   "Apply",
                   "flagged or worth a look, not decided",
                   "all",
                   "days",
                   "Nothing waits here.",
                   "Score",
                   "Deadline",
                   "days left",
                   "closed",
                   "urgent",
                   "Why it was flagged",
                   "Learned model",
                   "Decisions",
                   "Changed by harvests",
                   "Decide",
                   "Relevant",
                   "Not relevant",
                   "Responded",
                   "Dismissed",
                   "New",
                   "Assigned to",
                   "Note",
                   "Save decision",
                   "Saved.",
                   "Open the original",
                   "Published",
                   "Opens",
                   "Topics",
                   "items",
                   "Per theme",
                   "Last harvest",
                   "Error",
                   "Recent runs",
                   "Eurostat datasets",
                   "Updated at source",
                   "Harvested",
                   "Open the latest benchmark report",
                   "Generate the report anew",
                   "No benchmark report yet.",
                   "Not found",
                   "Back to the inbox",
                   "Who",
                   "When",
                   "Field",
                   "From",
                   "To",
                   "none",
                   "flagged by the rules",
                   "Skip to content",
                   "worth a look",
                   "worth a look: not flagged, but close"};
const Texts kSv = {"sv",
                   "omvarld granskning",
                   "Inkorg",
                   "Källor och körningar",
                   "Jämförelse",
                   "Filter",
                   "Tema",
                   "Nämnd",
                   "Källa",
                   "Status",
                   "Sista dag inom",
                   "Text",
                   "alla",
                   "Visa",
                   "flaggade eller värda en titt, ej beslutade",
                   "alla",
                   "dagar",
                   "Här väntar ingenting.",
                   "Poäng",
                   "Sista dag",
                   "dagar kvar",
                   "stängt",
                   "brådskande",
                   "Varför det flaggades",
                   "Inlärd modell",
                   "Beslut",
                   "Ändrat av hämtningar",
                   "Besluta",
                   "Relevant",
                   "Inte relevant",
                   "Besvarat",
                   "Avfärdat",
                   "Nytt",
                   "Tilldelat",
                   "Anteckning",
                   "Spara beslut",
                   "Sparat.",
                   "Öppna originalet",
                   "Publicerat",
                   "Öppnar",
                   "Ämnen",
                   "ärenden",
                   "Per tema",
                   "Senaste hämtning",
                   "Fel",
                   "Senaste körningar",
                   "Eurostat-dataset",
                   "Uppdaterat hos källan",
                   "Hämtat",
                   "Öppna den senaste jämförelserapporten",
                   "Skapa rapporten på nytt",
                   "Ingen jämförelserapport ännu.",
                   "Hittades inte",
                   "Tillbaka till inkorgen",
                   "Vem",
                   "När",
                   "Fält",
                   "Från",
                   "Till",
                   "inga",
                   "flaggat av reglerna",
                   "Hoppa till innehållet",
                   "värd en titt",
                   "värd en titt: inte flaggad, men nära"};

const Texts& tx(const PageContext& c) { return c.lang == Lang::kSv ? kSv : kEn; }

// Messages the server itself produces (never text from a request).
struct Notices {
  const char *generated, *no_data, *write_failed, *failed, *busy, *note_has, *note_fit;
};
const Notices kNoticesEn = {
    "The report was written anew.",
    "The report could not be made: the database has no data for it yet (harvest or import "
    "Eurostat data first).",
    "The report could not be written to its folder (the server's log says why).",
    "The report could not be made (the server's log says why).",
    "The report is being made already; reload this page in a moment.",
    "The note has %1 characters; at most %2 fit.",
    "Shorten it and save again: your text is kept below."};
const Notices kNoticesSv = {
    "Rapporten är skapad på nytt.",
    "Rapporten kunde inte skapas: databasen har inga data för den ännu (hämta eller importera "
    "Eurostat-data först).",
    "Rapporten kunde inte skrivas till sin mapp (serverns logg säger varför).",
    "Rapporten kunde inte skapas (serverns logg säger varför).",
    "Rapporten skapas redan; ladda om sidan om en stund.",
    "Anteckningen har %1 tecken; högst %2 får plats.",
    "Korta den och spara igen: din text finns kvar nedan."};
const Notices& notices(const PageContext& c) {
  return c.lang == Lang::kSv ? kNoticesSv : kNoticesEn;
}

std::string fill(std::string text, const std::string& one, const std::string& two) {
  if (size_t at = text.find("%1"); at != std::string::npos) text.replace(at, 2, one);
  if (size_t at = text.find("%2"); at != std::string::npos) text.replace(at, 2, two);
  return text;
}

std::string status_label(const std::string& s, const Texts& t) {
  if (s == "new") return t.new_status;
  if (s == "relevant") return t.relevant;
  if (s == "not-relevant") return t.not_relevant;
  if (s == "responded") return t.responded;
  if (s == "dismissed") return t.dismissed;
  return s;
}

std::string theme_label(const std::string& id, const PageContext& c) {
  if (c.rules)
    for (const auto& th : c.rules->themes)
      if (th.id == id)
        return c.lang == Lang::kSv && !th.label_sv.empty() ? th.label_sv : th.label_en;
  return id;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  for (std::string_view l : split(s, '\n'))
    if (!trim(l).empty()) out.emplace_back(trim(l));
  return out;
}

std::optional<int64_t> deadline_of(const StoredItem& i) {
  return i.deadline.empty() ? std::nullopt : parse_feed_date(i.deadline);
}

std::string url_encode(const std::string& s) { return percent_encode(s); }

std::string page(const std::string& title, const std::string& active, const std::string& body,
                 const PageContext& c) {
  const Texts& t = tx(c);
  auto nav = [&](const char* href, const char* label, const char* key) {
    return std::string("<a href=\"") + href + "\"" +
           (active == key ? " aria-current=\"page\"" : "") + ">" + label + "</a>";
  };
  return std::string("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"") +
         t.lang + "\" xml:lang=\"" + t.lang +
         "\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"/>\n<title>" +
         h(title) + " - " + t.app +
         "</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\"/>\n<script "
         "src=\"/static/app.js\" defer=\"defer\"></script>\n</head>\n<body>\n<a class=\"skip\" "
         "href=\"#main\">" +
         t.skip + "</a>\n<header><nav aria-label=\"omvarld\"><strong>" + t.app + "</strong> " +
         nav("/", t.inbox, "inbox") + " " + nav("/sources", t.sources, "sources") + " " +
         nav("/benchmark", t.benchmark, "benchmark") +
         " <span class=\"lang\"><a href=\"?lang=sv\" " +
         "hreflang=\"sv\">sv</a> | <a href=\"?lang=en\" hreflang=\"en\">en</a></span>" +
         (c.user.empty() ? "" : " <span class=\"user\">" + h(c.user) + "</span>") +
         "</nav></header>\n<main id=\"main\">\n" + body + "</main>\n</body>\n</html>\n";
}

std::string select(const char* name, const char* label, const std::vector<std::string>& values,
                   const std::string& current, const Texts& t,
                   const std::function<std::string(const std::string&)>& show) {
  std::string s = std::string("<label>") + label + " <select name=\"" + name + "\">";
  s += std::string("<option value=\"\"") + (current.empty() ? " selected=\"selected\"" : "") + ">" +
       t.any + "</option>";
  for (const auto& v : values)
    s += "<option value=\"" + h(v) + "\"" + (v == current ? " selected=\"selected\"" : "") + ">" +
         h(show(v)) + "</option>";
  return s + "</select></label>\n";
}

std::string deadline_text(const StoredItem& i, const PageContext& c) {
  const Texts& t = tx(c);
  auto d = deadline_of(i);
  if (!d) return "";
  std::string s = h(i.deadline.substr(0, 10));
  if (*d < c.now) return s + " (" + t.closed + ")";
  return s + " (" + std::to_string((*d - c.now) / 86400) + " " + t.days_left + ")";
}

void json_field(std::string& j, const char* key, const std::string& value) {
  j += '"';
  j += key;
  j += "\":";
  append_json_string(j, value);
}

}  // namespace

bool is_urgent(const StoredItem& item, const PageContext& ctx) {
  const int days = ctx.rules ? ctx.rules->urgent_days : 14;
  auto d = deadline_of(item);
  return d && *d >= ctx.now && *d <= ctx.now + int64_t{days} * 86400;
}

void sort_for_inbox(std::vector<StoredItem>& items, const PageContext& ctx) {
  std::stable_sort(items.begin(), items.end(), [&](const StoredItem& a, const StoredItem& b) {
    const bool ua = is_urgent(a, ctx), ub = is_urgent(b, ctx);
    if (ua != ub) return ua;
    if (ua) return *deadline_of(a) < *deadline_of(b);
    return a.score.value_or(0) > b.score.value_or(0);
  });
}

std::vector<StoredItem> filter_items(const std::vector<StoredItem>& items, const InboxFilter& f,
                                     const PageContext& ctx) {
  std::vector<StoredItem> out;
  const std::string text = to_lower(f.text);
  for (const auto& i : items) {
    // The inbox: undecided items that are flagged or worth a look.
    if (f.status == "open" && !(i.grade != Grade::kNone && i.review_status == "new")) continue;
    if (f.status != "open" && f.status != "all" && !f.status.empty() && i.review_status != f.status)
      continue;
    if (!f.theme.empty()) {
      auto th = lines_of(i.themes);
      if (std::find(th.begin(), th.end(), f.theme) == th.end()) continue;
    }
    if (!f.committee.empty() && i.committee.find(f.committee) == std::string::npos) continue;
    if (!f.source.empty() && i.source != f.source) continue;
    if (f.due_within >= 0) {
      auto d = deadline_of(i);
      if (!d || *d < ctx.now || *d > ctx.now + int64_t{f.due_within} * 86400) continue;
    }
    if (!text.empty() &&
        to_lower(i.title + "\n" + i.summary + "\n" + i.topics + "\n" + i.note).find(text) ==
            std::string::npos)
      continue;
    out.push_back(i);
  }
  sort_for_inbox(out, ctx);
  return out;
}

std::string inbox_page(const std::vector<StoredItem>& all, const InboxFilter& f,
                       const PageContext& c) {
  const Texts& t = tx(c);
  // Choices for the filters come from the items themselves.
  std::set<std::string> themes, committees, sources;
  for (const auto& i : all) {
    for (const auto& th : lines_of(i.themes)) themes.insert(th);
    if (!i.committee.empty()) committees.insert(i.committee);
    sources.insert(i.source);
  }
  InboxFilter without_theme = f;
  without_theme.theme.clear();
  std::map<std::string, int> per_theme;
  for (const auto& i : filter_items(all, without_theme, c))
    for (const auto& th : lines_of(i.themes)) ++per_theme[th];
  std::vector<StoredItem> shown = filter_items(all, f, c);

  std::string b = "<h1>" + std::string(t.inbox) + " <small>(" + std::to_string(shown.size()) + " " +
                  t.items_count + ")</small></h1>\n";
  b += "<form method=\"get\" action=\"/\" class=\"filters\" role=\"search\"><fieldset><legend>" +
       std::string(t.filters) + "</legend>\n";
  b += "<label>" + std::string(t.status) + " <select name=\"status\">";
  std::vector<std::pair<std::string, std::string>> statuses = {{"open", t.open_items},
                                                               {"all", t.all}};
  for (const auto& s : review_statuses()) statuses.emplace_back(s, status_label(s, t));
  for (const auto& [v, label] : statuses)
    b += "<option value=\"" + v + "\"" + (v == f.status ? " selected=\"selected\"" : "") + ">" +
         h(label) + "</option>";
  b += "</select></label>\n";
  b += select("theme", t.theme, {themes.begin(), themes.end()}, f.theme, t,
              [&](const std::string& v) { return theme_label(v, c); });
  b += select("committee", t.committee, {committees.begin(), committees.end()}, f.committee, t,
              [](const std::string& v) { return v; });
  b += select("source", t.source, {sources.begin(), sources.end()}, f.source, t,
              [](const std::string& v) { return v; });
  b += "<label>" + std::string(t.due) +
       " <input type=\"number\" name=\"due\" min=\"0\" max=\"3650\" value=\"" +
       (f.due_within >= 0 ? std::to_string(f.due_within) : std::string()) + "\"/> " + t.days +
       "</label>\n";
  b += "<label>" + std::string(t.text) + " <input type=\"search\" name=\"q\" value=\"" + h(f.text) +
       "\"/></label>\n<button type=\"submit\">" + t.apply + "</button></fieldset></form>\n";
  if (!per_theme.empty()) {
    b += "<nav aria-label=\"" + std::string(t.per_theme) + "\" class=\"themes\"><h2>" +
         t.per_theme + "</h2><ul>\n";
    for (const auto& [th, n] : per_theme)
      b += "<li><a href=\"/?status=" + url_encode(f.status) + "&amp;theme=" + url_encode(th) +
           "\">" + h(theme_label(th, c)) + "</a> <span class=\"count\">" + std::to_string(n) +
           "</span></li>\n";
    b += "</ul></nav>\n";
  }
  if (shown.empty()) b += "<p>" + std::string(t.no_items) + "</p>\n";
  b += "<ol class=\"items\">\n";
  for (const auto& i : shown) {
    const bool urgent = is_urgent(i, c);
    b += std::string("<li class=\"item") + (urgent ? " urgent" : "") + "\"><a href=\"/items/" +
         std::to_string(i.id) + "\" class=\"title\">" +
         h(i.title.empty() ? "#" + std::to_string(i.id) : i.title) + "</a>\n<p class=\"meta\">";
    if (urgent) b += "<span class=\"badge urgent\">" + std::string(t.urgent) + "</span> ";
    if (i.grade == Grade::kLook)
      b += "<span class=\"badge look\">" + std::string(t.look) + "</span> ";
    b += std::string(t.score) + " " + std::to_string(i.score.value_or(0));
    if (!i.deadline.empty()) b += " · " + std::string(t.deadline) + " " + deadline_text(i, c);
    b += " · " + h(status_label(i.review_status, t));
    if (!i.committee.empty()) b += " · " + h(i.committee);
    b += " · " + h(i.source) + "</p>\n";
    if (!i.why.empty()) b += "<p class=\"why\">" + h(i.why) + "</p>\n";
    b += "</li>\n";
  }
  b += "</ol>\n";
  return page(t.inbox, "inbox", b, c);
}

std::string item_page(const ItemDetails& d, const PageContext& c) {
  const Texts& t = tx(c);
  const StoredItem& i = d.item;
  std::string b =
      "<p><a href=\"/\">" + std::string(t.back) + "</a></p>\n<h1>" + h(i.title) + "</h1>\n";
  if (d.saved) b += "<p class=\"notice\" role=\"status\">" + std::string(t.saved) + "</p>\n";
  if (d.note_too_long > 0)
    b += "<p class=\"error\" role=\"alert\">" +
         h(fill(notices(c).note_has, std::to_string(d.note_too_long),
                std::to_string(kMaxNoteChars))) +
         " " + notices(c).note_fit + "</p>\n";
  else if (!d.error.empty())
    b += "<p class=\"error\" role=\"alert\">" + h(d.error) + "</p>\n";
  if (is_http_url(i.link))
    b +=
        "<p><a href=\"" + h(i.link) + "\" rel=\"noopener noreferrer\">" + t.original + "</a></p>\n";
  b += "<dl class=\"facts\">\n";
  auto fact = [&](const char* label, const std::string& html_value) {
    if (!html_value.empty())
      b += "<dt>" + std::string(label) + "</dt><dd>" + html_value + "</dd>\n";
  };
  fact(t.source, h(i.source));
  fact(t.published, h(i.published));
  fact(t.opens, h(i.opens));
  fact(t.deadline, deadline_text(i, c));
  fact(t.status, h(i.status));
  fact(t.topics, h(i.topics));
  fact(t.score, std::to_string(i.score.value_or(0)) +
                    (i.flagged                 ? " (" + std::string(t.flagged_by) + ")"
                     : i.grade == Grade::kLook ? " (" + std::string(t.look_by) + ")"
                                               : ""));
  std::string themes;
  for (const auto& th : lines_of(i.themes))
    themes += (themes.empty() ? "" : ", ") + h(theme_label(th, c));
  fact(t.theme, themes);
  fact(t.why, h(i.why));
  if (i.model_p)
    fact(t.model, std::to_string(static_cast<int>(std::lround(*i.model_p * 100))) + "%");
  fact(t.committee, h(i.committee));
  b += "</dl>\n";
  if (!i.summary.empty()) b += "<p class=\"summary\">" + h(i.summary) + "</p>\n";

  b += "<section aria-labelledby=\"decide\"><h2 id=\"decide\">" + std::string(t.decide) + "</h2>\n";
  b += "<form method=\"post\" action=\"/items/" + std::to_string(i.id) +
       "/decision\" class=\"decision\">\n";
  b += "<input type=\"hidden\" name=\"csrf\" value=\"" + h(c.csrf) + "\"/>\n<fieldset><legend>" +
       std::string(t.status) + "</legend>\n";
  for (const auto& s : review_statuses()) {
    const std::string id = "status-" + s;
    b += "<label for=\"" + id + "\"><input type=\"radio\" id=\"" + id +
         "\" name=\"status\" value=\"" + s + "\"" +
         (s == d.draft_status.value_or(i.review_status) ? " checked=\"checked\"" : "") + "/> " +
         h(status_label(s, t)) + "</label>\n";
  }
  b += "</fieldset>\n<label for=\"assignee\">" + std::string(t.assignee) +
       "</label>\n<input type=\"text\" id=\"assignee\" name=\"assignee\" maxlength=\"" +
       std::to_string(kMaxAssigneeBytes) + "\" autocomplete=\"off\" value=\"" +
       h(d.draft_assignee.value_or(i.assignee)) + "\"/>\n<label for=\"note\">" + t.note +
       "</label>\n<textarea id=\"note\" name=\"note\" rows=\"4\" maxlength=\"" +
       std::to_string(kMaxNoteChars) + "\">" + h(d.draft_note.value_or(i.note)) +
       "</textarea>\n<button type=\"submit\">" + t.save + "</button>\n</form>\n</section>\n";

  auto history = [&](const char* title, const std::vector<ReviewChange>& v) {
    b += "<section><h2>" + std::string(title) + "</h2>\n";
    if (v.empty()) {
      b += "<p>" + std::string(t.none) + "</p></section>\n";
      return;
    }
    b += "<table><thead><tr><th>" + std::string(t.when) + "</th><th>" + t.who + "</th><th>" +
         t.field + "</th><th>" + t.from + "</th><th>" + t.to + "</th></tr></thead><tbody>\n";
    for (const auto& ch : v)
      b += "<tr><td>" + h(ch.at) + "</td><td>" + h(ch.user) + "</td><td>" + h(ch.field) +
           "</td><td>" + h(ch.old_value) + "</td><td>" + h(ch.new_value) + "</td></tr>\n";
    b += "</tbody></table></section>\n";
  };
  history(t.history, d.reviews);
  history(t.changes, d.changes);
  return page(i.title, "item", b, c);
}

std::string sources_page(const std::vector<SourceState>& sources,
                         const std::vector<RunSummary>& runs,
                         const std::vector<DatasetState>& datasets, const PageContext& c) {
  const Texts& t = tx(c);
  std::string b = "<h1>" + std::string(t.sources) +
                  "</h1>\n<div class=\"wide\"><table><thead><tr><th>" + t.source + "</th><th>" +
                  t.last_run + "</th><th>" + t.items_count + "</th><th>" + t.error +
                  "</th></tr></thead><tbody>\n";
  for (const auto& s : sources)
    b += "<tr><td>" + h(s.title.empty() ? s.id : s.title) + "<br/><small>" + h(s.id) + " (" +
         h(s.kind) + ")</small></td><td>" + h(s.last_run) + "</td><td class=\"n\">" +
         std::to_string(s.items) + "</td><td" + (s.last_error.empty() ? "" : " class=\"error\"") +
         ">" + h(s.last_error) + "</td></tr>\n";
  b += "</tbody></table></div>\n<h2>" + std::string(t.runs) +
       "</h2>\n<div class=\"wide\"><table><thead><tr><th>#</th><th>" + t.when + "</th><th>" +
       t.status + "</th><th></th></tr></thead><tbody>\n";
  for (const auto& r : runs)
    b += "<tr><td>" + std::to_string(r.id) + "</td><td>" + h(r.started_at) + "</td><td>" +
         h(r.status) + "</td><td>" + h(r.kind + ": " + r.note) + "</td></tr>\n";
  b += "</tbody></table></div>\n<h2>" + std::string(t.datasets) +
       "</h2>\n<div class=\"wide\"><table><thead><tr><th>" + t.source + "</th><th>" + t.updated +
       "</th><th>" + t.harvested + "</th></tr></thead><tbody>\n";
  for (const auto& d : datasets)
    b += "<tr><td>" + h(d.code) + (d.label.empty() ? "" : " - " + h(d.label)) + "</td><td>" +
         h(d.source_updated.empty() ? d.catalogue_updated : d.source_updated) + "</td><td>" +
         h(d.last_stored_at) + "</td></tr>\n";
  b += "</tbody></table></div>\n";
  return page(t.sources, "sources", b, c);
}

const char* benchmark_notice_code(BenchmarkNotice n) {
  switch (n) {
    case BenchmarkNotice::kNone:
      return "";
    case BenchmarkNotice::kGenerated:
      return "generated";
    case BenchmarkNotice::kNoData:
      return "no-data";
    case BenchmarkNotice::kWriteFailed:
      return "write-failed";
    case BenchmarkNotice::kFailed:
      return "failed";
    case BenchmarkNotice::kBusy:
      return "busy";
  }
  return "";
}

BenchmarkNotice benchmark_notice_from_code(const std::string& code) {
  for (BenchmarkNotice n :
       {BenchmarkNotice::kGenerated, BenchmarkNotice::kNoData, BenchmarkNotice::kWriteFailed,
        BenchmarkNotice::kFailed, BenchmarkNotice::kBusy})
    if (code == benchmark_notice_code(n)) return n;
  return BenchmarkNotice::kNone;
}

std::string benchmark_page(bool report_exists, const std::string& report_time,
                           BenchmarkNotice notice, const PageContext& c) {
  const Texts& t = tx(c);
  const Notices& n = notices(c);
  std::string b = "<h1>" + std::string(t.benchmark) + "</h1>\n";
  if (notice == BenchmarkNotice::kGenerated)
    b += "<p class=\"notice\" role=\"status\">" + std::string(n.generated) + "</p>\n";
  const char* error = nullptr;
  switch (notice) {
    case BenchmarkNotice::kNoData:
      error = n.no_data;
      break;
    case BenchmarkNotice::kWriteFailed:
      error = n.write_failed;
      break;
    case BenchmarkNotice::kFailed:
      error = n.failed;
      break;
    case BenchmarkNotice::kBusy:
      error = n.busy;
      break;
    case BenchmarkNotice::kNone:
    case BenchmarkNotice::kGenerated:
      break;
  }
  if (error) b += "<p class=\"error\" role=\"alert\">" + std::string(error) + "</p>\n";
  if (report_exists)
    b += "<p><a href=\"/benchmark/report\">" + std::string(t.report) + "</a> <small>(" +
         h(report_time) + ")</small></p>\n";
  else
    b += "<p>" + std::string(t.no_report) + "</p>\n";
  b += "<form method=\"post\" action=\"/benchmark/generate\"><input type=\"hidden\" name=\"csrf\" "
       "value=\"" +
       h(c.csrf) + "\"/><button type=\"submit\">" + t.generate + "</button></form>\n";
  return page(t.benchmark, "benchmark", b, c);
}

std::string not_found_page(const std::string& what, const PageContext& c) {
  const Texts& t = tx(c);
  return page(t.not_found, "",
              "<h1>" + std::string(t.not_found) + "</h1>\n" +
                  (what.empty() ? "" : "<p>" + h(what) + "</p>\n") + "<p><a href=\"/\">" + t.back +
                  "</a></p>\n",
              c);
}

std::string items_json(const std::vector<StoredItem>& items, const PageContext& c) {
  std::string j = "{\"items\":[";
  for (size_t k = 0; k < items.size(); ++k) {
    const StoredItem& i = items[k];
    j += k ? ",{" : "{";
    j += "\"id\":" + std::to_string(i.id) + ",";
    json_field(j, "title", i.title);
    j += ",\"score\":" + (i.score ? std::to_string(*i.score) : std::string("null")) + ",";
    json_field(j, "status", i.review_status);
    j += ",";
    json_field(j, "deadline", i.deadline);
    j += ",";
    json_field(j, "source", i.source);
    j += ",";
    json_field(j, "link", is_http_url(i.link) ? i.link : "");
    j += ",\"themes\":[";
    auto th = lines_of(i.themes);
    for (size_t n = 0; n < th.size(); ++n) {
      if (n) j += ',';
      append_json_string(j, th[n]);
    }
    j += "],";
    json_field(j, "committee", i.committee);
    j += std::string(",\"flagged\":") + (i.flagged ? "true" : "false") + ",\"grade\":\"" +
         grade_name(i.grade) + "\"" + ",\"urgent\":" + (is_urgent(i, c) ? "true" : "false") + ",";
    json_field(j, "assignee", i.assignee);
    j += ",";
    json_field(j, "first_seen", i.first_seen);
    j += "}";
  }
  return j + "]}";
}

std::string item_json(const ItemDetails& d, const PageContext& c) {
  std::string j = items_json({d.item}, c);
  // {"items":[{...}]} -> the object, with more fields.
  j = j.substr(10, j.size() - 10 - 3);
  j += ",";
  json_field(j, "why", d.item.why);
  j += ",";
  json_field(j, "note", d.item.note);
  j += ",";
  json_field(j, "summary", d.item.summary);
  j += ",\"model_p\":" + (d.item.model_p ? format_double(*d.item.model_p) : std::string("null"));
  auto hist = [&](const char* key, const std::vector<ReviewChange>& v) {
    j += std::string(",\"") + key + "\":[";
    for (size_t k = 0; k < v.size(); ++k) {
      j += k ? ",{" : "{";
      json_field(j, "at", v[k].at);
      j += ",";
      json_field(j, "user", v[k].user);
      j += ",";
      json_field(j, "field", v[k].field);
      j += ",";
      json_field(j, "from", v[k].old_value);
      j += ",";
      json_field(j, "to", v[k].new_value);
      j += "}";
    }
    j += "]";
  };
  hist("decisions", d.reviews);
  hist("changes", d.changes);
  return j + "}";
}

const std::string& review_css() {
  static const std::string kCss =
      "*{box-sizing:border-box}body{font-family:system-ui,-apple-system,\"Segoe "
      "UI\",Roboto,Arial,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.45}"
      "header{background:#0b3d63;color:#fff;padding:.6rem 1rem}header a{color:#fff;margin-right:"
      ".9rem}header a[aria-current]{text-decoration:underline;font-weight:700}header .lang,header "
      ".user{float:right;margin-left:1rem}main{max-width:60rem;margin:0 auto;padding:1rem}"
      ".skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;color:#"
      "000;"
      "padding:.3rem;z-index:9}a{color:#0b5cad}a:focus,button:focus,input:focus,select:focus,"
      "textarea:focus{outline:3px solid #E69F00;outline-offset:2px}"
      "fieldset{min-width:0}select,input,textarea{max-width:100%}"
      ".filters fieldset{border:1px solid #ccc;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-"
      "items:flex-end}.filters label{display:flex;flex-direction:column;font-size:.9rem}"
      "input,select,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid #767676;"
      "border-radius:3px}button{background:#0b5cad;color:#fff;border-color:#0b5cad;cursor:pointer}"
      ".themes ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}.themes li{"
      "border:1px solid #ccc;border-radius:1rem;padding:.1rem .6rem}.themes h2{font-size:1rem}"
      ".count{font-weight:700}.items{padding-left:1.4rem}.item{margin:.8rem 0;padding:.4rem .6rem;"
      "border-left:4px solid #0b5cad}.item.urgent{border-left-color:#B3470B}.item .title{font-"
      "weight:700;font-size:1.05rem}.meta,.why{margin:.2rem 0;color:#333;font-size:.92rem}"
      ".badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.8rem;"
      "text-transform:uppercase}.badge.urgent{background:#B3470B;color:#fff}"
      ".badge.look{background:#E8EEF4;color:#1F3A56}"
      ".facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}.facts dt{"
      "font-weight:700}.facts dd{margin:0}.decision fieldset{border:1px solid #ccc;display:flex;"
      "flex-wrap:wrap;gap:.3rem 1rem}.decision label{display:block;margin-top:.6rem}.decision "
      "fieldset label{display:inline-flex;gap:.3rem;margin:0}.decision input[type=text],.decision "
      "textarea{width:100%}.decision "
      "button{margin-top:.8rem}.notice{background:#e7f4ea;border-left:"
      "4px solid #1b7a3a;padding:.4rem .8rem}.error{color:#a01010}p.error{background:#fdeaea;"
      "border-left:4px solid #a01010;padding:.4rem .8rem}table{border-collapse:collapse;width:100%;"
      "font-size:.92rem}th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-"
      "align:top}th{background:#eef3f8}td.n{text-align:right}.wide{overflow-x:auto}"
      "@media (max-width:40rem){header .lang,header .user{float:none}.facts{grid-template-columns:"
      "1fr}.filters fieldset{flex-direction:column;align-items:stretch}.filters label{min-width:0}"
      ".filters select,.filters input{width:100%}}main{overflow-wrap:anywhere}\n";
  return kCss;
}

const std::string& review_js() {
  // Small progressive touches; every page works without them.
  static const std::string kJs =
      "'use strict';\n"
      "document.addEventListener('DOMContentLoaded', function () {\n"
      "  // Filters apply as soon as a choice changes.\n"
      "  document.querySelectorAll('form.filters select').forEach(function (s) {\n"
      "    s.addEventListener('change', function () { s.form.submit(); });\n"
      "  });\n"
      "  // Characters left in the note, counted as the server counts them (code\n"
      "  // points: Array.from, not .length, which counts UTF-16 units).\n"
      "  var note = document.getElementById('note');\n"
      "  if (note) {\n"
      "    var max = " +
      std::to_string(kMaxNoteChars) +
      ";\n"
      "    var left = document.createElement('small');\n"
      "    left.setAttribute('aria-live', 'polite');\n"
      "    var show = function () {\n"
      "      left.textContent = (max - Array.from(note.value).length) + ' / ' + max;\n"
      "    };\n"
      "    note.insertAdjacentElement('afterend', left);\n"
      "    note.addEventListener('input', show);\n"
      "    show();\n"
      "  }\n"
      "});\n";
  return kJs;
}

}  // namespace omvarld
