#include "parse/hys_initiative.h"

#include <cctype>
#include <limits>

#include "core/civil_time.h"
#include "core/clock.h"
#include "core/text.h"
#include "parse/html_text.h"
#include "parse/lifecycle_json.h"
#include "parse/lifecycle_pages.h"

namespace omvarld {
namespace {

using lifecycle_json::flag;
using lifecycle_json::member;
using lifecycle_json::text;
using lifecycle_json::Value;
using lifecycle_json::whole_number;

constexpr const char* kPortal = "https://ec.europa.eu/info/law/better-regulation";

// Reads fixed-width digit fields and literal separators from a date text.
struct DateReader {
  std::string_view s;
  size_t i = 0;
  bool digits(size_t n, int& out) {
    if (i + n > s.size()) return false;
    int v = 0;
    for (size_t k = 0; k < n; ++k) {
      char c = s[i + k];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    i += n;
    out = v;
    return true;
  }
  bool eat(char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  bool done() const { return i == s.size(); }
};

bool plausible(const CivilTime& t) {
  return t.year >= 1950 && t.year <= 2200 && t.month >= 1 && t.month <= 12 && t.day >= 1 &&
         t.day <= 31 && t.hour <= 23 && t.minute <= 59 && t.second <= 59;
}

// The same calendar reading back: rules out 31 February and the like.
bool real_date(const CivilTime& t, int64_t unix_seconds, int offset) {
  CivilTime back = civil_from_unix(unix_seconds, offset);
  return back.year == t.year && back.month == t.month && back.day == t.day;
}

// "2026/08/31 08:24:00" (or the date alone) in Brussels time.
std::optional<int64_t> brussels_time(std::string_view s) {
  DateReader r{trim(s)};
  CivilTime t;
  int y = 0;
  if (!r.digits(4, y) || !r.eat('/') || !r.digits(2, t.month) || !r.eat('/') || !r.digits(2, t.day))
    return std::nullopt;
  t.year = y;
  if (!r.done() && !(r.eat(' ') && r.digits(2, t.hour) && r.eat(':') && r.digits(2, t.minute) &&
                     r.eat(':') && r.digits(2, t.second) && r.done()))
    return std::nullopt;
  if (!plausible(t)) return std::nullopt;
  auto unix_seconds = central_european_to_unix(t);
  if (!unix_seconds || !real_date(t, *unix_seconds, central_european_offset(*unix_seconds)))
    return std::nullopt;
  return unix_seconds;
}

// "2026-08-31T06:24:00.454" (1-9 fraction digits, an optional Z or +00:00)
// in UTC; the fraction is dropped.
std::optional<int64_t> utc_time(std::string_view s) {
  DateReader r{trim(s)};
  CivilTime t;
  int y = 0;
  if (!r.digits(4, y) || !r.eat('-') || !r.digits(2, t.month) || !r.eat('-') ||
      !r.digits(2, t.day) || !r.eat('T') || !r.digits(2, t.hour) || !r.eat(':') ||
      !r.digits(2, t.minute) || !r.eat(':') || !r.digits(2, t.second))
    return std::nullopt;
  t.year = y;
  if (r.eat('.')) {
    int digit = 0, n = 0;
    while (n < 9 && r.digits(1, digit)) ++n;
    if (n == 0) return std::nullopt;
  }
  if (!r.done() && !r.eat('Z')) {
    int zero = 0;
    if (!(r.eat('+') && r.digits(2, zero) && zero == 0 && r.eat(':') && r.digits(2, zero) &&
          zero == 0))
      return std::nullopt;
  }
  if (!r.done() || !plausible(t)) return std::nullopt;
  int64_t unix_seconds =
      days_from_civil(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day)) *
          86400 +
      t.hour * 3600 + t.minute * 60 + t.second;
  if (!real_date(t, unix_seconds, 0)) return std::nullopt;
  return unix_seconds;
}

// A publication time as UTC text: the portal's Brussels form, or the ISO
// form some fields carry. nullopt when absent, null or unreadable.
std::optional<std::string> time_member(const Value& obj, const char* key) {
  std::string s = text(obj, key);
  if (s.empty()) return std::nullopt;
  auto t = brussels_time(s);
  if (!t) t = utc_time(s);
  if (!t) return std::nullopt;
  return format_iso8601_utc(*t);
}

int small_count(const Value& obj, const char* key) {
  auto n = whole_number(obj, key);
  if (!n || *n < 0) return 0;
  return *n > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max()
                                              : static_cast<int>(*n);
}

std::string plain(const Value& obj, const char* key) {
  return text_with_entities_decoded(text(obj, key), 4096);
}

bool is_token(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (unsigned char c : id)
    if (!std::isalnum(c) && c != '-' && c != '_') return false;
  return true;
}

HysDocument read_attachment(const Value& a) {
  HysDocument d;
  d.url = hys_download_url(text(a, "documentId"));
  d.language = text(a, "language");
  for (char& c : d.language) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  d.title = plain(a, "title");
  d.file_name = text(a, "ersFileName");
  if (d.file_name.empty()) d.file_name = text(a, "filename");
  utf8_cut(d.file_name, 512);
  d.kind = text(a, "type");
  d.pages = small_count(a, "pages");
  auto size = whole_number(a, "size");
  d.size_bytes = size && *size > 0 ? *size : 0;
  d.original = flag(a, "isOriginal");
  if (auto t = utc_time(text(a, "createdDate"))) d.created = format_iso8601_utc(*t);
  return d;
}

HysPublication read_publication(const Value& p, int64_t id) {
  HysPublication out;
  out.id = id;
  out.type = text(p, "type");
  out.stage = text(p, "stage");
  out.feedback_status = text(p, "receivingFeedbackStatus");
  out.published = time_member(p, "publishedDate");
  out.feedback_end = time_member(p, "endDate");
  if (!out.feedback_end) out.feedback_end = time_member(p, "feedbackEndDate");
  out.feedback_start = time_member(p, "feedbackStartDate");
  const bool takes_feedback =
      out.feedback_end || out.feedback_status == "OPEN" || out.feedback_status == "CLOSED";
  if (!out.feedback_start && takes_feedback) out.feedback_start = out.published;
  out.planned_period = text(p, "plannedPeriod");
  out.planned_start = time_member(p, "plannedStartDate");
  out.planned_end = time_member(p, "plannedEndDate");
  out.feedback_count = small_count(p, "totalFeedback");
  out.reference = text(p, "reference");
  out.title = plain(p, "title");
  out.is_current = flag(p, "isCurrent");
  out.modified = time_member(p, "modifiedDate");
  out.feedback_weeks = small_count(p, "feedbackPeriod");
  if (const Value* list = member(p, "attachments"); list && list->IsArray())
    for (const Value& a : list->GetArray())
      if (a.IsObject()) out.attachments.push_back(read_attachment(a));
  for (const HysDocument& d : out.attachments)
    if (!d.url.empty() && (d.language == "EN" || d.language == "SV" || d.original))
      out.documents.push_back(d.url);
  if (out.documents.empty())
    for (const HysDocument& d : out.attachments)
      if (!d.url.empty()) out.documents.push_back(d.url);
  return out;
}

// The English translation of `field` (SHORT_TITLE, SUMMARY), "" when none.
std::string translation(const Value& doc, const char* field) {
  const Value* list = member(doc, "initiativeTranslations");
  if (!list || !list->IsArray()) return {};
  for (const Value& t : list->GetArray())
    if (text(t, "field") == field && to_lower(text(t, "language")) == "en") return text(t, "value");
  return {};
}

}  // namespace

std::string hys_download_url(std::string_view document_id) {
  if (!is_token(document_id)) return {};
  return std::string(kPortal) + "/api/download/" + std::string(document_id);
}

Result<HysInitiative> parse_hys_initiative(std::string_view body, const std::string& source) {
  RETURN_IF_ERROR(check_lifecycle_json(body, "", 200, source));
  ASSIGN_OR_RETURN(auto doc, lifecycle_json::parse(body, source, "Have your say initiative"));
  if (member(doc, "initiativeResultDtoPage") || member(doc, "_embedded"))
    return make_error(ErrorKind::kParse,
                      source +
                          ": a Have your say search page, not an initiative's detail "
                          "(brpapi/groupInitiatives/{id})");
  auto id = whole_number(doc, "id");
  if (!id || *id <= 0)
    return make_error(ErrorKind::kParse,
                      source + ": not a Have your say initiative (no numeric \"id\")");
  HysInitiative out;
  out.id = *id;
  out.title = plain(doc, "shortTitle");
  if (out.title.empty()) out.title = text_with_entities_decoded(translation(doc, "SHORT_TITLE"));
  std::string summary = text(doc, "dossierSummary");
  if (trim(summary).empty()) summary = translation(doc, "SUMMARY");
  out.summary = html_to_text(summary);
  out.dg = text(doc, "dg");
  out.stage = text(doc, "stage");
  out.act_type = text(doc, "foreseenActType");
  out.status = text(doc, "initiativeStatus");
  out.feedback_status = text(doc, "receivingFeedbackStatus");
  out.reference = text(doc, "reference");
  out.unit = text(doc, "unit");
  out.modified = time_member(doc, "modifiedDate");
  if (const Value* topics = member(doc, "topics"); topics && topics->IsArray())
    for (const Value& t : topics->GetArray()) {
      std::string label =
          t.IsString() ? std::string(t.GetString(), t.GetStringLength()) : text(t, "label");
      label = text_with_entities_decoded(label, 512);
      if (!label.empty()) out.topics.push_back(label);
    }
  if (const Value* pubs = member(doc, "publications"); pubs && pubs->IsArray())
    for (const Value& p : pubs->GetArray()) {
      if (!p.IsObject()) continue;
      auto pid = whole_number(p, "id");
      if (!pid || *pid <= 0) continue;  // nothing to follow it by
      out.publications.push_back(read_publication(p, *pid));
    }
  return out;
}

Result<int64_t> parse_hys_feedback_total(std::string_view body, const std::string& source) {
  RETURN_IF_ERROR(check_lifecycle_json(body, "", 200, source));
  ASSIGN_OR_RETURN(auto doc, lifecycle_json::parse(body, source, "Have your say feedback"));
  if (const Value* page = member(doc, "page"); page && page->IsObject()) {
    auto total = whole_number(*page, "totalElements");
    if (total && *total >= 0) return *total;
  }
  if (const Value* embedded = member(doc, "_embedded"); embedded && embedded->IsObject()) {
    if (const Value* list = member(*embedded, "feedbackV1"); list && list->IsArray())
      return static_cast<int64_t>(list->Size());
    return int64_t{0};  // HAL leaves out an empty list's key
  }
  return make_error(ErrorKind::kParse,
                    source +
                        ": not a Have your say feedback page (no page.totalElements or "
                        "_embedded.feedbackV1)");
}

}  // namespace omvarld
