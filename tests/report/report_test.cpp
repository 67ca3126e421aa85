// The reports: golden files from the real binary on small fixed data, HTML
// that any XML parser reads and that fetches nothing, hostile text shown as
// text, and the page rendered by a real browser (headless Chromium).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>

#include "report/flags_report.h"
#include "report/markup.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using test::run_omvarld;

const std::string kData = std::string(OMVARLD_SOURCE_DIR) + "/tests/report/data/";
const std::string kGolden = std::string(OMVARLD_SOURCE_DIR) + "/tests/report/golden/";

// Compares with the golden file, or rewrites it when OMVARLD_UPDATE_GOLDEN is
// set (then review the diff before committing).
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

// Elements and attributes that would make a page load something.
void expect_self_contained(const pugi::xml_document& doc, const std::string& html) {
  for (const char* tag : {"script", "link", "img", "iframe", "object", "embed", "audio", "video"})
    EXPECT_FALSE(doc.select_node((std::string("//*[local-name()='") + tag + "']").c_str()))
        << "the page has a <" << tag << ">";
  EXPECT_FALSE(doc.select_node("//@src")) << "an element loads a src";
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
}

pugi::xml_document parse_xhtml(const std::string& html) {
  pugi::xml_document doc;
  pugi::xml_parse_result r =
      doc.load_string(html.c_str(), pugi::parse_default | pugi::parse_doctype);
  EXPECT_TRUE(r) << "not well-formed: " << r.description() << " at offset " << r.offset << ": "
                 << html.substr(static_cast<size_t>(std::max<ptrdiff_t>(0, r.offset - 60)), 120);
  return doc;
}

// The report goes into dir/out, which exists (a report never makes folders).
std::vector<std::string> benchmark_args(const test::TempDir& dir) {
  std::filesystem::create_directories(dir.file("out"));
  return {"report",
          "benchmark",
          "-q",
          "--meta",
          kData + "meta.csv",
          "--input",
          kData + "data.csv",
          "--uncertainty",
          "200",
          "--seed",
          "3",
          "--lang",
          "en",
          "--out",
          dir.file("out/benchmark.html"),
          "--markdown",
          "--csv",
          "--db",
          dir.file("unused.db")};
}

TEST(ReportGolden, BenchmarkFromCsvAsHtmlMarkdownAndCsv) {
  test::TempDir dir;
  auto r = run_omvarld(benchmark_args(dir), {"SOURCE_DATE_EPOCH=1764288000"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "") << "unexpected stderr";
  EXPECT_EQ(r.out, dir.file("out/benchmark.html") + "\n" + dir.file("out/benchmark.md") + "\n" +
                       dir.file("out/benchmark.csv") + "\n");
  expect_golden("benchmark.html", test::read_file(dir.file("out/benchmark.html")));
  expect_golden("benchmark.md", test::read_file(dir.file("out/benchmark.md")));
  expect_golden("benchmark.csv", test::read_file(dir.file("out/benchmark.csv")));
  // The same again, byte for byte (seeded Monte Carlo, fixed date).
  auto again = run_omvarld(benchmark_args(dir), {"SOURCE_DATE_EPOCH=1764288000"});
  ASSERT_EQ(again.exit_code, 0);
  expect_golden("benchmark.html", test::read_file(dir.file("out/benchmark.html")));
}

TEST(ReportFiles, MistypedOutFolderIsRefusedNotCreated) {
  test::TempDir dir;
  auto args = benchmark_args(dir);
  auto out = std::find(args.begin(), args.end(), "--out");
  ASSERT_NE(out, args.end());
  *(out + 1) = dir.file("ot/benchmark.html");
  auto r = run_omvarld(args);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("the folder " + dir.file("ot") + " of --out"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("ot")));
  auto flags = run_omvarld(
      {"report", "flags", "--db", dir.file("none.db"), "--out", dir.file("ot/flags.html")});
  EXPECT_EQ(flags.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.file("ot")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("none.db")));
}

TEST(ReportHtml, WellFormedSelfContainedAndHostileTextIsText) {
  test::TempDir dir;
  auto r = run_omvarld(benchmark_args(dir), {"SOURCE_DATE_EPOCH=1764288000"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = test::read_file(dir.file("out/benchmark.html"));
  pugi::xml_document doc = parse_xhtml(html);
  expect_self_contained(doc, html);
  // The city named "<script>alert(1)</script> & Co" is a table cell's text.
  bool shown = false;
  for (auto td : doc.select_nodes("//*[local-name()='td']"))
    shown |= std::string(td.node().child_value()) == "<script>alert(1)</script> & Co";
  EXPECT_TRUE(shown);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), std::string::npos);
  // Charts are inline SVG with titles.
  EXPECT_GE(doc.select_nodes("//*[local-name()='svg']").size(), 4u);
  EXPECT_GE(doc.select_nodes("//*[local-name()='svg']/*[local-name()='title']").size(), 4u);
  // Every section the issue asks for.
  for (const char* id :
       {"summary", "ranking", "dimensions", "profile", "trends", "availability", "methodology"})
    EXPECT_TRUE(doc.select_node((std::string("//*[@id='") + id + "']").c_str())) << id;
}

