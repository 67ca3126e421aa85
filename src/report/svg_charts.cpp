#include "report/svg_charts.h"

#include <algorithm>
#include <cmath>
#include <limits>

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

// At most `max` code points, with an ellipsis when cut (the full text stays
// in the chart's table or list).
std::string shorten(const std::string& s, size_t max) {
  size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (points == max) return s.substr(0, i) + "\xE2\x80\xA6";
      ++points;
    }
  }
  return s;
}

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
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

}  // namespace

std::string bar_chart_svg(const std::string& title, const std::vector<BarDatum>& bars,
                          double max_value, const std::string& reference_label, double reference,
                          bool show_reference, const std::string& no_data_text) {
  const double label_w = 170, bar_w = 430, row_h = 22, top = 8, w = label_w + bar_w + 70;
  const double h = top + row_h * static_cast<double>(bars.size()) + 34;
  if (!(max_value > 0)) max_value = 1;
  std::string s = open_svg(w, h, title);
  for (int t = 0; t <= 4; ++t) {  // grid and axis labels
    const double x = label_w + bar_w * t / 4.0;
    s += "<line x1=\"" + n(x) + "\" y1=\"" + n(top) + "\" x2=\"" + n(x) + "\" y2=\"" + n(h - 26) +
         "\" class=\"grid\"/>";
    s += text(x, h - 12, one_decimal(max_value * t / 4.0), "middle", "axis");
  }
  for (size_t k = 0; k < bars.size(); ++k) {
    const BarDatum& b = bars[k];
    const double y = top + row_h * static_cast<double>(k);
    s += text(label_w - 6, y + 15, shorten(b.label, 26), "end", b.highlight ? "focus" : "");
    if (std::isnan(b.value)) {
      s += text(label_w + 4, y + 15, no_data_text, "start", "nodata");
      continue;
    }
    const double len = std::clamp(b.value / max_value, 0.0, 1.0) * bar_w;
    s += "<rect x=\"" + n(label_w) + "\" y=\"" + n(y + 4) + "\" width=\"" + n(len) +
         "\" height=\"" + n(row_h - 8) + "\" fill=\"" + (b.highlight ? kFocus : kPeer) + "\"/>";
    s += text(label_w + len + 4, y + 15, one_decimal(b.value), "start", b.highlight ? "focus" : "");
  }
  if (show_reference && std::isfinite(reference)) {
    const double x = label_w + std::clamp(reference / max_value, 0.0, 1.0) * bar_w;
    s += "<line x1=\"" + n(x) + "\" y1=\"" + n(top) + "\" x2=\"" + n(x) + "\" y2=\"" + n(h - 26) +
         "\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>";
    s += text(x + 3, h - 28, reference_label + " " + one_decimal(reference), "start", "axis");
  }
  return s + "</svg>";
}

std::string rank_interval_svg(const std::string& title, const std::vector<IntervalDatum>& rows,
                              int units, const std::string& legend_interval,
                              const std::string& legend_nominal) {
  const double label_w = 170, plot_w = 430, row_h = 22, top = 8, w = label_w + plot_w + 40;
  const double h = top + row_h * static_cast<double>(rows.size()) + 58;
  units = std::max(units, 2);
  auto x_of = [&](double rank) { return label_w + (rank - 1) / (units - 1) * plot_w; };
  std::string s = open_svg(w, h, title);
  const double step = std::max(1.0, nice_step(units - 1, 8));
  for (double r = 1; r <= units + 1e-9; r += step) {
    s += "<line x1=\"" + n(x_of(r)) + "\" y1=\"" + n(top) + "\" x2=\"" + n(x_of(r)) + "\" y2=\"" +
         n(h - 50) + "\" class=\"grid\"/>";
    s += text(x_of(r), h - 36, n(r), "middle", "axis");
  }
  for (size_t k = 0; k < rows.size(); ++k) {
    const IntervalDatum& d = rows[k];
    const double y = top + row_h * static_cast<double>(k) + 11;
    const char* colour = d.highlight ? kFocus : "#555555";
    s += text(label_w - 6, y + 4, shorten(d.label, 26), "end", d.highlight ? "focus" : "");
    if (std::isfinite(d.lo) && std::isfinite(d.hi))
      s += "<rect x=\"" + n(x_of(d.lo)) + "\" y=\"" + n(y - 4) + "\" width=\"" +
           n(std::max(2.0, x_of(d.hi) - x_of(d.lo))) + "\" height=\"8\" fill=\"" + colour +
           "\" fill-opacity=\"0.35\" stroke=\"" + colour + "\"/>";
    if (std::isfinite(d.median))
      s += "<line x1=\"" + n(x_of(d.median)) + "\" y1=\"" + n(y - 7) + "\" x2=\"" +
           n(x_of(d.median)) + "\" y2=\"" + n(y + 7) + "\" stroke=\"" + colour +
           "\" stroke-width=\"2\"/>";
    if (std::isfinite(d.nominal)) s += marker(0, x_of(d.nominal), y, colour);
  }
  const double ly = h - 14;
  s += "<rect x=\"" + n(label_w) + "\" y=\"" + n(ly - 8) +
       "\" width=\"24\" height=\"8\" fill=\"#555555\" fill-opacity=\"0.35\" stroke=\"#555555\"/>";
  s += text(label_w + 30, ly, legend_interval, "start", "axis");
  s += marker(0, label_w + 260, ly - 4, "#555555");
  s += text(label_w + 268, ly, legend_nominal, "start", "axis");
  return s + "</svg>";
}

