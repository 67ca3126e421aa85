#include "report/svg_charts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "analysis/statistics.h"
#include "report/markup.h"

namespace omvarld {
namespace {

// Okabe & Ito (2008): blue, orange, bluish green, vermillion, reddish purple,
// sky blue, black. Blue is kept for the city in focus.
const char* const kFocus = "#0072B2";
const char* const kPalette[] = {"#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"};
const char* const kDashes[] = {"", "6 3", "2 3", "8 3 2 3", "1 3", "10 4"};
// Mid grey at 3.9:1 against white, enough for a graphical object (WCAG
// 1.4.11); the focus blue is 5.2:1.
const char* const kPeer = "#808080";

// The sizes page.cpp's CSS gives .chart text and .chart .axis (user units).
constexpr double kLabel = 14, kAxis = 13;
// Every chart is this wide in user units, narrow enough to fit a phone: the
// page shows it at 360 to 560 px (page.cpp: .chart), so its text is never
// smaller than 9.75 px.
constexpr double kWidth = 480;

std::string n(double v) { return svg_number(v); }

std::string open_svg(double w, double h, const std::string& title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n(w) + " " + n(h) +
         "\" width=\"" + n(w) + "\" height=\"" + n(h) + "\" role=\"img\" class=\"chart\"><title>" +
         xml_escape(title) + "</title>";
}

std::string text(double x, double y, const std::string& s, const char* anchor = "start",
                 const char* cls = "") {
  return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\"" +
         (*cls ? std::string(" class=\"") + cls + "\"" : std::string()) + ">" + xml_escape(s) +
         "</text>";
}

// Lines of a wrapped label, the first at baseline y, `lead` apart.
std::string lines_text(double x, double y, const std::vector<std::string>& lines, double lead,
                       const char* anchor, const char* cls) {
  if (lines.size() == 1) return text(x, y, lines[0], anchor, cls);
  std::string s = "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\"" +
                  (*cls ? std::string(" class=\"") + cls + "\"" : std::string()) + ">";
  for (size_t k = 0; k < lines.size(); ++k)
    s += "<tspan x=\"" + n(x) + "\"" + (k ? " dy=\"" + n(lead) + "\"" : std::string()) + ">" +
         xml_escape(lines[k]) + "</tspan>";
  return s + "</text>";
}

// The next code point of s at i (advancing i); U+FFFD for a broken sequence.
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  const int len = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  char32_t cp = c & (0x3F >> len);
  for (int k = 0; k < len && i < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return len ? cp : 0xFFFD;
}

// Advance widths in em, rounded up from DejaVu Sans.
double char_em(char32_t c) {
  // Latin letters with diacritics count as their base letter.
  if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) {
    static const char kBase[] = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYPsaaaaaaaceeeeiiiidnooooo/ouuuuypy";
    c = static_cast<unsigned char>(kBase[c - 0xC0]);
    if (c == 'A' || c == 'O') return 0.80;
  }
  if (c == 0xA0 || c == ' ') return 0.33;
  if (c == 0x2013) return 0.51;                 // en dash
  if (c == 0x2014 || c == 0x2026) return 1.01;  // em dash, ellipsis
  if (c == 0x2212) return 0.84;                 // minus sign
  if (c >= 0x80) return 1.0;
  if (c >= '0' && c <= '9') return 0.64;
  if (c >= 'a' && c <= 'z') {
    switch (c) {
      case 'i':
      case 'j':
      case 'l':
        return 0.28;
      case 'f':
      case 't':
        return 0.40;
      case 'r':
        return 0.42;
      case 'c':
      case 's':
      case 'z':
        return 0.56;
      case 'm':
        return 0.98;
      case 'w':
        return 0.82;
      default:
        return 0.64;
    }
  }
  if (c >= 'A' && c <= 'Z') {
    switch (c) {
      case 'I':
      case 'J':
        return 0.30;
      case 'M':
        return 0.87;
      case 'W':
        return 0.99;
      case 'L':
        return 0.56;
      case 'E':
      case 'F':
      case 'P':
      case 'T':
      case 'S':
        return 0.64;
      default:
        return 0.80;
    }
  }
  switch (c) {
    case '.':
    case ',':
    case ':':
    case ';':
    case '!':
    case '\'':
    case '|':
      return 0.34;
    case '(':
    case ')':
    case '[':
    case ']':
    case '-':
    case '/':
      return 0.40;
    case '%':
      return 0.95;
    case '+':
    case '=':
    case '<':
    case '>':
    case '~':
      return 0.84;
    case '&':
    case '@':
      return 1.0;
    default:
      return 0.64;
  }
}

// A label cut to fit `max_width` with an ellipsis (the full text stays in
// the chart's table or list).
std::string fit(const std::string& s, double max_width, double size, bool bold = false) {
  return wrap_text(s, max_width, size, bold, 1).front();
}

// A "nice" step for about `ticks` divisions of `span`.
double nice_step(double span, int ticks) {
  if (!(span > 0)) return 1;
  const double raw = span / ticks;
  const double mag = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

// A year as a label: no thousands separator in any language.
std::string year(double x) { return std::to_string(static_cast<long long>(std::llround(x))); }

// Decimals that show every tick of `step` distinctly.
int step_decimals(double step) {
  int d = 0;
  while (d < 4 && std::abs(step * std::pow(10, d) - std::round(step * std::pow(10, d))) > 1e-6) ++d;
  return d;
}

std::string marker(int shape, double x, double y, const char* colour) {
  const std::string c = colour;
  switch (shape % 5) {
    case 0:
      return "<circle cx=\"" + n(x) + "\" cy=\"" + n(y) + "\" r=\"3.5\" fill=\"" + c + "\"/>";
    case 1:
      return "<rect x=\"" + n(x - 3.5) + "\" y=\"" + n(y - 3.5) +
             "\" width=\"7\" height=\"7\" fill=\"" + c + "\"/>";
    case 2:
      return "<path d=\"M" + n(x) + " " + n(y - 4.5) + "L" + n(x + 4.5) + " " + n(y + 3.5) + "L" +
             n(x - 4.5) + " " + n(y + 3.5) + "Z\" fill=\"" + c + "\"/>";
    case 3:
      return "<path d=\"M" + n(x) + " " + n(y - 5) + "L" + n(x + 4) + " " + n(y) + "L" + n(x) +
             " " + n(y + 5) + "L" + n(x - 4) + " " + n(y) + "Z\" fill=\"" + c + "\"/>";
    default:
      return "<path d=\"M" + n(x - 4) + " " + n(y - 4) + "L" + n(x + 4) + " " + n(y + 4) + "M" +
             n(x - 4) + " " + n(y + 4) + "L" + n(x + 4) + " " + n(y - 4) + "\" stroke=\"" + c +
             "\" stroke-width=\"2\"/>";
  }
}

std::string line(double x1, double y1, double x2, double y2, const std::string& attrs) {
  return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) +
         "\" " + attrs + "/>";
}

// Label lines for rows: each label wrapped to two lines within `max_width`.
struct RowLabels {
  std::vector<std::vector<std::string>> lines;
  double width = 0;  // the widest line
};
template <class Row>
RowLabels row_labels(const std::vector<Row>& rows, double max_width, bool bold_highlight,
                     size_t max_lines = 2) {
  RowLabels out;
  for (const auto& r : rows) {
    bool bold = false;
    if constexpr (requires { r.highlight; }) bold = bold_highlight && r.highlight;
    out.lines.push_back(wrap_text(r.label, max_width, kLabel, bold, max_lines));
    for (const auto& l : out.lines.back())
      out.width = std::max(out.width, text_width(l, kLabel, bold));
  }
  return out;
}

}  // namespace