StoredItem item(int64_t id, std::string title, std::string deadline, int score, std::string themes,
                std::string first_seen) {
  StoredItem it;
  it.id = id;
  it.source = "have-your-say";
  it.title = std::move(title);
  it.deadline = std::move(deadline);
  it.score = score;
  it.flagged = true;
  it.themes = std::move(themes);
  it.why = "housing (title: housing)";
  it.committee = "Stadsbyggnadsnämnden";
  it.first_seen = std::move(first_seen);
  it.link = "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/1-x";
  return it;
}

TEST(ReportFlags, DigestGroupsByThemeUrgentFirstAndEscapes) {
  const int64_t now = 1764288000;  // 2025-11-28
  FlagsDigestInput in;
  in.now = now;
  in.since = "2025-11-20T00:00:00Z";
  in.items.push_back(
      item(1, "Later deadline", "2025-12-30T23:59:59Z", 80, "housing", "2025-11-01T00:00:00Z"));
  in.items.push_back(item(2, "<script>alert(1)</script> closes soon", "2025-12-01T23:59:59Z", 40,
                          "housing\ntransport", "2025-11-25T00:00:00Z"));
  in.items.push_back(
      item(3, "Closed one", "2025-10-01T23:59:59Z", 90, "housing", "2025-09-01T00:00:00Z"));
  in.items.back().link = "javascript:alert(2)";
  in.items.back().note = "answer via Eurocities <b>now</b>";
  ReportContext ctx;
  ctx.lang = Lang::kEn;
  ctx.generated_at = "2025-11-28T00:00:00Z";
  ctx.version = "test";
  FlagsDigest d = render_flags_digest(in, ctx);
  EXPECT_EQ(d.items, 3);
  EXPECT_EQ(d.fresh, 1);   // only item 2 was first seen after `since`
  EXPECT_EQ(d.urgent, 1);  // item 2: 3 days left, within the default 14
  EXPECT_EQ(d.open, 2);
  pugi::xml_document doc = parse_xhtml(d.html);
  expect_self_contained(doc, d.html);
  auto titles = doc.select_nodes("//*[local-name()='article']/*[local-name()='h3']");
  ASSERT_EQ(titles.size(), 3u);
  // Urgent first, then the open one, then the closed one; the title is text.
  EXPECT_NE(
      std::string(titles[0].node().child_value()).find("<script>alert(1)</script> closes soon"),
      std::string::npos);
  EXPECT_NE(std::string(titles[1].node().child_value()).find("Later deadline"), std::string::npos);
  EXPECT_NE(std::string(titles[2].node().child_value()).find("Closed one"), std::string::npos);
  // Only http(s) links become links.
  for (auto a : doc.select_nodes("//@href"))
    EXPECT_EQ(std::string(a.attribute().value()).rfind("https://", 0), 0u);
  EXPECT_NE(d.html.find("answer via Eurocities &lt;b&gt;now&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(d.markdown.find("closes soon"), std::string::npos);
}

TEST(ReportChromium, BenchmarkRendersToAPng) {
  const char* chromium = "/usr/bin/chromium";
  if (!std::filesystem::exists(chromium))
    GTEST_SKIP() << "Debian's chromium is not installed (scripts/test.sh installs it)";
  test::TempDir dir;
  auto r = run_omvarld(benchmark_args(dir));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string png = dir.file("benchmark.png");
  const std::string cmd = "HOME=" + dir.path() + " timeout 180 " + chromium +
                          " --headless --no-sandbox --disable-gpu --disable-background-networking"
                          " --window-size=1280,2400 --screenshot=" +
                          png + " file://" + dir.file("out/benchmark.html") + " >" +
                          dir.file("chromium.log") + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << test::read_file(dir.file("chromium.log"));
  const std::string bytes = test::read_file(png);
  ASSERT_GT(bytes.size(), 30000u) << "a near-empty screenshot";
  ASSERT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto be32 = [&](size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
  };
  EXPECT_EQ(be32(16), 1280u);  // IHDR width
  EXPECT_EQ(be32(20), 2400u);  // IHDR height
  // Kept for a person to look at, beside the build's test outputs.
  std::filesystem::create_directories("test-artefacts");
  std::filesystem::copy_file(png, "test-artefacts/benchmark-report.png",
                             std::filesystem::copy_options::overwrite_existing);
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

TEST(Markup, XmlEscapeReplacesBytesThatNeverLeadASequence) {
  // 0xF8 and 0xFF never begin UTF-8; 0xC0 0xAF is an overlong '/'.
  EXPECT_EQ(xml_escape("a\xF8\x80\x80z"), "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
  EXPECT_EQ(xml_escape("\xFF"), "\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("K\xC3\xB8"
                       "benhavn <&>"),
            "K\xC3\xB8"
            "benhavn &lt;&amp;&gt;");
}

}  // namespace
}  // namespace omvarld
