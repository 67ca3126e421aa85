#include "parse/lifecycle_json.h"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cmath>

#include "core/text.h"

namespace omvarld::lifecycle_json {
namespace {

constexpr int kMaxDepth = 64;

// Forwards the reader's events to the document, refusing containers nested
// deeper than kMaxDepth; with the iterative reader nothing recurses.
struct DepthCappedHandler {
  rapidjson::Document& doc;
  int depth = 0;
  bool too_deep = false;
  bool open() {
    if (++depth > kMaxDepth) too_deep = true;
    return !too_deep;
  }
  bool Null() { return doc.Null(); }
  bool Bool(bool b) { return doc.Bool(b); }
  bool Int(int i) { return doc.Int(i); }
  bool Uint(unsigned i) { return doc.Uint(i); }
  bool Int64(int64_t i) { return doc.Int64(i); }
  bool Uint64(uint64_t i) { return doc.Uint64(i); }
  bool Double(double d) { return doc.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return doc.RawNumber(s, n, copy);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return doc.String(s, n, copy); }
  bool StartObject() { return open() && doc.StartObject(); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return doc.Key(s, n, copy); }
  bool EndObject(rapidjson::SizeType n) {
    --depth;
    return doc.EndObject(n);
  }
  bool StartArray() { return open() && doc.StartArray(); }
  bool EndArray(rapidjson::SizeType n) {
    --depth;
    return doc.EndArray(n);
  }
};

constexpr double kMaxExact = 9007199254740992.0;  // 2^53

std::optional<int64_t> from_double(double d) {
  if (!std::isfinite(d) || std::fabs(d) > kMaxExact || d != std::floor(d)) return std::nullopt;
  return static_cast<int64_t>(d);
}

}  // namespace

Result<rapidjson::Document> parse(std::string_view body, const std::string& source,
                                  const char* what) {
  std::string_view t = trim(strip_bom(body));
  rapidjson::Document doc;
  rapidjson::Reader reader;
  bool too_deep = false;
  auto generate = [&](rapidjson::Document& d) {
    DepthCappedHandler handler{d};
    rapidjson::MemoryStream stream(t.data(), t.size());
    reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(stream,
                                                                                         handler);
    too_deep = handler.too_deep;
    return !reader.HasParseError();
  };
  doc.Populate(generate);
  const std::string head = source + ": malformed " + what + " JSON";
  if (too_deep)
    return make_error(ErrorKind::kParse,
                      head + ": nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  if (reader.HasParseError()) {
    const size_t at = reader.GetErrorOffset();
    if (at >= t.size())
      return make_error(ErrorKind::kParse, head + ": the body ends after " +
                                               std::to_string(t.size()) +
                                               " bytes in the middle of a value (truncated?)");
    return make_error(ErrorKind::kParse, head + " at byte " + std::to_string(at));
  }
  if (!doc.IsObject()) return make_error(ErrorKind::kParse, head + " (not an object)");
  return doc;
}

const Value* member(const Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

std::string text(const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  if (!v) return {};
  if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsNumber()) return format_double(v->GetDouble());
  return {};
}

std::optional<int64_t> whole_number(const Value& v) {
  if (v.IsInt64()) return v.GetInt64();
  if (v.IsNumber()) return from_double(v.GetDouble());
  if (v.IsString()) {
    auto d = parse_double(trim(std::string_view(v.GetString(), v.GetStringLength())));
    if (d) return from_double(*d);
  }
  return std::nullopt;
}

std::optional<int64_t> whole_number(const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  return v ? whole_number(*v) : std::nullopt;
}

bool flag(const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  if (!v) return false;
  if (v->IsBool()) return v->GetBool();
  if (v->IsString()) {
    std::string s = to_lower(v->GetString());
    return s == "true";
  }
  return false;
}

std::string last_part(std::string_view iri) {
  size_t cut = iri.find_last_of("/#");
  return std::string(cut == std::string_view::npos ? iri : iri.substr(cut + 1));
}

}  // namespace omvarld::lifecycle_json