std::string diverging_svg(const std::string& title, const std::vector<DivergingDatum>& rows,
                          const std::string& left_label, const std::string& right_label) {
  const double label_w = 300, half = 170, row_h = 22, top = 24, w = label_w + 2 * half + 50;
  const double h = top + row_h * static_cast<double>(rows.size()) + 12;
  double span = 1;
  for (const auto& r : rows)
    if (std::isfinite(r.difference)) span = std::max(span, std::abs(r.difference));
  const double zero = label_w + half;
  std::string s = open_svg(w, h, title);
  s += text(zero - 6, 14, left_label, "end", "axis") +
       text(zero + 6, 14, right_label, "start", "axis");
  s += "<line x1=\"" + n(zero) + "\" y1=\"" + n(top - 4) + "\" x2=\"" + n(zero) + "\" y2=\"" +
       n(h - 8) + "\" stroke=\"#000\"/>";
  for (size_t k = 0; k < rows.size(); ++k) {
    const auto& r = rows[k];
    const double y = top + row_h * static_cast<double>(k);
    s += text(label_w - 6, y + 15, shorten(r.label, 46), "end");
    if (!std::isfinite(r.difference)) continue;
    const double len = std::abs(r.difference) / span * half;
    const bool above = r.difference >= 0;
    s += "<rect x=\"" + n(above ? zero : zero - len) + "\" y=\"" + n(y + 4) + "\" width=\"" +
         n(len) + "\" height=\"" + n(row_h - 8) + "\" fill=\"" + (above ? kFocus : "#D55E00") +
         "\"" + (above ? "" : " fill-opacity=\"0.85\"") + "/>";
    std::string v = (above ? "+" : "") + one_decimal(r.difference);
    // Values beside the zero line on the other side, clear of the labels.
    s += text(above ? zero + len + 4 : zero + 4, y + 15, v, "start");
  }
  return s + "</svg>";
}

std::string line_chart_svg(const std::string& title, const std::string& y_label,
                           const std::vector<LineSeries>& series) {
  const double left = 60, plot_w = 470, top = 14, plot_h = 200, legend_w = 170;
  const double w = left + plot_w + legend_w, h = top + plot_h + 44;
  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  for (const auto& s : series)
    for (const auto& [x, y] : s.points)
      x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  std::string s = open_svg(w, h, title);
  if (!std::isfinite(x0)) return s + text(left, top + 20, "-") + "</svg>";
  if (x1 == x0) x0 -= 1, x1 += 1;
  const double ystep = nice_step(y1 - y0 > 0 ? y1 - y0 : std::max(1.0, std::abs(y0)), 5);
  y0 = std::floor(y0 / ystep) * ystep;
  y1 = std::ceil(y1 / ystep) * ystep;
  if (y1 == y0) y1 = y0 + ystep;
  auto X = [&](double x) { return left + (x - x0) / (x1 - x0) * plot_w; };
  auto Y = [&](double y) { return top + plot_h - (y - y0) / (y1 - y0) * plot_h; };
  for (double y = y0; y <= y1 + ystep / 2; y += ystep) {
    s += "<line x1=\"" + n(left) + "\" y1=\"" + n(Y(y)) + "\" x2=\"" + n(left + plot_w) +
         "\" y2=\"" + n(Y(y)) + "\" class=\"grid\"/>";
    s += text(left - 6, Y(y) + 4, svg_number(y), "end", "axis");
  }
  const double xstep = std::max(1.0, std::ceil(nice_step(x1 - x0, 6)));  // whole years
  for (double x = std::ceil(x0); x <= x1 + 1e-9; x += xstep)
    s += text(X(x), top + plot_h + 16, svg_number(x), "middle", "axis");
  s += text(left, top + plot_h + 34, y_label, "start", "axis");
  // The focus series last, so it is drawn on top.
  std::vector<size_t> order;
  for (size_t k = 0; k < series.size(); ++k)
    if (!series[k].highlight) order.push_back(k);
  for (size_t k = 0; k < series.size(); ++k)
    if (series[k].highlight) order.push_back(k);
  size_t peer = 0;
  std::vector<std::pair<std::string, std::string>> legend;  // svg snippet, label
  for (size_t k : order) {
    const LineSeries& ls = series[k];
    const bool focus = ls.highlight;
    const size_t style = focus ? 0 : peer++;
    const char* colour = focus ? kFocus : kPalette[style % 6];
    const char* dash = focus ? "" : kDashes[(style + 1) % 6];
    const int shape = focus ? 0 : static_cast<int>(style % 4) + 1;
    std::string d;
    for (const auto& [x, y] : ls.points) d += (d.empty() ? "M" : "L") + n(X(x)) + " " + n(Y(y));
    s += "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"" +
         (focus ? "3" : "1.8") + "\"" +
         (*dash ? std::string(" stroke-dasharray=\"") + dash + "\"" : std::string()) + "/>";
    for (const auto& [x, y] : ls.points) s += marker(shape, X(x), Y(y), colour);
    std::string key = "<line x1=\"0\" y1=\"0\" x2=\"22\" y2=\"0\" stroke=\"" + std::string(colour) +
                      "\" stroke-width=\"" + (focus ? "3" : "1.8") + "\"" +
                      (*dash ? std::string(" stroke-dasharray=\"") + dash + "\"" : std::string()) +
                      "/>" + marker(shape, 11, 0, colour);
    legend.emplace_back(key, ls.label);
  }
  std::reverse(legend.begin(), legend.end());  // focus first
  for (size_t k = 0; k < legend.size(); ++k) {
    const double ly = top + 10 + 18 * static_cast<double>(k);
    s += "<g transform=\"translate(" + n(left + plot_w + 16) + " " + n(ly) + ")\">" +
         legend[k].first + "</g>";
    s += text(left + plot_w + 44, ly + 4, legend[k].second, "start",
              k == 0 && series.size() && series[order.back()].highlight ? "focus" : "");
  }
  return s + "</svg>";
}

}  // namespace omvarld