double text_width(std::string_view s, double size, bool bold) {
  double em = 0;
  for (size_t i = 0; i < s.size();) em += char_em(next_code_point(s, i));
  return em * size * (bold ? 1.12 : 1.0) * 1.03;
}

std::vector<std::string> wrap_text(const std::string& s, double max_width, double size, bool bold,
                                   size_t max_lines) {
  const std::string ellipsis = "\xE2\x80\xA6";
  auto fits = [&](const std::string& t) { return text_width(t, size, bold) <= max_width; };
  // The longest prefix of t that fits with an ellipsis after it.
  auto cut = [&](const std::string& t) {
    std::string best;
    for (size_t i = 0; i < t.size();) {
      next_code_point(t, i);
      std::string head = t.substr(0, i);
      while (!head.empty() && head.back() == ' ') head.pop_back();
      if (!fits(head + ellipsis)) break;
      best = head;
    }
    return best + ellipsis;
  };
  std::vector<std::string> words, out;
  for (size_t at = 0; at <= s.size();) {
    const size_t sp = s.find(' ', at);
    std::string w = s.substr(at, sp == std::string::npos ? std::string::npos : sp - at);
    if (!w.empty()) words.push_back(w);
    if (sp == std::string::npos) break;
    at = sp + 1;
  }
  std::string current;
  for (size_t k = 0; k < words.size(); ++k) {
    const std::string joined = current.empty() ? words[k] : current + " " + words[k];
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current.empty()) {  // one word wider than a line
      current = words[k];
    } else {
      out.push_back(current);
      current = words[k];
    }
    if (out.size() + 1 == max_lines) {  // the last line: the rest, cut
      for (size_t r = k + 1; r < words.size(); ++r) current += " " + words[r];
      break;
    }
    if (!fits(current)) {
      out.push_back(cut(current));
      current.clear();
      if (out.size() == max_lines) return out;
    }
  }
  if (!current.empty() || out.empty()) out.push_back(fits(current) ? current : cut(current));
  if (out.size() > max_lines) out.resize(max_lines);
  return out;
}

