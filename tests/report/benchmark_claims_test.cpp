// What the benchmark report claims, checked against what the data and the
// uncertainty support: the headline's rule on constructed rank intervals
// (clear first, shared first, clear last, shared last, no index), golden
// reports in both languages on constructed data (tests/report/data/config,
// golden_data.csv) whose sentences are read back and compared with the
// numbers, the framework's denominators applied by default, the texts in
// both languages, and Swedish pages without English.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "analysis/focus.h"
#include "parse/csv_table.h"
#include "report/benchmark_report.h"
#include "report/benchmark_texts.h"
#include "report/markup.h"
#include "support/markup_text.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using test::run_omvarld;

const std::string kData = std::string(OMVARLD_SOURCE_DIR) + "/tests/report/data/";
const std::string kGolden = std::string(OMVARLD_SOURCE_DIR) + "/tests/report/golden/";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- The headline's rule ----------------------------------------------------

struct Case {
  Eigen::VectorXd ranks, q05, q95;
};
RankStats stats_of(const Case& c) {
  RankStats s;
  s.runs = 1000;
  s.nominal = s.mean = s.median = c.ranks;
  s.q05 = c.q05;
  s.q95 = c.q95;
  return s;
}
Eigen::VectorXd v(std::initializer_list<double> x) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(x.size()));
  Eigen::Index i = 0;
  for (double d : x) out[i++] = d;
  return out;
}
const std::vector<std::string> kCities{"Stockholm", "Copenhagen", "Oslo", "Helsinki", "Reykjavik"};
const std::vector<std::string> kCitiesSv{"Stockholm", "Köpenhamn", "Oslo", "Helsingfors",
                                         "Reykjavik"};

HeadlineInput input(const Placing& p, Lang lang) {
  const auto& names = lang == Lang::kSv ? kCitiesSv : kCities;
  HeadlineInput in;
  in.placing = p;
  in.focus = names[0];
  in.index = lang == Lang::kSv ? "indexet för hållbar stad" : "the sustainable city index";
  in.period = lang == Lang::kSv ? " 2019" : " in 2019";
  for (size_t k : p.shared) in.shared.push_back(names[k]);
  for (size_t k : p.not_separated) in.not_separated.push_back(names[k]);
  in.dimensions = 4;
  in.dimensions_present = 2;
  in.dimensions_needed = 3;
  in.runs = 1000;
  return in;
}

TEST(Headline, ClearFirstWhenNoOtherIntervalReachesIt) {
  Case c{v({1, 2, 3, 4, 5}), v({1, 2, 2, 4, 5}), v({1, 3, 3, 5, 5})};
  RankStats st = stats_of(c);
  Placing p = placing(c.ranks, &st, 0);
  EXPECT_EQ(p.standing, Standing::kClearFirst);
  EXPECT_TRUE(p.not_separated.empty());
  const std::string en = headline_text(input(p, Lang::kEn), Lang::kEn);
  EXPECT_EQ(en.rfind("Stockholm ranks first of 5 on the sustainable city index in 2019, and the "
                     "uncertainty does not change that",
                     0),
            0u)
      << en;
  EXPECT_EQ(en.find("share"), std::string::npos);
  const std::string sv = headline_text(input(p, Lang::kSv), Lang::kSv);
  EXPECT_EQ(sv.rfind("Stockholm hamnar på plats 1 av 5 i indexet för hållbar stad 2019", 0), 0u)
      << sv;
  EXPECT_NE(sv.find("hamnar Stockholm på plats 1."), std::string::npos) << sv;
}

