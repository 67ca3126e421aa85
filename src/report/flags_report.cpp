#include "report/flags_report.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.h"
#include "report/flags_texts.h"
#include "report/markup.h"
#include "report/page.h"

namespace omvarld {
namespace {

std::string h(const std::string& s) { return xml_escape(s); }

// "1 item" or "2 items": the singular form for one, the plural otherwise.
const char* plural(int64_t n, const Tr& one, const Tr& many, Lang l) {
  return n == 1 ? one[l] : many[l];
}

// A percentage as the language writes it: "73%", "73 %".
std::string percent(int v, Lang l) {
  return std::to_string(v) + (l == Lang::kSv ? std::string(kNoBreakSpace) : "") + "%";
}

struct Entry {
  const StoredItem* item;
  std::optional<int64_t> deadline;
  bool urgent = false, closed = false, fresh = false;
};

std::string theme_name(const std::string& id, Lang l, const RelevanceRules* rules) {
  if (rules)
    for (const auto& th : rules->themes)
      if (th.id == id) return l == Lang::kSv && !th.label_sv.empty() ? th.label_sv : th.label_en;
  return id;
}

}  // namespace

std::string why_text(const std::string& why, Lang l, const RelevanceRules* rules) {
  const DigestTexts& t = kDigestTexts;
  const std::pair<std::string, const Tr*> kFields[] = {
      {"title: ", &t.field_title}, {"topics: ", &t.field_topics}, {"summary: ", &t.field_summary}};
  std::string out;
  size_t at = 0;
  while (at < why.size()) {  // THEME (FIELD: TERMS; FIELD: TERMS)[; ...]
    const size_t open = why.find(" (", at), close = why.find(')', at);
    if (open == std::string::npos || close == std::string::npos || close < open) return why;
    out += (out.empty() ? "" : "; ") + theme_name(why.substr(at, open - at), l, rules) + " (";
    std::string inner = why.substr(open + 2, close - open - 2);
    for (size_t part = 0, k = 0; part < inner.size(); ++k) {
      size_t end = inner.find("; ", part);
      if (end == std::string::npos) end = inner.size();
      std::string piece = inner.substr(part, end - part);
      for (const auto& [name, label] : kFields)
        if (piece.rfind(name, 0) == 0)
          piece = std::string((*label)[l]) + ": " + piece.substr(name.size());
      out += (k ? "; " : "") + piece;
      part = end + 2;
    }
    out += ")";
    at = close + 1;
    if (why.compare(at, 2, "; ") == 0)
      at += 2;
    else if (at < why.size())
      return why;
  }
  return out;
}

FlagsDigest render_flags_digest(const FlagsDigestInput& in, const ReportContext& ctx) {
  const DigestTexts& t = kDigestTexts;
  const Lang l = ctx.lang;
  // The one urgency rule (model/urgency.h) with the rules' window.
  const Urgency urgency = urgency_at(in.now, in.rules);
  FlagsDigest out;
  std::vector<Entry> entries;
  for (const auto& it : in.items) {
    Entry e{&it, deadline_of(it)};
    e.closed = urgency.is_closed(e.deadline);
    e.urgent = urgency.is_urgent(e.deadline);
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
    return id.empty() ? std::string(t.other_theme[l]) : id;
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
  const std::string counts =
      fill(plural(out.items, t.items_one, t.items_many, l), {std::to_string(out.items)}) +
      fill(plural(out.open, t.open_one, t.open_many, l), {std::to_string(out.open)}) +
      fill(plural(out.fresh, t.fresh_one, t.fresh_many, l),
           {std::to_string(out.fresh),
            in.since.empty() ? std::string(t.no_digest[l]) : in.since + " " + in.since_label}) +
      fill(plural(out.urgent, t.urgent_one, t.urgent_many, l),
           {std::to_string(out.urgent), std::to_string(urgency.days)});
  const std::string title =
      in.audience.empty() ? std::string(t.title[l]) : fill(t.title_for[l], {in.audience});
  std::string body = "<header>\n<p class=\"muted\">omvarld " + h(ctx.version) + "</p>\n<h1>" +
                     h(title) + "</h1>\n</header>\n<main>\n";
  std::string md = "# " + markdown_text(title) + "\n\n";
  // News of followed initiatives first: what moved since the last digest.
  for (const auto& n : in.news) {
    if (out.news == 0) {
      body += "<section class=\"news\">\n<h2>" + std::string(t.news_heading[l]) + "</h2>\n<ul>\n";
      md += "## " + markdown_text(t.news_heading[l]) + "\n\n";
    }
    ++out.news;
    body += "<li><strong>" +
            (is_http_url(n.link) ? "<a href=\"" + h(n.link) + "\">" + h(n.title) + "</a>"
                                 : h(n.title)) +
            "</strong>" + (n.what.empty() ? "" : ": " + h(n.what)) + "</li>\n";
    md += "- **" + markdown_text(n.title) + "**" +
          (n.what.empty() ? "" : ": " + markdown_text(n.what)) +
          (is_http_url(n.link) ? " " + markdown_autolink(n.link) : "") + "\n";
  }
  if (out.news) {
    body += "</ul>\n</section>\n";
    md += "\n";
  }
  body += "<p class=\"lead\">" + h(counts) + "</p>\n<p>" + h(t.intro[l]) + "</p>\n";
  md += markdown_text(counts) + "\n\n" + markdown_text(t.intro[l]) + "\n";
  std::string review_base = in.review_url;
  while (!review_base.empty() && review_base.back() == '/') review_base.pop_back();
  auto review_link = [&](const StoredItem& it) {
    return is_http_url(in.review_url) ? review_base + "/items/" + std::to_string(it.id)
                                      : std::string();
  };
  auto render_item = [&](const Entry& e) {
    const StoredItem& it = *e.item;
    const std::string review = review_link(it);
    std::string s = "<article class=\"item\">\n<h3>";
    if (e.urgent)
      s += "<span class=\"badge urgent\">" + std::string(t.urgent_label[l]) + "</span> ";
    if (e.fresh) s += "<span class=\"badge new\">" + std::string(t.fresh_label[l]) + "</span> ";
    if (e.closed) s += "<span class=\"badge\">" + std::string(t.closed_label[l]) + "</span> ";
    if (it.grade == Grade::kLook)
      s += "<span class=\"badge look\">" + std::string(t.look_label[l]) + "</span> ";
    s += (review.empty() ? h(it.title) : "<a href=\"" + h(review) + "\">" + h(it.title) + "</a>") +
         "</h3>\n<dl>\n";
    // The Markdown item: its badges and title, then one labelled line per field.
    md += std::string("- ") + (e.urgent ? "**" + std::string(t.urgent_label[l]) + "** " : "") +
          (e.fresh ? "*" + std::string(t.fresh_label[l]) + "* " : "") +
          (e.closed ? "*" + std::string(t.closed_label[l]) + "* " : "") +
          (it.grade == Grade::kLook ? "(" + std::string(t.look_label[l]) + ") " : "") +
          markdown_text(it.title) + "\n";
    auto field = [&](const Tr& label, const std::string& html_value, const std::string& md_value) {
      s += "<dt>" + std::string(label[l]) + "</dt><dd>" + html_value + "</dd>\n";
      md += "  - " + markdown_text(label[l]) + ": " + md_value + "\n";
    };
    if (e.deadline) {
      const int64_t days = (*e.deadline - in.now) / 86400;
      const std::string left =
          e.closed ? "" : " (" + std::to_string(days) + " " + t.days_left[l] + ")";
      field(t.deadline, h(it.deadline.substr(0, 10)) + h(left),
            markdown_text(it.deadline.substr(0, 10) + left));
    }
    const std::string score =
        std::to_string(it.score.value_or(0)) +
        (it.model_p ? " (" + std::string(t.model[l]) + ": " +
                          percent(static_cast<int>(std::lround(*it.model_p * 100)), l) + ")"
                    : "");
    field(t.score, h(score), markdown_text(score));
    const std::string why = why_text(it.why, l, in.rules);
    field(t.why, h(why), markdown_text(why));
    if (!it.committee.empty()) field(t.committee, h(it.committee), markdown_text(it.committee));
    const std::string status = review_status_label(it.review_status)[l];
    field(t.status, h(status), markdown_text(status));
    if (!it.assignee.empty()) field(t.assignee, h(it.assignee), markdown_text(it.assignee));
    if (!it.note.empty()) field(t.note, h(it.note), markdown_text(it.note));
    const std::string source = it.source + " #" + std::to_string(it.id);
    field(t.source,
          h(source) + (is_http_url(it.link) ? " - <a href=\"" + h(it.link) + "\">" +
                                                  std::string(t.open_link[l]) + "</a>"
                                            : ""),
          markdown_text(source) + (is_http_url(it.link) ? " " + markdown_autolink(it.link) : ""));
    if (!review.empty())
      field(t.review, "<a href=\"" + h(review) + "\">" + std::string(t.review_link[l]) + "</a>",
            markdown_autolink(review));
    s += "</dl>\n</article>\n";
    return s;
  };
  if (entries.empty()) {
    body += "<p>" + std::string(t.no_items[l]) + "</p>\n";
    md += "\n" + markdown_text(t.no_items[l]) + "\n";
  }
  for (const auto& g : group_order) {
    const auto& list = groups[g];
    std::string committee = list.front()->item->committee;
    std::string heading = theme_label(g) + (committee.empty() ? "" : " - " + committee);
    body += "<section>\n<h2>" + h(heading) + " (" + std::to_string(list.size()) + ")</h2>\n";
    md += "\n## " + markdown_text(heading) + " (" + std::to_string(list.size()) + ")\n\n";
    for (const Entry* e : list) body += render_item(*e);
    body += "</section>\n";
  }
  body +=
      "</main>\n<footer>" + h(ctx.generated_at) + " - omvarld " + h(ctx.version) + "</footer>\n";
  // The subject: who, when, what is new.
  std::string subject = std::string(t.subject[l]) + (in.audience.empty() ? "" : " " + in.audience) +
                        " " + ctx.generated_at.substr(0, 10) + ": ";
  std::vector<std::string> said;
  if (out.fresh)
    said.push_back(fill(plural(out.fresh, t.subject_fresh_one, t.subject_fresh_many, l),
                        {std::to_string(out.fresh)}));
  if (out.urgent) said.push_back(fill(t.subject_urgent[l], {std::to_string(out.urgent)}));
  if (out.news)
    said.push_back(fill(plural(out.news, t.subject_news_one, t.subject_news_many, l),
                        {std::to_string(out.news)}));
  if (said.empty()) said.push_back(t.subject_nothing[l]);
  for (size_t k = 0; k < said.size(); ++k) subject += (k ? ", " : "") + said[k];
  out.subject = subject;
  out.html = html_page(title, t.lang[l], body);
  out.markdown = md;
  return out;
}

}  // namespace omvarld
