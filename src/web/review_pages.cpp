#include "web/review_pages.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/civil_time.h"
#include "core/clock.h"
#include "core/text.h"
#include "core/url.h"
#include "report/flags_report.h"
#include "report/item_formats.h"
#include "report/markup.h"
#include "web/inbox_texts.h"
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

// The deadline as an officer reads it: the date in Stockholm time and the
// calendar days left there (core/civil_time.h).
std::string deadline_text(const StoredItem& i, const PageContext& c) {
  const ReviewTexts& t = kReviewTexts;
  const InboxTexts& x = kInboxTexts;
  const Lang l = c.lang;
  auto d = deadline_of(i);
  if (!d) return h(i.deadline.substr(0, 10));
  const std::string s = "<time datetime=\"" + h(format_iso8601_utc(*d)) + "\" title=\"" +
                        h(format_stockholm_minute(*d)) + " (" + x.stockholm_time[l] + ")\">" +
                        h(format_stockholm_date(*d)) + "</time>";
  if (*d < c.now) return s + " (" + t.closed[l] + ")";
  const int64_t days = stockholm_days_between(c.now, *d);
  if (days <= 0) return s + " (" + x.today[l] + ")";
  if (days == 1) return s + " (" + x.one_day_left[l] + ")";
  return s + " (" + std::to_string(days) + " " + t.days_left[l] + ")";
}

// The assignee suggestions (feeds/people.toml), once per page.
std::string people_datalist(const PageContext& c) {
  if (!c.people || c.people->empty()) return "";
  std::string s = "<datalist id=\"people\">";
  for (const auto& p : *c.people) s += "<option value=\"" + h(p) + "\"></option>";
  return s + "</datalist>\n";
}

// What each decision means (the issue asks the page to say it).
std::string status_meanings(const PageContext& c) {
  const InboxTexts& x = kInboxTexts;
  const Lang l = c.lang;
  std::string s = "<details class=\"meanings\"><summary>" + std::string(x.meanings_title[l]) +
                  "</summary><dl>\n";
  const std::pair<ReviewStatus, const Tr*> kMeanings[] = {
      {ReviewStatus::kRelevant, &x.meaning_relevant},
      {ReviewStatus::kNotRelevant, &x.meaning_not_relevant},
      {ReviewStatus::kLater, &x.meaning_later},
      {ReviewStatus::kResponded, &x.meaning_responded},
      {ReviewStatus::kDismissed, &x.meaning_dismissed}};
  for (const auto& [status, meaning] : kMeanings)
    s += "<dt>" + h(review_status_label_capitalised(status, l)) + "</dt><dd>" + (*meaning)[l] +
         "</dd>\n";
  return s + "</dl></details>\n";
}

}  // namespace

Urgency urgency_of(const PageContext& ctx) { return urgency_at(ctx.now, ctx.rules); }

const Tr* item_kind_label(const StoredItem& i) {
  const InboxTexts& x = kInboxTexts;
  const std::string k = to_lower(i.kind);
  auto has = [&](const char* part) { return k.find(part) != std::string::npos; };
  // Have your say: the stage of the initiative's current feedback period.
  if (has("opc_launched") || has("public consultation")) return &x.kind_public_consultation;
  if (has("planning_workflow") || has("call for evidence") || has("call_for_evidence"))
    return &x.kind_call_for_evidence;
  if (has("isc_workflow") || has("adoption_workflow") || has("draft")) return &x.kind_draft_act;
  if (has("init_planned")) return &x.kind_planned;
  // The Funding & Tenders portal's call types (parse/eu_api_parsers.cpp).
  if (k == "grant" || k == "call for proposals" || k == "cascade funding" ||
      has("call for proposals") || has("tender"))
    return &x.kind_funding_call;
  return nullptr;
}