TEST(Headline, SharedFirstWhenBothIntervalsReachFirstPlace) {
  // The case: Stockholm nominally first, Copenhagen's median first.
  Case c{v({1, 2, 3, 4, 5}), v({1, 1, 3, 3, 5}), v({2, 2, 4, 4, 5})};
  RankStats st = stats_of(c);
  Placing p = placing(c.ranks, &st, 0);
  EXPECT_EQ(p.standing, Standing::kSharedFirst);
  ASSERT_EQ(p.shared, std::vector<size_t>{1});
  const std::string en = headline_text(input(p, Lang::kEn), Lang::kEn);
  EXPECT_EQ(en.rfind("Stockholm and Copenhagen share first place among 5 cities on the sustainable "
                     "city index in 2019: the difference between them is within the uncertainty.",
                     0),
            0u)
      << en;
  EXPECT_NE(en.find("Stockholm ranks between 1 and 2."), std::string::npos) << en;
  const std::string sv = headline_text(input(p, Lang::kSv), Lang::kSv);
  EXPECT_EQ(sv.rfind("Stockholm och Köpenhamn delar förstaplatsen bland 5 städer i indexet för "
                     "hållbar stad 2019",
                     0),
            0u)
      << sv;
  EXPECT_NE(sv.find("I 90 % av 1\xC2\xA0"
                    "000 Monte Carlo-körningar"),
            std::string::npos)
      << sv;
  // Also when the city in focus is nominally second: the place is shared.
  Placing second = placing(c.ranks, &st, 1);
  EXPECT_EQ(second.standing, Standing::kSharedFirst);
  EXPECT_EQ(second.shared, std::vector<size_t>{0});
}

TEST(Headline, ThreeShareFirstPlaceNamedInRankOrder) {
  Case c{v({2, 1, 3, 4, 5}), v({1, 1, 1, 3, 5}), v({3, 2, 3, 4, 5})};
  RankStats st = stats_of(c);
  Placing p = placing(c.ranks, &st, 0);
  ASSERT_EQ(p.standing, Standing::kSharedFirst);
  EXPECT_EQ(headline_text(input(p, Lang::kEn), Lang::kEn)
                .rfind("Stockholm, Copenhagen and Oslo share first place", 0),
            0u);
  EXPECT_EQ(headline_text(input(p, Lang::kSv), Lang::kSv)
                .rfind("Stockholm, Köpenhamn och Oslo delar förstaplatsen", 0),
            0u);
}

TEST(Headline, ClearLastAndSharedLast) {
  Case c{v({5, 1, 2, 3, 4}), v({5, 1, 2, 2, 3}), v({5, 1, 3, 4, 4})};
  RankStats st = stats_of(c);
  Placing p = placing(c.ranks, &st, 0);
  EXPECT_EQ(p.standing, Standing::kClearLast);
  EXPECT_EQ(headline_text(input(p, Lang::kEn), Lang::kEn)
                .rfind("Stockholm ranks last, 5 of 5, on the sustainable city index in 2019", 0),
            0u);
  EXPECT_EQ(
      headline_text(input(p, Lang::kSv), Lang::kSv)
          .rfind("Stockholm hamnar på sista plats, 5 av 5, i indexet för hållbar stad 2019", 0),
      0u);
  Case shared{v({5, 1, 2, 3, 4}), v({4, 1, 2, 2, 3}), v({5, 1, 3, 4, 5})};
  RankStats st2 = stats_of(shared);
  Placing q = placing(shared.ranks, &st2, 0);
  EXPECT_EQ(q.standing, Standing::kSharedLast);
  EXPECT_EQ(q.shared, std::vector<size_t>{4});
  EXPECT_EQ(headline_text(input(q, Lang::kEn), Lang::kEn)
                .rfind("Stockholm and Reykjavik share last place among 5 cities", 0),
            0u);
}

TEST(Headline, MiddlePlaceNamesTheCitiesItIsNotSeparatedFrom) {
  Case c{v({3, 1, 2, 4, 5}), v({2, 1, 2, 3, 5}), v({4, 1, 3, 4, 5})};
  RankStats st = stats_of(c);
  Placing p = placing(c.ranks, &st, 0);
  EXPECT_EQ(p.standing, Standing::kPlace);
  EXPECT_EQ(p.not_separated, (std::vector<size_t>{2, 3}));
  EXPECT_EQ(headline_text(input(p, Lang::kEn), Lang::kEn),
            "Stockholm ranks 3 of 5 on the sustainable city index in 2019, but the uncertainty "
            "does not separate it from Oslo and Helsinki. In 90% of 1,000 Monte Carlo runs over "
            "the methodological choices, Stockholm ranks between 2 and 4.");
}

