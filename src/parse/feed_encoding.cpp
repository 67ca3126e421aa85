#include "parse/feed_encoding.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>

#include "core/text.h"

namespace omvarld {

// Length of the valid UTF-8 sequence at p[i], or 0.
static int utf8_sequence(const unsigned char* p, size_t i, size_t n) {
  unsigned char c = p[i];
  if (c < 0x80) return 1;
  int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (!len || i + len > n || c == 0xC0 || c == 0xC1 || c > 0xF4) return 0;
  for (int k = 1; k < len; ++k)
    if ((p[i + k] & 0xC0) != 0x80) return 0;
  if (len == 3 && c == 0xE0 && p[i + 1] < 0xA0) return 0;   // overlong
  if (len == 3 && c == 0xED && p[i + 1] >= 0xA0) return 0;  // surrogates
  if (len == 4 && c == 0xF0 && p[i + 1] < 0x90) return 0;   // overlong
  if (len == 4 && c == 0xF4 && p[i + 1] >= 0x90) return 0;  // > U+10FFFF
  return len;
}

void make_valid_utf8(std::string& s) {
  if (is_valid_utf8(s)) return;
  std::string out;
  out.reserve(s.size() + 8);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    const int len = utf8_sequence(p, i, s.size());
    if (len) {
      out.append(s, i, static_cast<size_t>(len));
      i += static_cast<size_t>(len);
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  s = std::move(out);
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (!len || i + len > n || c == 0xC0 || c == 0xC1 || c > 0xF4) return false;
    for (int k = 1; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    if (len == 3 && c == 0xE0 && p[i + 1] < 0xA0) return false;   // overlong
    if (len == 3 && c == 0xED && p[i + 1] >= 0xA0) return false;  // surrogates
    if (len == 4 && c == 0xF0 && p[i + 1] < 0x90) return false;   // overlong
    if (len == 4 && c == 0xF4 && p[i + 1] >= 0x90) return false;  // > U+10FFFF
    i += static_cast<size_t>(len);
  }
  return true;
}

std::string charset_from_content_type(std::string_view ct) {
  std::string lower = to_lower(ct);
  size_t at = lower.find("charset=");
  if (at == std::string::npos) return {};
  std::string_view v = std::string_view(lower).substr(at + 8);
  v = v.substr(0, v.find(';'));
  v = trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
  return std::string(v);
}

std::string xml_declared_encoding(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 512);
  // Feeds sometimes put a comment before the declaration; look at the first "<?xml".
  size_t decl = head.find("<?xml");
  if (decl == std::string_view::npos) return {};
  size_t end = head.find("?>", decl);
  if (end == std::string_view::npos) return {};
  std::string d = to_lower(head.substr(decl, end - decl));
  size_t at = d.find("encoding");
  if (at == std::string::npos) return {};
  at = d.find_first_of("\"'", at);
  if (at == std::string::npos) return {};
  size_t close = d.find(d[at], at + 1);
  if (close == std::string::npos) return {};
  return d.substr(at + 1, close - at - 1);
}

namespace {

// RAII for an iconv descriptor.
class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  // iconv_open says failure with (iconv_t)-1, so the cast is the API.
  bool ok() const {
    return cd_ != reinterpret_cast<iconv_t>(-1);  // NOLINT(performance-no-int-to-ptr)
  }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Converts with iconv; an undefined or invalid byte becomes U+FFFD.
bool convert(std::string_view in, const std::string& from, std::string& out) {
  Iconv cd("UTF-8", from.c_str());
  if (!cd.ok()) return false;
  out.clear();
  out.reserve(in.size() * 2);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char buf[16384];
  while (src_left > 0) {
    char* dst = buf;
    size_t dst_left = sizeof buf;
    size_t r = iconv(cd.get(), &src, &src_left, &dst, &dst_left);
    out.append(buf, sizeof buf - dst_left);
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL (truncated sequence at the end): skip one unit.
      out += "\xEF\xBF\xBD";
      size_t unit = from.rfind("UTF-16", 0) == 0 ? 2 : from.rfind("UTF-32", 0) == 0 ? 4 : 1;
      size_t skip = std::min(unit, src_left);
      src += skip;
      src_left -= skip;
      iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);
    }
  }
  return true;
}

