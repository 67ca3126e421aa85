#include "report/markup.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace omvarld {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
            out += static_cast<char>(c);
          else if (c != 0x7f)
            out += ' ';  // forbidden control: a space keeps words apart
      }
      ++i;
      continue;
    }
    // A UTF-8 sequence: copy it if it is well-formed, else U+FFFD.
    const int len = c >= 0xF0 && c <= 0xF4   ? 4
                    : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xC2 && c <= 0xDF ? 2
                                             : 0;  // 0x80-0xC1, 0xF5-0xFF never lead
    bool ok = len > 0 && i + static_cast<size_t>(len) <= text.size();
    for (int k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(text[i + static_cast<size_t>(k)]) & 0xC0) == 0x80;
    if (ok && len == 3) {  // no overlongs, no surrogates
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(text.substr(i, static_cast<size_t>(len)));
      i += static_cast<size_t>(len);
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string fill(const char* pattern, const std::vector<std::string>& args) {
  std::string out;
  size_t a = 0;
  for (const char* p = pattern; *p; ++p) {
    if (*p == '%' && (p[1] == 'd' || p[1] == 's') && a < args.size()) {
      out += args[a++];
      ++p;
    } else {
      out += *p;
    }
  }
  return out;
}

std::string markdown_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t i = 0;
  // What Markdown reads as markup inside a line. ( ) ! only make a link or an
  // image after [ ], and - + . only make a list at a line's start, where
  // omvarld's own text always stands: they stay as they are.
  auto inline_markup = [](unsigned char c) {
    return c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '#' ||
           c == '|' || c == '~';
  };
  // GitHub's dialect makes bare "http://..." and "www." text links.
  auto makes_autolink = [&](unsigned char c) {
    return (c == ':' && text.substr(i + 1, 2) == "//") ||
           (c == '.' && i >= 3 && (text[i - 1] | 0x20) == 'w' && (text[i - 2] | 0x20) == 'w' &&
            (text[i - 3] | 0x20) == 'w');
  };
  for (; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      out.push_back(' ');
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (inline_markup(c) || makes_autolink(c)) {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string markdown_autolink(std::string_view url) {
  if (!is_http_url(std::string(url))) return "";
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "<";
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '`' || c == '\\') {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + ">";
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string csv_text(std::string_view s) {
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    return csv_field("'" + std::string(s));
  return csv_field(s);
}

bool is_http_url(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

std::string svg_number(double v) {
  if (!std::isfinite(v)) return "0";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string format_number(double v, int decimals, Lang lang) {
  if (!std::isfinite(v)) return "";
  decimals = std::clamp(decimals, 0, 9);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(v));
  const std::string digits = buf;
  bool zero = true;
  for (char c : digits) zero = zero && (c == '0' || c == '.');
  const size_t point = digits.find('.');
  const std::string whole = digits.substr(0, point);
  const std::string group = lang == Lang::kSv ? kNoBreakSpace : ",";
  std::string out = v < 0 && !zero ? "-" : "";
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += group;
    out += whole[i];
  }
  if (point != std::string::npos) out += (lang == Lang::kSv ? "," : ".") + digits.substr(point + 1);
  return out;
}

}  // namespace omvarld
