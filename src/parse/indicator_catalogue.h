// The indicator catalogue and peer groups of indicators/ (TOML), and the
// harvest plan derived from them: one Eurostat query per dataset, asking for
// all of the catalogue's indicators in that dataset for all peer cities.
// Loading validates the files and names file and entry in every error.
#pragma once

#include <toml++/toml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "parse/eurostat_urls.h"
#include "parse/toml.h"

namespace omvarld {

// Which way an indicator is better: read once from the TOML ("higher",
// "lower", "neutral"), a type from there on.
enum class Direction { kHigher, kLower, kNeutral };
// The name in the TOML files; nullopt for any other text.
std::optional<Direction> parse_direction(std::string_view text);
const char* direction_name(Direction d);

struct Indicator {
  std::string id;
  std::string dataset;
  std::vector<std::pair<std::string, std::string>> filter;  // {"indic_ur","DE1001V"}
  std::string label_en;
  std::string label_sv;
  std::string unit;
  Direction direction = Direction::kNeutral;
  std::vector<std::string> themes;
  std::vector<std::string> profile;
  std::string verified;  // "full" or "code"
};

struct PeerGroup {
  std::string id;
  std::string label_en;
  std::string label_sv;
  std::vector<std::string> cities;
};

struct IndicatorCatalogue {
  std::vector<Indicator> indicators;
  std::vector<PeerGroup> groups;
  std::map<std::string, std::string> city_names;  // [names]: as Eurostat writes them
  // [names_en], [names_sv]: where the language has a name of its own
  // (Copenhagen, Köpenhamn); the others keep [names].
  std::map<std::string, std::string> city_names_en, city_names_sv;
  std::string focus_city = "SE001C";

  const Indicator* find_indicator(const std::string& id) const;
  const PeerGroup* find_group(const std::string& id) const;
  // The city's name in the language ("sv" or "en"), else [names], else "".
  std::string city_name(const std::string& code, const std::string& lang) const;
};

// Reads DIR/indicators.toml and DIR/peers.toml.
Result<IndicatorCatalogue> load_indicator_catalogue(const std::string& dir);
Result<IndicatorCatalogue> parse_indicator_catalogue(const std::string& indicators_toml,
                                                     const std::string& peers_toml,
                                                     const std::string& where);

// One query per dataset: the indicators' filters merged, plus `cities` (or
// `geo`) for every city of the chosen groups, plus the time filter.
std::vector<DataQuery> build_harvest_plan(const IndicatorCatalogue& catalogue,
                                          const std::vector<std::string>& groups,
                                          const std::string& since_period);

}  // namespace omvarld
