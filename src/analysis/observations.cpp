#include "analysis/observations.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/text.h"

namespace omvarld {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string cell_text(const std::vector<CsvCell>& row, std::optional<size_t> c) {
  return c && !row[*c].missing ? std::string(trim(row[*c].text)) : std::string();
}

Status parse_value(const std::string& text, const std::string& where, double& out) {
  auto v = parse_double(text);
  if (!v || !std::isfinite(*v))
    return make_error(ErrorKind::kParse, where + ": not a number: \"" + text + "\"");
  out = *v;
  return Status::Ok();
}

void note_unit(ObservationSet& set, std::set<std::string>& seen, const std::string& unit,
               const std::string& name) {
  if (seen.insert(unit).second) set.units.push_back(unit);
  if (!name.empty()) set.names[unit] = name;
}

Result<ObservationSet> read_long(const CsvTable& t, const Framework& f, const std::string& source) {
  auto unit = t.column("unit"), indicator = t.column("indicator"), value = t.column("value");
  if (!value) return make_error(ErrorKind::kParse, source + ": a long table needs a value column");
  auto period = t.column("period"), flags = t.column("flags"), name = t.column("name");
  std::set<std::string> wanted;
  for (const auto& i : f.indicators) wanted.insert(i.code);
  for (const auto& d : f.denominators) wanted.insert(d);
  ObservationSet set;
  std::set<std::string> seen;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const std::string where = source + ": row " + std::to_string(r + 2);
    UnitObservation o;
    o.unit = cell_text(row, unit);
    o.indicator = cell_text(row, indicator);
    if (o.unit.empty() || o.indicator.empty())
      return make_error(ErrorKind::kParse, where + ": unit and indicator must not be empty");
    note_unit(set, seen, o.unit, cell_text(row, name));
    if (!wanted.count(o.indicator)) continue;
    std::string v = cell_text(row, value);
    if (v.empty()) continue;  // a missing value (perhaps with a flag): nothing to use
    if (Status s = parse_value(v, where + ", value", o.value); !s.ok()) return s.error();
    o.period = cell_text(row, period);
    o.flags = cell_text(row, flags);
    set.rows.push_back(std::move(o));
  }
  return set;
}

Result<ObservationSet> read_wide(const CsvTable& t, const Framework& f, const std::string& source) {
  auto ucode = t.column("uCode");
  if (!ucode)
    return make_error(ErrorKind::kParse,
                      source +
                          ": needs a uCode column (wide, as COINr's iData) or unit, "
                          "indicator and value columns (long)");
  auto uname = t.column("uName"), time = t.column("Time");
  std::vector<std::pair<std::string, size_t>> value_columns;
  for (const auto& ind : f.indicators) {
    auto c = t.column(ind.code);
    if (!c)
      return make_error(ErrorKind::kParse, source + ": no data column for indicator " + ind.code);
    value_columns.emplace_back(ind.code, *c);
  }
  for (const auto& den : f.denominators)
    if (auto c = t.column(den)) value_columns.emplace_back(den, *c);
  ObservationSet set;
  std::set<std::string> seen;
  std::set<std::pair<std::string, std::string>> unit_periods;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const std::string where = source + ": row " + std::to_string(r + 2);
    std::string code = cell_text(row, ucode);
    std::string period = cell_text(row, time);
    if (code.empty()) return make_error(ErrorKind::kParse, where + ": uCode is empty");
    if (!unit_periods.emplace(code, period).second)
      return make_error(ErrorKind::kParse, where + ": uCode " + code + " repeated" +
                                               (period.empty() ? "" : " for Time " + period));
    note_unit(set, seen, code, cell_text(row, uname));
    for (const std::string& g : f.groups)
      if (auto c = t.column(g)) set.groups[g][code] = cell_text(row, c);
    for (const auto& [indicator, c] : value_columns) {
      std::string v = cell_text(row, c);
      if (v.empty()) continue;
      UnitObservation o{code, indicator, period, 0, ""};
      if (Status s = parse_value(v, where + ", " + indicator, o.value); !s.ok()) return s.error();
      set.rows.push_back(std::move(o));
    }
  }
  return set;
}

struct Point {
  std::string period;
  double value;
  std::string flags;
};

}  // namespace

std::optional<int> period_year(const std::string& period) {
  if (period.size() < 4) return std::nullopt;
  int y = 0;
  for (int k = 0; k < 4; ++k) {
    if (period[static_cast<size_t>(k)] < '0' || period[static_cast<size_t>(k)] > '9')
      return std::nullopt;
    y = y * 10 + (period[static_cast<size_t>(k)] - '0');
  }
  return y;
}

Result<ObservationSet> observations_from_table(const CsvTable& table, const Framework& f,
                                               const std::string& source) {
  if (table.column("unit") && table.column("indicator")) return read_long(table, f, source);
  return read_wide(table, f, source);
}

