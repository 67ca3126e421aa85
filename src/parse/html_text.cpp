#include "parse/html_text.h"

#include <cctype>

#include "core/text.h"
#include "parse/xml_entities.h"

namespace omvarld {
static std::string convert(std::string_view s, size_t max_bytes, bool strip_tags);

std::string html_to_text(std::string_view s, size_t max_bytes) {
  return convert(s, max_bytes, true);
}

std::string text_with_entities_decoded(std::string_view s, size_t max_bytes) {
  return convert(s, max_bytes, false);
}

static std::string convert(std::string_view s, size_t max_bytes, bool strip_tags) {
  std::string out;
  out.reserve(std::min(s.size(), max_bytes));
  bool space = false;
  auto emit_space = [&] { space = !out.empty(); };
  size_t i = 0;
  while (i < s.size() && out.size() < max_bytes) {
    char c = s[i];
    if (c == '<' && strip_tags) {
      size_t end = s.find('>', i);
      if (end == std::string_view::npos) break;  // a cut-off tag: drop the rest
      std::string tag = to_lower(s.substr(i + 1, std::min<size_t>(end - i - 1, 10)));
      i = end + 1;
      for (std::string_view block : {std::string_view("script"), std::string_view("style")}) {
        if (tag.rfind(block, 0) != 0) continue;
        // Skip to the closing tag, compared without regard to case.
        size_t k = i;
        while ((k = s.find("</", k)) != std::string_view::npos &&
               !starts_with_ci(s.substr(k + 2), block))
          k += 2;
        i = k == std::string_view::npos ? s.size() : k;
      }
      emit_space();  // <br>, </p>, ... separate words
      continue;
    }
    if (c == '&') {
      size_t semi = s.substr(i, 12).find(';');  // entity names are short
      if (semi != std::string_view::npos) {
        semi += i;
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        uint32_t cp = 0;
        if (!ent.empty() && ent[0] == '#') {
          bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
          std::string digits(ent.substr(hex ? 2 : 1));
          if (!digits.empty() && digits.size() <= 7)
            cp = static_cast<uint32_t>(std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10));
        } else if (ent == "amp")
          cp = '&';
        else if (ent == "lt")
          cp = '<';
        else if (ent == "gt")
          cp = '>';
        else if (ent == "quot")
          cp = '"';
        else if (ent == "apos")
          cp = '\'';
        else
          cp = html_entity_code_point(ent);
        if (cp) {
          if (cp == 0xA0 || cp == ' ') {
            emit_space();
          } else {
            if (space) out.push_back(' ');
            space = false;
            append_utf8(out, cp == 0 ? 0xFFFD : cp);
          }
          i = semi + 1;
          continue;
        }
      }
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      emit_space();
      ++i;
      continue;
    }
    // A run of ordinary characters, appended at once.
    size_t j = i + 1;
    while (j < s.size()) {
      char d = s[j];
      if (d == '<' || d == '&' || d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f')
        break;
      ++j;
    }
    if (space) out.push_back(' ');
    space = false;
    out.append(s.substr(i, j - i));
    i = j;
  }
  utf8_cut(out, max_bytes);
  return out;
}

}  // namespace omvarld
