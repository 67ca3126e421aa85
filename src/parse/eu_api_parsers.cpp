#include "parse/eu_api_parsers.h"

#include <rapidjson/document.h>

#include <cstdlib>

#include "core/civil_time.h"
#include "core/text.h"
#include "parse/feed_dates.h"
#include "parse/html_text.h"
#include "parse/lifecycle_json.h"

namespace omvarld {
namespace {

using Value = rapidjson::Value;

std::string str(const Value& obj, const char* key) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return {};
  if (it->value.IsString()) return it->value.GetString();
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  if (it->value.IsNumber()) return format_double(it->value.GetDouble());
  return {};
}

// SEDIA: every metadata value is an array; the first string in it.
std::string meta(const Value& metadata, const char* key) {
  if (!metadata.IsObject()) return {};
  auto it = metadata.FindMember(key);
  if (it == metadata.MemberEnd()) return {};
  if (it->value.IsArray()) {
    for (const auto& v : it->value.GetArray())
      if (v.IsString()) return v.GetString();
    return {};
  }
  return it->value.IsString() ? it->value.GetString() : std::string();
}

// A count the API gives as text ("250", "2.5e2", "-1", "99999999999"): a
// whole number in [0, 10^9]; 0 when unreadable. (atoi was undefined beyond
// int, and a negative or huge total made page arithmetic overflow.)
long count(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !(v > 0)) return 0;
  return v >= 1e9 ? 1'000'000'000L : static_cast<long>(v);
}

// The page as a document: an HTML page is named as such; the rest is the
// one depth-capped, UTF-8-validating reader (parse/lifecycle_json.h).
Result<rapidjson::Document> parse_json(std::string_view text, const std::string& source,
                                       const char* what) {
  std::string_view t = trim(strip_bom(text));
  if (looks_like_html(t))
    return make_error(ErrorKind::kParse,
                      source + ": got an HTML page where " + what + " JSON was expected");
  return lifecycle_json::parse(t, source, what);
}

}  // namespace

