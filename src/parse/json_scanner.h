// JsonScanner: a strict, streaming (SAX-style) JSON reader over a buffer in
// memory, with one speciality: a handler can ask for an object or array to be
// read as "indexed members" ("123": value, or [value, ...]) in a tight loop.
// JSON-stat puts almost all of its bytes in two such members (`value`,
// `status`); reading them without the generic event machinery is what lets
// omvarld parse Eurostat responses at well over 150 MB/s.
//
// The Handler provides:
//   bool StartObject(); bool EndObject(); bool StartArray(); bool EndArray();
//   bool Key(std::string_view); bool String(std::string_view);
//   bool Number(std::string_view raw); bool Bool(bool); bool Null();
//   bool WantsIndexed();  // asked right after StartObject/StartArray
//   bool Indexed(uint64_t index, Kind kind, std::string_view text);
//     kind: kNumber (raw text), kString (decoded), kNull, kBool
// A handler returning false stops the scan. Strings are decoded (escapes,
// \u with surrogate pairs, to UTF-8); views are valid during the call only.
// Pure; no allocation beyond a scratch buffer for escaped strings. The scan
// recurses once per level of nesting, and refuses more than 64 levels ("JSON
// nesting deeper than 64 levels"), so no input can exhaust the stack.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/text.h"

namespace omvarld {

enum class JsonKind { kNumber, kString, kNull, kBool };

template <typename Handler>
class JsonScanner {
 public:
  JsonScanner(std::string_view text, Handler& handler)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), h_(handler) {}

  // Reads one value (normally the root object). True on success; otherwise
  // error() says what and where, unless the handler stopped the scan.
  bool scan() {
    ws();
    if (!value(0)) return false;
    ws();
    if (p_ != end_) return fail("unexpected text after the JSON value");
    return true;
  }

  // "" when the scan failed because the handler returned false.
  const std::string& error() const { return error_; }
  size_t offset() const { return static_cast<size_t>(p_ - begin_); }
  bool truncated() const { return truncated_; }

 private:
  static constexpr int kMaxDepth = 64;

  bool fail(const char* what) {
    if (p_ >= end_) {
      truncated_ = true;
      error_ = std::string("the body ends in the middle of the JSON (truncated?) at byte ") +
               std::to_string(end_ - begin_);
    } else {
      error_ = std::string(what) + " at byte " + std::to_string(p_ - begin_);
    }
    return false;
  }