// windows-1252's meaning of bytes 0x80-0x9F (0 where it has none).
const char16_t kCp1252High[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// U+0080-U+009F (UTF-8 C2 80 - C2 9F) -> the windows-1252 character.
bool demoronise(std::string& s) {
  if (s.find('\xC2') == std::string::npos) return false;
  std::string out;
  out.reserve(s.size());
  bool changed = false;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC2 && i + 1 < s.size()) {
      auto n = static_cast<unsigned char>(s[i + 1]);
      if (n >= 0x80 && n <= 0x9F && kCp1252High[n - 0x80]) {
        append_utf8(out, kCp1252High[n - 0x80]);
        ++i;
        changed = true;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  if (changed) s.swap(out);
  return changed;
}

// iconv's name for a declared charset. Latin-1 and ASCII are read as
// windows-1252, as browsers do: it only adds characters where they have none.
std::string iconv_name(std::string name) {
  name = to_lower(trim(name));
  if (name == "iso-8859-1" || name == "iso8859-1" || name == "latin1" || name == "latin-1" ||
      name == "l1" || name == "us-ascii" || name == "ascii" || name == "cp1252" ||
      name == "windows-1252")
    return "WINDOWS-1252";
  std::string upper;
  for (char c : name)
    upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return upper;
}

bool is_utf8_name(const std::string& n) { return n == "utf-8" || n == "utf8"; }

}  // namespace

DecodedFeed decode_feed_bytes(std::string_view bytes, std::string_view content_type) {
  DecodedFeed out;
  auto starts = [&](const char* magic, size_t n) {
    return bytes.size() >= n && bytes.substr(0, n) == std::string_view(magic, n);
  };
  // 1. Byte-order marks, and UTF-16 or UTF-32 without one.
  std::string wide;  // UTF-16 or UTF-32
  if (starts("\xEF\xBB\xBF", 3)) {
    bytes.remove_prefix(3);
  } else if (starts("\0\0\xFE\xFF", 4) || starts("\0\0\0<", 4)) {
    // UTF-32 before UTF-16: FF FE 00 00 also starts like UTF-16LE's mark.
    wide = "UTF-32BE";
    if (starts("\0\0\xFE\xFF", 4)) bytes.remove_prefix(4);
  } else if (starts("\xFF\xFE\0\0", 4) || starts("<\0\0\0", 4)) {
    wide = "UTF-32LE";
    if (starts("\xFF\xFE\0\0", 4)) bytes.remove_prefix(4);
  } else if (starts("\xFF\xFE", 2) || starts("<\0?\0", 4)) {
    wide = "UTF-16LE";
    if (starts("\xFF\xFE", 2)) bytes.remove_prefix(2);
  } else if (starts("\xFE\xFF", 2) || starts("\0<\0?", 4)) {
    wide = "UTF-16BE";
    if (starts("\xFE\xFF", 2)) bytes.remove_prefix(2);
  }
  if (!wide.empty()) {
    if (!convert(bytes, wide, out.utf8)) out.warnings.push_back("cannot convert from " + wide);
    out.encoding = wide;
    demoronise(out.utf8);
    return out;
  }
  const std::string http = charset_from_content_type(content_type);
  const std::string declared = xml_declared_encoding(bytes);
  // 2. Valid UTF-8 is UTF-8, whatever the declaration says.
  if (is_valid_utf8(bytes)) {
    out.utf8.assign(bytes);
    out.encoding = "UTF-8";
    bool ascii = std::all_of(bytes.begin(), bytes.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii && !declared.empty() && !is_utf8_name(declared))
      out.warnings.push_back("declared " + declared + " but the bytes are UTF-8; read as UTF-8");
    if (demoronise(out.utf8))
      out.warnings.push_back(
          "windows-1252 characters found as C1 controls; mapped to what they stand for");
    return out;
  }
  // 3. Not UTF-8: the HTTP charset, the declaration, or windows-1252.
  std::vector<std::string> candidates;
  if (!http.empty() && !is_utf8_name(http)) candidates.push_back(http);
  if (!declared.empty() && !is_utf8_name(declared)) candidates.push_back(declared);
  candidates.push_back("windows-1252");
  for (const std::string& c : candidates) {
    std::string name = iconv_name(c);
    if (convert(bytes, name, out.utf8)) {
      out.encoding = name;
      if (c == "windows-1252" && declared.empty() && http.empty())
        out.warnings.push_back(
            "no encoding declared and the bytes are not UTF-8; read as windows-1252");
      else if (is_utf8_name(declared) || is_utf8_name(http))
        out.warnings.push_back("declared UTF-8 but the bytes are not; read as " + name);
      demoronise(out.utf8);
      return out;
    }
    out.warnings.push_back("unknown encoding \"" + c + "\"");
  }
  out.utf8.assign(bytes);
  out.encoding = "bytes";
  return out;
}

}  // namespace omvarld
