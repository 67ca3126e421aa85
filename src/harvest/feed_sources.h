// The EU sources to harvest (feeds/sources.toml). See that file for the
// fields. Loading validates kinds and names file and entry in errors.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace omvarld {

// How a source is read: an RSS/Atom/RDF feed, Have your say's JSON API, or
// the Funding & Tenders (SEDIA) search API. Parsed once where text enters
// (sources.toml, `harvest --kind`); stored by name.
enum class SourceKind { kRss, kHys, kSedia };
// "rss", "hys", "sedia"; a kUsage Error naming `where` for anything else.
Result<SourceKind> parse_source_kind(const std::string& text, const std::string& where);
const char* source_kind_name(SourceKind kind);

struct FeedSource {
  std::string id;
  SourceKind kind = SourceKind::kRss;
  std::string url;
  std::string title;
  std::string user_agent;  // "" for the client's default
  int page_size = 100;
  int max_pages = 50;
  bool enabled = true;
};

Result<std::vector<FeedSource>> load_feed_sources(const std::string& path);
Result<std::vector<FeedSource>> parse_feed_sources(const std::string& toml_text,
                                                   const std::string& name);

}  // namespace omvarld
