#include "parse/toml.h"

#include <algorithm>
#include <sstream>
#include <string_view>
#include <vector>

namespace omvarld {

namespace {

// An upper bound on how deep toml++ would nest the tables and arrays of
// `text`: a [header] or a dotted key adds a level per segment, an inline
// table or an array one. Strings and comments are skipped. toml++ bounds
// only inline nesting (256), while "a.a.a...= 1" or [a.a.a...] builds a
// tree as deep as the key is long, and toml++ walks and frees it by
// recursion; this is checked first, without recursion.
size_t toml_depth_bound(std::string_view t) {
  struct Open {
    char kind;     // '{' or '['
    size_t depth;  // of the inline table or array itself
  };
  std::vector<Open> open;
  size_t deepest = 0, table_depth = 0, key_base = 0, dots = 0, value_depth = 0;
  bool line_start = true, in_key = false;
  const size_t n = t.size();
  size_t i = 0;
  auto skip_string = [&] {
    const char q = t[i];
    const bool basic = q == '"';
    if (t.compare(i, 3, std::string(3, q)) == 0) {  // multi-line
      i += 3;
      while (i < n && t.compare(i, 3, std::string(3, q)) != 0) i += (basic && t[i] == '\\') ? 2 : 1;
      i = std::min(n, i + 3);
      return;
    }
    ++i;
    while (i < n && t[i] != q && t[i] != '\n') i += (basic && t[i] == '\\') ? 2 : 1;
    if (i < n && t[i] == q) ++i;
  };
  auto note = [&](size_t d) { deepest = std::max(deepest, d); };
  while (i < n) {
    const char c = t[i];
    if (c == '\n') {
      if (open.empty()) line_start = true, in_key = false;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < n && t[i] != '\n') ++i;
      continue;
    }
    if (line_start && open.empty()) {
      line_start = false;
      if (c == '[') {  // [table] or [[array.of.tables]]
        const bool array = i + 1 < n && t[i + 1] == '[';
        i += array ? 2 : 1;
        size_t segments = 1;
        while (i < n && t[i] != ']' && t[i] != '\n') {
          if (t[i] == '"' || t[i] == '\'') {
            skip_string();
            continue;
          }
          if (t[i] == '.') ++segments;
          ++i;
        }
        table_depth = segments + (array ? 1 : 0);
        note(table_depth);
        while (i < n && t[i] != '\n') ++i;
        continue;
      }
      in_key = true;
      key_base = table_depth;
      dots = 0;
    }
    if (c == '"' || c == '\'') {
      skip_string();
      continue;
    }
    ++i;
    if (in_key) {
      if (c == '.') {
        ++dots;
      } else if (c == '=') {
        in_key = false;
        value_depth = key_base + dots + 1;
        note(value_depth);
      } else if (c == '}' && !open.empty()) {  // {} or a trailing comma
        open.pop_back();
        in_key = false;
        if (!open.empty() && open.back().kind == '[') value_depth = open.back().depth + 1;
      }
      continue;
    }
    if (c == '{') {
      open.push_back({'{', value_depth});
      in_key = true;
      key_base = value_depth;
      dots = 0;
    } else if (c == '[') {
      open.push_back({'[', value_depth});
      note(++value_depth);
    } else if (c == ',' && !open.empty()) {
      if (open.back().kind == '{') {
        in_key = true;
        key_base = open.back().depth;
        dots = 0;
      } else {
        value_depth = open.back().depth + 1;
      }
    } else if ((c == '}' || c == ']') && !open.empty()) {
      open.pop_back();
      if (!open.empty() && open.back().kind == '[') value_depth = open.back().depth + 1;
    }
  }
  return deepest;
}

constexpr size_t kMaxTomlDepth = 64;
constexpr size_t kMaxTomlBytes = 8u << 20;

}  // namespace

Result<toml::table> parse_toml(const std::string& text, const std::string& name) {
  if (text.size() > kMaxTomlBytes)
    return make_error(ErrorKind::kUsage, name + ": a TOML file of " + std::to_string(text.size()) +
                                             " bytes is over the cap of " +
                                             std::to_string(kMaxTomlBytes) + "; not read");
  if (toml_depth_bound(text) > kMaxTomlDepth)
    return make_error(ErrorKind::kUsage, "invalid TOML: " + name + ": tables nesting deeper than " +
                                             std::to_string(kMaxTomlDepth) + " levels");
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    std::ostringstream ss;
    ss << e;  // "Error while parsing ... (error occurred at line 3, column 1 of NAME)"
    return make_error(ErrorKind::kUsage, "invalid TOML: " + ss.str());
  }
}

}  // namespace omvarld
