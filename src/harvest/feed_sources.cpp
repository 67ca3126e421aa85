#include "harvest/feed_sources.h"

#include <fstream>
#include <set>
#include <sstream>

#include "core/files.h"
#include "parse/toml.h"

namespace omvarld {

Result<SourceKind> parse_source_kind(const std::string& text, const std::string& where) {
  if (text == "rss") return SourceKind::kRss;
  if (text == "hys") return SourceKind::kHys;
  if (text == "sedia") return SourceKind::kSedia;
  return make_error(ErrorKind::kUsage, where + " must be rss, hys or sedia, not \"" + text + "\"");
}

const char* source_kind_name(SourceKind kind) {
  switch (kind) {
    case SourceKind::kHys:
      return "hys";
    case SourceKind::kSedia:
      return "sedia";
    case SourceKind::kRss:
      break;
  }
  return "rss";
}

Result<std::vector<FeedSource>> parse_feed_sources(const std::string& text,
                                                   const std::string& name) {
  auto parsed = parse_toml(text, name);
  if (!parsed.ok()) return parsed.error();
  const toml::array* arr = (*parsed)["source"].as_array();
  if (!arr) return make_error(ErrorKind::kUsage, name + ": no [[source]] entries");
  std::vector<FeedSource> out;
  std::set<std::string> ids;
  for (size_t k = 0; k < arr->size(); ++k) {
    const toml::table* t = (*arr)[k].as_table();
    std::string ctx = name + ": source " + std::to_string(k + 1);
    if (!t) return make_error(ErrorKind::kUsage, ctx + " is not a table");
    FeedSource s;
    s.id = (*t)["id"].value_or(std::string());
    const std::string kind = (*t)["kind"].value_or(std::string("rss"));
    s.url = (*t)["url"].value_or(std::string());
    s.title = (*t)["title"].value_or(s.id);
    s.user_agent = (*t)["user_agent"].value_or(std::string());
    s.page_size = (*t)["page_size"].value_or(100);
    s.max_pages = (*t)["max_pages"].value_or(50);
    s.enabled = (*t)["enabled"].value_or(true);
    if (s.id.empty()) return make_error(ErrorKind::kUsage, ctx + " has no id");
    if (!ids.insert(s.id).second)
      return make_error(ErrorKind::kUsage, ctx + ": id " + s.id + " used twice");
    if (s.url.empty()) return make_error(ErrorKind::kUsage, ctx + " (" + s.id + ") has no url");
    auto parsed_kind = parse_source_kind(kind, ctx + " (" + s.id + "): kind");
    if (!parsed_kind.ok()) return parsed_kind.error();
    s.kind = *parsed_kind;
    if (s.page_size < 1 || s.page_size > 1000 || s.max_pages < 1)
      return make_error(ErrorKind::kUsage,
                        ctx + " (" + s.id + "): page_size 1-1000 and max_pages >= 1");
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<FeedSource>> load_feed_sources(const std::string& path) {
  auto text = read_file(path, "feed sources");
  if (!text.ok()) return text.error();
  return parse_feed_sources(*text, path);
}

}  // namespace omvarld