  void ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool literal(const char* word) {
    size_t n = std::strlen(word);
    if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0)
      return fail("invalid literal");
    p_ += n;
    return true;
  }

  // A number's raw text, validated against JSON's grammar.
  bool number(std::string_view& out) {
    const char* s = p_;
    if (p_ < end_ && *p_ == '-') ++p_;
    if (p_ >= end_) return fail("bad number");
    if (*p_ == '0') {
      ++p_;
    } else if (*p_ >= '1' && *p_ <= '9') {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    } else {
      return fail("bad number");
    }
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (p_ >= end_ || *p_ < '0' || *p_ > '9') return fail("bad number");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ >= end_ || *p_ < '0' || *p_ > '9') return fail("bad number");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    out = std::string_view(s, static_cast<size_t>(p_ - s));
    return true;
  }

  bool hex4(uint32_t& v) {
    if (end_ - p_ < 4) return fail("bad \\u escape");
    v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = *p_++;
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return fail("bad \\u escape");
    }
    return true;
  }

  // At the opening quote. Leaves p_ after the closing quote.
  bool string(std::string_view& out) {
    ++p_;
    const char* s = p_;
    // Fast path: no escapes, no control characters.
    while (p_ < end_) {
      char c = *p_;
      if (c == '"') {
        out = std::string_view(s, static_cast<size_t>(p_ - s));
        ++p_;
        return true;
      }
      if (c == '\\') break;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      ++p_;
    }
    if (p_ >= end_) return fail("unterminated string");
    scratch_.assign(s, static_cast<size_t>(p_ - s));
    while (p_ < end_) {
      char c = *p_++;
      if (c == '"') {
        out = scratch_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        scratch_.push_back(c);
        continue;
      }
      if (p_ >= end_) break;
      char e = *p_++;
      switch (e) {
        case '"':
          scratch_.push_back('"');
          break;
        case '\\':
          scratch_.push_back('\\');
          break;
        case '/':
          scratch_.push_back('/');
          break;
        case 'b':
          scratch_.push_back('\b');
          break;
        case 'f':
          scratch_.push_back('\f');
          break;
        case 'n':
          scratch_.push_back('\n');
          break;
        case 'r':
          scratch_.push_back('\r');
          break;
        case 't':
          scratch_.push_back('\t');
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo = 0;
            if (end_ - p_ < 6 || p_[0] != '\\' || p_[1] != 'u')
              return fail("lone surrogate in \\u escape");
            p_ += 2;
            if (!hex4(lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF) return fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail("lone surrogate in \\u escape");
          }
          append_utf8(scratch_, cp);
          break;
        }
        default:
          --p_;
          return fail("bad escape in string");
      }
    }
    return fail("unterminated string");
  }

  bool value(int depth) {
    if (p_ >= end_) return fail("missing value");
    char c = *p_;
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"': {
        std::string_view s;
        return string(s) && h_.String(s);
      }
      case 't':
        return literal("true") && h_.Bool(true);
      case 'f':
        return literal("false") && h_.Bool(false);
      case 'n':
        return literal("null") && h_.Null();
      default: {
        std::string_view n;
        return number(n) && h_.Number(n);
      }
    }
  }

  // One member value of an indexed container.
  bool indexed_value(uint64_t index) {
    if (p_ >= end_) return fail("missing value");
    char c = *p_;
    if (c == '"') {
      std::string_view s;
      return string(s) && h_.Indexed(index, JsonKind::kString, s);
    }
    if (c == 'n') return literal("null") && h_.Indexed(index, JsonKind::kNull, {});
    if (c == 't') return literal("true") && h_.Indexed(index, JsonKind::kBool, "true");
    if (c == 'f') return literal("false") && h_.Indexed(index, JsonKind::kBool, "false");
    if (c == '{' || c == '[') return fail("nested container where a value was expected");
    std::string_view n;
    return number(n) && h_.Indexed(index, JsonKind::kNumber, n);
  }

  bool object(int depth) {
    if (depth >= kMaxDepth) return fail("JSON nesting deeper than 64 levels");
    ++p_;
    if (!h_.StartObject()) return false;
    ws();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return h_.EndObject();
    }
    const bool indexed = h_.WantsIndexed();
    for (;;) {
      ws();
      if (p_ >= end_ || *p_ != '"') return fail("expected a member name");
      if (indexed) {
        // "123": the index, digits only.
        ++p_;
        uint64_t index = 0;
        const char* digits = p_;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9' && p_ - digits < 19)
          index = index * 10 + static_cast<uint64_t>(*p_++ - '0');
        if (p_ >= end_ || *p_ != '"' || p_ == digits) return fail("member name is not an index");
        ++p_;
        ws();
        if (p_ >= end_ || *p_ != ':') return fail("expected ':'");
        ++p_;
        ws();
        if (!indexed_value(index)) return false;
      } else {
        std::string_view key;
        if (!string(key) || !h_.Key(key)) return false;
        ws();
        if (p_ >= end_ || *p_ != ':') return fail("expected ':'");
        ++p_;
        ws();
        if (!value(depth + 1)) return false;
      }
      ws();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ == '}') {
        ++p_;
        return h_.EndObject();
      }
      return fail("expected ',' or '}'");
    }
  }

  bool array(int depth) {
    if (depth >= kMaxDepth) return fail("JSON nesting deeper than 64 levels");
    ++p_;
    if (!h_.StartArray()) return false;
    ws();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      return h_.EndArray();
    }
    const bool indexed = h_.WantsIndexed();
    for (uint64_t i = 0;; ++i) {
      ws();
      if (!(indexed ? indexed_value(i) : value(depth + 1))) return false;
      ws();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ == ']') {
        ++p_;
        return h_.EndArray();
      }
      return fail("expected ',' or ']'");
    }
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  Handler& h_;
  std::string scratch_;
  std::string error_;
  bool truncated_ = false;
};

}  // namespace omvarld
