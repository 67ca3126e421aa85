#include "analysis/framework.h"

#include <cmath>
#include <limits>
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

Result<UnitData> parse_coinr_data(const CsvTable& data, const Framework& f,
                                  const std::string& source) {
  auto ucode = data.column("uCode");
  if (!ucode) return make_error(ErrorKind::kParse, source + ": no uCode column");
  auto uname = data.column("uName");
  UnitData d;
  const Eigen::Index n = static_cast<Eigen::Index>(data.rows.size());
  const Eigen::Index m = static_cast<Eigen::Index>(f.indicators.size());
  d.values = Eigen::MatrixXd::Constant(n, m, std::numeric_limits<double>::quiet_NaN());
  std::vector<std::optional<size_t>> cols;
  for (const auto& ind : f.indicators) {
    cols.push_back(data.column(ind.code));
    if (!cols.back())
      return make_error(ErrorKind::kParse, source + ": no data column for indicator " + ind.code);
  }
  std::set<std::string> seen;
  for (Eigen::Index r = 0; r < n; ++r) {
    const auto& row = data.rows[static_cast<size_t>(r)];
    std::string code(trim(row[*ucode].text));
    if (code.empty() || !seen.insert(code).second)
      return make_error(ErrorKind::kParse,
                        source + ": row " + std::to_string(r + 2) + ": uCode empty or repeated");
    d.units.push_back(code);
    d.names.push_back(uname ? row[*uname].text : code);
    for (Eigen::Index j = 0; j < m; ++j) {
      const CsvCell& c = row[*cols[static_cast<size_t>(j)]];
      if (c.missing) continue;
      auto v = parse_double(trim(c.text));
      if (!v)
        return make_error(ErrorKind::kParse, source + ": row " + std::to_string(r + 2) + ", " +
                                                 f.indicators[static_cast<size_t>(j)].code +
                                                 ": not a number: \"" + c.text + "\"");
      d.values(r, j) = *v;
    }
  }
  for (const std::string& g : f.groups) {
    auto c = data.column(g);
    if (!c) continue;
    auto& labels = d.groups[g];
    for (const auto& row : data.rows) labels.push_back(row[*c].missing ? "" : row[*c].text);
  }
  for (const std::string& den : f.denominators) {
    auto c = data.column(den);
    if (!c) continue;
    Eigen::VectorXd v = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::quiet_NaN());
    for (Eigen::Index r = 0; r < n; ++r) {
      const CsvCell& cell = data.rows[static_cast<size_t>(r)][*c];
      if (!cell.missing)
        v[r] = parse_double(trim(cell.text)).value_or(std::numeric_limits<double>::quiet_NaN());
    }
    d.denominators[den] = v;
  }
  return d;
}

}  // namespace omvarld
