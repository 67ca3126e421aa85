#include "config/indicator_catalogue.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "core/files.h"

namespace omvarld {

const Indicator* IndicatorCatalogue::find_indicator(const std::string& id) const {
  for (const auto& i : indicators)
    if (i.id == id) return &i;
  return nullptr;
}

const PeerGroup* IndicatorCatalogue::find_group(const std::string& id) const {
  for (const auto& g : groups)
    if (g.id == id) return &g;
  return nullptr;
}

namespace {

std::vector<std::string> string_array(const toml::node_view<const toml::node>& n) {
  std::vector<std::string> out;
  if (const toml::array* a = n.as_array())
    for (const auto& e : *a)
      if (auto s = e.value<std::string>()) out.push_back(*s);
  return out;
}

// An upper bound on how deep toml++ would nest the tables and arrays of
// `text`: a [header] or a dotted key adds a level per segment, an inline
// table or an array one. Strings and comments are skipped. toml++ bounds
// only inline nesting (256), while "a.a.a...= 1" or [a.a.a...] builds a
// tree as deep as the key is long, and toml++ walks and frees it by
// recursion; this is checked first, without recursion.
size_t toml_depth_bound(std::string_view t) {
  struct Open {
    char kind;     // '{' or '['
    size_t depth;  // of the inline table or array itself
  };
  std::vector<Open> open;
  size_t deepest = 0, table_depth = 0, key_base = 0, dots = 0, value_depth = 0;
  bool line_start = true, in_key = false;
  const size_t n = t.size();
  size_t i = 0;
  auto skip_string = [&] {
    const char q = t[i];
    const bool basic = q == '"';
    if (t.compare(i, 3, std::string(3, q)) == 0) {  // multi-line
      i += 3;
      while (i < n && t.compare(i, 3, std::string(3, q)) != 0) i += (basic && t[i] == '\\') ? 2 : 1;
      i = std::min(n, i + 3);
      return;
    }
    ++i;
    while (i < n && t[i] != q && t[i] != '\n') i += (basic && t[i] == '\\') ? 2 : 1;
    if (i < n && t[i] == q) ++i;
  };
  auto note = [&](size_t d) { deepest = std::max(deepest, d); };
  while (i < n) {
    const char c = t[i];
    if (c == '\n') {
      if (open.empty()) line_start = true, in_key = false;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < n && t[i] != '\n') ++i;
      continue;
    }
    if (line_start && open.empty()) {
      line_start = false;
      if (c == '[') {  // [table] or [[array.of.tables]]
        const bool array = i + 1 < n && t[i + 1] == '[';
        i += array ? 2 : 1;
        size_t segments = 1;
        while (i < n && t[i] != ']' && t[i] != '\n') {
          if (t[i] == '"' || t[i] == '\'') {
            skip_string();
            continue;
          }
          if (t[i] == '.') ++segments;
          ++i;
        }
        table_depth = segments + (array ? 1 : 0);
        note(table_depth);
        while (i < n && t[i] != '\n') ++i;
        continue;
      }
      in_key = true;
      key_base = table_depth;
      dots = 0;
    }
    if (c == '"' || c == '\'') {
      skip_string();
      continue;
    }
    ++i;
    if (in_key) {
      if (c == '.') {
        ++dots;
      } else if (c == '=') {
        in_key = false;
        value_depth = key_base + dots + 1;
        note(value_depth);
      } else if (c == '}' && !open.empty()) {  // {} or a trailing comma
        open.pop_back();
        in_key = false;
        if (!open.empty() && open.back().kind == '[') value_depth = open.back().depth + 1;
      }
      continue;
    }
    if (c == '{') {
      open.push_back({'{', value_depth});
      in_key = true;
      key_base = value_depth;
      dots = 0;
    } else if (c == '[') {
      open.push_back({'[', value_depth});
      note(++value_depth);
    } else if (c == ',' && !open.empty()) {
      if (open.back().kind == '{') {
        in_key = true;
        key_base = open.back().depth;
        dots = 0;
      } else {
        value_depth = open.back().depth + 1;
      }
    } else if ((c == '}' || c == ']') && !open.empty()) {
      open.pop_back();
      if (!open.empty() && open.back().kind == '[') value_depth = open.back().depth + 1;
    }
  }
  return deepest;
}

constexpr size_t kMaxTomlDepth = 64;
constexpr size_t kMaxTomlBytes = 8u << 20;

}  // namespace

Result<toml::table> parse_toml(const std::string& text, const std::string& name) {
  if (text.size() > kMaxTomlBytes)
    return make_error(ErrorKind::kUsage, name + ": a TOML file of " + std::to_string(text.size()) +
                                             " bytes is over the cap of " +
                                             std::to_string(kMaxTomlBytes) + "; not read");
  if (toml_depth_bound(text) > kMaxTomlDepth)
    return make_error(ErrorKind::kUsage, "invalid TOML: " + name + ": tables nesting deeper than " +
                                             std::to_string(kMaxTomlDepth) + " levels");
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    std::ostringstream ss;
    ss << e;  // "Error while parsing ... (error occurred at line 3, column 1 of NAME)"
    return make_error(ErrorKind::kUsage, "invalid TOML: " + ss.str());
  }
}

