#include "analysis/framework.h"

#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/text.h"

namespace omvarld {

int Framework::top_level() const {
  int top = 1;
  for (const auto& a : aggregates) top = std::max(top, a.level);
  return top;
}

const FrameworkNode* Framework::find(const std::string& code) const {
  for (const auto* list : {&indicators, &aggregates})
    for (const auto& n : *list)
      if (n.code == code) return &n;
  return nullptr;
}

std::vector<int> Framework::directions() const {
  std::vector<int> d;
  for (const auto& i : indicators) d.push_back(i.direction);
  return d;
}

FrameworkLayout layout_of(const Framework& f) {
  FrameworkLayout l;
  std::map<std::string, Eigen::Index> column;
  auto add = [&](const FrameworkNode& n) {
    column[n.code] = static_cast<Eigen::Index>(l.codes.size());
    l.codes.push_back(n.code);
    l.names.push_back(n.name.empty() ? n.code : n.name);
    l.levels.push_back(n.level);
    l.weights.push_back(n.weight);
  };
  for (const auto& n : f.indicators) add(n);
  for (const auto& n : f.aggregates) add(n);
  l.indicator_count = static_cast<Eigen::Index>(f.indicators.size());
  l.top_level = f.top_level();
  l.parent.assign(l.codes.size(), -1);
  size_t c = 0;
  for (const auto* list : {&f.indicators, &f.aggregates})
    for (const auto& n : *list) {
      auto it = column.find(n.parent);
      if (it != column.end()) l.parent[c] = it->second;
      ++c;
    }
  for (int level = 2; level <= l.top_level; ++level)
    for (Eigen::Index col = l.indicator_count; col < static_cast<Eigen::Index>(l.codes.size());
         ++col) {
      if (l.levels[static_cast<size_t>(col)] != level) continue;
      FrameworkLayout::Node node{col, level, {}};
      for (size_t k = 0; k < l.parent.size(); ++k)
        if (l.parent[k] == col) node.children.push_back(static_cast<Eigen::Index>(k));
      l.aggregates.push_back(std::move(node));
      if (level == l.top_level) l.top_column = col;
    }
  return l;
}

Result<Framework> parse_coinr_meta(const CsvTable& meta, const std::string& source) {
  auto col = [&](const char* name) { return meta.column(name); };
  for (const char* required : {"iCode", "Level", "Parent", "Weight", "Type"})
    if (!col(required)) return make_error(ErrorKind::kParse, source + ": no column " + required);
  auto text = [&](const std::vector<CsvCell>& row, const char* name) {
    auto c = col(name);
    return c && !row[*c].missing ? std::string(trim(row[*c].text)) : std::string();
  };
  Framework f;
  for (size_t r = 0; r < meta.rows.size(); ++r) {
    const auto& row = meta.rows[r];
    std::string type = text(row, "Type");
    std::string where = source + ": row " + std::to_string(r + 2);
    if (type == "Group") {
      f.groups.push_back(text(row, "iCode"));
      continue;
    }
    if (type == "Denominator") {
      f.denominators.push_back(text(row, "iCode"));
      continue;
    }
    if (type != "Indicator" && type != "Aggregate")
      return make_error(ErrorKind::kParse,
                        where + ": Type must be Indicator, Aggregate, Group or Denominator");
    FrameworkNode n;
    n.code = text(row, "iCode");
    n.name = text(row, "iName");
    n.parent = text(row, "Parent");
    n.denominator = text(row, "Denominator");
    auto level = parse_double(text(row, "Level"));
    auto weight = parse_double(text(row, "Weight"));
    if (n.code.empty() || !level)
      return make_error(ErrorKind::kParse, where + ": needs iCode and Level");
    n.level = static_cast<int>(*level);
    n.weight = weight.value_or(1.0);
    if (!(n.weight >= 0))
      return make_error(ErrorKind::kParse, where + " (" + n.code + "): Weight must be >= 0");
    for (auto [column, field] : {std::pair{"Target", &n.target}, std::pair{"Worst", &n.worst},
                                 std::pair{"Best", &n.best}}) {
      std::string t = text(row, column);
      if (t.empty()) continue;
      auto v = parse_double(t);
      if (!v)
        return make_error(ErrorKind::kParse,
                          where + " (" + n.code + "): " + column + " is not a number: " + t);
      *field = *v;
    }
    std::string dir = text(row, "Direction");
    n.direction = dir.empty() ? 1 : (parse_double(dir).value_or(1) < 0 ? -1 : 1);
    (type == "Indicator" ? f.indicators : f.aggregates).push_back(std::move(n));
  }
  if (Status s = validate_framework(f, source); !s.ok()) return s.error();
  return f;
}

Status validate_framework(const Framework& f, const std::string& source) {
  if (f.indicators.empty()) return make_error(ErrorKind::kParse, source + ": no indicators");
  std::set<std::string> codes;
  for (const auto* list : {&f.indicators, &f.aggregates})
    for (const auto& n : *list)
      if (!codes.insert(n.code).second)
        return make_error(ErrorKind::kParse, source + ": " + n.code + " appears twice");
  const int top = f.top_level();
  int tops = 0;
  for (const auto* list : {&f.indicators, &f.aggregates})
    for (const auto& n : *list) {
      if (n.level == top && top > 1) {
        ++tops;
        continue;
      }
      const FrameworkNode* p = f.find(n.parent);
      if (!p)
        return make_error(ErrorKind::kParse,
                          source + ": " + n.code + " has no parent \"" + n.parent + "\"");
      if (p->level != n.level + 1)
        return make_error(ErrorKind::kParse, source + ": " + n.code + " (level " +
                                                 std::to_string(n.level) + ") has parent " +
                                                 p->code + " at level " + std::to_string(p->level));
    }
  if (top > 1 && tops != 1)
    return make_error(ErrorKind::kParse,
                      source + ": level " + std::to_string(top) + " must hold exactly one index");
  return Status::Ok();
}

}  // namespace omvarld
