#include "report/dashboard.h"

#include <algorithm>
#include <cmath>

#include "report/markup.h"

namespace omvarld {
namespace {

std::string h(const std::string& s) { return xml_escape(s); }

struct Texts {
  Tr heading, intro, legend, fifths[5], no_value, not_compared, old, imputed, indicator, intro_text,
      not_compared_mark;
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
    .intro_text = {.en = "Each city's value of each indicator, %s first, with its rank among the "
                         "cities with a value beside it (2/5: second of five, 1 is best). An "
                         "indicator known for fewer than %s cities is marked as not compared.",
                   .sv = "Varje stads värde för varje indikator, %s först, med dess placering "
                         "bland städerna med ett värde bredvid (2/5: tvåa av fem, 1 är bäst). En "
                         "indikator som är känd för färre än %s städer är märkt som inte jämförd."},
    .not_compared_mark = {.en = "not compared", .sv = "jämförs inte"},
};

// The city in focus first, then the others in their order.
std::vector<size_t> focus_first(const Dashboard& d) {
  std::vector<size_t> order;
  if (d.focus < d.cities.size()) order.push_back(d.focus);
  for (size_t c = 0; c < d.cities.size(); ++c)
    if (c != d.focus) order.push_back(c);
  return order;
}

// "2/5" for a ranked cell, "" otherwise.
std::string rank_text(const DashboardCell& cell, Lang l) {
  if (!(cell.rank >= 1) || cell.ranked < 1) return "";
  return format_number(cell.rank, cell.rank == std::floor(cell.rank) ? 0 : 1, l) + "/" +
         std::to_string(cell.ranked);
}

// "2018", "imp.", "2015, old": what is odd about the cell's value, or "".
std::string note_text(const DashboardCell& cell, Lang l) {
  std::string note = cell.imputed ? std::string(kTexts.imputed[l]) : cell.year;
  if (cell.old) note += (note.empty() ? "" : ", ") + std::string(kTexts.old[l]);
  return note;
}

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
  const std::vector<size_t> order = focus_first(d);
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
      if (const std::string rank = rank_text(cell, l); !rank.empty())
        s += " <span class=\"rk\">" + rank + "</span>";
      if (const std::string note = note_text(cell, l); !note.empty())
        s += " <span class=\"yr\">(" + h(note) + ")</span>";
      s += "</td>";
    }
    s += "</tr>\n";
  }
  return s + "</tbody></table></div>\n</section>\n";
}

std::string dashboard_markdown(const Dashboard& d, Lang l) {
  const Texts& t = kTexts;
  const std::vector<size_t> order = focus_first(d);
  auto md = [](const std::string& s) { return markdown_text(s); };
  const std::string focus = d.focus < d.cities.size() ? d.cities[d.focus] : std::string();
  std::string s = "## " + std::string(t.heading[l]) + "\n\n" +
                  md(fill(t.intro_text[l], {focus, std::to_string(d.min_cities)})) + "\n";
  auto header = [&] {
    std::string out = "\n| " + std::string(t.indicator[l]) + " |";
    for (size_t c : order) out += " " + md(d.cities[c]) + " |";
    out += "\n|---|";
    for (size_t k = 0; k < order.size(); ++k) out += "---:|";
    return out + "\n";
  };
  std::string group;
  bool open = false;
  for (const DashboardRow& row : d.rows) {
    if (!open || (row.group != group && !row.group.empty())) {
      if (!row.group.empty()) s += "\n### " + md(row.group) + "\n";
      s += header();
      open = true;
    }
    group = row.group;
    s += "| " + md(row.label) + (row.unit.empty() ? "" : " (" + md(row.unit) + ")") +
         (row.compared ? "" : ", *" + std::string(t.not_compared_mark[l]) + "*") + " |";
    for (size_t c : order) {
      const DashboardCell cell = c < row.cells.size() ? row.cells[c] : DashboardCell{};
      if (cell.value.empty()) {
        s += " " + std::string(t.no_value[l]) + " |";
        continue;
      }
      std::string text = md(cell.value);
      if (const std::string rank = rank_text(cell, l); !rank.empty()) text += " " + rank;
      if (const std::string note = note_text(cell, l); !note.empty()) text += " (" + md(note) + ")";
      s += " " + (c == d.focus ? "**" + text + "**" : text) + " |";
    }
    s += "\n";
  }
  return s;
}

}  // namespace omvarld
