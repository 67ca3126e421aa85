// JSON for the EU sources' parsers in parse/ (hys_initiative, ep_procedure,
// procedure_links, and the Have your say and SEDIA pages of eu_api_parsers);
// not an interface for other layers. A JSON body read into
// a RapidJSON document with the iterative reader, nesting capped at 64 levels
// and UTF-8 validated, so no input recurses over its depth or lets invalid
// text through; and the lenient readers of values the sources type loosely
// (ids as 18805, 18805.0 or "18805"; keys absent rather than null). Pure.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace omvarld::lifecycle_json {

using Value = rapidjson::Value;

// The document of `body`, whose root must be an object. `what` names the
// kind of body in messages ("Have your say initiative"). kParse errors name
// `source`, the byte offset and whether the body looks truncated.
Result<rapidjson::Document> parse(std::string_view body, const std::string& source,
                                  const char* what);

// The member `key` of `obj`, or nullptr when `obj` is no object or the key
// is absent (a null member counts as absent).
const Value* member(const Value& obj, const char* key);

// A string member as text; numbers as their shortest text; "" otherwise.
std::string text(const Value& obj, const char* key);

// A whole number given as an int, a float with no fraction (18805.0) or a
// string holding either ("18805", "18805.0"); nullopt otherwise or outside
// [-2^53, 2^53].
std::optional<int64_t> whole_number(const Value& v);
std::optional<int64_t> whole_number(const Value& obj, const char* key);

// True for `true` and the strings "true"/"TRUE".
bool flag(const Value& obj, const char* key);

// The part after the last '/' or '#' of an IRI ("def/ep-activities/REFERRAL"
// -> "REFERRAL"); the text itself when it has neither.
std::string last_part(std::string_view iri);

}  // namespace omvarld::lifecycle_json
