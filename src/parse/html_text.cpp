#include "parse/html_text.h"

#include <cctype>

#include "core/text.h"
#include "parse/xml_entities.h"

namespace omvarld {
static std::string convert(std::string_view s, size_t max_bytes, bool strip_tags);

static bool starts_tag(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
}

// "xhtml:script ..." -> "script ..."; inline xhtml keeps its prefixes.
static std::string_view without_prefix(std::string_view tag) {
  size_t colon = tag.find(':');
  if (colon == std::string_view::npos) return tag;
  for (size_t k = 0; k < colon; ++k)
    if (!std::isalnum(static_cast<unsigned char>(tag[k]))) return tag;
  return tag.substr(colon + 1);
}

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
    // As in HTML, '<' opens a tag only before a letter, '/', '!' or '?';
    // otherwise ("if a < b and c > d") it is a character.
    if (c == '<' && strip_tags && i + 1 < s.size() && starts_tag(s[i + 1])) {
      if (s.substr(i, 4) == "<!--") {  // a comment ends at "-->", not at the first '>'
        size_t end = s.find("-->", i + 4);
        i = end == std::string_view::npos ? s.size() : end + 3;
        emit_space();
        continue;
      }
      size_t end = s.find('>', i);
      if (end == std::string_view::npos) break;  // a cut-off tag: drop the rest
      std::string_view tag = without_prefix(s.substr(i + 1, end - i - 1));
      i = end + 1;
      for (std::string_view block : {std::string_view("script"), std::string_view("style")}) {
        if (!starts_with_ci(tag, block)) continue;
        // Skip to the closing tag (</script>, </xhtml:script>), compared
        // without regard to case.
        size_t k = i;
        while ((k = s.find("</", k)) != std::string_view::npos &&
               !starts_with_ci(without_prefix(s.substr(k + 2, 40)), block))
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
            cp = windows_1252_repair(
                static_cast<uint32_t>(std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10)));
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
