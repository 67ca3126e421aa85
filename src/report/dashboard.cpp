#include "report/dashboard.h"

#include <algorithm>
#include <cmath>

#include "report/markup.h"

namespace omvarld {
namespace {

std::string h(const std::string& s) { return xml_escape(s); }

struct Texts {
  Tr heading, intro, legend, fifths[5], no_value, not_compared, old, imputed, indicator;
};
constexpr Texts kTexts = {
    .heading = {.en = "Dashboard: every indicator", .sv = "Översikt: alla indikatorer"},
    .intro = {.en = "Each city's value of each indicator, %s first. The colour shows where the "
                    "city stands among the cities with a value, and so does the rank beside it "
                    "(2/5: second of five, 1 is best), for readers who do not see the colours.",
              .sv = "Varje stads värde för varje indikator, %s först. Färgen visar var staden "
                    "står bland städerna med ett värde, och det gör också placeringen bredvid "
                    "(2/5: tvåa av fem, 1 är bäst), för läsare som inte ser färgerna."},
    .legend = {.en = "Colours", .sv = "Färger"},
    .fifths = {{.en = "best fifth", .sv = "bästa femtedelen"},
               {.en = "second fifth", .sv = "andra femtedelen"},
               {.en = "middle fifth", .sv = "mittersta femtedelen"},
               {.en = "fourth fifth", .sv = "fjärde femtedelen"},
               {.en = "worst fifth", .sv = "sämsta femtedelen"}},
    .no_value = {.en = "no value", .sv = "inget värde"},
    .not_compared = {.en = "known for fewer than %s cities: not compared, no colour",
                     .sv = "känt för färre än %s städer: jämförs inte, ingen färg"},
    .old = {.en = "old", .sv = "äldre"},
    .imputed = {.en = "imp.", .sv = "imp."},
    .indicator = {.en = "Indicator", .sv = "Indikator"},
};

}  // namespace

int standing_fifth(double rank, int ranked) {
  if (!(rank >= 1) || ranked < 1) return -1;
  if (ranked == 1) return 0;
  // Where the rank lies between the best (0) and the worst (1), in fifths.
  const double at = std::clamp((rank - 1) / (ranked - 1), 0.0, 1.0);
  return std::min(4, static_cast<int>(std::floor(at * 5)));
}

std::string dashboard_html(const Dashboard& d, Lang l) {
  const Texts& t = kTexts;
  std::vector<size_t> order;
  if (d.focus < d.cities.size()) order.push_back(d.focus);
  for (size_t c = 0; c < d.cities.size(); ++c)
    if (c != d.focus) order.push_back(c);
  const std::string focus = d.focus < d.cities.size() ? d.cities[d.focus] : std::string();
  std::string s = "<section id=\"dashboard\">\n<h2>" + std::string(t.heading[l]) + "</h2>\n<p>" +
                  h(fill(t.intro[l], {focus})) + "</p>\n<p class=\"legend\">" + t.legend[l] + ":";
  for (int f = 0; f < 5; ++f)
    s += " <span class=\"q" + std::to_string(f) + "\">" + t.fifths[f][l] + "</span>";
  s += " <span class=\"qn\">" + h(fill(t.not_compared[l], {std::to_string(d.min_cities)})) +
       "</span></p>\n";
  s += "<div class=\"wide\"><table class=\"dashboard\">\n<thead><tr><th>" +
       std::string(t.indicator[l]) + "</th>";
  for (size_t c : order)
    s += std::string("<th") + (c == d.focus ? " class=\"focus\"" : "") + ">" + h(d.cities[c]) +
         "</th>";
  s += "</tr></thead>\n<tbody>\n";
  std::string group;
  for (const DashboardRow& row : d.rows) {
    if (row.group != group && !row.group.empty())
      s += "<tr class=\"group\"><th colspan=\"" + std::to_string(order.size() + 1) + "\">" +
           h(row.group) + "</th></tr>\n";
    group = row.group;
    s += "<tr><th class=\"ind\">" + h(row.label) +
         (row.unit.empty() ? "" : "<br/><span class=\"unit\">" + h(row.unit) + "</span>") + "</th>";
    for (size_t c : order) {
      const DashboardCell cell = c < row.cells.size() ? row.cells[c] : DashboardCell{};
      std::string cls = c == d.focus ? "focus" : "";
      auto add = [&](const std::string& k) { cls += (cls.empty() ? "" : " ") + k; };
      if (cell.value.empty()) {
        add("qx");
        s += "<td class=\"" + cls + "\">" + t.no_value[l] + "</td>";
        continue;
      }
      const int f = row.compared ? standing_fifth(cell.rank, cell.ranked) : -1;
      add(f >= 0 ? "q" + std::to_string(f) : "qn");
      s += "<td class=\"" + cls + "\">" + h(cell.value);
      if (f >= 0 || (cell.rank >= 1 && cell.ranked > 0))
        s += " <span class=\"rk\">" +
             format_number(cell.rank, cell.rank == std::floor(cell.rank) ? 0 : 1, l) + "/" +
             std::to_string(cell.ranked) + "</span>";
      if (!cell.year.empty() || cell.old || cell.imputed) {
        std::string note = cell.imputed ? std::string(t.imputed[l]) : cell.year;
        if (cell.old) note += (note.empty() ? "" : ", ") + std::string(t.old[l]);
        s += " <span class=\"yr\">(" + h(note) + ")</span>";
      }
      s += "</td>";
    }
    s += "</tr>\n";
  }
  return s + "</tbody></table></div>\n</section>\n";
}

}  // namespace omvarld
