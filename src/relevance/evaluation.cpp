#include "relevance/evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/text.h"

namespace omvarld {

double Evaluation::recall() const {
  return relevant ? relevant_flagged / static_cast<double>(relevant)
                  : std::numeric_limits<double>::quiet_NaN();
}

double Evaluation::recall_shown() const {
  return relevant ? relevant_shown / static_cast<double>(relevant)
                  : std::numeric_limits<double>::quiet_NaN();
}

double Evaluation::precision() const {
  const int flagged = relevant_flagged + not_relevant_flagged;
  return flagged ? relevant_flagged / static_cast<double>(flagged)
                 : std::numeric_limits<double>::quiet_NaN();
}

Evaluation evaluate(const std::vector<LabelledResult>& results) {
  Evaluation e;
  std::vector<int> pos, neg;  // scores of grade 2 and grade 0
  for (const LabelledResult& r : results) {
    if (r.grade >= 2) {
      ++e.relevant;
      e.relevant_flagged += r.flagged;
      e.relevant_shown += r.flagged || r.look;
      pos.push_back(r.score);
      auto& [flagged, all] = e.recall_by_theme[r.top_theme];
      flagged += r.flagged;
      ++all;
    } else if (r.grade == 1) {
      ++e.possible;
      e.possible_flagged += r.flagged;
    } else {
      ++e.not_relevant;
      e.not_relevant_flagged += r.flagged;
      e.not_relevant_shown += r.flagged || r.look;
      neg.push_back(r.score);
    }
  }
  if (pos.empty() || neg.empty()) {
    e.auc = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  // Mann-Whitney by sorting: for each positive, the negatives below it and
  // the ties, counted with two binary searches.
  std::sort(neg.begin(), neg.end());
  double wins = 0;
  for (int s : pos) {
    const auto lo = std::lower_bound(neg.begin(), neg.end(), s);
    const auto hi = std::upper_bound(neg.begin(), neg.end(), s);
    wins += static_cast<double>(lo - neg.begin()) + 0.5 * static_cast<double>(hi - lo);
  }
  e.auc = wins / (static_cast<double>(pos.size()) * static_cast<double>(neg.size()));
  return e;
}

Result<std::vector<Label>> parse_labels(std::string_view text, const std::string& source) {
  std::vector<Label> out;
  std::vector<std::string_view> header;
  size_t key_col = 0, label_col = SIZE_MAX, split_col = SIZE_MAX;
  size_t line_no = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string_view> cols = split(line, '\t');
    if (header.empty()) {
      header = cols;
      for (size_t c = 0; c < cols.size(); ++c) {
        const std::string name = to_lower(trim(cols[c]));
        if (name == "id_or_link") key_col = c;
        if (name == "label" || name == "grade") label_col = c;
        if (name == "split") split_col = c;
      }
      if (label_col == SIZE_MAX)
        return make_error(ErrorKind::kParse, source +
                                                 ": the header names no `label` or `grade` "
                                                 "column (tab-separated: id_or_link, label)");
      continue;
    }
    auto where = [&] { return source + ", line " + std::to_string(line_no); };
    if (cols.size() <= std::max(key_col, label_col))
      return make_error(ErrorKind::kParse, where() + ": fewer columns than the header");
    const std::string value = to_lower(trim(cols[label_col]));
    Label l;
    l.key = std::string(trim(cols[key_col]));
    if (value == "2" || value == "yes")
      l.grade = 2;
    else if (value == "1" || value == "maybe")
      l.grade = 1;
    else if (value == "0" || value == "no")
      l.grade = 0;
    else
      return make_error(ErrorKind::kParse,
                        where() + ": label \"" + value + "\" is not 2, 1, 0, yes, maybe or no");
    if (l.key.empty()) return make_error(ErrorKind::kParse, where() + ": no id or link");
    if (split_col < cols.size()) l.split = std::string(trim(cols[split_col]));
    out.push_back(std::move(l));
  }
  if (header.empty()) return make_error(ErrorKind::kParse, source + ": no header and no labels");
  return out;
}

}  // namespace omvarld
