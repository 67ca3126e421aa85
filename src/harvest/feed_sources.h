// The EU sources to harvest (feeds/sources.toml). See that file for the
// fields. Loading validates kinds and names file and entry in errors.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace omvarld {

struct FeedSource {
  std::string id;
  std::string kind;  // "rss", "hys", "sedia"
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