std::string inbox_page(const InboxView& v, const InboxFilter& f, const PageContext& c,
                       const InboxNotice& notice) {
  const ReviewTexts& t = kReviewTexts;
  const InboxTexts& x = kInboxTexts;
  const Lang l = c.lang;
  const Urgency urgency = urgency_of(c);
  const std::vector<StoredItem>& shown = v.page.items;
  const std::string scope = scope_value(f);
  const std::string list = filter_query(f);  // this list, for links and the forms

  std::string b = "<h1>" + std::string(t.inbox[l]) + " <small>(" + std::to_string(v.page.total) +
                  " " + (v.page.total == 1 ? t.item_one[l] : t.items_count[l]) + ")</small></h1>\n";
  if (notice.decided >= 0)
    b += "<p class=\"notice\" role=\"status\">" +
         h(fill(x.decided_many[l], std::to_string(notice.decided), "")) + "</p>\n";
  if (notice.saved_last)
    b += "<p class=\"notice\" role=\"status\">" + std::string(x.saved_last[l]) + "</p>\n";
  if (notice.error == InboxNotice::Error::kNoneChosen)
    b += "<p class=\"error\" role=\"alert\">" + std::string(x.none_chosen[l]) + "</p>\n";
  if (notice.error == InboxNotice::Error::kNothingToDo)
    b += "<p class=\"error\" role=\"alert\">" + std::string(x.nothing_to_do[l]) + "</p>\n";
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
  {
    const std::string phase = phase_value(f);
    b += "<label>" + std::string(x.phase[l]) + " <select name=\"phase\">";
    const std::pair<const char*, const Tr*> kPhases[] = {
        {"", &x.phase_open}, {"closed", &x.phase_closed}, {"all", &x.phase_all}};
    for (const auto& [value, label] : kPhases)
      b += std::string("<option value=\"") + value + "\"" +
           (phase == value || (phase == "open" && !*value) ? " selected=\"selected\"" : "") + ">" +
           (*label)[l] + "</option>";
    b += "</select></label>\n";
  }
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
       h(f.text) + "\" title=\"" + x.search_hint[l] + "\" placeholder=\"" + x.search_hint[l] +
       "\"/></label>\n<button type=\"submit\">" + t.apply[l] + "</button></fieldset></form>\n";
  b += "<p class=\"export\"><a href=\"/items.csv" + (list.empty() ? "" : "?" + h(list)) +
       "\" download=\"omvarld-items.csv\">" + x.export_csv[l] + "</a></p>\n";
  auto counts = [&](const Tr& title, const char* cls, const std::map<std::string, int64_t>& n,
                    std::string InboxFilter::*field, auto label) {
    if (n.empty()) return;
    b += "<nav aria-label=\"" + std::string(title[l]) + "\" class=\"" + cls + "\"><h2>" + title[l] +
         "</h2><ul>\n";
    for (const auto& [value, count] : n) {
      InboxFilter one = f;
      one.*field = value;
      one.page = 1;
      b += "<li><a href=\"/?" + h(filter_query(one)) + "\">" + h(label(value)) +
           "</a> <span class=\"count\">" + std::to_string(count) + "</span></li>\n";
    }
    b += "</ul></nav>\n";
  };
  counts(t.per_theme, "themes", v.per_theme, &InboxFilter::theme,
         [&](const std::string& id) { return theme_label(id, c); });
  counts(x.per_committee, "themes committees", v.per_committee, &InboxFilter::committee,
         [](const std::string& name) { return name; });
  if (shown.empty()) b += "<p>" + std::string(t.no_items[l]) + "</p>\n";
  if (shown.empty() && v.closed_matches > 0) {
    InboxFilter closed = f;
    closed.phase = ItemQuery::Phase::kClosed;
    closed.page = 1;
    b += "<p><a href=\"/?" + h(filter_query(closed)) + "\">" +
         h(fill(x.closed_matches[l], std::to_string(v.closed_matches), "")) + "</a></p>\n";
  }
  // One form for the whole list: the bulk action first (the default button,
  // which Enter in any field presses), then each row's own buttons.
  b += "<form method=\"post\" action=\"/decisions\" class=\"triage\" id=\"triage\">\n"
       "<input type=\"hidden\" name=\"csrf\" value=\"" +
       h(c.csrf) + "\"/>\n<input type=\"hidden\" name=\"list\" value=\"" + h(list) + "\"/>\n";
  if (!shown.empty()) {
    b += "<fieldset class=\"bulk\"><legend>" + std::string(x.bulk_legend[l]) +
         "</legend>\n<label>" + x.bulk_status[l] + " <select name=\"status\"><option value=\"\">" +
         x.unchanged[l] + "</option>";
    for (ReviewStatus s : kReviewStatuses)
      b += std::string("<option value=\"") + review_status_name(s) + "\">" +
           h(review_status_label_capitalised(s, l)) + "</option>";
    b += "</select></label>\n<label>" + std::string(t.assignee[l]) +
         " <input type=\"text\" name=\"assignee\" list=\"people\" autocomplete=\"off\" "
         "maxlength=\"" +
         std::to_string(kMaxAssigneeBytes) + "\"/></label>\n<label>" + x.bulk_note[l] +
         " <input type=\"text\" name=\"note\" maxlength=\"" + std::to_string(kMaxNoteChars) +
         "\"/></label>\n<button type=\"submit\" name=\"bulk\" value=\"1\">" + x.bulk_apply[l] +
         "</button></fieldset>\n";
  }
  b += "<ol class=\"items\">\n";
  const std::string back = list.empty() ? "" : "?" + h(list);
  for (const auto& i : shown) {
    const std::string id = std::to_string(i.id);
    const bool urgent = urgency.is_urgent(deadline_of(i));
    b += std::string("<li class=\"item") + (urgent ? " urgent" : "") + "\" id=\"item-" + id +
         "\" data-id=\"" + id + "\"><input type=\"checkbox\" name=\"ids\" value=\"" + id +
         "\" id=\"pick-" + id + "\" class=\"pick\"/><label for=\"pick-" + id +
         "\" class=\"visually-hidden\">" + x.choose[l] + "</label> <a href=\"/items/" + id + back +
         "\" class=\"title\">" + h(i.title.empty() ? "#" + id : i.title) +
         "</a>\n<p class=\"meta\">";
    if (urgent) b += "<span class=\"badge urgent\">" + std::string(t.urgent[l]) + "</span> ";
    if (i.grade == Grade::kLook)
      b += "<span class=\"badge look\">" + std::string(t.look[l]) + "</span> ";
    if (const Tr* kind = item_kind_label(i))
      b += "<span class=\"kind\">" + std::string((*kind)[l]) + "</span> · ";
    else if (!i.kind.empty())
      b += "<span class=\"kind\">" + h(i.kind) + "</span> · ";
    b += std::string(t.score[l]) + " " + std::to_string(i.score.value_or(0));
    if (!i.deadline.empty()) b += " · " + std::string(t.deadline[l]) + " " + deadline_text(i, c);
    b += " · " + h(review_status_label_capitalised(i.review_status, l));
    if (!i.committee.empty()) b += " · " + h(i.committee);
    b += " · " + h(i.source);
    if (!i.guid.empty()) b += " <span class=\"ref\">" + h(i.guid) + "</span>";
    if (is_http_url(i.link))
      b += " · <a href=\"" + h(i.link) + "\" class=\"original\" rel=\"noopener noreferrer\">" +
           x.original_short[l] + "</a>";
    b += "</p>\n";
    if (!i.why.empty()) b += "<p class=\"why\">" + h(why_text(i.why, l, c.rules)) + "</p>\n";
    b += "<p class=\"row\"><label>" + std::string(t.assignee[l]) +
         " <input type=\"text\" name=\"assignee-" + id +
         "\" list=\"people\" autocomplete=\"off\" maxlength=\"" +
         std::to_string(kMaxAssigneeBytes) + "\" value=\"" + h(i.assignee) + "\"/></label>";
    const std::pair<ReviewStatus, const char*> kRowDecisions[] = {{ReviewStatus::kRelevant, "r"},
                                                                  {ReviewStatus::kNotRelevant, "n"},
                                                                  {ReviewStatus::kLater, "l"}};
    for (const auto& [status, key] : kRowDecisions)
      b += std::string(" <button type=\"submit\" name=\"decide\" value=\"") + id + ":" +
           review_status_name(status) + "\" data-key=\"" + key + "\">" +
           h(review_status_label_capitalised(status, l)) + "</button>";
    b += " <button type=\"submit\" name=\"decide\" value=\"" + id + ":\" class=\"secondary\">" +
         x.assign[l] + "</button></p>\n</li>\n";
  }
  b += "</ol>\n</form>\n" + people_datalist(c);
  // Paging: the same filter, another page.
  const int64_t pages = (v.page.total + kInboxPageSize - 1) / kInboxPageSize;
  if (pages > 1) {
    auto link = [&](int64_t page, const char* label, const char* rel) {
      InboxFilter other = f;
      other.page = page;
      return "<a rel=\"" + std::string(rel) + "\" href=\"/?" + h(filter_query(other)) + "\">" +
             label + "</a>";
    };
    b += "<nav class=\"pages\" aria-label=\"" +
         h(fill(t.page_of[l], std::to_string(f.page), std::to_string(pages))) + "\"><p>";
    if (f.page > 1) b += link(std::min(f.page - 1, pages), t.previous[l], "prev") + " ";
    b += h(fill(t.page_of[l], std::to_string(f.page), std::to_string(pages)));
    if (f.page < pages) b += " " + link(f.page + 1, t.next[l], "next");
    b += "</p></nav>\n";
  }
  b += status_meanings(c);
  b += "<details class=\"keys\" id=\"keys\"><summary>" + std::string(x.keys_title[l]) +
       "</summary><p>" + x.keys_help[l] + "</p></details>\n";
  return page(t.inbox[l], "inbox", b, c);
}