TEST(Headline, CityWithoutAnIndexSaysWhy) {
  Case c{v({kNaN, 1, 2, 3, 4}), v({kNaN, 1, 2, 3, 4}), v({kNaN, 1, 2, 3, 4})};
  RankStats st = stats_of(c);
  Placing p = placing(c.ranks, &st, 0);
  EXPECT_EQ(p.standing, Standing::kNoIndex);
  EXPECT_EQ(p.ranked, 4);
  EXPECT_EQ(headline_text(input(p, Lang::kEn), Lang::kEn),
            "Stockholm has no score on the sustainable city index in 2019: it has data for 2 of 4 "
            "dimensions, and the index needs 3.");
  EXPECT_EQ(headline_text(input(p, Lang::kSv), Lang::kSv),
            "Stockholm får inget värde i indexet för hållbar stad 2019: staden har data för 2 av 4 "
            "dimensioner, och indexet kräver 3.");
  // Without intervals, a rank and no claim about the uncertainty.
  Placing none = placing(v({1, 2}), nullptr, 0);
  EXPECT_EQ(none.standing, Standing::kNoIntervals);
}

// ---- Texts and numbers ------------------------------------------------------------

int placeholders(const char* s) {
  int n = 0;
  for (const char* p = s; *p; ++p)
    if (*p == '%' && (p[1] == 's' || p[1] == 'd')) ++n, ++p;
  return n;
}

TEST(BenchmarkTexts, EveryMessageHasBothLanguagesAndTheSamePlaceholders) {
  std::set<std::string> names;
  for (const auto& m : kBenchmarkTexts) {
    EXPECT_TRUE(names.insert(m.name).second) << "twice: " << m.name;
    ASSERT_NE(m.text, nullptr) << m.name;
    EXPECT_NE(std::string(m.text->en.text), "") << m.name << " has no English";
    EXPECT_NE(std::string(m.text->sv.text), "") << m.name << " has no Swedish";
    EXPECT_EQ(placeholders(m.text->en.text), placeholders(m.text->sv.text)) << m.name;
  }
  // Every message of the header is in the list.
  const std::string header =
      test::read_file(std::string(OMVARLD_SOURCE_DIR) + "/src/report/benchmark_texts.h");
  size_t defined = 0;
  for (size_t at = header.find("inline constexpr Tr k"); at != std::string::npos;
       at = header.find("inline constexpr Tr k", at + 1))
    ++defined;
  EXPECT_EQ(defined, std::size(kBenchmarkTexts));
}

TEST(FormatNumber, ByLanguage) {
  EXPECT_EQ(format_number(62.44, 1, Lang::kEn), "62.4");
  EXPECT_EQ(format_number(62.44, 1, Lang::kSv), "62,4");
  EXPECT_EQ(format_number(1000, 0, Lang::kEn), "1,000");
  EXPECT_EQ(format_number(1000, 0, Lang::kSv),
            "1\xC2\xA0"
            "000");
  EXPECT_EQ(format_number(340848, 0, Lang::kSv),
            "340\xC2\xA0"
            "848");
  EXPECT_EQ(format_number(-1234567.25, 2, Lang::kEn), "-1,234,567.25");
  EXPECT_EQ(format_number(-0.04, 1, Lang::kEn), "0.0");  // never "-0.0"
  EXPECT_EQ(format_number(-0.04, 1, Lang::kSv), "0,0");
  EXPECT_EQ(format_number(999.96, 1, Lang::kSv),
            "1\xC2\xA0"
            "000,0");
  EXPECT_EQ(format_number(kNaN, 1, Lang::kEn), "");
  EXPECT_EQ(format_rank(10.96, Lang::kSv), "11");  // not "11,0"
  EXPECT_EQ(format_rank(2.5, Lang::kSv), "2,5");
  EXPECT_EQ(format_rank(3, Lang::kEn), "3");
}

// ---- Golden reports on constructed data ------------------------------------------

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = kGolden + name;
  if (std::getenv("OMVARLD_UPDATE_GOLDEN")) {
    test::write_file(path, actual);
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " missing; run with OMVARLD_UPDATE_GOLDEN=1";
  EXPECT_EQ(test::read_file(path), actual) << name << " differs from its golden file";
}

struct Report {
  std::string html, md, csv, db;
};