std::string bar_chart_svg(const std::string& title, const std::vector<BarDatum>& bars,
                          double max_value, double reference, const BarChartTexts& texts,
                          Lang lang) {
  if (!(max_value > 0)) max_value = 1;
  const bool show_reference = std::isfinite(reference);
  const RowLabels labels = row_labels(bars, 150, true);
  const double label_w = labels.width + 10, value_w = 56, top = show_reference ? 26 : 8;
  const double bar_w = kWidth - label_w - value_w, line_h = 15;
  std::vector<double> row_y{top};
  for (const auto& l : labels.lines) row_y.push_back(row_y.back() + 10 + line_h * l.size());
  const double plot_bottom = row_y.back(), h = plot_bottom + 24;
  std::string s = open_svg(kWidth, h, title);
  const int tick_decimals = step_decimals(max_value / 4);
  for (int t = 0; t <= 4; ++t) {  // grid and axis labels
    const double x = label_w + bar_w * t / 4.0;
    s += line(x, top, x, plot_bottom, "class=\"grid\"");
    s += text(x, plot_bottom + 16, format_number(max_value * t / 4.0, tick_decimals, lang),
              "middle", "axis");
  }
  // The reference under the bars' value labels (which have a white halo).
  if (show_reference) {
    const double x = label_w + std::clamp(reference / max_value, 0.0, 1.0) * bar_w;
    s += line(x, top - 6, x, plot_bottom,
              "stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"");
    const std::string ref =
        fit(texts.reference_label + " " + format_number(reference, 1, lang), kWidth, kAxis);
    const double w = text_width(ref, kAxis);
    s += text(std::clamp(x, w / 2 + 1, kWidth - w / 2 - 1), top - 10, ref, "middle", "axis");
  }
  for (size_t k = 0; k < bars.size(); ++k) {
    const BarDatum& b = bars[k];
    const double mid = (row_y[k] + row_y[k + 1]) / 2;
    const auto& lines = labels.lines[k];
    const double first = mid + 4.5 - line_h * static_cast<double>(lines.size() - 1) / 2;
    s += lines_text(label_w - 6, first, lines, line_h, "end", b.highlight ? "focus" : "");
    if (std::isnan(b.value)) {
      s += text(label_w + 4, mid + 4.5, fit(texts.no_data, bar_w + value_w - 8, kLabel), "start",
                "nodata val");
      continue;
    }
    const double len = std::clamp(b.value / max_value, 0.0, 1.0) * bar_w;
    s += "<rect x=\"" + n(label_w) + "\" y=\"" + n(mid - 7) + "\" width=\"" + n(len) +
         "\" height=\"14\" fill=\"" + (b.highlight ? kFocus : kPeer) + "\"/>";
    s += text(label_w + len + 4, mid + 4.5, format_number(b.value, 1, lang), "start",
              b.highlight ? "focus val" : "val");
  }
  return s + "</svg>";
}

std::string rank_interval_svg(const std::string& title, const std::vector<IntervalDatum>& rows,
                              int units, const std::string& legend_interval,
                              const std::string& legend_nominal, Lang lang) {
  const RowLabels labels = row_labels(rows, 150, true);
  const double label_w = labels.width + 10, top = 8, line_h = 15, right = 16;
  const double plot_w = kWidth - label_w - right;
  std::vector<double> row_y{top};
  for (const auto& l : labels.lines) row_y.push_back(row_y.back() + 8 + line_h * l.size());
  const double plot_bottom = row_y.back();
  // The legend: one line if both keys fit, else two.
  const double key1 = 30 + text_width(legend_interval, kAxis),
               key2 = 14 + text_width(legend_nominal, kAxis);
  const bool one_line = key1 + 24 + key2 <= kWidth;
  const double legend_y = plot_bottom + 40, h = legend_y + (one_line ? 10 : 28);
  units = std::max(units, 2);
  auto x_of = [&](double rank) { return label_w + (rank - 1) / (units - 1) * plot_w; };
  std::string s = open_svg(kWidth, h, title);
  const double step = std::max(1.0, nice_step(units - 1, 8));
  for (double r = 1; r <= units + 1e-9; r += step) {
    s += line(x_of(r), top, x_of(r), plot_bottom, "class=\"grid\"");
    s += text(x_of(r), plot_bottom + 16, format_number(r, 0, lang), "middle", "axis");
  }
  for (size_t k = 0; k < rows.size(); ++k) {
    const IntervalDatum& d = rows[k];
    const double y = (row_y[k] + row_y[k + 1]) / 2;
    const char* colour = d.highlight ? kFocus : "#555555";
    const auto& lines = labels.lines[k];
    s += lines_text(label_w - 6, y + 4.5 - line_h * static_cast<double>(lines.size() - 1) / 2,
                    lines, line_h, "end", d.highlight ? "focus" : "");
    if (std::isfinite(d.lo) && std::isfinite(d.hi))
      s += "<rect x=\"" + n(x_of(d.lo)) + "\" y=\"" + n(y - 4) + "\" width=\"" +
           n(std::max(2.0, x_of(d.hi) - x_of(d.lo))) + "\" height=\"8\" fill=\"" + colour +
           "\" fill-opacity=\"0.35\" stroke=\"" + colour + "\"/>";
    if (std::isfinite(d.median))
      s += line(x_of(d.median), y - 7, x_of(d.median), y + 7,
                std::string("stroke=\"") + colour + "\" stroke-width=\"2\"");
    if (std::isfinite(d.nominal)) s += marker(0, x_of(d.nominal), y, colour);
  }
  const double lx = 4, ly = legend_y;
  s += "<rect x=\"" + n(lx) + "\" y=\"" + n(ly - 8) +
       "\" width=\"24\" height=\"8\" fill=\"#555555\" fill-opacity=\"0.35\" stroke=\"#555555\"/>";
  s += text(lx + 30, ly, fit(legend_interval, kWidth - lx - 30, kAxis), "start", "axis");
  const double x2 = one_line ? lx + key1 + 24 : lx, y2 = one_line ? ly : ly + 18;
  s += marker(0, x2 + 4, y2 - 4, "#555555");
  s += text(x2 + 14, y2, fit(legend_nominal, kWidth - x2 - 14, kAxis), "start", "axis");
  return s + "</svg>";
}

std::string diverging_svg(const std::string& title, const std::vector<DivergingDatum>& rows,
                          const std::string& left_label, const std::string& right_label,
                          Lang lang) {
  const RowLabels labels = row_labels(rows, 190, false, 3);
  const double label_w = labels.width + 10, value_w = 50, top = 26, line_h = 15;
  const double half = (kWidth - label_w - value_w) / 2;
  std::vector<double> row_y{top};
  for (const auto& l : labels.lines) row_y.push_back(row_y.back() + 8 + line_h * l.size());
  const double h = row_y.back() + 8;
  double span = 1;
  for (const auto& r : rows)
    if (std::isfinite(r.difference)) span = std::max(span, std::abs(r.difference));
  const double zero = label_w + half;
  std::string s = open_svg(kWidth, h, title);
  s += text(zero - 6, 14, fit(left_label, zero - 8, kAxis), "end", "axis") +
       text(zero + 6, 14, fit(right_label, kWidth - zero - 8, kAxis), "start", "axis");
  s += line(zero, top - 4, zero, h - 4, "stroke=\"#000\"");
  for (size_t k = 0; k < rows.size(); ++k) {
    const auto& r = rows[k];
    const double mid = (row_y[k] + row_y[k + 1]) / 2;
    const auto& lines = labels.lines[k];
    s += lines_text(label_w - 6, mid + 4.5 - line_h * static_cast<double>(lines.size() - 1) / 2,
                    lines, line_h, "end", "");
    if (!std::isfinite(r.difference)) continue;
    const double len = std::abs(r.difference) / span * half;
    const bool above = r.difference >= 0;
    s += "<rect x=\"" + n(above ? zero : zero - len) + "\" y=\"" + n(mid - 7) + "\" width=\"" +
         n(len) + "\" height=\"14\" fill=\"" + (above ? kFocus : "#D55E00") + "\"" +
         (above ? "" : " fill-opacity=\"0.85\"") + "/>";
    // A sign only where the rounded value is not zero: never "+0.0" or "-0.0".
    const std::string v = format_number(r.difference, 1, lang);
    const bool zero_text = v == format_number(0, 1, lang);
    // Values beside the zero line on the other side, clear of the labels.
    s += text(above ? zero + len + 4 : zero + 4, mid + 4.5, (above && !zero_text ? "+" : "") + v,
              "start", "val");
  }
  return s + "</svg>";
}

namespace {

struct Scale {
  double x0, x1, y0, y1, ystep;
};

// Years and values over all series, the values on nice ticks.
std::optional<Scale> scale_of(const std::vector<LineSeries>& series) {
  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  for (const auto& s : series)
    for (const auto& [x, y] : s.points)
      x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  if (!std::isfinite(x0)) return std::nullopt;
  if (x1 == x0) x0 -= 1, x1 += 1;
  const double ystep = nice_step(y1 - y0 > 0 ? y1 - y0 : std::max(1.0, std::abs(y0)), 4);
  y0 = std::floor(y0 / ystep) * ystep;
  y1 = std::ceil(y1 / ystep) * ystep;
  if (y1 == y0) y1 = y0 + ystep;
  return Scale{x0, x1, y0, y1, ystep};
}

std::string path_of(const std::vector<std::pair<double, double>>& pts, auto X, auto Y) {
  std::string d;
  for (const auto& [x, y] : pts) d += (d.empty() ? "M" : "L") + n(X(x)) + " " + n(Y(y));
  return d;
}

std::string stroke(const char* colour, const char* width, const char* dash) {
  return std::string(" fill=\"none\" stroke=\"") + colour + "\" stroke-width=\"" + width + "\"" +
         (*dash ? std::string(" stroke-dasharray=\"") + dash + "\"" : std::string());
}

// The median of the series not highlighted, per year (years with 2 or more).
std::vector<std::pair<double, double>> peer_median(const std::vector<LineSeries>& series) {
  std::map<double, std::vector<double>> by_year;
  for (const auto& s : series)
    if (!s.highlight)
      for (const auto& [x, y] : s.points) by_year[x].push_back(y);
  std::vector<std::pair<double, double>> out;
  for (const auto& [x, ys] : by_year)
    if (ys.size() >= 2) out.emplace_back(x, median_of(ys));
  return out;
}

// One panel per series (focus first), the peer median in each.
std::string small_multiples(const std::string& title, const std::string& y_label,
                            const std::vector<LineSeries>& series, const std::string& median_label,
                            Lang lang, const Scale& sc) {
  std::vector<const LineSeries*> order;
  for (const auto& s : series)
    if (s.highlight) order.push_back(&s);
  for (const auto& s : series)
    if (!s.highlight) order.push_back(&s);
  const auto median = peer_median(series);
  const int decimals = step_decimals(sc.ystep);
  auto tick = [&](double v) { return format_number(v, decimals, lang); };
  const double axis_w =
      std::max(text_width(tick(sc.y0), kAxis), text_width(tick(sc.y1), kAxis)) + 6;
  const size_t cols = 3, rows = (order.size() + cols - 1) / cols;
  const double gap = 12, key_h = 24, title_h = 19, plot_h = 64, foot_h = 24;
  const double panel_w = (kWidth - axis_w - gap * (cols - 1)) / cols;
  const double panel_h = title_h + plot_h + foot_h;
  const double h = key_h + panel_h * static_cast<double>(rows) + 20;
  std::string s = open_svg(kWidth, h, title);
  // The key: the peer median (each panel is named by its title).
  s += line(0, 10, 22, 10, stroke("#000", "1.5", "4 3").substr(1));
  s += text(28, 14, fit(median_label, kWidth - 28, kAxis), "start", "axis");
  for (size_t k = 0; k < order.size(); ++k) {
    const LineSeries& ls = *order[k];
    const double px = axis_w + static_cast<double>(k % cols) * (panel_w + gap);
    const size_t row = k / cols;  // whole rows of panels above this one
    const double py = key_h + static_cast<double>(row) * panel_h;
    const double top = py + title_h, bottom = top + plot_h;
    auto X = [&](double x) { return px + (x - sc.x0) / (sc.x1 - sc.x0) * panel_w; };
    auto Y = [&](double y) { return bottom - (y - sc.y0) / (sc.y1 - sc.y0) * plot_h; };
    s += text(px, py + 14, fit(ls.label, panel_w, kLabel, ls.highlight), "start",
              ls.highlight ? "focus" : "");
    s += "<rect x=\"" + n(px) + "\" y=\"" + n(top) + "\" width=\"" + n(panel_w) + "\" height=\"" +
         n(plot_h) + "\" fill=\"none\" stroke=\"" + (ls.highlight ? kFocus : "#cccccc") +
         "\" stroke-width=\"" + (ls.highlight ? "2" : "1") + "\"/>";
    if (k % cols == 0) {  // the value scale on the left of each row
      s += text(px - 4, top + 4, tick(sc.y1), "end", "axis");
      s += text(px - 4, bottom, tick(sc.y0), "end", "axis");
    }
    s += text(px + 2, bottom + 14, year(sc.x0), "start", "axis");
    s += text(px + panel_w - 2, bottom + 14, year(sc.x1), "end", "axis");
    if (!median.empty())
      s += "<path d=\"" + path_of(median, X, Y) + "\"" + stroke("#000", "1.5", "4 3") + "/>";
    const char* colour = ls.highlight ? kFocus : "#333333";
    s += "<path d=\"" + path_of(ls.points, X, Y) + "\"" +
         stroke(colour, ls.highlight ? "3" : "1.8", "") + "/>";
    for (const auto& [x, y] : ls.points) s += marker(0, X(x), Y(y), colour);
  }
  s += text(0, h - 4, fit(y_label, kWidth, kAxis), "start", "axis");
  return s + "</svg>";
}

}  // namespace

std::string line_chart_svg(const std::string& title, const std::string& y_label,
                           const std::vector<LineSeries>& series, const std::string& median_label,
                           Lang lang) {
  const auto sc = scale_of(series);
  if (!sc) return open_svg(kWidth, 40, title) + text(0, 20, "-") + "</svg>";
  if (series.size() > kMaxLineSeries)
    return small_multiples(title, y_label, series, median_label, lang, *sc);
  const int decimals = step_decimals(sc->ystep);
  double axis_w = 0;
  for (double y = sc->y0; y <= sc->y1 + sc->ystep / 2; y += sc->ystep)
    axis_w = std::max(axis_w, text_width(format_number(y, decimals, lang), kAxis));
  // The legend's room: its longest label, up to a third of the chart.
  double legend_text = 0;
  for (const auto& ls : series)
    legend_text = std::max(legend_text, text_width(ls.label, kLabel, ls.highlight));
  legend_text = std::min(legend_text, kWidth / 3);
  const double left = axis_w + 10, top = 14, plot_h = 200, legend_w = legend_text + 44;
  const double plot_w = kWidth - left - legend_w;
  const double h = std::max(top + plot_h + 44, top + 18 * static_cast<double>(series.size()) + 10);
  std::string s = open_svg(kWidth, h, title);
  auto X = [&](double x) { return left + (x - sc->x0) / (sc->x1 - sc->x0) * plot_w; };
  auto Y = [&](double y) { return top + plot_h - (y - sc->y0) / (sc->y1 - sc->y0) * plot_h; };
  for (double y = sc->y0; y <= sc->y1 + sc->ystep / 2; y += sc->ystep) {
    s += line(left, Y(y), left + plot_w, Y(y), "class=\"grid\"");
    s += text(left - 6, Y(y) + 4, format_number(y, decimals, lang), "end", "axis");
  }
  const double xstep = std::max(1.0, std::ceil(nice_step(sc->x1 - sc->x0, 6)));  // whole years
  for (double x = std::ceil(sc->x0); x <= sc->x1 + 1e-9; x += xstep)
    s += text(X(x), top + plot_h + 16, year(x), "middle", "axis");
  s += text(0, top + plot_h + 36, fit(y_label, kWidth, kAxis), "start", "axis");
  // The focus series last, so it is drawn on top.
  std::vector<size_t> order;
  for (size_t k = 0; k < series.size(); ++k)
    if (!series[k].highlight) order.push_back(k);
  for (size_t k = 0; k < series.size(); ++k)
    if (series[k].highlight) order.push_back(k);
  size_t peer = 0;
  struct Key {
    std::string svg, label;
    bool focus;
  };
  std::vector<Key> legend;
  for (size_t k : order) {
    const LineSeries& ls = series[k];
    const bool focus = ls.highlight;
    const size_t style = focus ? 0 : peer++;
    const char* colour = focus ? kFocus : kPalette[style % 6];
    const char* dash = focus ? "" : kDashes[(style + 1) % 6];
    const int shape = focus ? 0 : static_cast<int>(style % 4) + 1;
    const char* width = focus ? "3" : "1.8";
    s += "<path d=\"" + path_of(ls.points, X, Y) + "\"" + stroke(colour, width, dash) + "/>";
    for (const auto& [x, y] : ls.points) s += marker(shape, X(x), Y(y), colour);
    legend.push_back(
        {line(0, 0, 22, 0, stroke(colour, width, dash).substr(1)) + marker(shape, 11, 0, colour),
         ls.label, focus});
  }
  std::reverse(legend.begin(), legend.end());  // focus first
  for (size_t k = 0; k < legend.size(); ++k) {
    const double ly = top + 10 + 18 * static_cast<double>(k);
    s += "<g transform=\"translate(" + n(left + plot_w + 14) + " " + n(ly) + ")\">" +
         legend[k].svg + "</g>";
    s += text(left + plot_w + 42, ly + 4,
              fit(legend[k].label, kWidth - (left + plot_w + 42), kLabel, legend[k].focus), "start",
              legend[k].focus ? "focus" : "");
  }
  return s + "</svg>";
}

}  // namespace omvarld
