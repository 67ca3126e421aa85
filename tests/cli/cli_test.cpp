// The real omvarld binary, run as a user would run it.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "core/text.h"
#include "demo/mirror_server.h"
#include "demo/sample_data.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using test::run_omvarld;

TEST(Cli, HelpOnEveryCommand) {
  auto top = run_omvarld({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("harvest"), std::string::npos);
  // Every command and subcommand: its own examples, none of the top level's.
  for (const std::vector<std::string>& cmd : {std::vector<std::string>{"harvest"},
                                              {"init"},
                                              {"import"},
                                              {"series"},
                                              {"runs"},
                                              {"catalogue"},
                                              {"catalogue", "search"},
                                              {"catalogue", "update"},
                                              {"flags"},
                                              {"flags", "train"},
                                              {"flags", "evaluate"},
                                              {"flags", "rescore"},
                                              {"flag"},
                                              {"rank"},
                                              {"report"},
                                              {"report", "benchmark"},
                                              {"report", "flags"},
                                              {"serve"},
                                              {"backup"},
                                              {"demo"},
                                              {"mirror"}}) {
    std::vector<std::string> args = cmd;
    args.push_back("--help");
    std::string path;
    for (const auto& c : cmd) path += (path.empty() ? "" : " ") + c;
    auto r = run_omvarld(args);
    EXPECT_EQ(r.exit_code, 0) << path << r.err;
    EXPECT_NE(r.out.find("--"), std::string::npos) << path;
    EXPECT_NE(r.out.find("Examples:\n"), std::string::npos) << path << "\n" << r.out;
    EXPECT_NE(r.out.find("\n  omvarld " + path), std::string::npos) << path << "\n" << r.out;
    EXPECT_EQ(r.out.find("Run 'omvarld COMMAND --help'"), std::string::npos)
        << path << " repeats the top level's footer";
  }
  // Valid values are listed where they are fixed or shipped.
  EXPECT_NE(run_omvarld({"flags", "--help"}).out.find("transport_mobility"), std::string::npos);
  EXPECT_NE(run_omvarld({"rank", "--help"}).out.find("nordic, europe or sweden"),
            std::string::npos);
  EXPECT_NE(run_omvarld({"harvest", "--help"}).out.find("rss"), std::string::npos);
}

TEST(Cli, MistakesAreCaughtAndExplained) {
  auto typo = run_omvarld({"rnak"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown command \"rnak\"; did you mean rank?"), std::string::npos)
      << typo.err;
  auto far = run_omvarld({"--log-format", "json", "zzzzzz"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_NE(far.err.find("unknown command \"zzzzzz\""), std::string::npos) << far.err;
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
  test::TempDir dir;
  ASSERT_EQ(run_omvarld({"init", "--db", dir.file("x.db")}).exit_code, 0);
  auto theme = run_omvarld({"flags", "--db", dir.file("x.db"), "--theme", "transport"});
  EXPECT_EQ(theme.exit_code, 2);
  EXPECT_NE(theme.err.find("no theme \"transport\""), std::string::npos) << theme.err;
  EXPECT_NE(theme.err.find("transport_mobility"), std::string::npos) << theme.err;
  EXPECT_EQ(run_omvarld({"flags", "--db", dir.file("x.db"), "--due-within", "-5"}).exit_code, 2);
  EXPECT_EQ(run_omvarld({"flags", "--db", dir.file("x.db"), "--limit", "0"}).exit_code, 2);
  EXPECT_EQ(run_omvarld({"rank", "--db", dir.file("x.db"), "--uncertainty", "-1"}).exit_code, 2);
  EXPECT_EQ(run_omvarld({"report", "benchmark", "--db", dir.file("x.db"), "--uncertainty", "-1"})
                .exit_code,
            2);
}

TEST(Cli, UsageErrorsExitWith2) {
  EXPECT_EQ(run_omvarld({}).exit_code, 2);
  EXPECT_EQ(run_omvarld({"nosuchcommand"}).exit_code, 2);
  EXPECT_EQ(run_omvarld({"series"}).exit_code, 2);  // needs --indicator or --dataset
  test::TempDir dir;
  auto r = run_omvarld({"harvest", "--db", dir.file("x.db"), "--filter", "cities=SE001C"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--filter needs --dataset"), std::string::npos) << r.err;
  auto bad = run_omvarld({"series", "--db", dir.file("x.db"), "--indicator", "nosuch"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("no indicator \"nosuch\""), std::string::npos) << bad.err;
}

SampleData sample() {
  SampleData d;
  d.datasets.emplace("urb_cpop1", parse_sample_csv("freq,indic_ur,cities,time,value,flags\n"
                                                   "A,DE1001V,SE001C,2019,974073,\n"
                                                   "A,DE1001V,SE001C,2020,975551,p\n"
                                                   "A,DE1001V,NO001C,2020,,c\n",
                                                   "urb_cpop1", "inline")
                                      .value());
  return d;
}

TEST(Cli, HarvestThenSeriesAsCsvAndJsonThenRuns) {
  MirrorServer mirror(sample());
  ASSERT_TRUE(mirror.start().ok());
  test::TempDir dir;
  std::string db = dir.file("omvarld.db");
  auto h = run_omvarld({"harvest", "--db", db, "--eurostat-base", mirror.base_url(), "--dataset",
                        "urb_cpop1", "--filter", "cities=SE001C", "--filter", "cities=NO001C"});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_NE(h.err.find("urb_cpop1: stored (3 new"), std::string::npos) << h.err;
  EXPECT_TRUE(h.out.empty());

  auto csv = run_omvarld({"series", "--db", db, "--dataset", "urb_cpop1", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "dataset,series,geo,period,value,flags\n"
            "urb_cpop1,A.DE1001V.NO001C,NO001C,2020,,c\n"
            "urb_cpop1,A.DE1001V.SE001C,SE001C,2019,974073,\n"
            "urb_cpop1,A.DE1001V.SE001C,SE001C,2020,975551,p\n");

  auto json = run_omvarld(
      {"series", "--db", db, "--dataset", "urb_cpop1", "--geo", "NO001C", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("\"value\":null,\"flags\":\"c\""), std::string::npos) << json.out;

  auto ind = run_omvarld({"series", "--db", db, "--indicator", "population", "--geo", "SE001C",
                          "--from", "2020", "--format", "csv"});
  ASSERT_EQ(ind.exit_code, 0) << ind.err;
  EXPECT_EQ(
      ind.out,
      "dataset,series,geo,period,value,flags\nurb_cpop1,A.DE1001V.SE001C,SE001C,2020,975551,p\n");

  auto runs = run_omvarld({"runs", "--db", db});
  ASSERT_EQ(runs.exit_code, 0);
  EXPECT_NE(runs.out.find("harvest"), std::string::npos);
  EXPECT_NE(runs.out.find("ok"), std::string::npos);
  auto one = run_omvarld({"runs", "--db", db, "--run", "1"});
  EXPECT_NE(one.out.find("urb_cpop1"), std::string::npos) << one.out;

  auto none = run_omvarld({"series", "--db", db, "--dataset", "urb_nosuch"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("harvest or import it first"), std::string::npos);
}

TEST(Cli, FailedSourceExitsWith1AndKeepsTheOthers) {
  MirrorServer mirror(sample());
  ASSERT_TRUE(mirror.start().ok());
  test::TempDir dir;
  std::string db = dir.file("omvarld.db");
  test::write_file(
      dir.file("indicators.toml"),
      "[[indicator]]\nid='population'\ndataset='urb_cpop1'\nfilter={indic_ur='DE1001V'}\n"
      "[[indicator]]\nid='x'\ndataset='urb_nosuch'\nfilter={indic_ur='XX'}\n");
  test::write_file(dir.file("peers.toml"), "[groups.nordic]\ncities=['SE001C','NO001C']\n");
  test::write_file(dir.file("omvarld.toml"),
                   "[eurostat]\ngroups=['nordic']\nsince_period=''\n[http]\nmax_attempts=1\n");
  auto h = run_omvarld({"harvest", "--db", db, "--config", dir.path(), "--eurostat-base",
                        mirror.base_url(), "--only", "eurostat"});
  EXPECT_EQ(h.exit_code, 1) << h.err;
  EXPECT_NE(h.err.find("urb_nosuch: failed"), std::string::npos) << h.err;
  EXPECT_NE(h.err.find("urb_cpop1: stored"), std::string::npos) << h.err;
  // Unattended: log lines carry timestamps.
  EXPECT_NE(h.err.find("Z omvarld "), std::string::npos) << h.err;
  auto csv = run_omvarld({"series", "--db", db, "--dataset", "urb_cpop1", "--format", "csv"});
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 4);
}

TEST(Cli, EnvironmentOverridesDbAndBase) {
  MirrorServer mirror(sample());
  ASSERT_TRUE(mirror.start().ok());
  test::TempDir dir;
  std::string db = dir.file("env.db");
  auto h = run_omvarld({"harvest", "--dataset", "urb_cpop1", "--no-catalogue"},
                       {"OMVARLD_DB=" + db, "OMVARLD_EUROSTAT_BASE=" + mirror.base_url()});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  auto csv =
      run_omvarld({"series", "--dataset", "urb_cpop1", "--format", "csv"}, {"OMVARLD_DB=" + db});
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("975551"), std::string::npos);
}

TEST(Cli, ImportAndCatalogueSearch) {
  test::TempDir dir;
  std::string db = dir.file("omvarld.db");
  test::write_file(dir.file("urb_percep.tsv"),
                   "indic_ur,unit,cities\\time\t2019 \nPS3360V,PC,SE001C\t81.4 \n");
  auto imp = run_omvarld({"import", dir.file("urb_percep.tsv"), "--db", db});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  auto csv = run_omvarld({"series", "--db", db, "--dataset", "urb_percep", "--format", "csv"});
  EXPECT_NE(csv.out.find("urb_percep,PS3360V.PC.SE001C,SE001C,2019,81.4,"), std::string::npos)
      << csv.out;
  auto bad = run_omvarld({"import", dir.file("nosuch.tsv"), "--db", db});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("nosuch.tsv"), std::string::npos);

  SampleData d = sample();
  d.catalogue_toc =
      "\"title\"\t\"code\"\t\"type\"\t\"last update of data\"\t\"last table structure "
      "change\"\t\"data "
      "start\"\t\"data end\"\t\"values\"\n"
      "\"Population on 1 January - cities\"\t\"urb_cpop1\"\t\"dataset\"\t\"20.04.2023\"\t\" "
      "\"\t\"1989\"\t\"2022\"\t\n";
  MirrorServer mirror(std::move(d));
  ASSERT_TRUE(mirror.start().ok());
  auto up = run_omvarld({"catalogue", "update", "--db", db, "--eurostat-base", mirror.base_url()});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  auto s = run_omvarld({"catalogue", "search", "population", "cities", "--db", db});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("urb_cpop1"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("2023-04-20"), std::string::npos);
}

TEST(Cli, TwoConcurrentHarvestsTheSecondRefuses) {
  // A server that holds the first harvest's request open for a while.
  test::RawServer slow([](int fd, const std::string&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(3000));
    test::RawServer::send_all(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
  });
  test::TempDir dir;
  std::string db = dir.file("omvarld.db");
  // The first harvest runs from a thread of this process (not a fork of
  // it, which would inherit the server thread's locks).
  test::RunResult first;
  std::thread first_harvest([&] {
    first = run_omvarld({"harvest", "--db", db, "--eurostat-base", slow.url(""), "--dataset",
                         "urb_cpop1", "--no-catalogue"});
  });
  // Wait until the first harvest holds the lock (its request reached the server).
  for (int i = 0; i < 200 && slow.connections() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_GT(slow.connections(), 0);  // (not ASSERT: the thread must be joined)
  auto second = run_omvarld({"harvest", "--db", db, "--eurostat-base", slow.url(""), "--dataset",
                             "urb_cpop1", "--no-catalogue"});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("another harvest is already running"), std::string::npos) << second.err;
  first_harvest.join();
  EXPECT_EQ(first.exit_code, 1) << first.err;  // its one dataset got a 404
}

TEST(Cli, DemoRunsTheWholeToolOffline) {
  test::TempDir dir;
  auto r = run_omvarld({"demo", "--out", dir.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Harvested by the real collectors from loopback servers.
  EXPECT_NE(r.err.find("urb_percep: stored"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("feed have-your-say: stored (114 new"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no data for urb_cpopstr"), std::string::npos);
  // Ranked: the index table with Stockholm and its rank interval.
  EXPECT_NE(r.out.find("Stockholm"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("90% interval"), std::string::npos);
  // Both reports, where the demo says they are.
  for (const char* f :
       {"benchmark.html", "benchmark.md", "benchmark.csv", "flags.html", "flags.md"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.file(f))) << f;
    EXPECT_NE(r.out.find(dir.file(f)), std::string::npos) << f;
  }
  const std::string bench = test::read_file(dir.file("benchmark.html"));
  EXPECT_NE(bench.find("Stockholm"), std::string::npos);
  EXPECT_NE(bench.find("Eurostat"), std::string::npos);
  const std::string flags = test::read_file(dir.file("flags.html"));
  EXPECT_NE(flags.find("<article"), std::string::npos) << "no flagged consultation in the digest";
  // The next digest knows what it already reported: nothing new since.
  auto again = run_omvarld({"report", "flags", "-q", "--db", dir.file("omvarld-demo.db"), "--lang",
                            "en", "--out", dir.file("flags2.html")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(test::read_file(dir.file("flags2.html")).find("; 0 new since"), std::string::npos);
  // A database the user names is never overwritten.
  test::write_file(dir.file("mine.db"), "precious");
  auto refused = run_omvarld({"demo", "--out", dir.path(), "--db", dir.file("mine.db")});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_EQ(test::read_file(dir.file("mine.db")), "precious");
}

TEST(Cli, BackupIsAConsistentCopyAndNeverOverwrites) {
  test::TempDir dir;
  auto demo = run_omvarld({"demo", "-q", "--out", dir.path()});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  const std::string db = dir.file("omvarld-demo.db");
  auto b = run_omvarld({"backup", "--db", db, dir.file("copy.db")});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  // The copy answers like the original.
  auto orig = run_omvarld(
      {"series", "--db", db, "--indicator", "satisfied_to_live_here", "--format", "csv"});
  auto copy = run_omvarld({"series", "--db", dir.file("copy.db"), "--indicator",
                           "satisfied_to_live_here", "--format", "csv"});
  EXPECT_EQ(orig.out, copy.out);
  EXPECT_GT(orig.out.size(), 100u);
  auto again = run_omvarld({"backup", "--db", db, dir.file("copy.db")});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("exists; a backup never overwrites"), std::string::npos) << again.err;
}

TEST(Cli, LogFormatJsonGivesOneObjectPerLine) {
  test::TempDir dir;
  auto r = run_omvarld({"--log-format", "json", "rank", "--db", dir.file("empty.db")});
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_FALSE(r.err.empty());
  size_t lines = 0;
  for (std::string_view line : split(r.err, '\n')) {
    if (line.empty()) continue;
    ++lines;
    rapidjson::Document d;
    d.Parse(line.data(), line.size());
    ASSERT_FALSE(d.HasParseError()) << line;
    EXPECT_TRUE(d.HasMember("time") && d.HasMember("level") && d.HasMember("message")) << line;
  }
  EXPECT_GE(lines, 1u);
  EXPECT_NE(r.err.find("\"level\":\"error\""), std::string::npos) << r.err;
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

TEST(CliFlags, HarvestAFeedThenListDecideAndShow) {
  test::LoopbackHttpServer server;
  server.server.Get("/feed", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<rss version=\"2.0\"><channel><title>EUR-Lex</title>"
        "<item><title><![CDATA[<script>alert(1)</script> Urban mobility \x1b[31mpackage]]></title>"
        "<link>https://eur-lex.europa.eu/1</link><guid>COM-1</guid>"
        "<description>Public transport in cities, with \"quotes\", commas</description></item>"
        "<item><title>Fisheries "
        "quotas</title><link>https://eur-lex.europa.eu/2</link><guid>COM-2</guid></item>"
        "</channel></rss>",
        "application/rss+xml");
  });
  test::TempDir dir;
  std::string db = dir.file("omvarld.db");
  auto h = run_omvarld({"harvest", "--db", db, "--feed", server.url("/feed"), "--kind", "rss"});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_NE(h.err.find("2 new"), std::string::npos) << h.err;

  // By default: flagged and undecided only.
  auto csv = run_omvarld({"flags", "--db", db, "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> lines;
  for (std::string_view l : split(csv.out, '\n'))
    if (!l.empty()) lines.emplace_back(l);
  ASSERT_EQ(lines.size(), 2u) << csv.out;
  EXPECT_EQ(
      lines[0],
      "id,source,published,deadline,score,flagged,grade,themes,status,title,link,committee,urgent,"
      "why,model_p");
  EXPECT_NE(lines[1].find(",yes,"), std::string::npos);
  EXPECT_NE(lines[1].find("transport_mobility"), std::string::npos);
  // A title with HTML tags is read as HTML, as feedparser does (docs/readers.md):
  // the script is no part of its text.
  EXPECT_NE(lines[1].find("Urban mobility"), std::string::npos);
  EXPECT_EQ(lines[1].find("<script>"), std::string::npos);

  auto all = run_omvarld({"flags", "--db", db, "--status", "all", "--format", "json"});
  ASSERT_EQ(all.exit_code, 0);
  EXPECT_NE(all.out.find("Fisheries quotas"), std::string::npos);
  // The escape byte is escaped in JSON (RapidJSON's Writer spells it \u001B;
  // before it, a hand-written writer spelt \u001b), and reads back as the byte.
  EXPECT_EQ(all.out.find('\x1b'), std::string::npos);
  EXPECT_NE(to_lower(all.out).find("\\u001b[31m"), std::string::npos) << all.out;
  rapidjson::Document parsed;
  parsed.Parse(all.out.c_str());
  ASSERT_TRUE(parsed.IsArray()) << all.out;
  bool escaped = false;
  for (const auto& item : parsed.GetArray())
    escaped |= std::string(item["title"].GetString()).find("\x1b[31mpackage") != std::string::npos;
  EXPECT_TRUE(escaped) << all.out;

  // The terminal table never passes an escape sequence through.
  auto table = run_omvarld({"flags", "--db", db});
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_EQ(table.out.find('\x1b'), std::string::npos);
  EXPECT_NE(table.out.find("Urban mobility"), std::string::npos);

  std::string id = lines[1].substr(0, lines[1].find(','));
  auto decide = run_omvarld(
      {"flag", id, "--db", db, "--status", "relevant", "--assignee", "anna", "--note", "svara"},
      {"USER=anna"});
  ASSERT_EQ(decide.exit_code, 0) << decide.err;
  EXPECT_NE(decide.out.find("review:     relevant, assigned to anna"), std::string::npos)
      << decide.out;
  EXPECT_NE(decide.out.find("why:        transport_mobility"), std::string::npos) << decide.out;
  EXPECT_NE(decide.out.find("anna  status: \"new\" -> \"relevant\""), std::string::npos)
      << decide.out;
  EXPECT_EQ(decide.out.find('\x1b'), std::string::npos);

  auto undecided = run_omvarld({"flags", "--db", db, "--format", "csv"});
  EXPECT_EQ(std::count(undecided.out.begin(), undecided.out.end(), '\n'), 1);  // the header only
  auto relevant = run_omvarld({"flags", "--db", db, "--status", "relevant", "--format", "csv"});
  EXPECT_EQ(std::count(relevant.out.begin(), relevant.out.end(), '\n'), 2);

  // Harvesting again never undoes a decision.
  ASSERT_EQ(run_omvarld({"harvest", "--db", db, "--feed", server.url("/feed")}).exit_code, 0);
  EXPECT_EQ(run_omvarld({"flags", "--db", db, "--status", "relevant", "--format", "csv"}).out,
            relevant.out);

  auto bad = run_omvarld({"flag", "999", "--db", db});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("no item 999"), std::string::npos);
  EXPECT_EQ(run_omvarld({"flag", id, "--db", db, "--status", "maybe"}).exit_code, 2);

  auto rescore = run_omvarld({"flags", "rescore", "--db", db});
  EXPECT_EQ(rescore.exit_code, 0) << rescore.err;
  EXPECT_NE(rescore.err.find("rescored 2 item(s)"), std::string::npos) << rescore.err;
}

TEST(CliFlags, TrainLearnsFromVerdicts) {
  test::LoopbackHttpServer server;
  std::string items;
  for (int i = 0; i < 12; ++i) {
    items += "<item><title>School meals and pupils, part " + std::to_string(i) + "</title><guid>s" +
             std::to_string(i) + "</guid></item>";
    items += "<item><title>Fishing quotas for vessels, part " + std::to_string(i) +
             "</title><guid>f" + std::to_string(i) + "</guid></item>";
  }
  server.server.Get("/feed", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content("<rss><channel>" + items + "</channel></rss>", "application/rss+xml");
  });
  test::TempDir dir;
  std::string db = dir.file("omvarld.db");
  ASSERT_EQ(run_omvarld({"harvest", "--db", db, "--feed", server.url("/feed")}).exit_code, 0);
  auto too_few = run_omvarld({"flags", "train", "--db", db});
  EXPECT_EQ(too_few.exit_code, 2);
  EXPECT_NE(too_few.err.find("have 0 relevant"), std::string::npos) << too_few.err;

  auto all = run_omvarld({"flags", "--db", db, "--status", "all", "--format", "csv"});
  for (std::string_view l : split(all.out, '\n')) {
    if (l.empty() || l.rfind("id,", 0) == 0) continue;
    std::string id(l.substr(0, l.find(',')));
    bool school = l.find("School meals") != std::string_view::npos;
    ASSERT_EQ(
        run_omvarld({"flag", id, "--db", db, "--status", school ? "relevant" : "not-relevant"})
            .exit_code,
        0);
  }
  auto train = run_omvarld({"flags", "train", "--db", db});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_NE(train.out.find("learned from 24 verdicts (12 relevant)"), std::string::npos)
      << train.out;
  EXPECT_NE(train.out.find("precision 1.00, recall 1.00"), std::string::npos) << train.out;
  auto show = run_omvarld({"flag", "1", "--db", db});
  EXPECT_NE(show.out.find("% likely relevant (learned "), std::string::npos) << show.out;
}

}  // namespace
}  // namespace omvarld