Report golden_report(const test::TempDir& dir, const std::string& lang) {
  std::filesystem::create_directories(dir.file("out"));
  const std::string out = dir.file("out/benchmark-" + lang + ".html");
  auto r = run_omvarld(
      {"report", "benchmark", "-q", "--config", kData + "config", "--framework", "golden",
       "--group", "golden", "--input", kData + "golden_data.csv", "--lang", lang, "--out", out,
       "--markdown", "--csv", "--db", dir.file("private/analyst.db")},
      {"SOURCE_DATE_EPOCH=1764288000"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  Report rep;
  rep.html = test::read_file(out);
  rep.md = test::read_file(dir.file("out/benchmark-" + lang + ".md"));
  rep.csv = test::read_file(dir.file("out/benchmark-" + lang + ".csv"));
  rep.db = dir.file("private/analyst.db");
  return rep;
}

using test::parse_markup;
using test::visible_text;

std::string text_of(const pugi::xml_document& doc, const char* xpath) {
  auto n = doc.select_node(xpath);
  return n ? visible_text(n.node(), true) : std::string();
}

struct IndexRow {
  std::string name;
  double rank, q05, q95;
};
// The index rows of the report's CSV, by unit code.
std::map<std::string, IndexRow> index_rows(const std::string& csv) {
  auto t = parse_csv(csv, "benchmark.csv");
  EXPECT_TRUE(t.ok());
  std::map<std::string, IndexRow> out;
  if (!t.ok()) return out;
  auto col = [&](const char* n) {
    for (size_t k = 0; k < t->header.size(); ++k)
      if (t->header[k] == n) return k;
    ADD_FAILURE() << "no column " << n;
    return size_t{0};
  };
  const size_t unit = col("unit"), code = col("code"), rank = col("rank"), q05 = col("rank_q05"),
               q95 = col("rank_q95"), name = col("name");
  auto num = [](const CsvCell& c) { return c.text.empty() ? kNaN : std::stod(c.text); };
  for (const auto& row : t->rows)
    if (row[code].text == "index")
      out[row[unit].text] = {row[name].text, num(row[rank]), num(row[q05]), num(row[q95])};
  return out;
}

TEST(BenchmarkClaims, GoldenReportsInBothLanguages) {
  test::TempDir dir;
  for (const char* lang : {"en", "sv"}) {
    Report r = golden_report(dir, lang);
    expect_golden(std::string("claims-") + lang + ".html", r.html);
    expect_golden(std::string("claims-") + lang + ".md", r.md);
  }
  expect_golden("claims.csv", golden_report(dir, "en").csv);
}

TEST(BenchmarkClaims, SharedFirstPlaceExactlyWhenTheIntervalsSaySo) {
  test::TempDir dir;
  const std::map<std::string, std::string> en_names{{"SE001C", "Stockholm"},
                                                    {"DK001C", "Copenhagen"},
                                                    {"NO001C", "Oslo"},
                                                    {"FI001C", "Helsinki"}};
  Report r = golden_report(dir, "en");
  auto rows = index_rows(r.csv);
  ASSERT_TRUE(rows.count("SE001C"));
  const IndexRow& focus = rows["SE001C"];
  std::vector<std::string> sharing;  // other cities whose interval reaches first place
  for (const auto& [code, row] : rows)
    if (code != "SE001C" && row.q05 <= 1) sharing.push_back(en_names.at(code));
  pugi::xml_document doc = parse_markup(r.html);
  const std::string headline = text_of(doc, "//*[@id='headline']");
  ASSERT_FALSE(headline.empty());
  // The constructed data are made for a shared first place.
  ASSERT_LE(focus.q05, 1);
  ASSERT_FALSE(sharing.empty());
  const bool says_shared = headline.find("share first place") != std::string::npos;
  EXPECT_EQ(says_shared, focus.q05 <= 1 && !sharing.empty()) << headline;
  // "Stockholm and X share first place among N cities on ... in 2019:"
  std::smatch m;
  ASSERT_TRUE(std::regex_search(headline, m,
                                std::regex("^(.+) share first place among (\\d+) cities on the "
                                           "sustainable city index in (\\d{4}):")))
      << headline;
  std::string expected = "Stockholm";
  for (size_t k = 0; k < sharing.size(); ++k)
    expected += (k + 1 == sharing.size() ? " and " : ", ") + sharing[k];
  // Named in rank order in the report; compare as sets.
  auto set_of = [](std::string s) {
    std::set<std::string> out;
    s = std::regex_replace(s, std::regex(" and "), ", ");
    size_t at = 0;
    while (at <= s.size()) {
      size_t comma = s.find(", ", at);
      out.insert(s.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
      if (comma == std::string::npos) break;
      at = comma + 2;
    }
    return out;
  };
  EXPECT_EQ(set_of(m[1]), set_of(expected));
  int ranked = 0;
  for (const auto& [code, row] : rows) ranked += !std::isnan(row.rank);
  EXPECT_EQ(std::stoi(m[2]), ranked);
  EXPECT_EQ(m[3], "2019");
  // The interval the headline quotes is the city's own.
  EXPECT_NE(headline.find("Stockholm ranks between " + format_rank(focus.q05, Lang::kEn) + " and " +
                          format_rank(focus.q95, Lang::kEn) + "."),
            std::string::npos)
      << headline;
}

TEST(BenchmarkClaims, MissingDimensionTwoCityIndicatorOldYearAndDenominator) {
  test::TempDir dir;
  Report r = golden_report(dir, "en");
  pugi::xml_document doc = parse_markup(r.html);
  // Oslo has no economic data: n/a in the cell, its index marked 3 of 4.
  auto oslo = doc.select_node("//*[@id='ranking']//*[local-name()='tr'][*[2]='Oslo']");
  ASSERT_TRUE(oslo);
  const std::string row = visible_text(oslo.node(), false);
  EXPECT_NE(row.find("(3 of 4 dimensions)"), std::string::npos) << row;
  EXPECT_NE(row.find("n/a"), std::string::npos) << row;
  // Reykjavik has two of four: not ranked, with the reason.
  EXPECT_EQ(text_of(doc, "//*[@id='not-ranked']"),
            "Not ranked: Reykjavik (data for 2 of 4 dimensions, the index needs 3).\n");
  EXPECT_TRUE(std::isnan(index_rows(r.csv)["IS001C"].rank));
  // Online services: known for 2 cities, never a strength or weakness.
  const std::string strengths = text_of(doc, "//*[@id='strengths']");
  const std::string weaknesses = text_of(doc, "//*[@id='weaknesses']");
  const std::string not_compared = text_of(doc, "//*[@id='not-compared']");
  EXPECT_NE(not_compared.find("n = 2, not compared"), std::string::npos) << not_compared;
  EXPECT_NE(not_compared.find("online"), std::string::npos) << not_compared;
  EXPECT_EQ(strengths.find("online"), std::string::npos);
  EXPECT_EQ(weaknesses.find("online"), std::string::npos);
  // Every finding: raw value with unit, year, rank among those that have it, then the score.
  const std::regex finding(
      ": [0-9.,]+(%| )[^(]*\\((\\d{4})(; older year: the latest among the cities is \\d{4})?\\), "
      "rank \\d+ of \\d+; score [0-9.]+ against the peer median [0-9.]+");
  for (const std::string* list : {&strengths, &weaknesses}) {
    std::stringstream lines(*list);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
      if (line.rfind(": ", 0) != 0) continue;  // the name is its own text node
      EXPECT_TRUE(std::regex_search(line, finding)) << line;
      ++n;
    }
    EXPECT_GT(n, 0);
  }
  // Stockholm's trust is from 2012 beside others' 2019: marked where it is shown.
  EXPECT_NE(strengths.find("70.3% of respondents (2012; older year: the latest among the cities "
                           "is 2019)"),
            std::string::npos)
      << strengths;
  // Companies per 1,000 inhabitants: 110,250 / 974,073 * 1,000 = 113.
  const std::string all = visible_text(doc, false);
  EXPECT_NE(all.find("113 per 1,000 inhabitants (2019)"), std::string::npos);
  EXPECT_NE(all.find("Denominators: all companies per 1,000 inhabitants"), std::string::npos);
  // Nothing private: not the database path, the data's source instead.
  EXPECT_EQ(r.html.find(r.db), std::string::npos);
  EXPECT_EQ(r.html.find(dir.path()), std::string::npos);
  EXPECT_NE(all.find("Data: the analyst's file golden_data.csv; reference period 2019."),
            std::string::npos);
}

// Phrases of the English report (and of the methodology as it was) that a
// Swedish page must not contain. Matched as whole words in the visible text.
const char* const kEnglishPhrases[] = {
    "Framework",
    "screening",
    "Screening",
    "left out",
    "Left out",
    "runs",
    "seed",
    "nights",
    "respondents",
    "peer median",
    "inhabitants",
    "not compared",
    "dimensions",
    "Rank",
    "rank",
    "Strengths",
    "Weaknesses",
    "Methodology",
    "Data vintages",
    "Harvested",
    "Source",
    "imputed",
    "no data",
    "n/a",
    "older year",
    "of the",
    "the",
    "and",
    "with",
    "from",
    "share",
    "among",
    "Ranking",
    "Uncertainty",
    "Coherence",
    "Notes",
    "Choices",
    "Outliers",
    "Weights",
    "Aggregation",
    "Normalisation",
    "arithmetic mean",
    "min-max to",
    "Missing values",
    "Denominators",
    "per 1,000",
    "City",
    "Median rank",
    "interval",
    "Trends",
    "availability",
    "Generated",
    "of respondents",
    "companies",
    "Data selection",
    "reference period",
    "Not ranked",
    "score",
};

TEST(BenchmarkClaims, SwedishPagesHaveNoEnglishAndSwedishNumbers) {
  test::TempDir dir;
  Report r = golden_report(dir, "sv");
  pugi::xml_document doc = parse_markup(r.html);
  // Every text, the charts', the dashboard's and the data-availability
  // table's (by the indicators' names) included.
  const std::string with_charts = visible_text(doc, true);
  for (const char* phrase : kEnglishPhrases) {
    const std::regex word(std::string("(^|[^A-Za-zåäöÅÄÖ])") + phrase + "($|[^A-Za-zåäöÅÄÖ])");
    std::smatch m;
    EXPECT_FALSE(std::regex_search(with_charts, m, word))
        << "English \"" << phrase << "\" in the Swedish page: ..."
        << with_charts.substr(static_cast<size_t>(std::max<std::ptrdiff_t>(0, m.position() - 60)),
                              140)
        << "...";
  }
  EXPECT_NE(r.md.find("delar förstaplatsen"), std::string::npos);
  // Numbers with a decimal comma and a no-break space between thousands
  // (the tables and text; the charts draw their own numbers: svg_charts).
  const std::string text = visible_text(doc, false);
  std::smatch m;
  // (A version number, "omvarld 0.1.0", is not a decimal.)
  EXPECT_FALSE(std::regex_search(text, m, std::regex("(^|[^0-9.])[0-9]+\\.[0-9]+($|[^0-9.])")))
      << "a decimal point: " << m.str();
  EXPECT_NE(text.find("113 per 1\xC2\xA0"
                      "000 invånare (2019)"),
            std::string::npos);
  EXPECT_NE(text.find("I 90 % av 1\xC2\xA0"
                      "000 Monte Carlo-körningar"),
            std::string::npos);
  // Swedish place names.
  EXPECT_NE(text.find("Köpenhamn"), std::string::npos);
  EXPECT_NE(text.find("Helsingfors"), std::string::npos);
  EXPECT_EQ(text.find("København"), std::string::npos);
}

// ---- Denominators: what the framework declares is what is ranked --------------

std::map<std::string, std::pair<double, double>> companies(const std::string& csv) {
  auto t = parse_csv(csv, "rank.csv");
  std::map<std::string, std::pair<double, double>> out;  // unit -> (value, rank)
  if (!t.ok()) return out;
  for (const auto& row : t->rows)
    if (row[3].text == "companies" && !row[6].text.empty())
      out[row[0].text] = {std::stod(row[6].text), std::stod(row[5].text)};
  return out;
}

TEST(BenchmarkClaims, RankDividesByTheFrameworksDenominatorUnlessToldNot) {
  const std::vector<std::string> base{
      "rank",   "--config", kData + "config",          "--framework", "golden", "--group",
      "golden", "--input",  kData + "golden_data.csv", "--format",    "csv"};
  auto per = run_omvarld(base);
  ASSERT_EQ(per.exit_code, 0) << per.err;
  auto args = base;
  args.push_back("--no-denominate");
  auto counts = run_omvarld(args);
  ASSERT_EQ(counts.exit_code, 0) << counts.err;
  auto p = companies(per.out), c = companies(counts.out);
  ASSERT_TRUE(p.count("SE001C") && c.count("SE001C"));
  EXPECT_NEAR(p["SE001C"].first, 110250.0 / 974073.0 * 1000, 1e-9);
  EXPECT_EQ(c["SE001C"].first, 110250);
  // Per inhabitant Helsinki leads; as counts Stockholm does.
  EXPECT_EQ(p["FI001C"].second, 1);
  EXPECT_EQ(c["SE001C"].second, 1);
  // --denominate is still accepted (it is the default).
  args.back() = "--denominate";
  auto explicit_on = run_omvarld(args);
  EXPECT_EQ(explicit_on.out, per.out);
}

}  // namespace
}  // namespace omvarld
