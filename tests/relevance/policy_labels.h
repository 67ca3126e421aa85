// The policy labels (feeds/labelled/README.md) as the relevance tests read
// them: id -> grade (2, 1, 0) and split ("dev" or "test").
#pragma once

#include <map>
#include <sstream>
#include <string>

#include "support/test_support.h"

namespace omvarld::test {

struct PolicyLabel {
  int grade = 0;
  std::string split;
};

// corpus: "hys" or "calls".
inline std::map<std::string, PolicyLabel> policy_labels(const std::string& corpus) {
  std::map<std::string, PolicyLabel> labels;
  std::istringstream in(read_file(std::string(OMVARLD_SOURCE_DIR) + "/feeds/labelled/" + corpus +
                                  "_policy_labels.tsv"));
  std::string line;
  std::getline(in, line);  // the comment
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t a = line.find('\t'), b = line.find('\t', a + 1), c = line.find('\t', b + 1);
    labels[line.substr(0, a)] = {std::stoi(line.substr(a + 1, b - a - 1)),
                                 line.substr(b + 1, c - b - 1)};
  }
  return labels;
}

}  // namespace omvarld::test