Result<Selection> select_observations(const ObservationSet& obs, const Framework& f,
                                      const SelectionOptions& options) {
  std::map<std::pair<std::string, std::string>, std::vector<Point>> series;
  std::string latest;
  std::set<std::string> indicator_codes;
  for (const auto& i : f.indicators) indicator_codes.insert(i.code);
  for (const auto& o : obs.rows) {
    series[{o.unit, o.indicator}].push_back(Point{o.period, o.value, o.flags});
    if (indicator_codes.count(o.indicator)) latest = std::max(latest, o.period);
  }
  for (auto& [key, points] : series) {
    std::sort(points.begin(), points.end(),
              [](const Point& a, const Point& b) { return a.period < b.period; });
    for (size_t k = 1; k < points.size(); ++k)
      if (points[k].period == points[k - 1].period)
        return make_error(
            ErrorKind::kParse,
            "two values for " + key.first + ", " + key.second +
                (points[k].period.empty() ? std::string() : ", period " + points[k].period));
  }
  Selection sel;
  sel.period = options.period.empty() ? latest : options.period;
  const std::optional<int> year = period_year(sel.period);
  if (options.within_years > 0 && !year)
    return make_error(
        ErrorKind::kUsage,
        "--latest-within needs periods that start with a year, not \"" + sel.period + "\"");

  std::set<std::string> known(obs.units.begin(), obs.units.end());
  std::vector<std::string> units;
  if (options.units.empty()) {
    units = obs.units;
  } else {
    for (const std::string& u : options.units)
      (known.count(u) ? units : sel.missing_units).push_back(u);
  }

  auto pick = [&](const std::vector<Point>* points, std::string& period, ValueOrigin& origin,
                  std::string& flags) -> double {
    origin = ValueOrigin::kMissing;
    if (!points) return kNaN;
    const Point* before = nullptr;
    const Point* after = nullptr;
    for (const Point& p : *points) {
      if (p.period == sel.period) {
        period = p.period, origin = ValueOrigin::kObserved, flags = p.flags;
        return p.value;
      }
      if (p.period < sel.period) before = &p;
      if (p.period > sel.period && !after) after = &p;
    }
    if (before && options.within_years > 0) {
      auto y = period_year(before->period);
      if (y && *year - *y <= options.within_years) {
        period = before->period, origin = ValueOrigin::kEarlier, flags = before->flags;
        return before->value;
      }
    }
    if (before && options.over_time == Imputation::kLatest) {
      period = before->period, origin = ValueOrigin::kCarried, flags = before->flags;
      return before->value;
    }
    if (before && after && options.over_time == Imputation::kLinear) {
      auto y0 = period_year(before->period), y1 = period_year(after->period);
      if (y0 && y1 && year && *y1 > *y0) {
        const double t = static_cast<double>(*year - *y0) / static_cast<double>(*y1 - *y0);
        period = before->period + ".." + after->period, origin = ValueOrigin::kInterpolated;
        return before->value + t * (after->value - before->value);
      }
    }
    return kNaN;
  };

  const auto n = static_cast<Eigen::Index>(units.size());
  const auto m = static_cast<Eigen::Index>(f.indicators.size());
  sel.data.values = Eigen::MatrixXd::Constant(n, m, kNaN);
  sel.value_period.assign(units.size(), std::vector<std::string>(f.indicators.size()));
  sel.origin.assign(units.size(), std::vector<ValueOrigin>(f.indicators.size()));
  sel.flags.assign(units.size(), std::vector<std::string>(f.indicators.size()));
  for (const std::string& den : f.denominators)
    sel.data.denominators[den] = Eigen::VectorXd::Constant(n, kNaN);
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::string& u = units[static_cast<size_t>(i)];
    sel.data.units.push_back(u);
    auto name = obs.names.find(u);
    sel.data.names.push_back(name != obs.names.end() ? name->second : u);
    auto find = [&](const std::string& code) -> const std::vector<Point>* {
      auto it = series.find({u, code});
      return it == series.end() ? nullptr : &it->second;
    };
    for (Eigen::Index j = 0; j < m; ++j) {
      const auto jj = static_cast<size_t>(j), ii = static_cast<size_t>(i);
      sel.data.values(i, j) = pick(find(f.indicators[jj].code), sel.value_period[ii][jj],
                                   sel.origin[ii][jj], sel.flags[ii][jj]);
    }
    for (auto& [den, v] : sel.data.denominators) {
      std::string period, flags;
      ValueOrigin origin;
      v[i] = pick(find(den), period, origin, flags);
    }
  }
  for (const auto& [column, labels] : obs.groups) {
    auto& out = sel.data.groups[column];
    for (const std::string& u : units) {
      auto it = labels.find(u);
      out.push_back(it == labels.end() ? "" : it->second);
    }
  }
  return sel;
}

Result<UnitData> parse_coinr_data(const CsvTable& data, const Framework& f,
                                  const std::string& source) {
  auto obs = observations_from_table(data, f, source);
  if (!obs.ok()) return obs.error();
  auto sel = select_observations(*obs, f, {});
  if (!sel.ok()) return sel.error().with_context(source);
  return std::move(sel->data);
}

}  // namespace omvarld
