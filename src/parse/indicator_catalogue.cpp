#include "parse/indicator_catalogue.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "core/files.h"

namespace omvarld {

std::optional<Direction> parse_direction(std::string_view text) {
  if (text == "higher") return Direction::kHigher;
  if (text == "lower") return Direction::kLower;
  if (text == "neutral") return Direction::kNeutral;
  return std::nullopt;
}

const char* direction_name(Direction d) {
  switch (d) {
    case Direction::kHigher:
      return "higher";
    case Direction::kLower:
      return "lower";
    case Direction::kNeutral:
      break;
  }
  return "neutral";
}

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

std::string IndicatorCatalogue::city_name(const std::string& code, const std::string& lang) const {
  const auto& own = lang == "sv" ? city_names_sv : city_names_en;
  if (auto it = own.find(code); it != own.end()) return it->second;
  if (auto it = city_names.find(code); it != city_names.end()) return it->second;
  return "";
}

namespace {

std::vector<std::string> string_array(const toml::node_view<const toml::node>& n) {
  std::vector<std::string> out;
  if (const toml::array* a = n.as_array())
    for (const auto& e : *a)
      if (auto s = e.value<std::string>()) out.push_back(*s);
  return out;
}

}  // namespace

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
    const std::string direction = (*t)["direction"].value_or(std::string("neutral"));
    if (auto d = parse_direction(direction))
      i.direction = *d;
    else
      return make_error(
          ErrorKind::kUsage,
          ctx + ": direction must be higher, lower or neutral, not \"" + direction + "\"");
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
  for (auto [key, names] :
       {std::pair{"names_en", &cat.city_names_en}, std::pair{"names_sv", &cat.city_names_sv}})
    if (const toml::table* n = peers[key].as_table())
      for (const auto& [code, v] : *n)
        if (auto s = v.value<std::string>()) (*names)[std::string(code.str())] = *s;
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
