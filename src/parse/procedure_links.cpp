#include "parse/procedure_links.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <optional>

#include "core/text.h"
#include "parse/html_text.h"
#include "parse/lifecycle_json.h"
#include "parse/lifecycle_pages.h"

namespace omvarld {
namespace {

using lifecycle_json::member;
using lifecycle_json::text;
using lifecycle_json::Value;

bool digit(char c) { return c >= '0' && c <= '9'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }

// Exactly `n` digits at `i` (not followed by another digit).
bool digits_at(std::string_view t, size_t i, size_t n) {
  if (i + n > t.size()) return false;
  for (size_t k = 0; k < n; ++k)
    if (!digit(t[i + k])) return false;
  return i + n == t.size() || !digit(t[i + n]);
}

// 1..4 digits at `i`, not followed by a fifth; their count, 0 when none.
size_t number_at(std::string_view t, size_t i) {
  size_t n = 0;
  while (i + n < t.size() && digit(t[i + n]) && n < 5) ++n;
  return n >= 1 && n <= 4 ? n : 0;
}

template <typename T>
void add_once(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

// The plain text of a stretch of HTML, all of it.
std::string page_text(std::string_view html) { return html_to_text(html, html.size() + 16); }

// html[from, end) where end is the first of `stops` after `from`, or the end.
std::string_view region(std::string_view html, size_t from,
                        std::initializer_list<std::string_view> stops) {
  size_t end = html.size();
  for (std::string_view s : stops) {
    size_t at = html.find(s, from + 1);
    if (at != std::string_view::npos) end = std::min(end, at);
  }
  return html.substr(from, end - from);
}

std::vector<ProcedureLink> pair_up(const std::vector<ComRef>& coms, const ProcedureRef& proc,
                                   LinkSource source, const std::string& url) {
  std::vector<ProcedureLink> out;
  for (const ComRef& c : coms) add_once(out, ProcedureLink{c, proc, source, url});
  return out;
}

// The English expression's title_alternative of each Work in data[]/@graph[]
// (else the first language's), with HTML line breaks as text.
std::vector<std::string> ep_document_titles(const Value& doc) {
  std::vector<const Value*> works;
  for (const char* key : {"data", "@graph"}) {
    const Value* list = member(doc, key);
    if (list && list->IsArray()) {
      for (const Value& w : list->GetArray())
        if (w.IsObject()) works.push_back(&w);
    } else if (list && list->IsObject()) {
      works.push_back(list);
    }
  }
  if (works.empty() && member(doc, "is_realized_by")) works.push_back(&doc);
  std::vector<std::string> titles;
  for (const Value* w : works) {
    const Value* expressions = member(*w, "is_realized_by");
    if (!expressions || !expressions->IsArray()) continue;
    std::string english, other;
    for (const Value& e : expressions->GetArray()) {
      const Value* alt = member(e, "title_alternative");
      if (!alt) continue;
      if (alt->IsString()) {
        if (other.empty()) other = alt->GetString();
        continue;
      }
      if (!alt->IsObject()) continue;
      if (std::string en = text(*alt, "en"); !en.empty()) {
        english = en;
        break;
      }
      for (const auto& m : alt->GetObject())
        if (m.value.IsString() && other.empty()) other = m.value.GetString();
    }
    std::string chosen = english.empty() ? other : english;
    if (!chosen.empty()) titles.push_back(html_to_text(chosen, chosen.size() + 16));
  }
  return titles;
}

}  // namespace

std::vector<ComRef> find_celex_proposals(std::string_view t) {
  std::vector<ComRef> out;
  // 5 YYYY PC NNNN, the number zero-padded to four digits, as a word.
  for (size_t i = t.find("PC"); i != std::string_view::npos; i = t.find("PC", i + 1)) {
    if (i < 5 || t[i - 5] != '5' || !digits_at(t, i - 4, 4) || !digits_at(t, i + 2, 4)) continue;
    if (i >= 6 && std::isalnum(static_cast<unsigned char>(t[i - 6]))) continue;
    if (i + 6 < t.size() && std::isalpha(static_cast<unsigned char>(t[i + 6]))) continue;
    auto ref = parse_com_ref(t.substr(i - 5, 11));
    if (ref.ok()) add_once(out, ref.value());
  }
  return out;
}

std::vector<ComRef> find_com_refs(std::string_view t) {
  std::vector<ComRef> out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.compare(i, 3, "COM") != 0) continue;
    if (i > 0 && std::isalnum(static_cast<unsigned char>(t[i - 1]))) continue;
    size_t j = i + 3;
    while (j < t.size() && t[j] == ' ' && j - i < 5) ++j;
    if (j >= t.size()) break;
    std::string label;
    if (t[j] == '(' && digits_at(t, j + 1, 4) && j + 5 < t.size() && t[j + 5] == ')') {
      size_t k = j + 6;
      while (k < t.size() && t[k] == ' ' && k - j < 8) ++k;
      size_t n = number_at(t, k);
      if (n == 0) continue;
      label = "COM(" + std::string(t.substr(j + 1, 4)) + ")" + std::string(t.substr(k, n));
    } else if (t[j] == '/' && digits_at(t, j + 1, 4) && j + 5 < t.size() && t[j + 5] == '/') {
      size_t n = number_at(t, j + 6);
      if (n == 0) continue;
      label = "COM/" + std::string(t.substr(j + 1, 4)) + "/" + std::string(t.substr(j + 6, n));
    } else {
      continue;
    }
    auto ref = parse_com_ref(label);
    if (ref.ok()) add_once(out, ref.value());
  }
  return out;
}

