// How well the flags agree with labels made under ../shared/RELEVANCE-POLICY.md
// (grade 2 clearly relevant, 1 possibly, 0 not): recall of the clearly
// relevant, precision against the clearly not, and the AUC of the score.
// Pure; thread-compatible.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace omvarld {

struct LabelledResult {
  int grade = 0;          // the label: 0, 1 or 2
  int score = 0;          // the rules' score, 0-100
  bool flagged = false;   // what the rules decided
  std::string top_theme;  // the rules' first theme, "" when none matched
  bool look = false;      // not flagged but worth a look
};

struct Evaluation {
  int relevant = 0;          // grade 2
  int relevant_flagged = 0;  // grade 2 and flagged
  int possible = 0;          // grade 1 (left out of precision and AUC)
  int possible_flagged = 0;
  int not_relevant = 0;          // grade 0
  int not_relevant_flagged = 0;  // grade 0 but flagged
  // Shown to an officer: flagged or worth a look.
  int relevant_shown = 0;
  int not_relevant_shown = 0;
  double recall_shown() const;
  // Recall of grade 2; precision of the flags among grades 2 and 0 (an item
  // that is possibly relevant is neither right nor wrong to flag); NaN when
  // there is nothing to divide by.
  double recall() const;
  double precision() const;
  // Probability that a random grade-2 item scores above a random grade-0
  // item (ties count a half): the Mann-Whitney AUC of the score.
  double auc = 0;
  // Grade-2 items per rules' top theme ("" = no theme): {flagged, all}.
  std::map<std::string, std::pair<int, int>> recall_by_theme;
};

Evaluation evaluate(const std::vector<LabelledResult>& results);

// One line of a labels file.
struct Label {
  std::string key;    // a guid (Have your say id, call identifier), a link, or "#ID" (omvarld's)
  int grade = 0;      // 2, 1 or 0
  std::string split;  // "" when the file has no split column
};

// A labels file: tab-separated, '#' lines are comments, the first other line
// is the header. The key is the column `id_or_link` or else the first one;
// the label is the column `label` or `grade`: 2/1/0, or yes/maybe/no; an
// optional `split` column. `source` names the file in errors.
Result<std::vector<Label>> parse_labels(std::string_view text, const std::string& source);

}  // namespace omvarld