Result<IndicatorCatalogue> parse_indicator_catalogue(const std::string& indicators_toml,
                                                     const std::string& peers_toml,
                                                     const std::string& where) {
  IndicatorCatalogue cat;
  auto ind_parsed = parse_toml(indicators_toml, where + "/indicators.toml");
  if (!ind_parsed.ok()) return ind_parsed.error();
  auto peers_parsed = parse_toml(peers_toml, where + "/peers.toml");
  if (!peers_parsed.ok()) return peers_parsed.error();
  toml::table& ind = *ind_parsed;
  toml::table& peers = *peers_parsed;
  const toml::array* arr = ind["indicator"].as_array();
  if (!arr || arr->empty())
    return make_error(ErrorKind::kUsage, where + "/indicators.toml: no [[indicator]] entries");
  std::set<std::string> ids;
  const std::set<std::string> directions = {"higher", "lower", "neutral"};
  for (size_t k = 0; k < arr->size(); ++k) {
    const toml::table* t = (*arr)[k].as_table();
    std::string ctx = where + "/indicators.toml: indicator " + std::to_string(k + 1);
    if (!t) return make_error(ErrorKind::kUsage, ctx + " is not a table");
    Indicator i;
    i.id = (*t)["id"].value_or(std::string());
    if (i.id.empty()) return make_error(ErrorKind::kUsage, ctx + " has no id");
    ctx += " (" + i.id + ")";
    if (!ids.insert(i.id).second) return make_error(ErrorKind::kUsage, ctx + ": id used twice");
    i.dataset = (*t)["dataset"].value_or(std::string());
    if (i.dataset.empty()) return make_error(ErrorKind::kUsage, ctx + " has no dataset");
    if (const toml::table* f = (*t)["filter"].as_table()) {
      for (const auto& [k2, v] : *f) {
        if (auto s = v.value<std::string>())
          i.filter.emplace_back(std::string(k2.str()), *s);
        else
          return make_error(ErrorKind::kUsage, ctx + ": filter values must be strings");
      }
    }
    i.label_en = (*t)["label_en"].value_or(std::string());
    i.label_sv = (*t)["label_sv"].value_or(std::string());
    i.unit = (*t)["unit"].value_or(std::string());
    i.direction = (*t)["direction"].value_or(std::string("neutral"));
    if (!directions.count(i.direction))
      return make_error(
          ErrorKind::kUsage,
          ctx + ": direction must be higher, lower or neutral, not \"" + i.direction + "\"");
    i.themes = string_array((*t)["themes"]);
    i.profile = string_array((*t)["profile"]);
    i.verified = (*t)["verified"].value_or(std::string("code"));
    cat.indicators.push_back(std::move(i));
  }
  cat.focus_city = peers["focus"].value_or(std::string("SE001C"));
  if (const toml::table* g = peers["groups"].as_table()) {
    for (const auto& [name, node] : *g) {
      const toml::table* t = node.as_table();
      if (!t) continue;
      PeerGroup pg;
      pg.id = std::string(name.str());
      pg.label_en = (*t)["label_en"].value_or(pg.id);
      pg.label_sv = (*t)["label_sv"].value_or(pg.label_en);
      pg.cities = string_array((*t)["cities"]);
      if (pg.cities.empty())
        return make_error(ErrorKind::kUsage,
                          where + "/peers.toml: group " + pg.id + " has no cities");
      cat.groups.push_back(std::move(pg));
    }
  }
  if (const toml::table* n = peers["names"].as_table())
    for (const auto& [code, v] : *n)
      if (auto s = v.value<std::string>()) cat.city_names[std::string(code.str())] = *s;
  return cat;
}

Result<IndicatorCatalogue> load_indicator_catalogue(const std::string& dir) {
  auto ind = read_file(dir + "/indicators.toml");
  if (!ind.ok()) return ind.error().with_context("indicator catalogue");
  auto peers = read_file(dir + "/peers.toml");
  if (!peers.ok()) return peers.error().with_context("peer groups");
  return parse_indicator_catalogue(*ind, *peers, dir);
}

std::vector<DataQuery> build_harvest_plan(const IndicatorCatalogue& catalogue,
                                          const std::vector<std::string>& groups,
                                          const std::string& since_period) {
  std::vector<std::string> cities;
  for (const auto& gid : groups) {
    const PeerGroup* g = catalogue.find_group(gid);
    if (!g) continue;
    for (const auto& c : g->cities)
      if (std::find(cities.begin(), cities.end(), c) == cities.end()) cities.push_back(c);
  }
  std::vector<DataQuery> plan;
  for (const Indicator& ind : catalogue.indicators) {
    auto it = std::find_if(plan.begin(), plan.end(),
                           [&](const DataQuery& q) { return q.dataset == ind.dataset; });
    if (it == plan.end()) {
      DataQuery q;
      q.dataset = ind.dataset;
      q.since_period = since_period;
      plan.push_back(q);
      it = plan.end() - 1;
    }
    for (const auto& f : ind.filter)
      if (std::find(it->filters.begin(), it->filters.end(), f) == it->filters.end())
        it->filters.push_back(f);
  }
  for (DataQuery& q : plan) {
    // City datasets (urb_*) call their geography `cities`; others `geo`.
    const char* geo = q.dataset.rfind("urb_", 0) == 0 ? "cities" : "geo";
    for (const auto& c : cities) q.filters.emplace_back(geo, c);
  }
  return plan;
}

}  // namespace omvarld
