#include "report/item_formats.h"

#include <cmath>

#include "core/text.h"
#include "report/markup.h"

namespace omvarld {
namespace {

// A field's value for CSV (already escaped) and for JSON (written as a value).
struct ItemField {
  const char* name;
  bool in_csv;
  std::string (*csv)(const StoredItem&, const Urgency&);
  void (*json)(JsonWriter&, const StoredItem&, const Urgency&);
};

void text(JsonWriter& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

std::optional<double> rounded_p(const StoredItem& i) {
  if (!i.model_p) return std::nullopt;
  return std::round(*i.model_p * 1000) / 1000;
}

std::string joined_themes(const StoredItem& i) {
  std::string out;
  for (const auto& t : themes_of(i)) out += (out.empty() ? "" : ";") + t;
  return out;
}

using I = const StoredItem&;
using U = const Urgency&;

// The one table. The CSV columns are the first fields, in this order.
const ItemField kFields[] = {
    {"id", true, [](I i, U) { return std::to_string(i.id); },
     [](JsonWriter& w, I i, U) { w.Int64(i.id); }},
    {"source", true, [](I i, U) { return csv_text(i.source); },
     [](JsonWriter& w, I i, U) { text(w, i.source); }},
    {"published", true, [](I i, U) { return csv_text(i.published); },
     [](JsonWriter& w, I i, U) { text(w, i.published); }},
    {"deadline", true, [](I i, U) { return csv_text(i.deadline); },
     [](JsonWriter& w, I i, U) { text(w, i.deadline); }},
    {"score", true, [](I i, U) { return i.score ? std::to_string(*i.score) : std::string(); },
     [](JsonWriter& w, I i, U) { i.score ? w.Int(*i.score) : w.Null(); }},
    {"flagged", true, [](I i, U) { return std::string(i.flagged ? "yes" : "no"); },
     [](JsonWriter& w, I i, U) { w.Bool(i.flagged); }},
    {"grade", true, [](I i, U) { return std::string(grade_name(i.grade)); },
     [](JsonWriter& w, I i, U) { w.String(grade_name(i.grade)); }},
    {"themes", true, [](I i, U) { return csv_text(joined_themes(i)); },
     [](JsonWriter& w, I i, U) {
       w.StartArray();
       for (const auto& t : themes_of(i)) text(w, t);
       w.EndArray();
     }},
    {"status", true, [](I i, U) { return csv_field(review_status_name(i.review_status)); },
     [](JsonWriter& w, I i, U) { w.String(review_status_name(i.review_status)); }},
    {"title", true, [](I i, U) { return csv_text(i.title); },
     [](JsonWriter& w, I i, U) { text(w, i.title); }},
    {"link", true, [](I i, U) { return csv_text(i.link); },
     [](JsonWriter& w, I i, U) { text(w, is_http_url(i.link) ? i.link : std::string()); }},
    {"committee", true, [](I i, U) { return csv_text(i.committee); },
     [](JsonWriter& w, I i, U) { text(w, i.committee); }},
    {"urgent", true,
     [](I i, U u) { return std::string(u.is_urgent(deadline_of(i)) ? "yes" : "no"); },
     [](JsonWriter& w, I i, U u) { w.Bool(u.is_urgent(deadline_of(i))); }},
    {"why", true, [](I i, U) { return csv_text(i.why); },
     [](JsonWriter& w, I i, U) { text(w, i.why); }},
    {"model_p", true,
     [](I i, U) {
       auto p = rounded_p(i);
       return p ? format_double(*p) : std::string();
     },
     [](JsonWriter& w, I i, U) {
       auto p = rounded_p(i);
       p ? w.Double(*p) : w.Null();
     }},
    {"assignee", false, nullptr, [](JsonWriter& w, I i, U) { text(w, i.assignee); }},
    {"first_seen", false, nullptr, [](JsonWriter& w, I i, U) { text(w, i.first_seen); }},
};

}  // namespace

size_t item_csv_field_count() {
  size_t n = 0;
  for (const ItemField& f : kFields) n += f.in_csv;
  return n;
}

std::string item_csv_header() {
  std::string out;
  for (const ItemField& f : kFields)
    if (f.in_csv) out += (out.empty() ? "" : ",") + std::string(f.name);
  return out;
}

std::string item_csv_row(const StoredItem& item, const Urgency& urgency) {
  std::string out;
  bool first = true;
  for (const ItemField& f : kFields) {
    if (!f.in_csv) continue;
    if (!first) out += ',';
    first = false;
    out += f.csv(item, urgency);
  }
  return out;
}

void write_item_members(JsonWriter& w, const StoredItem& item, const Urgency& urgency) {
  for (const ItemField& f : kFields) {
    w.Key(f.name);
    f.json(w, item, urgency);
  }
}

std::string item_json_object(const StoredItem& item, const Urgency& urgency) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  write_item_members(w, item, urgency);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string items_json_array(const std::vector<StoredItem>& items, const Urgency& urgency) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartArray();
  for (const StoredItem& item : items) {
    w.StartObject();
    write_item_members(w, item, urgency);
    w.EndObject();
  }
  w.EndArray();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace omvarld
