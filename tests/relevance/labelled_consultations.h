// The hand-labelled consultations (feeds/labelled/) as the relevance tests
// read them.
#pragma once

#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "support/test_support.h"

namespace omvarld::test {

// initiative id -> (label: yes/no/maybe, split: dev/heldout).
inline std::map<std::string, std::pair<std::string, std::string>> labelled_consultations() {
  std::map<std::string, std::pair<std::string, std::string>> labels;
  std::istringstream in(
      read_file(std::string(OMVARLD_SOURCE_DIR) + "/feeds/labelled/hys_consultations_labels.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t a = line.find('\t'), b = line.find('\t', a + 1);
    labels[line.substr(0, a)] = {line.substr(a + 1, b - a - 1), line.substr(b + 1)};
  }
  return labels;
}

}  // namespace omvarld::test
