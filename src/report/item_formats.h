// The machine formats of one EU item: its CSV row and its JSON object, from
// one table of fields, so that `omvarld flags --format csv|json` and the
// review page's /api/items and /api/items/ID cannot disagree on a name, a
// value or a count of columns.
//
// Here in report/ because both web/ and cli/ may include this layer (and
// neither may include the other), and because the CSV escaping it must use
// (csv_field, csv_text) lives beside it in report/markup.h; store/ below
// knows no output format.
//
// Fields, in order (CSV: all but the last two, which the CSV header of
// `omvarld flags` never had; JSON: all):
//   id, source, published, deadline, score (empty / null when not scored),
//   flagged (yes/no; true/false), grade (flag/look/none), themes (CSV: ids
//   joined by ';'; JSON: always an array of ids), status (the review status),
//   title, link (JSON: only an http(s) link, else ""), committee, urgent
//   (model/urgency.h at the given time), why, model_p (3 decimals; empty /
//   null without a model), assignee, first_seen.
// Text from outside goes through csv_text in CSV (a formula-like cell gets a
// leading '), and is escaped as JSON requires in JSON. Pure.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <vector>

#include "model/urgency.h"
#include "store/item_store.h"

namespace omvarld {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// The CSV header: the names of the CSV fields, comma-separated.
std::string item_csv_header();
// One CSV row (no line end): as many fields as the header names.
std::string item_csv_row(const StoredItem& item, const Urgency& urgency);
// The number of CSV fields (the header's and every row's).
size_t item_csv_field_count();

// The item's fields as JSON members, inside an object the caller opened (so
// that the item endpoint can add its own after them).
void write_item_members(JsonWriter& w, const StoredItem& item, const Urgency& urgency);
// The item as one JSON object.
std::string item_json_object(const StoredItem& item, const Urgency& urgency);
// The items as a JSON array of such objects.
std::string items_json_array(const std::vector<StoredItem>& items, const Urgency& urgency);

}  // namespace omvarld
