// Charts drawn as inline SVG for the reports: no scripts, no fonts fetched,
// readable in print. Colours from the Okabe-Ito palette (distinguishable with
// the common colour-vision deficiencies) and never alone: the city in focus
// is also bold and labelled, lines differ by dash pattern and marker shape, so
// a greyscale print still tells them apart. Every text is escaped. Pure.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace omvarld {

struct BarDatum {
  std::string label;
  double value;  // NaN: drawn as "no data"
  bool highlight = false;
};
// Horizontal bars on 0..max, in the given order, with an optional dashed
// reference line (e.g. the peer median).
std::string bar_chart_svg(const std::string& title, const std::vector<BarDatum>& bars,
                          double max_value, const std::string& reference_label = "",
                          double reference = 0, bool show_reference = false,
                          const std::string& no_data_text = "no data");

struct IntervalDatum {
  std::string label;
  double nominal, median, lo, hi;  // ranks; NaN where unknown
  bool highlight = false;
};
// One row per unit: the 5-95% rank interval as a bar, the median as a tick,
// the nominal rank as a dot; rank 1 at the left.
std::string rank_interval_svg(const std::string& title, const std::vector<IntervalDatum>& rows,
                              int units, const std::string& legend_interval,
                              const std::string& legend_nominal);

struct DivergingDatum {
  std::string label;
  double difference;  // positive: above the reference
};
// Bars left (below) and right (above) of a zero line.
std::string diverging_svg(const std::string& title, const std::vector<DivergingDatum>& rows,
                          const std::string& left_label, const std::string& right_label);

struct LineSeries {
  std::string label;
  std::vector<std::pair<double, double>> points;  // (year, value), sorted by year
  bool highlight = false;
};
std::string line_chart_svg(const std::string& title, const std::string& y_label,
                           const std::vector<LineSeries>& series);

}  // namespace omvarld
