// Benchmark frameworks written in TOML, in indicators/frameworks/NAME.toml:
// dimensions (any number of levels) and the indicators of indicators.toml
// that roll up into them. Layout:
//
//   [framework]
//   id, label_en, label_sv, description, description_sv
//   group = "nordic"        # default peer group (peers.toml)
//   latest_within = 8       # default: each indicator's latest value within N years
//   index_en, index_sv      # the index as a sentence names it: "the sustainable city
//                           # index", "indexet för hållbar stad" (default: its label)
//   index_min_share = 0.75  # share of the index's parts (dimensions) a unit needs for an
//                           # index score (default 0.75: 3 of 4); other levels: --min-children
//   min_cities = 3          # an indicator known for fewer cities is not compared (no
//                           # strength or weakness); default 3
//   max_year_gap = 3        # a value more years than this before the indicator's latest
//                           # is marked old wherever it is shown; default 3
//
//   [[dimension]]           # the index has no parent; every other one has
//   code, label_en, label_sv, parent, weight (default 1)
//
//   [[indicator]]
//   id                      # an indicator of indicators.toml
//   parent, weight (default 1)
//   direction               # "higher"/"lower"; default: indicators.toml's ("neutral" is refused)
//   denominator             # another indicator id to divide by (e.g. "population")
//   per = 1000              # with a denominator: the value per this many (default 1000)
//   worst, best, target     # reference values for goalposts / distance to target
//
// Levels follow from the tree: indicators are level 1, a dimension is one
// above its children (all of its children must be at one level).
#pragma once

#include <string>
#include <vector>

#include "analysis/framework.h"
#include "core/result.h"
#include "parse/indicator_catalogue.h"

namespace omvarld {

struct FrameworkFile {
  std::string id, label_en, label_sv, description, description_sv;
  std::string index_en, index_sv;  // the index in a sentence; "" = none given
  std::string group;               // default peer group; "" if none
  int latest_within = 0;           // default selection window in years
  double index_min_share = 0.75;
  int min_cities = 3;
  int max_year_gap = 3;
  Framework framework;
};

Result<FrameworkFile> parse_framework_toml(const std::string& text, const std::string& source,
                                           const IndicatorCatalogue& catalogue);
// Reads DIR/frameworks/NAME.toml.
Result<FrameworkFile> load_framework(const std::string& config_dir, const std::string& name,
                                     const IndicatorCatalogue& catalogue);
// The NAMEs in DIR/frameworks, sorted.
std::vector<std::string> list_frameworks(const std::string& config_dir);

}  // namespace omvarld
