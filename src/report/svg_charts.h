// Charts drawn as inline SVG for the reports: no scripts, no fonts fetched,
// readable in print. Colours from the Okabe-Ito palette (distinguishable with
// the common colour-vision deficiencies) and never alone: the city in focus
// is also bold and labelled, lines differ by dash pattern and marker shape, so
// a greyscale print still tells them apart. Every text is escaped, and every
// number shown is written as the language writes it (format_number).
//
// No text leaves its chart: text widths are estimated (text_width, from the
// widest common sans-serif fonts) and labels are wrapped or shortened to fit
// the room they have. A chart scales as a whole (viewBox), so what fits at
// one width fits at every width. Pure.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/lang.h"

namespace omvarld {

// The width in px of `text` set at `size` px: a per-character estimate from
// DejaVu Sans (Verdana's metrics, wider than Arial, Helvetica, Segoe UI,
// Roboto and San Francisco), bold wider still, plus a margin. Never less than
// the real width in those fonts for Latin text; other scripts count as 1 em a
// character.
double text_width(std::string_view text, double size, bool bold = false);

// `text` broken at spaces into at most `max_lines` lines no wider than
// `max_width` (text_width); a word too long for a line, or text beyond the
// last line, is cut with an ellipsis. Always at least one line.
std::vector<std::string> wrap_text(const std::string& text, double max_width, double size,
                                   bool bold, size_t max_lines);

struct BarDatum {
  std::string label;
  double value;  // NaN: drawn as "no data"
  bool highlight = false;
};
struct BarChartTexts {
  std::string reference_label;  // "Peer median"
  std::string no_data = "no data";
};
// Horizontal bars on 0..max, in the given order, with an optional dashed
// reference line (e.g. the peer median; NaN: none) labelled above the bars,
// drawn under the value labels.
std::string bar_chart_svg(const std::string& title, const std::vector<BarDatum>& bars,
                          double max_value, double reference, const BarChartTexts& texts,
                          Lang lang);

struct IntervalDatum {
  std::string label;
  double nominal, median, lo, hi;  // ranks; NaN where unknown
  bool highlight = false;
};
// One row per unit: the 5-95% rank interval as a bar, the median as a tick,
// the nominal rank as a dot; rank 1 at the left.
std::string rank_interval_svg(const std::string& title, const std::vector<IntervalDatum>& rows,
                              int units, const std::string& legend_interval,
                              const std::string& legend_nominal, Lang lang);

struct DivergingDatum {
  std::string label;
  double difference;  // positive: above the reference
};
// Bars left (below) and right (above) of a zero line.
std::string diverging_svg(const std::string& title, const std::vector<DivergingDatum>& rows,
                          const std::string& left_label, const std::string& right_label, Lang lang);

struct LineSeries {
  std::string label;
  std::vector<std::pair<double, double>> points;  // (year, value), sorted by year
  bool highlight = false;
};
// Up to kMaxLineSeries series: one chart with a legend. More: small
// multiples, one panel per series (the highlighted one first and marked),
// each with the median of the other series per year as a dashed reference
// (`median_label`), on one shared scale.
inline constexpr size_t kMaxLineSeries = 6;
std::string line_chart_svg(const std::string& title, const std::string& y_label,
                           const std::vector<LineSeries>& series, const std::string& median_label,
                           Lang lang);

}  // namespace omvarld