std::string item_page(const ItemDetails& d, const PageContext& c) {
  const ReviewTexts& t = kReviewTexts;
  const Lang l = c.lang;
  const StoredItem& i = d.item;
  const std::string list = filter_query(d.list);
  std::string b = "<p><a href=\"/" + (list.empty() ? "" : "?" + h(list)) + "\">" +
                  std::string(t.back[l]) + "</a></p>\n<h1>" + h(i.title) + "</h1>\n";
  if (d.saved_next)
    b += "<p class=\"notice\" role=\"status\">" + std::string(kInboxTexts.saved_next[l]) + "</p>\n";
  else if (d.saved)
    b += "<p class=\"notice\" role=\"status\">" + std::string(t.saved[l]) + "</p>\n";
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
  fact(t.source[l],
       h(i.source) + (i.guid.empty() ? "" : " <span class=\"ref\">" + h(i.guid) + "</span>"));
  if (const Tr* kind = item_kind_label(i))
    fact(t.field_kind[l], (*kind)[l]);
  else
    fact(t.field_kind[l], h(i.kind));
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
  // The list the item was opened from: after the decision, its next item.
  b += "<input type=\"hidden\" name=\"list\" value=\"" + h(list) + "\"/>\n";
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
       std::to_string(kMaxAssigneeBytes) + "\" autocomplete=\"off\" list=\"people\" value=\"" +
       h(d.draft_assignee.value_or(i.assignee)) + "\"/>\n<label for=\"note\">" + t.note[l] +
       "</label>\n<textarea id=\"note\" name=\"note\" rows=\"4\" maxlength=\"" +
       std::to_string(kMaxNoteChars) + "\">" + h(d.draft_note.value_or(i.note)) +
       "</textarea>\n<button type=\"submit\">" + t.save[l] + "</button>\n</form>\n" +
       people_datalist(c) + status_meanings(c) + "</section>\n";

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
    b += "<tr><td>" + std::to_string(r.id) + "</td><td>" +
         h(format_stockholm_minute(r.started_at.unix_seconds)) + "</td><td>" +
         h(run_status_name(r.status)) + "</td><td>" + h(r.kind + ": " + r.note) + "</td></tr>\n";
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
  w.Key("page");
  w.Int64(limit > 0 ? offset / limit + 1 : 1);
  w.Key("per_page");
  w.Int64(limit);
  w.Key("pages");
  w.Int64(limit > 0 ? (page.total + limit - 1) / limit : 1);
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
      ".filters select,.filters input{width:100%}}main{overflow-wrap:anywhere}"
      ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
      "white-space:nowrap}.bulk{border:1px solid #ccc;display:flex;flex-wrap:wrap;gap:.5rem 1rem;"
      "align-items:flex-end}.bulk label{display:flex;flex-direction:column;font-size:.9rem}"
      ".item .row{margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}"
      ".item .row label{font-size:.9rem}.item .row input[type=text]{width:16rem}"
      ".item.current{background:#FFF6E0;outline:2px solid #E69F00}button.secondary{background:#fff;"
      "color:#0b5cad}.kind{font-weight:700}.ref{font-family:monospace}.meanings dt{font-weight:700}"
      ".meanings dd{margin:0 0 .4rem 1rem}\n";
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
      "  // The inbox's keys: j/k move, o opens, r/n/l decide (the row's own\n"
      "  // buttons), x ticks the row, ? shows the keys; never while typing.\n"
      "  var rows = Array.prototype.slice.call(document.querySelectorAll('ol.items > li.item'));\n"
      "  if (rows.length) {\n"
      "    var at = 0;\n"
      "    var m = /^#item-(\\d+)$/.exec(location.hash);\n"
      "    rows.forEach(function (r, k) { if (m && r.getAttribute('data-id') === m[1]) at = k; "
      "});\n"
      "    var mark = function (focus) {\n"
      "      rows.forEach(function (r, k) { r.classList.toggle('current', k === at); });\n"
      "      if (focus) rows[at].querySelector('a.title').focus();\n"
      "    };\n"
      "    mark(!!m);\n"
      "    document.addEventListener('keydown', function (e) {\n"
      "      if (e.ctrlKey || e.metaKey || e.altKey) return;\n"
      "      var t = e.target;\n"
      "      var typing = t && (/^(TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable ||\n"
      "          (t.tagName === 'INPUT' && !/^(checkbox|radio|submit)$/.test(t.type)));\n"
      "      if (typing) return;\n"
      "      var row = rows[at];\n"
      "      if (e.key === 'j') { at = Math.min(at + 1, rows.length - 1); mark(true); }\n"
      "      else if (e.key === 'k') { at = Math.max(at - 1, 0); mark(true); }\n"
      "      else if (e.key === 'o') { location.href = row.querySelector('a.title').href; }\n"
      "      else if (e.key === 'r' || e.key === 'n' || e.key === 'l') {\n"
      "        row.querySelector('button[data-key=\"' + e.key + '\"]').click();\n"
      "      } else if (e.key === 'x') {\n"
      "        var pick = row.querySelector('input.pick');\n"
      "        pick.checked = !pick.checked;\n"
      "      } else if (e.key === '?') {\n"
      "        var keys = document.getElementById('keys');\n"
      "        keys.open = !keys.open;\n"
      "        if (keys.open) keys.scrollIntoView();\n"
      "      } else return;\n"
      "      e.preventDefault();\n"
      "    });\n"
      "  }\n"
      "});\n";
  return kJs;
}

}  // namespace omvarld
