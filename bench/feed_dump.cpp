// omvarld_feed_dump: what omvarld's feed parser reads from feed files, as
// JSON, one line per file. For measuring the parser against other projects'
// test suites (scripts/feedparser_pass_rate.py); not a user command.
//
// Reads lines "PATH<TAB>CONTENT-TYPE<TAB>DOCUMENT-URI" on stdin (the last two
// may be empty) and writes {"file":..,"ok":..,"error":..,"entries":[..]} for
// each, entries with the fields the item store keeps.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/text.h"
#include "parse/feed_parser.h"

namespace {

void append_field(std::string& out, const char* name, const std::string& value) {
  out += '"';
  out += name;
  out += "\":";
  omvarld::append_json_string(out, value);
  out += ',';
}

void append_date(std::string& out, const char* name, const std::optional<int64_t>& v) {
  out += '"';
  out += name;
  out += "\":";
  out += v ? std::to_string(*v) : "null";
  out += ',';
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::vector<std::string> parts(3);
    size_t at = 0;
    for (size_t k = 0; k < 3; ++k) {
      size_t tab = k < 2 ? line.find('\t', at) : std::string::npos;
      parts[k] = line.substr(at, tab == std::string::npos ? std::string::npos : tab - at);
      if (tab == std::string::npos) break;
      at = tab + 1;
    }
    std::ifstream in(parts[0], std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    omvarld::FeedParseOptions options;
    options.document_uri = parts[2];
    auto feed = omvarld::parse_feed(buf.str(), parts[1], parts[0], options);
    std::string out = "{";
    append_field(out, "file", parts[0]);
    if (!feed.ok()) {
      append_field(out, "error", feed.error().message);
      out += "\"ok\":false}";
    } else {
      append_field(out, "encoding", feed->encoding);
      out += "\"entries\":[";
      for (size_t i = 0; i < feed->items.size(); ++i) {
        const omvarld::FeedItem& item = feed->items[i];
        out += i ? ",{" : "{";
        append_field(out, "id", item.guid);
        append_field(out, "link", item.link);
        append_field(out, "title", item.title);
        append_field(out, "summary", item.summary);
        append_field(out, "content", item.content);
        append_field(out, "date_text", item.date_text);
        append_date(out, "published", item.published);
        append_date(out, "updated", item.updated);
        out += "\"categories\":[";
        for (size_t c = 0; c < item.categories.size(); ++c) {
          if (c) out += ',';
          omvarld::append_json_string(out, item.categories[c]);
        }
        out += "]}";
      }
      out += "],\"ok\":true}";
    }
    std::cout << out << '\n';
  }
  return 0;
}
