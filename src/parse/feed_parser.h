// Feed parser: RSS 0.9x/2.0, RSS 1.0 and 0.9 (RDF), Atom 1.0 (and 0.3) and
// CDF, from bytes
// to items, with pugixml. Pure.
//
// Robust by design: the bytes are first made UTF-8 (feed_encoding.h) and
// their entities repaired (xml_entities.h); broken XML (an unclosed root, a
// truncated CDATA section) keeps the items read before the break, and the
// Feed carries a warning. Only a body with no feed in it at all (an HTML
// page, JSON, nothing) is an Error. No external entity or DTD is ever
// loaded, and sizes and nesting depth are capped (FeedParseOptions); no
// walk over the tree recurses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace omvarld {

struct FeedItem {
  std::string guid;  // RSS guid / Atom id / rdf:about, as given; may be empty
  bool guid_is_permalink = false;
  std::string link;     // the item's web page; may be empty
  std::string title;    // plain text
  std::string summary;  // plain text of description/summary (HTML removed)
  std::string content;  // content:encoded / Atom content as published (HTML as text)
  std::vector<std::string> categories;
  std::string author;
  std::optional<int64_t> published;  // Unix seconds UTC; nullopt when absent or unreadable
  std::optional<int64_t> updated;
  std::string date_text;  // the date as written, kept even when unreadable
  // Filled by the EU API parsers (eu_api_parsers.h); empty for plain feeds.
  std::optional<int64_t> opens;     // feedback period or call opens
  std::optional<int64_t> deadline;  // feedback period or call closes
  std::string status;               // "open", "forthcoming", "closed", or the source's own word
  std::string reference;            // Ares/PLAN reference, call identifier
  std::string kind;                 // act type and stage, call type
};

struct Feed {
  std::string format;  // "rss2", "rss1", "rss090", "atom", "cdf"
  std::string title;
  std::string link;
  std::string encoding;  // what the bytes were read as
  std::vector<FeedItem> items;
  std::vector<std::string> warnings;  // recovered errors, encoding guesses
};

struct FeedParseOptions {
  std::size_t max_bytes = 32u << 20;    // larger bodies are refused
  std::size_t max_items = 20000;        // items past this are dropped, with a warning
  std::size_t max_field_bytes = 65536;  // each text field is cut to this
  std::size_t max_depth = 256;          // elements nested deeper: the feed is an Error
  // The document's own absolute URI (the URL it was fetched from, or its
  // Content-Location resolved against that); relative links are resolved
  // against it and any xml:base. Empty: relative links stay as written
  // unless an xml:base makes them absolute.
  std::string document_uri;
};

// `content_type` is the HTTP Content-Type ("" for a file); `source` names the
// feed in errors and warnings.
Result<Feed> parse_feed(std::string_view bytes, std::string_view content_type,
                        const std::string& source, const FeedParseOptions& options = {});

}  // namespace omvarld
