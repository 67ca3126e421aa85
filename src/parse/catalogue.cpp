#include "parse/catalogue.h"

#include "core/text.h"

namespace omvarld {

std::string dmy_to_iso(std::string_view s) {
  s = trim(s);
  if (s.size() != 10 || s[2] != '.' || s[5] != '.') return {};
  for (size_t i : {0, 1, 3, 4, 6, 7, 8, 9})
    if (s[i] < '0' || s[i] > '9') return {};
  return std::string(s.substr(6, 4)) + "-" + std::string(s.substr(3, 2)) + "-" +
         std::string(s.substr(0, 2));
}

namespace {
std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}
}  // namespace

Result<std::vector<CatalogueEntry>> parse_catalogue_toc(std::string_view body,
                                                        const std::string& source) {
  body = strip_bom(body);
  if (looks_like_html(body))
    return make_error(ErrorKind::kParse,
                      source + ": got an HTML page where the catalogue was expected");
  std::vector<CatalogueEntry> out;
  std::vector<std::string> folders;  // title per depth
  size_t line_no = 0;
  bool header_seen = false;
  for (std::string_view line : split(body, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    std::vector<std::string_view> cols = split(line, '\t');
    if (!header_seen) {
      header_seen = true;
      if (cols.size() < 4 || unquote(trim(cols[0])) != "title" || unquote(trim(cols[1])) != "code")
        return make_error(ErrorKind::kParse,
                          source +
                              ": not a Eurostat table of contents (header should start "
                              "\"title\"<TAB>\"code\")");
      continue;
    }
    if (cols.size() < 4)
      return make_error(ErrorKind::kParse, source + ": line " + std::to_string(line_no) + " has " +
                                               std::to_string(cols.size()) +
                                               " columns, expected at least 4");
    std::string_view raw_title = unquote(cols[0]);
    size_t indent = 0;
    while (indent < raw_title.size() && raw_title[indent] == ' ') ++indent;
    CatalogueEntry e;
    e.depth = static_cast<int>(indent / 4);
    e.title = std::string(trim(raw_title));
    e.code = std::string(trim(unquote(cols[1])));
    e.type = std::string(trim(unquote(cols[2])));
    e.last_update = dmy_to_iso(unquote(cols[3]));
    if (cols.size() > 4) e.structure_change = dmy_to_iso(unquote(cols[4]));
    if (cols.size() > 5) e.data_start = std::string(trim(unquote(cols[5])));
    if (cols.size() > 6) e.data_end = std::string(trim(unquote(cols[6])));
    folders.resize(static_cast<size_t>(e.depth));
    for (size_t i = 0; i < folders.size(); ++i) {
      if (i) e.path += " > ";
      e.path += folders[i];
    }
    if (e.type == "folder") folders.push_back(e.title);
    out.push_back(std::move(e));
  }
  if (!header_seen) return make_error(ErrorKind::kParse, source + ": empty catalogue");
  return out;
}

}  // namespace omvarld
