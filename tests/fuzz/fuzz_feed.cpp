// libFuzzer target: the feed parser (encodings, entity repair, RSS/RDF/Atom,
// recovery). Any input gives a Feed or an Error; every text field of a Feed
// is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parse/feed_encoding.h"
#include "parse/feed_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The first byte picks an HTTP charset, so that path is fuzzed too.
  static const char* kTypes[] = {"", "text/xml; charset=windows-1251",
                                 "application/rss+xml; charset=utf-8",
                                 "text/xml; charset=iso-8859-7"};
  std::string_view type = size ? kTypes[data[0] % 4] : "";
  auto r = omvarld::parse_feed(bytes, type, "fuzz");
  if (r.ok()) {
    for (const auto& item : r->items)
      if (!omvarld::is_valid_utf8(item.title) || !omvarld::is_valid_utf8(item.summary))
        std::abort();
  }
  return 0;
}