std::vector<ProcedureRef> find_procedure_refs(std::string_view t) {
  std::vector<ProcedureRef> out;
  for (size_t slash = t.find('/'); slash != std::string_view::npos;
       slash = t.find('/', slash + 1)) {
    if (slash < 4 || !digits_at(t, slash - 4, 4) || !digits_at(t, slash + 1, 4)) continue;
    if (slash >= 5 && digit(t[slash - 5])) continue;
    size_t k = slash + 5;
    if (k >= t.size() || (t[k] != '(' && t[k] != '/')) continue;
    const char open = t[k];
    size_t letters = 0;
    while (k + 1 + letters < t.size() && upper(t[k + 1 + letters]) && letters < 5) ++letters;
    if (letters < 2 || letters > 4) continue;
    size_t after = k + 1 + letters;
    if (open == '(' && (after >= t.size() || t[after] != ')')) continue;
    if (open == '/' && after < t.size() && std::isalnum(static_cast<unsigned char>(t[after])))
      continue;
    auto ref =
        parse_procedure_ref(t.substr(slash - 4, after + (open == '(' ? 1 : 0) - (slash - 4)));
    if (ref.ok()) add_once(out, ref.value());
  }
  return out;
}

Result<ProcedurePage> read_oeil_procedure_page(std::string_view html, const std::string& url) {
  RETURN_IF_ERROR(check_lifecycle_body(html, "", 200, url));
  const size_t h1 = html.find("es_title-h1");
  std::optional<ProcedureRef> ref;
  if (h1 != std::string_view::npos) {
    size_t open_end = html.find('>', h1);
    size_t close = open_end == std::string_view::npos ? open_end : html.find("</", open_end);
    if (close != std::string_view::npos && close - open_end < 4096) {
      auto r = parse_procedure_ref(page_text(html.substr(open_end + 1, close - open_end - 1)));
      if (r.ok() && !r->type.empty()) ref = r.value();
    }
  }
  if (!ref)
    return make_error(ErrorKind::kParse,
                      lifecycle_source_name(url) +
                          ": not a Legislative Observatory procedure file (no procedure "
                          "reference in its es_title-h1 heading)");
  std::vector<ComRef> coms;
  const size_t key_events = html.find(">Key events</h2>");
  if (key_events != std::string_view::npos)
    for (const ComRef& c : find_com_refs(page_text(region(html, key_events, {"oeil-spy-section"}))))
      add_once(coms, c);
  const size_t gateway = html.find("id=\"es_accordion-item-doc-gateway-EC\"");
  if (gateway != std::string_view::npos)
    for (const ComRef& c : find_com_refs(page_text(
             region(html, gateway, {"id=\"es_accordion-item-doc-gateway-", "oeil-spy-section"}))))
      add_once(coms, c);
  return ProcedurePage{ref, pair_up(coms, *ref, LinkSource::kOeil, url)};
}

namespace {

// The CELEX number a EUR-Lex URL asks for ("...?uri=CELEX:52021PC0206"), "" if none.
std::string celex_of_url(std::string_view url) {
  const size_t at = url.find("CELEX:");
  if (at == std::string_view::npos) return "";
  size_t end = at + 6;
  while (end < url.size() && std::isalnum(static_cast<unsigned char>(url[end]))) ++end;
  return std::string(url.substr(at + 6, end - at - 6));
}

}  // namespace

