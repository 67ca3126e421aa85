#include "web/review_pages.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "core/url.h"
#include "report/flags_report.h"
#include "report/item_formats.h"
#include "report/markup.h"
#include "web/review_texts.h"

namespace omvarld {
namespace {

std::string h(const std::string& s) { return xml_escape(s); }

std::string fill(std::string text, const std::string& one, const std::string& two) {
  if (size_t at = text.find("%1"); at != std::string::npos) text.replace(at, 2, one);
  if (size_t at = text.find("%2"); at != std::string::npos) text.replace(at, 2, two);
  return text;
}

// An item's status at its source, in the page's language (an unknown one as it is).
std::string source_status_label(const std::string& status, Lang l) {
  const ReviewTexts& t = kReviewTexts;
  if (status == "open") return t.source_open[l];
  if (status == "closed") return t.source_closed[l];
  if (status == "forthcoming" || status == "upcoming") return t.source_forthcoming[l];
  return status;
}

// A field of the decision history or of the changes at harvest, by name.
std::string field_label(const std::string& field, Lang l) {
  const ReviewTexts& t = kReviewTexts;
  const std::pair<const char*, const Tr*> kFields[] = {
      {"status", &t.field_status},       {"assignee", &t.field_assignee},
      {"note", &t.field_note},           {"title", &t.field_title},
      {"summary", &t.field_summary},     {"content", &t.field_content},
      {"link", &t.field_link},           {"topics", &t.field_topics},
      {"published", &t.field_published}, {"opens", &t.field_opens},
      {"deadline", &t.field_deadline},   {"reference", &t.field_reference},
      {"kind", &t.field_kind},           {"guid", &t.field_guid}};
  for (const auto& [name, label] : kFields)
    if (field == name) return (*label)[l];
  return field;
}

std::string theme_label(const std::string& id, const PageContext& c) {
  if (c.rules)
    for (const auto& th : c.rules->themes)
      if (th.id == id)
        return c.lang == Lang::kSv && !th.label_sv.empty() ? th.label_sv : th.label_en;
  return id;
}

std::string page(const std::string& title, const std::string& active, const std::string& body,
                 const PageContext& c) {
  const ReviewTexts& t = kReviewTexts;
  const Lang l = c.lang;
  auto nav = [&](const char* href, const char* label, const char* key) {
    return std::string("<a href=\"") + href + "\"" +
           (active == key ? " aria-current=\"page\"" : "") + ">" + label + "</a>";
  };
  return std::string("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"") +
         t.lang[l] + "\" xml:lang=\"" + t.lang[l] +
         "\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"/>\n<title>" +
         h(title) + " - " + t.app[l] +
         "</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\"/>\n<script "
         "src=\"/static/app.js\" defer=\"defer\"></script>\n</head>\n<body>\n<a class=\"skip\" "
         "href=\"#main\">" +
         t.skip[l] + "</a>\n<header><nav aria-label=\"omvarld\"><strong>" + t.app[l] +
         "</strong> " + nav("/", t.inbox[l], "inbox") + " " +
         nav("/sources", t.sources[l], "sources") + " " +
         nav("/benchmark", t.benchmark[l], "benchmark") +
         " <span class=\"lang\"><a href=\"?lang=sv\" " +
         "hreflang=\"sv\">sv</a> | <a href=\"?lang=en\" hreflang=\"en\">en</a></span>" +
         (c.user.empty() ? "" : " <span class=\"user\">" + h(c.user) + "</span>") +
         "</nav></header>\n<main id=\"main\">\n" + body + "</main>\n</body>\n</html>\n";
}

std::string select(const char* name, const char* label, const std::vector<std::string>& values,
                   const std::string& current, Lang l,
                   const std::function<std::string(const std::string&)>& show) {
  const ReviewTexts& t = kReviewTexts;
  std::string s = std::string("<label>") + label + " <select name=\"" + name + "\">";
  s += std::string("<option value=\"\"") + (current.empty() ? " selected=\"selected\"" : "") + ">" +
       t.any[l] + "</option>";
  for (const auto& v : values)
    s += "<option value=\"" + h(v) + "\"" + (v == current ? " selected=\"selected\"" : "") + ">" +
         h(show(v)) + "</option>";
  return s + "</select></label>\n";
}

std::string deadline_text(const StoredItem& i, const PageContext& c) {
  const ReviewTexts& t = kReviewTexts;
  const Lang l = c.lang;
  auto d = deadline_of(i);
  if (!d) return "";
  std::string s = h(i.deadline.substr(0, 10));
  if (*d < c.now) return s + " (" + t.closed[l] + ")";
  return s + " (" + std::to_string((*d - c.now) / 86400) + " " + t.days_left[l] + ")";
}

}  // namespace

Urgency urgency_of(const PageContext& ctx) { return urgency_at(ctx.now, ctx.rules); }

std::string inbox_page(const InboxView& v, const InboxFilter& f, const PageContext& c) {
  const ReviewTexts& t = kReviewTexts;
  const Lang l = c.lang;
  const Urgency urgency = urgency_of(c);
  const std::vector<StoredItem>& shown = v.page.items;
  const std::string scope = scope_value(f);

  std::string b = "<h1>" + std::string(t.inbox[l]) + " <small>(" + std::to_string(v.page.total) +
                  " " + (v.page.total == 1 ? t.item_one[l] : t.items_count[l]) + ")</small></h1>\n";
  b += "<form method=\"get\" action=\"/\" class=\"filters\" role=\"search\"><fieldset><legend>" +
       std::string(t.filters[l]) + "</legend>\n";
  b += "<label>" + std::string(t.status[l]) + " <select name=\"status\">";
  std::vector<std::pair<std::string, std::string>> statuses = {{"open", t.open_items[l]},
                                                               {"all", t.all[l]}};
  for (ReviewStatus s : kReviewStatuses)
    statuses.emplace_back(review_status_name(s), review_status_label_capitalised(s, l));
  for (const auto& [value, label] : statuses)
    b += "<option value=\"" + value + "\"" + (value == scope ? " selected=\"selected\"" : "") +
         ">" + h(label) + "</option>";
  b += "</select></label>\n";
  b += select("theme", t.theme[l], v.facets.themes, f.theme, l,
              [&](const std::string& id) { return theme_label(id, c); });
  b += select("committee", t.committee[l], v.facets.committees, f.committee, l,
              [](const std::string& name) { return name; });
  b += select("source", t.source[l], v.facets.sources, f.source, l,
              [](const std::string& id) { return id; });
  b += "<label>" + std::string(t.due[l]) +
       " <input type=\"number\" name=\"due\" min=\"0\" max=\"3650\" value=\"" +
       (f.due_within >= 0 ? std::to_string(f.due_within) : std::string()) + "\"/> " + t.days[l] +
       "</label>\n";
  b += "<label>" + std::string(t.text[l]) + " <input type=\"search\" name=\"q\" value=\"" +
       h(f.text) + "\"/></label>\n<button type=\"submit\">" + t.apply[l] +
       "</button></fieldset></form>\n";
  if (!v.per_theme.empty()) {
    b += "<nav aria-label=\"" + std::string(t.per_theme[l]) + "\" class=\"themes\"><h2>" +
         t.per_theme[l] + "</h2><ul>\n";
    for (const auto& [th, n] : v.per_theme)
      b += "<li><a href=\"/?status=" + url_encode(scope) + "&amp;theme=" + url_encode(th) + "\">" +
           h(theme_label(th, c)) + "</a> <span class=\"count\">" + std::to_string(n) +
           "</span></li>\n";
    b += "</ul></nav>\n";
  }
  if (shown.empty()) b += "<p>" + std::string(t.no_items[l]) + "</p>\n";
  b += "<ol class=\"items\">\n";
  for (const auto& i : shown) {
    const bool urgent = urgency.is_urgent(deadline_of(i));
    b += std::string("<li class=\"item") + (urgent ? " urgent" : "") + "\"><a href=\"/items/" +
         std::to_string(i.id) + "\" class=\"title\">" +
         h(i.title.empty() ? "#" + std::to_string(i.id) : i.title) + "</a>\n<p class=\"meta\">";
    if (urgent) b += "<span class=\"badge urgent\">" + std::string(t.urgent[l]) + "</span> ";
    if (i.grade == Grade::kLook)
      b += "<span class=\"badge look\">" + std::string(t.look[l]) + "</span> ";
    b += std::string(t.score[l]) + " " + std::to_string(i.score.value_or(0));
    if (!i.deadline.empty()) b += " · " + std::string(t.deadline[l]) + " " + deadline_text(i, c);
    b += " · " + h(review_status_label_capitalised(i.review_status, l));
    if (!i.committee.empty()) b += " · " + h(i.committee);
    b += " · " + h(i.source) + "</p>\n";
    if (!i.why.empty()) b += "<p class=\"why\">" + h(why_text(i.why, l, c.rules)) + "</p>\n";
    b += "</li>\n";
  }
  b += "</ol>\n";
  // Paging: the same filter, another page.
  const int64_t pages = (v.page.total + kInboxPageSize - 1) / kInboxPageSize;
  if (pages > 1) {
    auto link = [&](int64_t page, const char* label, const char* rel) {
      return "<a rel=\"" + std::string(rel) + "\" href=\"/?status=" + url_encode(scope) +
             "&amp;theme=" + url_encode(f.theme) + "&amp;committee=" + url_encode(f.committee) +
             "&amp;source=" + url_encode(f.source) + "&amp;q=" + url_encode(f.text) +
             (f.due_within >= 0 ? "&amp;due=" + std::to_string(f.due_within) : std::string()) +
             "&amp;page=" + std::to_string(page) + "\">" + label + "</a>";
    };
    b += "<nav class=\"pages\" aria-label=\"" +
         h(fill(t.page_of[l], std::to_string(f.page), std::to_string(pages))) + "\"><p>";
    if (f.page > 1) b += link(std::min(f.page - 1, pages), t.previous[l], "prev") + " ";
    b += h(fill(t.page_of[l], std::to_string(f.page), std::to_string(pages)));
    if (f.page < pages) b += " " + link(f.page + 1, t.next[l], "next");
    b += "</p></nav>\n";
  }
  return page(t.inbox[l], "inbox", b, c);
}

std::string item_page(const ItemDetails& d, const PageContext& c) {
  const ReviewTexts& t = kReviewTexts;
  const Lang l = c.lang;
  const StoredItem& i = d.item;
  std::string b =
      "<p><a href=\"/\">" + std::string(t.back[l]) + "</a></p>\n<h1>" + h(i.title) + "</h1>\n";
  if (d.saved) b += "<p class=\"notice\" role=\"status\">" + std::string(t.saved[l]) + "</p>\n";
  if (d.note_too_long > 0)
    b += "<p class=\"error\" role=\"alert\">" +
         h(fill(kReviewTexts.note_has[c.lang], std::to_string(d.note_too_long),
                std::to_string(kMaxNoteChars))) +
         " " + kReviewTexts.note_fit[c.lang] + "</p>\n";
  else if (!d.error.empty())
    b += "<p class=\"error\" role=\"alert\">" + h(d.error) + "</p>\n";
  if (is_http_url(i.link))
    b += "<p><a href=\"" + h(i.link) + "\" rel=\"noopener noreferrer\">" + t.original[l] +
         "</a></p>\n";
  b += "<dl class=\"facts\">\n";
  auto fact = [&](const char* label, const std::string& html_value) {
    if (!html_value.empty())
      b += "<dt>" + std::string(label) + "</dt><dd>" + html_value + "</dd>\n";
  };
  fact(t.source[l], h(i.source));
  fact(t.published[l], h(i.published));
  fact(t.opens[l], h(i.opens));
  fact(t.deadline[l], deadline_text(i, c));
  fact(t.status[l], h(source_status_label(i.status, l)));
  fact(t.topics[l], h(i.topics));
  fact(t.score[l], std::to_string(i.score.value_or(0)) +
                       (i.flagged                 ? " (" + std::string(t.flagged_by[l]) + ")"
                        : i.grade == Grade::kLook ? " (" + std::string(t.look_by[l]) + ")"
                                                  : ""));
  std::string themes;
  for (const auto& th : themes_of(i))
    themes += (themes.empty() ? "" : ", ") + h(theme_label(th, c));
  fact(t.theme[l], themes);
  fact(t.why[l], h(why_text(i.why, l, c.rules)));
  if (i.model_p)
    fact(t.model[l], std::to_string(static_cast<int>(std::lround(*i.model_p * 100))) + "%");
  fact(t.committee[l], h(i.committee));
  b += "</dl>\n";
  if (!i.summary.empty()) b += "<p class=\"summary\">" + h(i.summary) + "</p>\n";
  b += d.follow_html;

  b += "<section aria-labelledby=\"decide\"><h2 id=\"decide\">" + std::string(t.decide[l]) +
       "</h2>\n";
  b += "<form method=\"post\" action=\"/items/" + std::to_string(i.id) +
       "/decision\" class=\"decision\">\n";
  b += "<input type=\"hidden\" name=\"csrf\" value=\"" + h(c.csrf) + "\"/>\n<fieldset><legend>" +
       std::string(t.status[l]) + "</legend>\n";
  // A refused decision shows the status that was sent (even one that is not a status).
  const std::string checked = d.draft_status.value_or(review_status_name(i.review_status));
  for (ReviewStatus s : kReviewStatuses) {
    const std::string name = review_status_name(s), id = "status-" + name;
    b += "<label for=\"" + id + "\"><input type=\"radio\" id=\"" + id +
         "\" name=\"status\" value=\"" + name + "\"" +
         (name == checked ? " checked=\"checked\"" : "") + "/> " +
         h(review_status_label_capitalised(s, l)) + "</label>\n";
  }
  b += "</fieldset>\n<label for=\"assignee\">" + std::string(t.assignee[l]) +
       "</label>\n<input type=\"text\" id=\"assignee\" name=\"assignee\" maxlength=\"" +
       std::to_string(kMaxAssigneeBytes) + "\" autocomplete=\"off\" value=\"" +
       h(d.draft_assignee.value_or(i.assignee)) + "\"/>\n<label for=\"note\">" + t.note[l] +
       "</label>\n<textarea id=\"note\" name=\"note\" rows=\"4\" maxlength=\"" +
       std::to_string(kMaxNoteChars) + "\">" + h(d.draft_note.value_or(i.note)) +
       "</textarea>\n<button type=\"submit\">" + t.save[l] + "</button>\n</form>\n</section>\n";

  auto history = [&](const char* title, const std::vector<ReviewChange>& v, bool decisions) {
    b += "<section><h2>" + std::string(title) + "</h2>\n";
    if (v.empty()) {
      b += "<p>" + std::string(t.none[l]) + "</p></section>\n";
      return;
    }
    b += "<table><thead><tr><th>" + std::string(t.when[l]) + "</th><th>" + t.who[l] + "</th><th>" +
         t.field[l] + "</th><th>" + t.from[l] + "</th><th>" + t.to[l] +
         "</th></tr></thead><tbody>\n";
    for (const auto& ch : v) {
      // The store names fields, statuses and harvest runs in English.
      auto value = [&](const std::string& x) {
        if (ch.field != "status") return x;
        if (auto s = parse_review_status(x); decisions && s.ok())
          return review_status_label_capitalised(*s, l);
        return decisions ? x : source_status_label(x, l);
      };
      std::string who = ch.user;
      if (const std::string run = "harvest run "; !decisions && who.rfind(run, 0) == 0)
        who = fill(t.harvest_run[l], who.substr(run.size()), "");
      b += "<tr><td>" + h(ch.at) + "</td><td>" + h(who) + "</td><td>" +
           h(field_label(ch.field, l)) + "</td><td>" + h(value(ch.old_value)) + "</td><td>" +
           h(value(ch.new_value)) + "</td></tr>\n";
    }
    b += "</tbody></table></section>\n";
  };
  history(t.history[l], d.reviews, true);
  history(t.changes[l], d.changes, false);
  return page(i.title, "item", b, c);
}

std::string sources_page(const std::vector<SourceState>& sources,
                         const std::vector<RunSummary>& runs,
                         const std::vector<DatasetState>& datasets, const PageContext& c) {
  const ReviewTexts& t = kReviewTexts;
  const Lang l = c.lang;
  std::string b = "<h1>" + std::string(t.sources[l]) +
                  "</h1>\n<div class=\"wide\"><table><thead><tr><th>" + t.source[l] + "</th><th>" +
                  t.last_run[l] + "</th><th>" + t.items_count[l] + "</th><th>" + t.error[l] +
                  "</th></tr></thead><tbody>\n";
  for (const auto& s : sources)
    b += "<tr><td>" + h(s.title.empty() ? s.id : s.title) + "<br/><small>" + h(s.id) + " (" +
         h(s.kind) + ")</small></td><td>" + h(s.last_run) + "</td><td class=\"n\">" +
         std::to_string(s.items) + "</td><td" + (s.last_error.empty() ? "" : " class=\"error\"") +
         ">" + h(s.last_error) + "</td></tr>\n";
  b += "</tbody></table></div>\n<h2>" + std::string(t.runs[l]) +
       "</h2>\n<div class=\"wide\"><table><thead><tr><th>#</th><th>" + t.when[l] + "</th><th>" +
       t.status[l] + "</th><th></th></tr></thead><tbody>\n";
  for (const auto& r : runs)
    b += "<tr><td>" + std::to_string(r.id) + "</td><td>" + h(r.started_at) + "</td><td>" +
         h(r.status) + "</td><td>" + h(r.kind + ": " + r.note) + "</td></tr>\n";
  b += "</tbody></table></div>\n<h2>" + std::string(t.datasets[l]) +
       "</h2>\n<div class=\"wide\"><table><thead><tr><th>" + t.source[l] + "</th><th>" +
       t.updated[l] + "</th><th>" + t.harvested[l] + "</th></tr></thead><tbody>\n";
  for (const auto& d : datasets)
    b += "<tr><td>" + h(d.code) + (d.label.empty() ? "" : " - " + h(d.label)) + "</td><td>" +
         h(d.source_updated.empty() ? d.catalogue_updated : d.source_updated) + "</td><td>" +
         h(d.last_stored_at) + "</td></tr>\n";
  b += "</tbody></table></div>\n";
  return page(t.sources[l], "sources", b, c);
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
  const ReviewTexts& t = kReviewTexts;
  const Lang l = c.lang;
  const ReviewTexts& n = kReviewTexts;
  std::string b = "<h1>" + std::string(t.benchmark[l]) + "</h1>\n";
  if (notice == BenchmarkNotice::kGenerated)
    b += "<p class=\"notice\" role=\"status\">" + std::string(n.generated[l]) + "</p>\n";
  const char* error = nullptr;
  switch (notice) {
    case BenchmarkNotice::kNoData:
      error = n.no_data[l];
      break;
    case BenchmarkNotice::kWriteFailed:
      error = n.write_failed[l];
      break;
    case BenchmarkNotice::kFailed:
      error = n.failed[l];
      break;
    case BenchmarkNotice::kBusy:
      error = n.busy[l];
      break;
    case BenchmarkNotice::kNone:
    case BenchmarkNotice::kGenerated:
      break;
  }
  if (error) b += "<p class=\"error\" role=\"alert\">" + std::string(error) + "</p>\n";
  if (report_exists)
    b += "<p><a href=\"/benchmark/report\">" + std::string(t.report[l]) + "</a> <small>(" +
         h(report_time) + ")</small></p>\n";
  else
    b += "<p>" + std::string(t.no_report[l]) + "</p>\n";
  b += "<form method=\"post\" action=\"/benchmark/generate\"><input type=\"hidden\" name=\"csrf\" "
       "value=\"" +
       h(c.csrf) + "\"/><button type=\"submit\">" + t.generate[l] + "</button></form>\n";
  return page(t.benchmark[l], "benchmark", b, c);
}

std::string not_found_page(const std::string& what, const PageContext& c) {
  const ReviewTexts& t = kReviewTexts;
  const Lang l = c.lang;
  return page(t.not_found[l], "",
              "<h1>" + std::string(t.not_found[l]) + "</h1>\n" +
                  (what.empty() ? "" : "<p>" + h(what) + "</p>\n") + "<p><a href=\"/\">" +
                  t.back[l] + "</a></p>\n",
              c);
}

std::string items_json(const ItemPage& page, int64_t offset, int64_t limit, const PageContext& c) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("items");
  w.StartArray();
  for (const StoredItem& item : page.items) {
    w.StartObject();
    write_item_members(w, item, urgency_of(c));
    w.EndObject();
  }
  w.EndArray();
  w.Key("total");
  w.Int64(page.total);
  w.Key("offset");
  w.Int64(offset);
  w.Key("limit");
  w.Int64(limit);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string item_json(const ItemDetails& d, const PageContext& c) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  auto text = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  write_item_members(w, d.item, urgency_of(c));
  text("note", d.item.note);
  text("summary", d.item.summary);
  auto history = [&](const char* key, const std::vector<ReviewChange>& changes) {
    w.Key(key);
    w.StartArray();
    for (const ReviewChange& ch : changes) {
      w.StartObject();
      text("at", ch.at);
      text("user", ch.user);
      text("field", ch.field);
      text("from", ch.old_value);
      text("to", ch.new_value);
      w.EndObject();
    }
    w.EndArray();
  };
  history("decisions", d.reviews);
  history("changes", d.changes);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
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
