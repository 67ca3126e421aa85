#include "analysis/framework_toml.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/files.h"

namespace omvarld {
namespace {

std::string str(const toml::table& t, const char* key) { return t[key].value_or(std::string()); }

}  // namespace

Result<FrameworkFile> parse_framework_toml(const std::string& text, const std::string& source,
                                           const IndicatorCatalogue& catalogue) {
  auto parsed = parse_toml(text, source);
  if (!parsed.ok()) return parsed.error();
  const toml::table& root = *parsed;
  FrameworkFile out;
  const toml::table* head = root["framework"].as_table();
  if (!head) return make_error(ErrorKind::kUsage, source + ": no [framework] table");
  out.id = str(*head, "id");
  out.label_en = str(*head, "label_en");
  out.label_sv = str(*head, "label_sv");
  out.description = str(*head, "description");
  out.description_sv = str(*head, "description_sv");
  out.group = str(*head, "group");
  out.latest_within = static_cast<int>((*head)["latest_within"].value_or(int64_t{0}));
  out.index_en = str(*head, "index_en");
  out.index_sv = str(*head, "index_sv");
  out.index_min_share = (*head)["index_min_share"].value_or(out.index_min_share);
  out.min_cities = static_cast<int>((*head)["min_cities"].value_or(int64_t{out.min_cities}));
  out.max_year_gap = static_cast<int>((*head)["max_year_gap"].value_or(int64_t{out.max_year_gap}));
  if (!(out.index_min_share >= 0 && out.index_min_share <= 1))
    return make_error(ErrorKind::kUsage, source + ": index_min_share must be between 0 and 1");
  if (out.min_cities < 1 || out.min_cities > 1000)
    return make_error(ErrorKind::kUsage, source + ": min_cities must be between 1 and 1000");
  if (out.max_year_gap < 0 || out.max_year_gap > 100)
    return make_error(ErrorKind::kUsage, source + ": max_year_gap must be between 0 and 100");
  if (out.id.empty()) return make_error(ErrorKind::kUsage, source + ": [framework] has no id");
  if (!out.group.empty() && !catalogue.find_group(out.group))
    return make_error(ErrorKind::kUsage,
                      source + ": group \"" + out.group + "\" is not in peers.toml");

  Framework& f = out.framework;
  std::map<std::string, std::string> parent_of;
  const toml::array* dims = root["dimension"].as_array();
  const toml::array* inds = root["indicator"].as_array();
  if (!dims || !inds || inds->empty())
    return make_error(ErrorKind::kUsage,
                      source + ": needs [[dimension]] and [[indicator]] entries");
  std::vector<FrameworkNode> dimension_nodes;
  for (size_t k = 0; k < dims->size(); ++k) {
    const toml::table* t = (*dims)[k].as_table();
    const std::string ctx = source + ": dimension " + std::to_string(k + 1);
    if (!t) return make_error(ErrorKind::kUsage, ctx + " is not a table");
    FrameworkNode n;
    n.code = str(*t, "code");
    if (n.code.empty()) return make_error(ErrorKind::kUsage, ctx + " has no code");
    n.name = str(*t, "label_en");
    n.name_sv = str(*t, "label_sv");
    n.parent = str(*t, "parent");
    n.weight = (*t)["weight"].value_or(1.0);
    if (!(n.weight >= 0))
      return make_error(ErrorKind::kUsage, ctx + " (" + n.code + "): weight must be >= 0");
    dimension_nodes.push_back(n);
  }
  std::set<std::string> denominators;
  for (size_t k = 0; k < inds->size(); ++k) {
    const toml::table* t = (*inds)[k].as_table();
    std::string ctx = source + ": indicator " + std::to_string(k + 1);
    if (!t) return make_error(ErrorKind::kUsage, ctx + " is not a table");
    FrameworkNode n;
    n.code = str(*t, "id");
    ctx += " (" + n.code + ")";
    const Indicator* ind = catalogue.find_indicator(n.code);
    if (!ind) return make_error(ErrorKind::kUsage, ctx + ": not in indicators.toml");
    n.name = ind->label_en;
    n.name_sv = ind->label_sv;
    n.level = 1;
    n.parent = str(*t, "parent");
    n.weight = (*t)["weight"].value_or(1.0);
    if (!(n.weight >= 0)) return make_error(ErrorKind::kUsage, ctx + ": weight must be >= 0");
    const std::string direction =
        (*t)["direction"].value_or(std::string(direction_name(ind->direction)));
    const std::optional<Direction> d = parse_direction(direction);
    if (!d || *d == Direction::kNeutral)
      return make_error(ErrorKind::kUsage,
                        ctx + ": direction is \"" + direction +
                            "\"; a ranked indicator must be \"higher\" or \"lower\" (is better)");
    n.direction = *d == Direction::kLower ? -1 : 1;
    n.denominator = str(*t, "denominator");
    if (!n.denominator.empty()) {
      if (!catalogue.find_indicator(n.denominator))
        return make_error(ErrorKind::kUsage, ctx + ": denominator \"" + n.denominator +
                                                 "\" is not in indicators.toml");
      denominators.insert(n.denominator);
      n.per = (*t)["per"].value_or(1000.0);
      if (!(n.per > 0)) return make_error(ErrorKind::kUsage, ctx + ": per must be > 0");
    }
    for (auto [key, field] :
         {std::pair{"worst", &n.worst}, std::pair{"best", &n.best}, std::pair{"target", &n.target}})
      if (auto v = (*t)[key].value<double>()) *field = *v;
    f.indicators.push_back(n);
  }
  f.denominators.assign(denominators.begin(), denominators.end());
  // Levels: one above the children, from the indicators up.
  std::map<std::string, int> level;
  for (const auto& i : f.indicators) level[i.code] = 1;
  for (size_t pass = 0; pass <= dimension_nodes.size(); ++pass)
    for (auto& d : dimension_nodes) {
      int child_level = 0;
      bool all_known = true, any = false;
      for (const auto* list : {&f.indicators, &dimension_nodes})
        for (const auto& c : *list) {
          if (c.parent != d.code) continue;
          any = true;
          auto it = level.find(c.code);
          if (it == level.end()) {
            all_known = false;
            continue;
          }
          if (child_level && it->second != child_level)
            return make_error(ErrorKind::kUsage,
                              source + ": the parts of " + d.code + " are at different levels (" +
                                  c.code + " is at level " + std::to_string(it->second) + ")");
          child_level = it->second;
        }
      if (!any)
        return make_error(ErrorKind::kUsage, source + ": dimension " + d.code + " has no parts");
      if (all_known) level[d.code] = child_level + 1, d.level = child_level + 1;
    }
  for (auto& d : dimension_nodes) {
    if (d.level == 0)
      return make_error(ErrorKind::kUsage, source + ": dimension " + d.code +
                                               " is in a cycle or under a missing parent");
    f.aggregates.push_back(d);
  }
  std::stable_sort(
      f.aggregates.begin(), f.aggregates.end(),
      [](const FrameworkNode& a, const FrameworkNode& b) { return a.level < b.level; });
  if (Status s = validate_framework(f, source); !s.ok()) return s.error();
  return out;
}

Result<FrameworkFile> load_framework(const std::string& config_dir, const std::string& name,
                                     const IndicatorCatalogue& catalogue) {
  if (name.empty() || name.find('/') != std::string::npos || name.find('.') == 0)
    return make_error(ErrorKind::kUsage, "framework name \"" + name + "\" is not a plain name");
  const std::string path = config_dir + "/frameworks/" + name + ".toml";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::string known;
    for (const auto& n : list_frameworks(config_dir)) known += (known.empty() ? "" : ", ") + n;
    return make_error(ErrorKind::kNotFound, "no framework \"" + name + "\" (" + path + ")" +
                                                (known.empty() ? "" : "; known: " + known));
  }
  auto text = read_file(path, "the framework");
  if (!text.ok()) return text.error();
  return parse_framework_toml(*text, path, catalogue);
}

std::vector<std::string> list_frameworks(const std::string& config_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(config_dir + "/frameworks", ec))
    if (e.path().extension() == ".toml") out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace omvarld
