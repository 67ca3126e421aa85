// How the reports look (issue 13, items 7-14): chart text that fits its
// chart, numbers by language in the charts too, small multiples for many
// series, the dashboard, the data-availability table by the indicators'
// names, and Swedish digests and review pages without English. The browser
// measures the same in tests/e2e/report.mjs; here the charts are checked
// against text_width, the estimate they are laid out with.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "parse/csv_table.h"
#include "report/dashboard.h"
#include "report/flags_report.h"
#include "report/markup.h"
#include "report/svg_charts.h"
#include "support/markup_text.h"
#include "support/test_support.h"
#include "web/review_pages.h"

namespace omvarld {
namespace {

using test::run_omvarld;

const std::string kData = std::string(OMVARLD_SOURCE_DIR) + "/tests/report/data/";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using test::parse_markup;
using test::visible_text;

// The text of a node as one line, spaces squashed.
std::string squashed(const pugi::xml_node& node) {
  std::string out;
  for (char c : visible_text(node)) {
    if (c == '\n') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// No English phrase of `phrases` as a whole word in `text`.
void expect_no_english(const std::string& text, const std::vector<std::string>& phrases,
                       const std::string& page) {
  for (const std::string& phrase : phrases) {
    const std::regex word("(^|[^A-Za-zåäöÅÄÖ])" + phrase + "($|[^A-Za-zåäöÅÄÖ])");
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, word))
        << "English \"" << phrase << "\" in the Swedish " << page << ": ..."
        << text.substr(static_cast<size_t>(std::max<std::ptrdiff_t>(0, m.position() - 60)), 140)
        << "...";
  }
}

// ---- Charts ----------------------------------------------------------------------

// Each <text> of an SVG chart, with where text_width says it extends.
struct Extent {
  std::string text;
  double left, right, y;
};
std::vector<Extent> extents(const std::string& svg) {
  pugi::xml_document doc = parse_markup(svg);
  std::vector<Extent> out;
  for (auto x : doc.select_nodes("//*[local-name()='text']")) {
    const pugi::xml_node t = x.node();
    const std::string cls = t.attribute("class").value();
    const double size = cls.find("axis") != std::string::npos ? 13 : 14;
    const bool bold = cls.find("focus") != std::string::npos;
    const std::string anchor = t.attribute("text-anchor").value();
    std::vector<std::string> lines;
    if (t.child("tspan"))
      for (pugi::xml_node span : t.children("tspan")) lines.push_back(span.child_value());
    else
      lines.push_back(t.child_value());
    for (const auto& l : lines) {
      const double w = text_width(l, size, bold), x0 = t.attribute("x").as_double();
      const double left = anchor == "end" ? x0 - w : anchor == "middle" ? x0 - w / 2 : x0;
      out.push_back({l, left, left + w, t.attribute("y").as_double()});
    }
  }
  return out;
}

void expect_text_inside(const std::string& svg) {
  pugi::xml_document doc = parse_markup(svg);
  double x, y, w, h;
  ASSERT_EQ(std::sscanf(doc.first_child().attribute("viewBox").value(), "%lf %lf %lf %lf", &x, &y,
                        &w, &h),
            4);
  for (const Extent& e : extents(svg)) {
    EXPECT_GE(e.left, 0) << "\"" << e.text << "\" leaves the chart at the left";
    EXPECT_LE(e.right, w) << "\"" << e.text << "\" leaves the chart at the right";
    EXPECT_GE(e.y - 14, 0) << "\"" << e.text << "\" leaves the chart at the top";
    EXPECT_LE(e.y + 4, h) << "\"" << e.text << "\" leaves the chart at the bottom";
  }
}

TEST(TextWidth, WrapsAtSpacesAndCutsWhatDoesNotFit) {
  const std::string label =
      "Kulturutbud som konserthus, teatrar, museer och bibliotek: mycket nöjd";
  auto lines = wrap_text(label, 150, 14, false, 2);
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& l : lines) EXPECT_LE(text_width(l, 14, false), 150) << l;
  EXPECT_EQ(label.rfind(lines[0], 0), 0u);                          // the words as written
  EXPECT_EQ(lines[1].substr(lines[1].size() - 3), "\xE2\x80\xA6");  // cut: an ellipsis
  EXPECT_EQ(wrap_text("Oslo", 150, 14, false, 2), std::vector<std::string>{"Oslo"});
  // One word longer than a line is cut too.
  auto one = wrap_text(std::string(60, 'm'), 100, 14, true, 2);
  for (const auto& l : one) EXPECT_LE(text_width(l, 14, true), 100) << l;
  // Bold is wider; wide letters wider than narrow ones.
  EXPECT_GT(text_width("Stockholm", 14, true), text_width("Stockholm", 14, false));
  EXPECT_GT(text_width("WWW", 14), text_width("iii", 14));
}

TEST(Charts, LongLabelsInEitherLanguageStayInsideTheChart) {
  const std::vector<std::string> labels = {
      "Green spaces such as public parks or gardens: very satisfied",
      "Kulturutbud som konserthus, teatrar, museer och bibliotek: mycket nöjd",
      "Information and services of the local public administration can be easily accessed "
      "online: strongly agree",
      "Oslo"};
  std::vector<DivergingDatum> div;
  std::vector<BarDatum> bars;
  std::vector<IntervalDatum> intervals;
  for (size_t k = 0; k < labels.size(); ++k) {
    div.push_back({labels[k], k % 2 ? -88.46 : 71.4});
    bars.push_back({labels[k], k == 3 ? kNaN : 100.0 / static_cast<double>(k + 1), k == 0});
    intervals.push_back({labels[k], 1.0 + static_cast<double>(k), 2, 1, 4, k == 1});
  }
  for (Lang l : {Lang::kEn, Lang::kSv}) {
    expect_text_inside(diverging_svg("t", div, "below the peer median", "above", l));
    expect_text_inside(bar_chart_svg(
        "t", bars, 100, 99.9,
        {.reference_label = "median för jämförelsestäderna", .no_data = "uppgift saknas"}, l));
    expect_text_inside(rank_interval_svg("t", intervals, 15,
                                         "placeringar i 90 % av körningarna (intervall)",
                                         "nominell placering", l));
  }
}

TEST(Charts, NumbersByLanguageAndNeverMinusZero) {
  const std::vector<DivergingDatum> rows = {{"a", -0.04}, {"b", 62.44}, {"c", -1234.5}};
  const std::string sv = diverging_svg("t", rows, "under", "över", Lang::kSv);
  const std::string en = diverging_svg("t", rows, "below", "above", Lang::kEn);
  EXPECT_NE(sv.find(">+62,4<"), std::string::npos) << sv;
  EXPECT_NE(sv.find(">-1\xC2\xA0"
                    "234,5<"),
            std::string::npos)
      << sv;
  EXPECT_NE(en.find(">+62.4<"), std::string::npos) << en;
  EXPECT_NE(en.find(">-1,234.5<"), std::string::npos) << en;
  for (const std::string* s : {&sv, &en}) {
    EXPECT_EQ(s->find("-0.0"), std::string::npos);
    EXPECT_EQ(s->find("-0,0"), std::string::npos);
    EXPECT_EQ(s->find("+0"), std::string::npos);  // a difference that rounds to zero has no sign
  }
  const std::string bars = bar_chart_svg("t", {{"Oslo", 41.46, false}}, 100, 50.56,
                                         {.reference_label = "median"}, Lang::kSv);
  EXPECT_NE(bars.find(">41,5<"), std::string::npos) << bars;
  EXPECT_NE(bars.find(">median 50,6<"), std::string::npos) << bars;
  // The peer median's line is drawn before the values, which have a halo over it.
  EXPECT_LT(bars.find("stroke-dasharray=\"5 3\""), bars.find(">41,5<"));
  EXPECT_NE(bars.find("class=\"val\">41,5<"), std::string::npos);
  const std::string lines = line_chart_svg(
      "t", "nätter", {{"Stockholm", {{2000, 0.5}, {2017, 1.5}}, true}}, "median", Lang::kSv);
  EXPECT_NE(lines.find(">0,50<"), std::string::npos) << lines;
  EXPECT_NE(lines.find(">2000<"), std::string::npos) << "a year has no thousands separator";
  EXPECT_EQ(lines.find(">0.5"), std::string::npos);
}

TEST(Charts, ManySeriesAreSmallMultiplesWithTheFocusFirstAndTheMedian) {
  std::vector<LineSeries> series;
  for (int k = 0; k < 15; ++k)
    series.push_back({"City " + std::to_string(k),
                      {{2004, 10.0 + k}, {2010, 12.0 + k}, {2019, 15.0 + k}},
                      k == 7});
  const std::string svg =
      line_chart_svg("Public transport", "% of respondents", series, "peer median", Lang::kEn);
  expect_text_inside(svg);
  pugi::xml_document doc = parse_markup(svg);
  // One panel per city, each named once; the city in focus first and bold.
  auto names = doc.select_nodes("//*[local-name()='text'][starts-with(., 'City ')]");
  ASSERT_EQ(names.size(), 15u);
  EXPECT_STREQ(names[0].node().child_value(), "City 7");
  EXPECT_STREQ(names[0].node().attribute("class").value(), "focus");
  // The peer median in every panel (dashed), named in the key.
  EXPECT_EQ(doc.select_nodes("//*[local-name()='path'][@stroke-dasharray='4 3']").size(), 15u);
  EXPECT_NE(svg.find(">peer median<"), std::string::npos);
  // Up to six series: one chart with a legend.
  series.resize(kMaxLineSeries);
  const std::string one = line_chart_svg("t", "u", series, "peer median", Lang::kEn);
  expect_text_inside(one);
  EXPECT_EQ(one.find("peer median"), std::string::npos);
}

// ---- The dashboard -----------------------------------------------------------------

TEST(Dashboard, StandingInFifths) {
  EXPECT_EQ(standing_fifth(1, 5), 0);
  EXPECT_EQ(standing_fifth(3, 5), 2);
  EXPECT_EQ(standing_fifth(5, 5), 4);
  EXPECT_EQ(standing_fifth(3, 15), 0);
  EXPECT_EQ(standing_fifth(4, 15), 1);
  EXPECT_EQ(standing_fifth(15, 15), 4);
  EXPECT_EQ(standing_fifth(2.5, 4), 2);
  EXPECT_EQ(standing_fifth(2, 5), 1);
  EXPECT_EQ(standing_fifth(3, 3), 4);
  EXPECT_EQ(standing_fifth(1, 1), 0);
  EXPECT_EQ(standing_fifth(kNaN, 5), -1);
  EXPECT_EQ(standing_fifth(1, 0), -1);
}

TEST(Dashboard, FocusCityFirstAndEveryCellSaysItsStandingInText) {
  Dashboard d;
  d.cities = {"Oslo", "Helsingfors", "Stockholm"};
  d.focus = 2;
  DashboardRow trust{"Tillit", "% av de svarande", "Demokratisk hållbarhet", true, {}};
  trust.cells = {{"35,8\xC2\xA0%", "", false, false, 1, 3},
                 {"", "", false, false, kNaN, 0},
                 {"21,8\xC2\xA0%", "2012", true, false, 3, 3}};
  DashboardRow online{"Digitala tjänster", "% av de svarande", "Demokratisk hållbarhet", false, {}};
  online.cells = {{"40,0\xC2\xA0%", "", false, false, 1, 2},
                  {"", "", false, false, kNaN, 0},
                  {"30,0\xC2\xA0%", "", false, false, 2, 2}};
  d.rows = {trust, online};
  pugi::xml_document doc = parse_markup(dashboard_html(d, Lang::kSv));
  auto heads = doc.select_nodes("//*[local-name()='thead']//*[local-name()='th']");
  ASSERT_EQ(heads.size(), 4u);
  EXPECT_STREQ(heads[1].node().child_value(), "Stockholm");
  EXPECT_STREQ(heads[1].node().attribute("class").value(), "focus");
  EXPECT_STREQ(heads[2].node().child_value(), "Oslo");
  // One heading row for the dimension, then the rows: label and unit.
  auto rows = doc.select_nodes("//*[local-name()='tbody']/*[local-name()='tr']");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(visible_text(rows[0].node()), "Demokratisk hållbarhet\n");
  EXPECT_EQ(visible_text(rows[1].node().first_child()), "Tillit\n% av de svarande\n");
  // Each cell: the raw value as given (with its unit), then a cue in text.
  auto cells = doc.select_nodes("//*[local-name()='td']");
  ASSERT_EQ(cells.size(), 6u);
  EXPECT_EQ(squashed(cells[0].node()), "21,8\xC2\xA0% 3/3 (2012, äldre)");
  EXPECT_STREQ(cells[0].node().attribute("class").value(), "focus q4");
  EXPECT_EQ(squashed(cells[1].node()), "35,8\xC2\xA0% 1/3");
  EXPECT_STREQ(cells[1].node().attribute("class").value(), "q0");
  EXPECT_EQ(squashed(cells[2].node()), "inget värde");
  // Too few cities: the rank as text, but no colour.
  EXPECT_STREQ(cells[3].node().attribute("class").value(), "focus qn");
  EXPECT_EQ(squashed(cells[3].node()), "30,0\xC2\xA0% 2/2");
  for (auto c : cells) {
    const std::string text = visible_text(c.node());
    EXPECT_TRUE(std::regex_search(text, std::regex("\\d+/\\d+")) || text == "inget värde\n")
        << "a cell with colour alone: " << text;
  }
}

TEST(Dashboard, MarkdownTablesPerDimensionWithTheRankInText) {
  Dashboard d;
  d.cities = {"Oslo", "Helsinki", "Stockholm"};
  d.focus = 2;
  DashboardRow trust{"Trust | in the city", "% of respondents", "Democracy", true, {}};
  trust.cells = {{"35.8%", "", false, false, 1, 3},
                 {"", "", false, false, kNaN, 0},
                 {"21.8%", "2012", true, false, 3, 3}};
  DashboardRow online{"Online services", "", "Democracy", false, {}};
  online.cells = {{"40.0%", "", false, false, 1, 2},
                  {"", "", false, false, kNaN, 0},
                  {"30.0%", "", false, false, 2, 2}};
  DashboardRow green{"Green areas", "", "Environment", true, {}};
  green.cells = {
      {"1", "", false, false, 2, 2}, {"", "", false, false, kNaN, 0}, {"2", "", false, true, 1, 2}};
  d.rows = {trust, online, green};
  const std::string md = dashboard_markdown(d, Lang::kEn);
  // One table per dimension, each with its heading; the focus city first.
  EXPECT_NE(md.find("### Democracy\n\n| Indicator | Stockholm | Oslo | Helsinki |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("### Environment\n\n| Indicator | Stockholm | Oslo | Helsinki |"),
            std::string::npos)
      << md;
  // Each row: label (escaped), unit; each cell its value and rank, the focus in bold; odd
  // values say why; an indicator below the rule says it is not compared.
  EXPECT_NE(md.find("| Trust \\| in the city (% of respondents) | **21.8% 3/3 (2012, old)** | "
                    "35.8% 1/3 | no value |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| Online services, *not compared* | **30.0% 2/2** | 40.0% 1/2 | no value |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| Green areas | **2 1/2 (imp.)** | 1 2/2 | no value |"), std::string::npos)
      << md;
  // Every table row has as many cells as its header.
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("| ", 0) == 0) {
      size_t bars = 0;
      for (size_t i = 0; i < line.size(); ++i)
        if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
      EXPECT_EQ(bars, 5u) << line;
    }
}

// The golden report's data (tests/report/data), through the real binary.
struct Page {
  std::string html, csv;
};
Page golden_page(const test::TempDir& dir, const std::string& lang) {
  std::filesystem::create_directories(dir.file("out"));
  const std::string out = dir.file("out/b-" + lang + ".html");
  auto r = run_omvarld({"report", "benchmark", "-q", "--config", kData + "config", "--framework",
                        "golden", "--group", "golden", "--input", kData + "golden_data.csv",
                        "--lang", lang, "--out", out, "--csv"},
                       {"SOURCE_DATE_EPOCH=1764288000"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return {test::read_file(out), test::read_file(dir.file("out/b-" + lang + ".csv"))};
}

TEST(BenchmarkLayout, DashboardAndAvailabilityByNamesWithTheFocusCityFirst) {
  test::TempDir dir;
  Page p = golden_page(dir, "en");
  pugi::xml_document doc = parse_markup(p.html);
  for (const char* table : {"dashboard", "availability"}) {
    const std::string at = std::string("//*[@id='") + table + "']";
    auto heads = doc.select_nodes((at + "//*[local-name()='thead']//*[local-name()='th']").c_str());
    ASSERT_GT(heads.size(), 2u) << table;
    EXPECT_EQ(visible_text(heads[1].node()), "Stockholm\n") << table;
  }
  // Stockholm's trust: its raw value with the unit, its rank, the old year.
  const std::string dash = squashed(doc.select_node("//*[@id='dashboard']").node());
  EXPECT_NE(dash.find("70.3% 1/5 (2012, old)"), std::string::npos) << dash;
  EXPECT_NE(dash.find("% of respondents"), std::string::npos);
  EXPECT_NE(dash.find("per 1,000 inhabitants"), std::string::npos);
  // Neither table is headed by the indicators' codes: by their names.
  auto codes = parse_csv(p.csv, "b.csv");
  ASSERT_TRUE(codes.ok());
  std::set<std::string> indicator_codes;
  for (const auto& row : codes->rows)
    if (row[2].text == "1") indicator_codes.insert(row[3].text);
  ASSERT_GT(indicator_codes.size(), 3u);
  for (const char* table : {"dashboard", "availability"}) {
    const std::string text =
        visible_text(doc.select_node((std::string("//*[@id='") + table + "']").c_str()).node());
    for (const auto& code : indicator_codes)
      EXPECT_EQ(text.find("\n" + code + "\n"), std::string::npos) << code << " in the " << table;
    EXPECT_NE(text.find("\nAll companies\n"), std::string::npos) << table;
  }
}

TEST(BenchmarkLayout, NoMinusZeroAndChartNumbersByLanguage) {
  test::TempDir dir;
  for (const char* lang : {"en", "sv"}) {
    Page p = golden_page(dir, lang);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(p.html, m, std::regex("[-\xE2\x88\x92]0[.,]0+($|[^0-9])")))
        << lang << ": " << m.str();
    if (std::string(lang) != "sv") continue;
    // Every number in the charts with a decimal comma (coordinates aside).
    pugi::xml_document doc = parse_markup(p.html);
    for (auto svg : doc.select_nodes("//*[local-name()='svg']")) {
      const std::string text = visible_text(svg.node());
      EXPECT_FALSE(std::regex_search(text, m, std::regex("[0-9]\\.[0-9]")))
          << "a decimal point in a chart: " << m.str();
    }
  }
}

// ---- Swedish digest and review page -------------------------------------------------

// English of the digest and the review page (as they were) that a Swedish
// page must not contain, matched as whole words.
const std::vector<std::string> kEnglishPhrases = {
    "Assignee",
    "Assigned to",
    "assignee",
    "Decide",
    "Decisions",
    "Decision history",
    "Changed by harvests",
    "harvest run",
    "closed",
    "open",
    "new",
    "forthcoming",
    "note",
    "title",
    "deadline",
    "summary",
    "Deadline",
    "days left",
    "Score",
    "Why",
    "Committee",
    "Note",
    "Source",
    "items",
    "item",
    "flagged",
    "worth a look",
    "dismissed",
    "responded",
    "not relevant",
    "Tilldelat",
    "Besluta",
    "Handläggare",
    "Ändrat av hämtningar",
};

StoredItem consultation(int64_t id, const std::string& status) {
  StoredItem it;
  it.id = id;
  it.source = "have-your-say";
  it.title = "Affordable housing";
  it.deadline = "2025-12-30T23:59:59Z";
  it.status = status;
  it.score = 80;
  it.flagged = true;
  it.themes = "housing";
  it.why = "housing (title: housing, rent; topics: housing); transport (summary: bus)";
  it.committee = "Stadsbyggnadsnämnden";
  it.first_seen = "2025-11-25T00:00:00Z";
  it.review_status = ReviewStatus::kRelevant;
  it.assignee = "Stadsbyggnadsnämnden";
  it.note = "Svara via Eurocities";
  it.model_p = 0.73;
  it.link = "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/1-x";
  return it;
}

TEST(SwedishPages, DigestHasNoEnglishAndCountsOneItemInTheSingular) {
  FlagsDigestInput in;
  in.now = 1764288000;
  in.since = "2025-11-20T00:00:00Z";
  in.since_label = "(den förra sammanställningen)";
  in.items.push_back(consultation(1, "open"));
  ReportContext ctx;
  ctx.lang = Lang::kSv;
  ctx.version = "0.1.0";
  ctx.generated_at = "2025-11-28";
  FlagsDigest d = render_flags_digest(in, ctx);
  pugi::xml_document doc = parse_markup(d.html);
  const std::string text = visible_text(doc);
  expect_no_english(text, kEnglishPhrases, "digest");
  expect_no_english(d.markdown, kEnglishPhrases, "digest (Markdown)");
  EXPECT_NE(text.find("1 ärende flaggat eller värt en titt (1 fortfarande öppet för synpunkter); "
                      "1 nytt sedan"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Ansvarig\nStadsbyggnadsnämnden"), std::string::npos) << text;
  EXPECT_NE(text.find("inlärd modell: 73\xC2\xA0%"), std::string::npos) << text;
  EXPECT_NE(text.find("ansvarig nämnd"), std::string::npos);
  EXPECT_NE(text.find("housing (titel: housing, rent; ämnen: housing); transport (sammanfattning: "
                      "bus)"),
            std::string::npos)
      << text;
  EXPECT_EQ(why_text("not (in: the) shape", Lang::kSv, nullptr), "not (in: the) shape");
  in.items.push_back(consultation(2, "open"));
  const std::string two = render_flags_digest(in, ctx).markdown;
  EXPECT_NE(two.find("2 ärenden flaggade eller värda en titt (2 fortfarande öppna"),
            std::string::npos)
      << two;
}

TEST(SwedishPages, ItemPageAndInboxHaveNoEnglish) {
  PageContext c;
  c.lang = Lang::kSv;
  c.now = 1764288000;
  c.csrf = "token";
  ItemDetails d;
  d.item = consultation(7, "closed");
  d.reviews = {{"2025-11-26T10:00:00Z", "anna", "status", "new", "relevant"},
               {"2025-11-26T10:00:00Z", "anna", "assignee", "", "Stadsbyggnadsnämnden"},
               {"2025-11-26T10:00:00Z", "anna", "note", "", "Svara via Eurocities"}};
  d.changes = {
      {"2025-11-27T04:00:00Z", "harvest run 12", "status", "open", "closed"},
      {"2025-11-27T04:00:00Z", "harvest run 12", "deadline", "2025-12-01", "2025-12-30"},
      {"2025-11-27T04:00:00Z", "harvest run 12", "title", "Housing", "Affordable housing"}};
  pugi::xml_document doc = parse_markup(item_page(d, c));
  // The item's own title is feed text, in the language it was written in.
  for (auto h1 : doc.select_nodes("//*[local-name()='h1']"))
    h1.node().parent().remove_child(h1.node());
  const std::string text = visible_text(doc);
  expect_no_english(text, kEnglishPhrases, "item page");
  for (const char* want :
       {"Fatta beslut", "Beslutshistorik", "Ändringar vid hämtning", "Ansvarig", "Status\nstängt",
        "hämtning 12", "sista dag", "titel", "anteckning", "Nytt\nRelevant"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " not in\n" << text;
  InboxView v;
  v.page.items = {consultation(7, "open")};
  v.page.total = 1;
  const std::string inbox = visible_text(parse_markup(inbox_page(v, InboxFilter{}, c)));
  EXPECT_NE(inbox.find("(1 ärende)"), std::string::npos) << inbox;
}

}  // namespace
}  // namespace omvarld