Result<ProcedurePage> read_eurlex_procedure_page(std::string_view html, const std::string& url) {
  RETURN_IF_ERROR(check_lifecycle_body(html, "", 200, url));
  std::optional<ProcedureRef> ref;
  std::vector<ComRef> coms;
  const size_t heading = html.find("id=\"procedureHeading\"");
  if (heading != std::string_view::npos) {
    std::string head =
        page_text(region(html, heading, {"id=\"procedureDetails\""}).substr(0, 16384));
    if (size_t p = head.find("Procedure "); p != std::string::npos) {
      auto refs = find_procedure_refs(head.substr(p, 40));
      if (!refs.empty()) ref = refs.front();
    }
    coms = find_com_refs(head);
  }
  if (!ref) {
    const size_t title = html.find("class=\"DocumentTitle");
    if (title != std::string_view::npos) {
      auto refs = find_procedure_refs(page_text(region(html, title, {"</p>"}).substr(0, 4096)));
      if (!refs.empty()) ref = refs.front();
    }
  }
  if (!ref) {
    // A EUR-Lex page of the document asked for (its <title> names EUR-Lex
    // and the CELEX number the URL asks for) without a procedure: a
    // communication or a report has none. An answer, not an error.
    const std::string celex = celex_of_url(url);
    const size_t title = html.find("<title>");
    const size_t title_end = title == std::string_view::npos ? title : html.find("</title>", title);
    if (!celex.empty() && title_end != std::string_view::npos && title_end - title < 4096) {
      const std::string_view t = html.substr(title, title_end - title);
      if (t.find("EUR-Lex") != std::string_view::npos && t.find(celex) != std::string_view::npos)
        return ProcedurePage{};
    }
    return make_error(ErrorKind::kParse,
                      lifecycle_source_name(url) +
                          ": not a EUR-Lex procedure page (no \"Procedure YYYY/NNNN/TYPE\" "
                          "heading, and not the page of the document asked for)");
  }
  // The proposals' CELEX numbers in the procedure's own events (each
  // event's eventCelex cell: the proposal and any amended one); a number
  // elsewhere on the page (a related document, a sidebar, a script) may be
  // another procedure's, and a COM number written out only counts in the
  // heading.
  constexpr std::string_view kEventCelex = "eventCelex\"";
  for (size_t at = html.find(kEventCelex); at != std::string_view::npos;
       at = html.find(kEventCelex, at + kEventCelex.size()))
    for (const ComRef& c : find_celex_proposals(page_text(region(html, at, {"</div>"}))))
      add_once(coms, c);
  return ProcedurePage{ref, pair_up(coms, *ref, LinkSource::kEurLex, url)};
}

Result<std::vector<ProcedureLink>> parse_oeil_procedure_page(std::string_view html,
                                                             const std::string& url) {
  ASSIGN_OR_RETURN(ProcedurePage page, read_oeil_procedure_page(html, url));
  return std::move(page.links);
}

Result<std::vector<ProcedureLink>> parse_eurlex_procedure_page(std::string_view html,
                                                               const std::string& url) {
  ASSIGN_OR_RETURN(ProcedurePage page, read_eurlex_procedure_page(html, url));
  return std::move(page.links);
}

Result<std::vector<ProcedureRef>> ep_document_procedures(std::string_view json,
                                                         const std::string& source) {
  RETURN_IF_ERROR(check_lifecycle_json(json, "", 200, source));
  ASSIGN_OR_RETURN(auto doc, lifecycle_json::parse(json, source, "EP plenary document"));
  std::vector<ProcedureRef> out;
  for (const std::string& title : ep_document_titles(doc))
    for (const ProcedureRef& r : find_procedure_refs(title)) add_once(out, r);
  auto add_created = [&](const Value& work) {
    const Value* created = member(work, "inverse_created_a_realization_of");
    if (!created || !created->IsArray()) return;
    for (const Value& p : created->GetArray()) {
      std::string id = p.IsString() ? p.GetString() : text(p, "id");
      if (id.rfind("eli/dl/proc/", 0) != 0) continue;
      auto r = parse_procedure_ref(lifecycle_json::last_part(id));
      if (!r.ok()) continue;
      bool known = std::any_of(out.begin(), out.end(), [&](const ProcedureRef& o) {
        return o.year == r->year && o.number == r->number;
      });
      if (!known) out.push_back(r.value());
    }
  };
  if (const Value* list = member(doc, "data"); list && list->IsArray())
    for (const Value& w : list->GetArray()) add_created(w);
  return out;
}

Result<std::vector<ProcedureLink>> parse_ep_document_links(std::string_view json,
                                                           const std::string& source) {
  RETURN_IF_ERROR(check_lifecycle_json(json, "", 200, source));
  ASSIGN_OR_RETURN(auto doc, lifecycle_json::parse(json, source, "EP plenary document"));
  std::vector<ProcedureLink> out;
  for (const std::string& title : ep_document_titles(doc)) {
    auto procs = find_procedure_refs(title);
    auto coms = find_com_refs(title);
    for (const ProcedureRef& p : procs)
      for (const ProcedureLink& l : pair_up(coms, p, LinkSource::kEpDocument, source))
        add_once(out, l);
  }
  return out;
}

}  // namespace omvarld