std::optional<int64_t> parse_brussels_time(std::string_view text) {
  text = trim(text);
  int y, mo, d, h = 0, mi = 0, s = 0;
  std::string t(text);
  int n = std::sscanf(t.c_str(), "%d/%d/%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s);
  if (n != 3 && n != 6) return parse_feed_date(text);  // some answers carry ISO dates
  return central_european_to_unix(CivilTime{y, mo, d, h, mi, s});
}

std::string hys_initiative_link(const std::string& id, const std::string& title) {
  // The portal's slug: apostrophes and dots dropped, every other run of
  // characters outside A-Z, a-z, 0-9 one '-'. (Reproduces 651 of the 657
  // real links in the recorded consultations; the portal resolves the page
  // by its id in any case.)
  std::string slug;
  bool dash = false;
  for (size_t i = 0; i < title.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(title[i]);
    if (c == '\'' || c == '.') continue;
    if (c == 0xE2 && i + 2 < title.size() && static_cast<unsigned char>(title[i + 1]) == 0x80 &&
        static_cast<unsigned char>(title[i + 2]) == 0x99) {  // ’
      i += 2;
      continue;
    }
    if (std::isalnum(c) && c < 0x80) {
      if (dash && !slug.empty()) slug.push_back('-');
      dash = false;
      slug.push_back(static_cast<char>(c));
    } else {
      dash = true;
    }
  }
  if (dash && !slug.empty()) slug.push_back('-');
  return "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/" + id +
         (slug.empty() ? "" : "-" + slug);
}

Result<ApiPage> parse_hys_page(std::string_view json, const std::string& source) {
  auto doc = parse_json(json, source, "Have your say");
  if (!doc.ok()) return doc.error();
  const Value* list = nullptr;
  const Value* page = nullptr;
  if (doc->HasMember("initiativeResultDtoPage") && (*doc)["initiativeResultDtoPage"].IsObject()) {
    page = &(*doc)["initiativeResultDtoPage"];
    if (page->HasMember("content") && (*page)["content"].IsArray()) list = &(*page)["content"];
  } else if (doc->HasMember("_embedded") && (*doc)["_embedded"].IsObject() &&
             (*doc)["_embedded"].HasMember("initiativeResultDtoes")) {
    list = &(*doc)["_embedded"]["initiativeResultDtoes"];
    if (doc->HasMember("page") && (*doc)["page"].IsObject()) page = &(*doc)["page"];
  } else if (doc->HasMember("content") && (*doc)["content"].IsArray()) {
    list = &(*doc)["content"];
    page = &doc.value();
  }
  if (!list || !list->IsArray())
    return make_error(ErrorKind::kParse,
                      source +
                          ": not a Have your say result page (no initiativeResultDtoPage."
                          "content or _embedded.initiativeResultDtoes)");
  ApiPage out;
  if (page) {
    std::string tp = str(*page, "totalPages"), te = str(*page, "totalElements");
    out.total_pages = static_cast<int>(count(tp));
    out.total_items = count(te);
  }
  for (const Value& v : list->GetArray()) {
    if (!v.IsObject()) continue;
    FeedItem item;
    item.guid = str(v, "id");
    if (item.guid.empty()) continue;
    item.title = text_with_entities_decoded(str(v, "shortTitle"));
    item.reference = str(v, "reference");
    item.kind = str(v, "foreseenActType");
    item.summary = html_to_text(str(v, "dossierSummary"));
    if (v.HasMember("topics") && v["topics"].IsArray())
      for (const Value& t : v["topics"].GetArray()) {
        std::string label = t.IsObject() ? str(t, "label") : (t.IsString() ? t.GetString() : "");
        if (!label.empty()) item.categories.push_back(label);
      }
    const Value* current = nullptr;
    if (v.HasMember("currentStatuses") && v["currentStatuses"].IsArray()) {
      for (const Value& s : v["currentStatuses"].GetArray())
        if (s.IsObject() && (!current || (s.HasMember("isCurrent") && s["isCurrent"].IsBool() &&
                                          s["isCurrent"].GetBool())))
          current = &s;
    }
    if (current) {
      item.status = to_lower(str(*current, "receivingFeedbackStatus"));
      std::string stage = str(*current, "frontEndStage");
      if (!stage.empty()) item.kind = item.kind.empty() ? stage : item.kind + " / " + stage;
      std::string start = str(*current, "feedbackStartDate"),
                  end = str(*current, "feedbackEndDate");
      if (!start.empty()) item.opens = parse_brussels_time(start);
      if (!end.empty()) {
        item.deadline = parse_brussels_time(end);
        item.date_text = end;
      }
    }
    item.published = item.opens;
    item.link = hys_initiative_link(item.guid, str(v, "shortTitle"));
    item.guid_is_permalink = false;
    out.items.push_back(std::move(item));
  }
  return out;
}

Result<ApiPage> parse_sedia_page(std::string_view json, int page_size, const std::string& source) {
  auto doc = parse_json(json, source, "Funding & Tenders");
  if (!doc.ok()) return doc.error();
  if (!doc->HasMember("results") || !(*doc)["results"].IsArray())
    return make_error(ErrorKind::kParse, source + ": not a SEDIA search answer (no results[])");
  ApiPage out;
  std::string total = str(*doc, "totalResults");
  if (!total.empty()) {
    out.total_items = count(total);
    if (page_size > 0)
      out.total_pages = static_cast<int>((out.total_items + page_size - 1) / page_size);
  }
  for (const Value& r : (*doc)["results"].GetArray()) {
    if (!r.IsObject()) continue;
    const Value& m = r.HasMember("metadata") ? r["metadata"] : r;
    FeedItem item;
    // `reference` is unique per call; `identifier` names the topic, which
    // several cascade-funding calls share.
    item.reference = meta(m, "identifier");
    item.guid = str(r, "reference");
    if (item.guid.empty()) item.guid = item.reference;
    std::string topic = text_with_entities_decoded(meta(m, "title"));
    if (topic.empty()) topic = text_with_entities_decoded(str(r, "summary"));
    std::string call = text_with_entities_decoded(meta(m, "callTitle"));
    if (call.empty()) call = text_with_entities_decoded(meta(m, "caName"));
    call = std::string(trim(call));
    item.title = call.empty() || call == topic ? topic : topic + " \xE2\x80\x94 " + call;
    item.summary = html_to_text(meta(m, "description"));
    item.link = meta(m, "url");
    if (item.link.empty()) item.link = str(r, "url");
    std::string start = meta(m, "startDate"), deadline = meta(m, "deadlineDate");
    if (!start.empty()) item.opens = parse_feed_date(start);
    if (!deadline.empty()) {
      item.deadline = parse_feed_date(deadline);
      item.date_text = deadline;
    }
    item.published = item.opens;
    std::string status = meta(m, "status");
    item.status = status == "31094501"   ? "forthcoming"
                  : status == "31094502" ? "open"
                  : status == "31094503" ? "closed"
                                         : status;
    std::string type = meta(m, "type");
    item.kind = type == "1"   ? "grant"
                : type == "2" ? "call for proposals"
                : type == "8" ? "cascade funding"
                              : type;
    std::string programme = meta(m, "frameworkProgramme");
    if (!programme.empty()) item.categories.push_back("programme:" + programme);
    if (item.guid.empty()) continue;
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace omvarld
