// The policy labels (feeds/labelled/README.md) as the relevance tests read
// them, through the parser `omvarld flags evaluate` uses: id -> grade and
// split; and the labelled items themselves, their texts read from the
// recorded fixtures in ../shared (empty when those are absent).
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "parse/feed_parser.h"
#include "relevance/evaluation.h"
#include "support/test_support.h"

namespace omvarld::test {

// corpus: "hys" or "calls".
inline std::map<std::string, Label> policy_labels(const std::string& corpus) {
  const std::string path =
      std::string(OMVARLD_SOURCE_DIR) + "/feeds/labelled/" + corpus + "_policy_labels.tsv";
  auto labels = parse_labels(read_file(path), path);
  EXPECT_TRUE(labels.ok()) << labels.error().message;
  std::map<std::string, Label> out;
  if (labels.ok())
    for (Label& l : *labels) out[l.key] = std::move(l);
  return out;
}

// A labelled item with the texts the scorer sees: a consultation's title and
// Commission topic; a call's title, categories, description and identifier.
struct LabelledItem {
  std::string key, title, topics, summary, identifiers;
  int grade = 0;
  std::string split;
};

// The corpus's labelled items in fixture order, one per key; empty when the
// fixture is absent (the caller skips).
inline std::vector<LabelledItem> labelled_items(const std::string& corpus) {
  std::vector<LabelledItem> out;
  const auto labels = policy_labels(corpus);
  if (corpus == "hys") {
    const std::string path = shared_fixture("feeds/eu/hys_consultations_2016_2026_scraped.json");
    if (path.empty()) return out;
    rapidjson::Document d;
    const std::string text = read_file(path);
    d.Parse(text.c_str());
    EXPECT_TRUE(d.IsArray());
    if (!d.IsArray()) return out;
    for (const auto& c : d.GetArray()) {
      auto it = labels.find(c["initiative_id"].GetString());
      EXPECT_NE(it, labels.end()) << c["initiative_id"].GetString();
      if (it == labels.end()) continue;
      out.push_back(LabelledItem{it->first, c["initiative_name"].GetString(),
                                 c["topic"].IsString() ? c["topic"].GetString() : "", "", "",
                                 it->second.grade, it->second.split});
    }
    return out;
  }
  const std::string path = shared_fixture("feeds/eu/ft_sedia_open_calls_rss2.xml");
  if (path.empty()) return out;
  auto feed = parse_feed(read_file(path), "application/rss+xml", "calls fixture");
  EXPECT_TRUE(feed.ok()) << feed.error().message;
  if (!feed.ok()) return out;
  std::set<std::string> seen;  // a call identifier that repeats is one call
  for (const FeedItem& item : feed->items) {
    if (!seen.insert(item.guid).second) continue;
    auto it = labels.find(item.guid);
    EXPECT_NE(it, labels.end()) << item.guid;
    if (it == labels.end()) continue;
    std::string topics;
    for (const auto& c : item.categories) topics += (topics.empty() ? "" : "\n") + c;
    out.push_back(LabelledItem{item.guid, item.title, topics, item.summary, item.guid,
                               it->second.grade, it->second.split});
  }
  EXPECT_EQ(seen.size(), labels.size());
  return out;
}

}  // namespace omvarld::test
