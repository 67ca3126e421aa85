// The policy labels (feeds/labelled/README.md) as the relevance tests read
// them, through the parser `omvarld flags evaluate` uses: id -> grade and
// split.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

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

}  // namespace omvarld::test
