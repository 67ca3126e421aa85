// The benchmark report's dashboard: every indicator (rows, grouped by
// dimension) by every city (columns, the city in focus first), each cell the
// raw value coloured by the city's standing among the cities that have it.
// Colour is never alone: each cell also gives the rank ("2/5"), and the
// colours are tints of the Okabe-Ito blue and orange, so a greyscale print
// and colour-blind readers lose nothing. Pure: plain data in, XHTML out.
#pragma once

#include <string>
#include <vector>

#include "core/lang.h"

namespace omvarld {

struct DashboardCell {
  std::string value;  // shown as is ("21.8%", "1,234"); "" for no value
  std::string year;   // shown where it differs from the reference period; "" otherwise
  bool old = false;   // older than the comparability rule allows
  bool imputed = false;
  double rank = 0;  // 1 = best; NaN or 0 when unranked
  int ranked = 0;   // cities ranked on this indicator
};

struct DashboardRow {
  std::string label;                 // the indicator, in the report's language
  std::string unit;                  // "% of respondents", "per 1,000 inhabitants"
  std::string group;                 // the dimension; a heading row whenever it changes
  bool compared = true;              // false: too few cities, no colour (comparability rule)
  std::vector<DashboardCell> cells;  // one per city, in Dashboard::cities order
};

struct Dashboard {
  std::vector<std::string> cities;
  size_t focus = 0;  // index into cities; shown first, marked
  std::vector<DashboardRow> rows;
  int min_cities = 3;  // the comparability rule, for the legend
};

// The standing of rank `rank` among `ranked`: where it lies from the best
// (rank 1) to the worst (rank `ranked`), in fifths: 0 (best fifth) to 4
// (worst fifth), so of 5 cities each rank has its own; -1 without a rank.
int standing_fifth(double rank, int ranked);

// The dashboard as a <section id="dashboard"> with its heading, legend and
// table (inside a box that scrolls sideways on a narrow screen).
std::string dashboard_html(const Dashboard& d, Lang lang);

// The same dashboard in Markdown, for the Markdown report: a "## " heading,
// then one table per dimension (Markdown has no cell spanning columns), the
// city in focus first. Without colours the rank beside each value ("2/5")
// carries the standing, and the introduction says so; a cell without a
// value reads "no value". Data text is escaped (markdown_text).
std::string dashboard_markdown(const Dashboard& d, Lang lang);

}  // namespace omvarld
