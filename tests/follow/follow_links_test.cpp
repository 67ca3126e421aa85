// The follow harvest finds the link between a COM proposal and its
// procedure by itself (issue #16): from a loopback server that answers with
// the recorded Legislative Observatory procedure file of 2024/0258(COD)
// (htv_oeil-procedure-file_2024-0258-cod.html: COM(2024)0469) and the
// recorded EUR-Lex procedure page of 2021/0106/COD
// (htv_eurlex-procedure_2021-106.html: 52021PC0206, COM(2021)206), through
// libcurl into SQLite files on disk. Requests are counted in the server: a
// source is asked once per follow, a failure is asked again next run. Also
// the rule itself (link_lookup_for, pure), conflicts and manual links in the
// store, the settings, and `omvarld following --format json` through the
// real binary. Skips with a message when ../shared is absent.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <mutex>

#include "harvest/follow_collector.h"
#include "net/curl_http_client.h"
#include "net/retrying_http_client.h"
#include "report/follow_news.h"
#include "services/settings.h"
#include "store/follow_store.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

struct Answer {
  int status = 200;
  std::string content_type = "text/html";
  std::string body;
};

// Answers per request key ("oeil 2024/0258(COD)", "eurlex CELEX:52021PC0206",
// "ep 2021-0106"); a key without an answer gets a 404. Counts every request.
struct Sources {
  test::LoopbackHttpServer server;
  std::mutex mu;
  std::map<std::string, Answer> answers;
  std::map<std::string, int> hits;

  Sources() {
    server.server.Get("/oeil/en/procedure-file",
                      [this](const httplib::Request& req, httplib::Response& res) {
                        serve("oeil " + req.get_param_value("reference"), res);
                      });
    server.server.Get("/legal-content/EN/HIS/",
                      [this](const httplib::Request& req, httplib::Response& res) {
                        serve("eurlex " + req.get_param_value("uri"), res);
                      });
    server.server.Get(R"(/api/v2/procedures/(\d{4}-\d{4}))",
                      [this](const httplib::Request& req, httplib::Response& res) {
                        serve("ep " + req.matches[1].str(), res);
                      });
    server.server.Get(R"(/brpapi/groupInitiatives/(\d+))",
                      [this](const httplib::Request& req, httplib::Response& res) {
                        serve("hys " + req.matches[1].str(), res);
                      });
  }
  void serve(const std::string& key, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    ++hits[key];
    auto a = answers.find(key);
    if (a == answers.end()) {
      res.status = 404;
      res.set_content("not here", "text/plain");
      return;
    }
    res.status = a->second.status;
    res.set_content(a->second.body, a->second.content_type);
  }
  void set(const std::string& key, Answer a) {
    std::lock_guard<std::mutex> lock(mu);
    answers[key] = std::move(a);
  }
  int count(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu);
    return hits[key];
  }
  std::string base() { return server.base(); }
};

std::string replaced_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// An EP answer for another procedure, constructed from the recorded
// 2016/0132(COD) by replacing its references (no other procedure of these
// tests was recorded at the EP API).
std::string ep_answer_for(const std::string& recorded, const std::string& dashed,
                          const std::string& slashed) {
  return replaced_all(replaced_all(recorded, "2016-0132", dashed), "2016/0132", slashed);
}

struct Harness {
  test::TempDir dir;
  Result<Store> store = Store::open(dir.file("omvarld.db"));
  test::FakeClock clock;
  CurlHttpClient curl;
  RetryingHttpClient http{curl, clock, test::fast_retry_policy(1)};
  std::vector<std::string> lines;
  Log log{[this](LogLevel, const std::string& m) { lines.push_back(m); }};
  FollowStore follows{store->db()};

  Result<FollowHarvestReport> harvest(Sources& sources) {
    FollowHarvestOptions options;
    options.hys_base = options.ep_base = options.oeil_base = options.eurlex_base = sources.base();
    options.pause = std::chrono::milliseconds(0);
    FollowCollector collector(http, *store, clock, log, options);
    auto r = collector.harvest("test");
    clock.now += 3600;
    return r;
  }
  int64_t follow(FollowTarget t) {
    auto id = follows.follow(t, FollowReason::kManual, "anna", "2026-11-28T00:00:00Z");
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }
  std::vector<StoredLink> links(int64_t id) {
    auto f = follows.get(id);
    auto loaded = follows.load(**f);
    EXPECT_TRUE(loaded.ok());
    return loaded.ok() ? loaded->links : std::vector<StoredLink>{};
  }
  const FollowOutcome* outcome(const FollowHarvestReport& r, const std::string& source) {
    for (const auto& o : r.outcomes)
      if (o.source == source) return &o;
    return nullptr;
  }
};

std::vector<std::string> described(const std::vector<StoredLink>& links) {
  std::vector<std::string> out;
  for (const auto& l : links)
    out.push_back(com_label(l.link.com) + " " + procedure_label(l.link.procedure) + " " +
                  link_source_name(l.link.source) + (l.conflict ? " conflict" : ""));
  return out;
}

TEST(FollowLinks, TheObservatoryGivesAProceduresComProposalAndIsAskedOnce) {
  REQUIRE_SHARED_FIXTURE(oeil_path, "lifecycle/htv_oeil-procedure-file_2024-0258-cod.html");
  REQUIRE_SHARED_FIXTURE(ep_path, "lifecycle/htv_odp-procedure_2016-0132.json");
  Sources sources;
  sources.set("oeil 2024/0258(COD)", {200, "text/html", test::read_file(oeil_path)});
  sources.set("ep 2024-0258", {200, "application/ld+json",
                               ep_answer_for(test::read_file(ep_path), "2024-0258", "2024/0258")});
  Harness h;
  FollowTarget t;
  t.procedure = ProcedureRef{2024, 258, "COD"};
  const int64_t id = h.follow(t);

  auto first = h.harvest(sources);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->failed(), 0);
  const FollowOutcome* oeil = h.outcome(*first, "oeil");
  ASSERT_NE(oeil, nullptr);
  EXPECT_EQ(oeil->status, OutcomeStatus::kStored) << oeil->error;
  EXPECT_EQ(oeil->changes, 1);
  EXPECT_EQ(oeil->url, sources.base() + "/oeil/en/procedure-file?reference=2024/0258(COD)");
  EXPECT_EQ(described(h.links(id)), (std::vector<std::string>{"COM(2024)469 2024/0258(COD) oeil"}));
  EXPECT_EQ(h.links(id)[0].link.source_url, oeil->url);
  // The change is news, as the digest and the timeline say it.
  auto changes = h.follows.changes(id);
  ASSERT_TRUE(changes.ok());
  const auto link_change = std::find_if(changes->begin(), changes->end(),
                                        [](const FollowChange& c) { return c.kind == "new-link"; });
  ASSERT_NE(link_change, changes->end());
  EXPECT_EQ(link_change->subject, "COM(2024)469");
  EXPECT_EQ(link_change->old_value, "oeil");
  EXPECT_EQ(link_change->new_value, "2024/0258(COD)");
  auto overview = h.follows.overview();
  ASSERT_TRUE(overview.ok());
  bool said = false;
  for (const auto& line : follow_news(*overview, h.clock.now, Lang::kEn))
    said |= line.text.find("COM(2024)469 is procedure 2024/0258(COD) (oeil)") != std::string::npos;
  EXPECT_TRUE(said);
  EXPECT_EQ(sources.count("ep 2024-0258"), 1);

  // The second harvest does not ask the Observatory again; the EP it does.
  auto second = h.harvest(sources);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(h.outcome(*second, "oeil"), nullptr);
  EXPECT_EQ(sources.count("oeil 2024/0258(COD)"), 1);
  EXPECT_EQ(sources.count("ep 2024-0258"), 2);
  EXPECT_EQ(h.links(id).size(), 1u);
}

TEST(FollowLinks, EurLexGivesAComProposalsProcedureAndTheParliamentIsReadInTheSameRun) {
  REQUIRE_SHARED_FIXTURE(eurlex_path, "lifecycle/htv_eurlex-procedure_2021-106.html");
  REQUIRE_SHARED_FIXTURE(ep_path, "lifecycle/htv_odp-procedure_2016-0132.json");
  REQUIRE_SHARED_FIXTURE(hys_path, "lifecycle/pm_hys-detail.json");
  Sources sources;
  // The recorded page is the procedure page (procedure/EN/2021_106); it is
  // served as the proposal's procedure tab, which is not recorded.
  sources.set("eurlex CELEX:52021PC0206", {200, "text/html", test::read_file(eurlex_path)});
  sources.set("ep 2021-0106", {200, "application/ld+json",
                               ep_answer_for(test::read_file(ep_path), "2021-0106", "2021/0106")});
  // A Have your say initiative whose draft act names the proposal (the
  // recorded detail, with that publication's reference filled in).
  std::string hys = test::read_file(hys_path);
  const std::string null_ref =
      "\"reference\":null,\"referenceNumber\":null,\"type\":\"REG_DEL_DRAFT\"";
  ASSERT_NE(hys.find(null_ref), std::string::npos);
  hys.replace(hys.find(null_ref), null_ref.size(),
              "\"reference\":\"COM(2021) 206\",\"referenceNumber\":null,\"type\":"
              "\"REG_DEL_DRAFT\"");
  sources.set("hys 18805", {200, "application/json", hys});
  Harness h;
  FollowTarget by_com;
  by_com.com = ComRef{2021, 206};
  const int64_t com_id = h.follow(by_com);
  FollowTarget by_hys;
  by_hys.hys_id = 18805;
  const int64_t hys_id = h.follow(by_hys);

  auto first = h.harvest(sources);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->failed(), 0) << (first->outcomes.empty() ? "" : first->outcomes[0].error);
  // Both ask EUR-Lex once, and read the procedure found at the EP at once.
  EXPECT_EQ(sources.count("eurlex CELEX:52021PC0206"), 2);
  EXPECT_EQ(sources.count("ep 2021-0106"), 2);
  for (int64_t id : {com_id, hys_id}) {
    const std::vector<StoredLink> links = h.links(id);
    ASSERT_FALSE(links.empty());
    for (const auto& l : links) {
      EXPECT_EQ(procedure_label(l.link.procedure), "2021/0106(COD)");
      EXPECT_EQ(l.link.source, LinkSource::kEurLex);
      EXPECT_FALSE(l.conflict);
    }
    EXPECT_TRUE(std::any_of(links.begin(), links.end(), [](const StoredLink& l) {
      return l.link.com == ComRef{2021, 206};
    }));
    auto ep = h.follows.ep_state(id);
    ASSERT_TRUE(ep.ok() && *ep) << "follow " << id;
    EXPECT_EQ(procedure_label((*ep)->ref), "2021/0106(COD)");
    EXPECT_FALSE((*ep)->events.empty());
  }

  // Naming the procedure found, or the proposal, names the same follow.
  FollowTarget by_procedure;
  by_procedure.procedure = ProcedureRef{2021, 106, "COD"};
  EXPECT_FALSE(
      h.follows.follow(by_procedure, FollowReason::kManual, "anna", "2026-12-01T00:00:00Z").ok())
      << "two follows hold 2021/0106(COD) now: naming it is refused, not merged";
  by_procedure.hys_id = 18805;
  EXPECT_EQ(h.follow(by_procedure), hys_id);
  FollowTarget again;
  again.com = ComRef{2021, 206};
  EXPECT_EQ(h.follow(again), com_id);
  EXPECT_EQ(h.follows.follows()->size(), 2u);

  auto second = h.harvest(sources);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(sources.count("eurlex CELEX:52021PC0206"), 2);  // not asked again
  EXPECT_EQ(sources.count("ep 2021-0106"), 4);
  EXPECT_EQ(sources.count("oeil 2021/0106(COD)"), 0);  // it has its COM link
}

TEST(FollowLinks, ChallengeRedirectAndErrorPagesKeepEarlierDataAndAreAskedAgainNextRun) {
  REQUIRE_SHARED_FIXTURE(oeil_path, "lifecycle/htv_oeil-procedure-file_2024-0258-cod.html");
  REQUIRE_SHARED_FIXTURE(eurlex_path, "lifecycle/htv_eurlex-procedure_2021-106.html");
  REQUIRE_SHARED_FIXTURE(ep_path, "lifecycle/htv_odp-procedure_2016-0132.json");
  REQUIRE_SHARED_FIXTURE(waf_path, "lifecycle/cyan_eurlex_aws_waf_challenge.html");
  REQUIRE_SHARED_FIXTURE(r302_path, "lifecycle/pm_eurlex_302.html");
  REQUIRE_SHARED_FIXTURE(e400_path, "lifecycle/pm_oeil-follow_400.txt");
  Sources sources;
  sources.set("oeil 2024/0258(COD)", {400, "application/json", test::read_file(e400_path)});
  sources.set("eurlex CELEX:52021PC0206", {302, "text/html", test::read_file(r302_path)});
  sources.set("ep 2024-0258", {200, "application/ld+json",
                               ep_answer_for(test::read_file(ep_path), "2024-0258", "2024/0258")});
  Harness h;
  FollowTarget by_procedure;
  by_procedure.procedure = ProcedureRef{2024, 258, "COD"};
  const int64_t proc_id = h.follow(by_procedure);
  FollowTarget by_com;
  by_com.com = ComRef{2021, 206};
  const int64_t com_id = h.follow(by_com);

  // Run 1: the Observatory's 400 answer and EUR-Lex's 302 page are errors
  // naming the source and the follow; the Parliament is read all the same.
  auto first = h.harvest(sources);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->failed(), 2);
  const FollowOutcome* oeil = h.outcome(*first, "oeil");
  const FollowOutcome* eurlex = h.outcome(*first, "eurlex");
  ASSERT_TRUE(oeil && eurlex);
  EXPECT_NE(oeil->error.find("Legislative Observatory 2024/0258(COD)"), std::string::npos)
      << oeil->error;
  EXPECT_NE(oeil->error.find("400"), std::string::npos) << oeil->error;
  EXPECT_NE(eurlex->error.find("EUR-Lex COM(2021)206"), std::string::npos) << eurlex->error;
  EXPECT_NE(eurlex->error.find("302"), std::string::npos) << eurlex->error;
  EXPECT_EQ(h.outcome(*first, "ep")->status, OutcomeStatus::kStored);
  const EpProcedure ep_before = **h.follows.ep_state(proc_id);
  const size_t changes_before = h.follows.changes(proc_id)->size();

  // Run 2: both asked again; the bot challenge (status 200) is an error too
  // and keeps what was read.
  sources.set("oeil 2024/0258(COD)", {200, "text/html", test::read_file(waf_path)});
  auto second = h.harvest(sources);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(sources.count("oeil 2024/0258(COD)"), 2);
  EXPECT_EQ(sources.count("eurlex CELEX:52021PC0206"), 2);
  oeil = h.outcome(*second, "oeil");
  ASSERT_NE(oeil, nullptr);
  EXPECT_NE(oeil->error.find("challenge"), std::string::npos) << oeil->error;
  EXPECT_EQ(**h.follows.ep_state(proc_id), ep_before);
  EXPECT_EQ(h.follows.changes(proc_id)->size(), changes_before);
  EXPECT_TRUE(h.links(proc_id).empty());
  auto state = h.follows.source_state(proc_id, FollowSource::kOeil);
  ASSERT_TRUE(state.ok() && *state);
  EXPECT_NE((*state)->last_error.find("challenge"), std::string::npos);

  // Run 3: the real pages; run 4: nothing asked.
  sources.set("oeil 2024/0258(COD)", {200, "text/html", test::read_file(oeil_path)});
  sources.set("eurlex CELEX:52021PC0206", {200, "text/html", test::read_file(eurlex_path)});
  ASSERT_TRUE(h.harvest(sources).ok());
  EXPECT_EQ(described(h.links(proc_id)),
            (std::vector<std::string>{"COM(2024)469 2024/0258(COD) oeil"}));
  EXPECT_FALSE(h.links(com_id).empty());
  EXPECT_TRUE((*h.follows.source_state(proc_id, FollowSource::kOeil))->last_error.empty());
  ASSERT_TRUE(h.harvest(sources).ok());
  EXPECT_EQ(sources.count("oeil 2024/0258(COD)"), 3);
  EXPECT_EQ(sources.count("eurlex CELEX:52021PC0206"), 3);
}

TEST(FollowLinks, AProcedurePageWithoutComIsAnAnswerTooAndNotAskedAgain) {
  REQUIRE_SHARED_FIXTURE(oeil_path, "lifecycle/htv_oeil-procedure-file_2022-2201-ini.html");
  Sources sources;
  sources.set("oeil 2022/2201(INI)", {200, "text/html", test::read_file(oeil_path)});
  Harness h;
  FollowTarget t;
  t.procedure = ProcedureRef{2022, 2201, "INI"};
  const int64_t id = h.follow(t);
  auto first = h.harvest(sources);
  ASSERT_TRUE(first.ok());
  const FollowOutcome* oeil = h.outcome(*first, "oeil");
  ASSERT_NE(oeil, nullptr);
  EXPECT_EQ(oeil->status, OutcomeStatus::kStored) << oeil->error;
  EXPECT_EQ(oeil->changes, 0);
  EXPECT_TRUE(h.links(id).empty());
  ASSERT_TRUE(h.harvest(sources).ok());
  EXPECT_EQ(sources.count("oeil 2022/2201(INI)"), 1);
}

TEST(FollowLinks, AManualLinkSurvivesAndAConflictingOneIsRecordedAndShownNotUsed) {
  REQUIRE_SHARED_FIXTURE(eurlex_path, "lifecycle/htv_eurlex-procedure_2021-106.html");
  Sources sources;
  sources.set("eurlex CELEX:52021PC0206", {200, "text/html", test::read_file(eurlex_path)});
  Harness h;
  // The officer's link first: the harvest asks nothing for this follow.
  FollowTarget manual;
  manual.com = ComRef{2024, 469};
  manual.procedure = ProcedureRef{2024, 258, "COD"};
  const int64_t manual_id = h.follow(manual);
  ASSERT_TRUE(h.harvest(sources).ok());
  EXPECT_EQ(sources.count("oeil 2024/0258(COD)"), 0);
  EXPECT_EQ(described(h.links(manual_id)),
            (std::vector<std::string>{"COM(2024)469 2024/0258(COD) manual"}));

  // A COM proposal: EUR-Lex says 2021/0106(COD). Then the officer says it is
  // another procedure: the officer's wins, EUR-Lex's is kept and marked.
  FollowTarget by_com;
  by_com.com = ComRef{2021, 206};
  const int64_t id = h.follow(by_com);
  ASSERT_TRUE(h.harvest(sources).ok());
  FollowTarget correction = by_com;
  correction.procedure = ProcedureRef{2021, 999, "COD"};
  ASSERT_EQ(h.follow(correction), id);
  std::vector<StoredLink> links = h.links(id);
  auto f = h.follows.get(id);
  ASSERT_TRUE(f.ok() && *f);
  EXPECT_EQ(procedure_label(*procedure_in_use(**f, links)), "2021/0999(COD)");
  EXPECT_TRUE(std::any_of(links.begin(), links.end(), [](const StoredLink& l) {
    return l.link.source == LinkSource::kManual && !l.conflict &&
           procedure_label(l.link.procedure) == "2021/0999(COD)";
  }));
  EXPECT_TRUE(std::any_of(links.begin(), links.end(), [](const StoredLink& l) {
    return l.link.source == LinkSource::kEurLex && l.conflict;
  }));

  // Another source saying the first procedure again is a conflict in the
  // history, not a new link in use; the manual link is as it was.
  ProcedureLink other{ComRef{2021, 206}, ProcedureRef{2021, 106, "COD"}, LinkSource::kOeil,
                      "http://example.invalid/oeil"};
  auto changes = h.follows.record_links(id, FollowSource::kOeil, other.source_url, {other},
                                        "2026-12-01T00:00:00Z");
  ASSERT_TRUE(changes.ok()) << changes.error().message;
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].kind, "link-conflict");
  EXPECT_EQ((*changes)[0].subject, "COM(2021)206");
  EXPECT_EQ((*changes)[0].old_value, "2021/0999(COD)");
  EXPECT_EQ((*changes)[0].new_value, "2021/0106(COD)");
  auto loaded = h.follows.load(**f);
  ASSERT_TRUE(loaded.ok());
  EXPECT_NE(follow_change_line(*loaded, (*changes)[0], h.clock.now, Lang::kEn)
                .find("a source ties COM(2021)206 to procedure 2021/0106(COD), not 2021/0999(COD)"),
            std::string::npos);
  links = h.links(id);
  EXPECT_EQ(procedure_label(*procedure_in_use(**f, links)), "2021/0999(COD)");
  const auto kept = std::find_if(links.begin(), links.end(), [](const StoredLink& l) {
    return l.link.source == LinkSource::kManual;
  });
  ASSERT_NE(kept, links.end());
  EXPECT_EQ(kept->link.source_url, "");
  EXPECT_EQ(procedure_label(kept->link.procedure), "2021/0999(COD)");
}

TEST(FollowLinks, TheRuleOfWhenToAsk) {
  const std::string kNow = "2026-12-01T06:00:00Z";
  Follow f;
  f.id = 1;
  const std::vector<StoredLink> none;
  const std::vector<FollowSourceState> fresh;
  // A typed procedure without a link: the Observatory.
  f.procedure = "2024/0258(COD)";
  auto ask = link_lookup_for(f, std::nullopt, none, fresh, "http://o", "http://e", kNow);
  ASSERT_TRUE(ask);
  EXPECT_EQ(ask->source, FollowSource::kOeil);
  EXPECT_EQ(ask->url, "http://o/oeil/en/procedure-file?reference=2024/0258(COD)");
  // Turned off, or answered for this URL: nothing; failed: again.
  EXPECT_FALSE(link_lookup_for(f, std::nullopt, none, fresh, "", "http://e", kNow));
  FollowSourceState answered{
      "oeil", ask->url, "", "", "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", ""};
  EXPECT_FALSE(link_lookup_for(f, std::nullopt, none, {answered}, "http://o", "http://e", kNow));
  FollowSourceState failed = answered;
  failed.last_error = "EUR-Lex (...): a bot challenge page";
  failed.failures = 1;
  EXPECT_TRUE(link_lookup_for(f, std::nullopt, none, {failed}, "http://o", "http://e", kNow));
  EXPECT_EQ(link_retry_after(failed), "");
  // Failing 3 times in a row: asked again 7 days after the last try.
  failed.failures = 2;
  EXPECT_TRUE(link_lookup_for(f, std::nullopt, none, {failed}, "http://o", "http://e", kNow));
  failed.failures = 3;
  EXPECT_EQ(link_retry_after(failed), "2026-12-08T00:00:00Z");
  EXPECT_FALSE(link_lookup_for(f, std::nullopt, none, {failed}, "http://o", "http://e", kNow));
  EXPECT_FALSE(link_lookup_for(f, std::nullopt, none, {failed}, "http://o", "http://e",
                               "2026-12-07T23:59:59Z"));
  EXPECT_TRUE(link_lookup_for(f, std::nullopt, none, {failed}, "http://o", "http://e",
                              "2026-12-08T00:00:00Z"));
  FollowSourceState moved = answered;
  moved.url = "http://elsewhere/oeil/en/procedure-file?reference=2024/0258(COD)";
  EXPECT_TRUE(link_lookup_for(f, std::nullopt, none, {moved}, "http://o", "http://e", kNow));
  // Without its type there is no page to ask for.
  f.procedure = "2024/0258";
  EXPECT_FALSE(link_lookup_for(f, std::nullopt, none, fresh, "http://o", "http://e", kNow));
  // A procedure with a link: nothing to ask.
  f.procedure = "2024/0258(COD)";
  StoredLink linked{{ComRef{2024, 469}, ProcedureRef{2024, 258, "COD"}, LinkSource::kManual, ""},
                    "2026-11-01T00:00:00Z"};
  EXPECT_FALSE(link_lookup_for(f, std::nullopt, {linked}, fresh, "http://o", "http://e", kNow));
  // A COM proposal without a procedure, the officer's or the Commission's: EUR-Lex.
  f.procedure.clear();
  f.com = "COM(2021)206";
  ask = link_lookup_for(f, std::nullopt, none, fresh, "http://o", "http://e", kNow);
  ASSERT_TRUE(ask);
  EXPECT_EQ(ask->source, FollowSource::kEurLex);
  EXPECT_EQ(ask->url, "http://e/legal-content/EN/HIS/?uri=CELEX:52021PC0206");
  f.com.clear();
  HysInitiative hys;
  HysPublication p;
  p.reference = "Ares(2026)8283054";
  hys.publications.push_back(p);
  EXPECT_FALSE(link_lookup_for(f, hys, none, fresh, "http://o", "http://e", kNow));
  hys.publications[0].reference = "52023PC0061";
  ask = link_lookup_for(f, hys, none, fresh, "http://o", "http://e", kNow);
  ASSERT_TRUE(ask);
  EXPECT_EQ(ask->url, "http://e/legal-content/EN/HIS/?uri=CELEX:52023PC0061");
  EXPECT_FALSE(link_lookup_for(f, hys, none, fresh, "http://o", "", kNow));
}

TEST(FollowLinks, TheBasesComeFromTheOptionTheEnvironmentOrOmvarldTomlAndOffTurnsThemOff) {
  test::TempDir dir;
  SettingsSources in;
  in.config = dir.path();
  in.feeds = dir.path();
  auto defaults = load_settings(in);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->oeil_base, "https://oeil.secure.europarl.europa.eu");
  EXPECT_EQ(defaults->eurlex_base, "https://eur-lex.europa.eu");
  test::write_file(dir.file("omvarld.toml"),
                   "[oeil]\nbase_url = \"http://file/oeil/\"\n[eurlex]\nbase_url = \"\"\n");
  auto file = load_settings(in);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->oeil_base, "http://file/oeil");
  EXPECT_EQ(file->eurlex_base, "");  // off
  in.env_oeil_base = "http://env/oeil";
  in.env_eurlex_base = "http://env/eurlex";
  EXPECT_EQ(load_settings(in)->oeil_base, "http://env/oeil");
  EXPECT_EQ(load_settings(in)->eurlex_base, "http://env/eurlex");
  in.oeil_base = "off";
  in.eurlex_base = "http://flag/eurlex";
  EXPECT_EQ(load_settings(in)->oeil_base, "");
  EXPECT_EQ(load_settings(in)->eurlex_base, "http://flag/eurlex");
}

TEST(FollowLinks, FollowingAsJsonShowsTheLinkFoundAndItsSource) {
  REQUIRE_SHARED_FIXTURE(oeil_path, "lifecycle/htv_oeil-procedure-file_2024-0258-cod.html");
  REQUIRE_SHARED_FIXTURE(ep_path, "lifecycle/htv_odp-procedure_2016-0132.json");
  Sources sources;
  sources.set("oeil 2024/0258(COD)", {200, "text/html", test::read_file(oeil_path)});
  sources.set("ep 2024-0258", {200, "application/ld+json",
                               ep_answer_for(test::read_file(ep_path), "2024-0258", "2024/0258")});
  test::TempDir dir;
  const std::string db = dir.file("omvarld.db");
  ASSERT_EQ(test::run_omvarld({"init", "--db", db}).exit_code, 0);
  ASSERT_EQ(test::run_omvarld({"follow", "--db", db, "--procedure", "2024/0258(COD)"}).exit_code,
            0);
  auto h = test::run_omvarld({"harvest", "--db", db, "--only", "follow", "--ep-base",
                              sources.base(), "--eurlex-base", "off"},
                             {"OMVARLD_OEIL_BASE=" + sources.base()});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_NE(h.err.find("Legislative Observatory 2024/0258(COD): stored (1 change(s))"),
            std::string::npos)
      << h.err;
  auto out = test::run_omvarld({"following", "--db", db, "--format", "json"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  rapidjson::Document doc;
  doc.Parse(out.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << out.out;
  const auto& w = doc["following"][0];
  EXPECT_STREQ(w["procedure"].GetString(), "2024/0258(COD)");
  EXPECT_STREQ(w["com"].GetString(), "COM(2024)469");
  ASSERT_EQ(w["links"].Size(), 1u);
  const auto& link = w["links"][0];
  EXPECT_STREQ(link["com"].GetString(), "COM(2024)469");
  EXPECT_STREQ(link["procedure"].GetString(), "2024/0258(COD)");
  EXPECT_STREQ(link["source"].GetString(), "oeil");
  EXPECT_EQ(std::string(link["source_url"].GetString()),
            sources.base() + "/oeil/en/procedure-file?reference=2024/0258(COD)");
  EXPECT_FALSE(link["conflict"].GetBool());
  // The Parliament's people, against an independent reading of the recorded
  // participations: shadow rapporteurs by precedenceOrder, the lead committee.
  rapidjson::Document ep;
  ep.Parse(test::read_file(ep_path).c_str());
  ASSERT_FALSE(ep.HasParseError());
  std::vector<std::pair<int, std::string>> shadows;
  std::string lead;
  for (const auto& p : ep["data"][0]["had_participation"].GetArray()) {
    const std::string role =
        p.HasMember("participation_role") ? p["participation_role"].GetString() : "";
    if (role == "def/ep-roles/RAPPORTEUR_SHADOW")
      shadows.emplace_back(p["precedenceOrder"].GetInt(),
                           p["had_participant_person"][0].GetString());
    if (role == "def/ep-roles/COMMITTEE_LEAD")
      lead = p["had_participant_organization"][0].GetString();
  }
  std::sort(shadows.begin(), shadows.end());
  ASSERT_EQ(w["shadow_rapporteurs"].Size(), shadows.size());
  ASSERT_FALSE(shadows.empty());
  for (rapidjson::SizeType i = 0; i < shadows.size(); ++i)
    EXPECT_EQ(w["shadow_rapporteurs"][i].GetString(), shadows[i].second);
  EXPECT_EQ("org/" + std::string(w["lead_committee"].GetString()), lead);
  EXPECT_EQ(w["rapporteurs"].Size(), 1u);

  bool listed = false;
  for (const auto& s : w["sources"].GetArray())
    listed |= std::string(s["source"].GetString()) == "oeil" &&
              std::string(s["last_error"].GetString()).empty();
  EXPECT_TRUE(listed);
}

// A constructed EP reading of `ref` with `events` events (the recorded
// answers are read in the harvest tests above).
EpProcedure ep_reading(ProcedureRef ref, int events) {
  EpProcedure p;
  p.ref = ref;
  p.title = "Procedure " + procedure_label(ref);
  p.type = ref.type;
  for (int i = 0; i < events; ++i) {
    EpEvent e;
    e.id = std::to_string(ref.year) + "-" + std::to_string(ref.number) + "-EV-" + std::to_string(i);
    e.date = "2021-05-" + std::to_string(10 + i);
    e.type = "EVENT_" + std::to_string(i);
    p.events.push_back(e);
  }
  return p;
}

ProcedureLink eurlex_link(ComRef com, ProcedureRef procedure) {
  return {com, procedure, LinkSource::kEurLex, "http://example.invalid/eurlex"};
}

TEST(FollowLinks, CorrectingALinkDerivedProcedureForgetsTheOldProceduresState) {
  Harness h;
  FollowTarget by_com;
  by_com.com = ComRef{2021, 206};
  const int64_t id = h.follow(by_com);
  const ProcedureRef p1{2021, 106, "COD"}, p2{2021, 999, "COD"};
  ASSERT_TRUE(h.follows
                  .record_links(id, FollowSource::kEurLex, "http://example.invalid/eurlex",
                                {eurlex_link(ComRef{2021, 206}, p1)}, "2026-11-29T00:00:00Z")
                  .ok());
  ASSERT_TRUE(h.follows
                  .record_ep(id, "http://example.invalid/ep/2021-0106", ep_reading(p1, 9), "", "",
                             "2026-11-29T00:00:01Z")
                  .ok());
  // The officer corrects it: the follow's own procedure was empty, the one
  // in use came from EUR-Lex.
  FollowTarget correction = by_com;
  correction.procedure = p2;
  ASSERT_EQ(h.follow(correction), id);
  auto ep = h.follows.ep_state(id);
  ASSERT_TRUE(ep.ok());
  EXPECT_FALSE(*ep) << "2021/0106's state is still stored under the follow of 2021/0999";
  auto f = h.follows.get(id);
  ASSERT_TRUE(f.ok() && *f);
  auto loaded = h.follows.load(**f);
  ASSERT_TRUE(loaded.ok());
  EXPECT_FALSE(loaded->ep) << "the page would show 2021/0106's state under 2021/0999";
  EXPECT_TRUE(std::none_of(loaded->sources.begin(), loaded->sources.end(),
                           [](const FollowSourceState& s) { return s.source == "ep"; }));
  auto next = h.follows.record_ep(id, "http://example.invalid/ep/2021-0999", ep_reading(p2, 2), "",
                                  "", "2026-11-30T00:00:00Z");
  ASSERT_TRUE(next.ok()) << next.error().message;
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ((*next)[0].kind, "first-read");
  EXPECT_EQ((*next)[0].new_value, "2 event(s)");
}

TEST(FollowLinks, AReadingOfAnotherProcedureIsAFirstReadNotADiff) {
  Harness h;
  FollowTarget t;
  t.com = ComRef{2021, 206};
  const int64_t id = h.follow(t);
  const ProcedureRef p1{2021, 106, "COD"}, p2{2021, 999, "COD"};
  ASSERT_TRUE(
      h.follows.record_ep(id, "u1", ep_reading(p1, 9), "", "", "2026-11-29T00:00:00Z").ok());
  auto next = h.follows.record_ep(id, "u2", ep_reading(p2, 9), "", "", "2026-11-30T00:00:00Z");
  ASSERT_TRUE(next.ok()) << next.error().message;
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ((*next)[0].kind, "first-read");
  auto all = h.follows.changes(id);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(std::none_of(all->begin(), all->end(),
                           [](const FollowChange& c) { return c.kind == "new-event"; }));
  // The same procedure read again (without its type) is still a diff.
  EpProcedure again = ep_reading(p2, 10);
  again.ref.type.clear();
  auto diff = h.follows.record_ep(id, "u2", again, "", "", "2026-12-01T00:00:00Z");
  ASSERT_TRUE(diff.ok());
  ASSERT_EQ(diff->size(), 1u);
  EXPECT_EQ((*diff)[0].kind, "new-event");
}

TEST(FollowLinks, NamingAComALinkGaveAFollowNeverReplacesTheOfficersOwnCom) {
  Harness h;
  // The officer follows COM(2021)206; EUR-Lex ties it, and the amended
  // proposal COM(2021)207, to 2021/0106(COD).
  FollowTarget own;
  own.com = ComRef{2021, 206};
  const int64_t id = h.follow(own);
  const ProcedureRef p1{2021, 106, "COD"};
  ASSERT_TRUE(
      h.follows
          .record_links(id, FollowSource::kEurLex, "http://example.invalid/eurlex",
                        {eurlex_link(ComRef{2021, 206}, p1), eurlex_link(ComRef{2021, 207}, p1)},
                        "2026-11-29T00:00:00Z")
          .ok());
  FollowTarget other;
  other.com = ComRef{2021, 207};
  const int64_t other_id = h.follow(other);
  auto f = h.follows.get(id);
  ASSERT_TRUE(f.ok() && *f);
  EXPECT_EQ((*f)->com, "COM(2021)206") << "naming COM(2021)207 rewrote the officer's COM";
  EXPECT_NE(other_id, id);
  // Named with the procedure through its link: the procedure is taken, the
  // officer's COM stays.
  FollowTarget hys_follow;
  hys_follow.hys_id = 18805;
  const int64_t hys_id = h.follow(hys_follow);
  ASSERT_TRUE(h.follows
                  .record_links(hys_id, FollowSource::kEurLex, "http://example.invalid/eurlex",
                                {eurlex_link(ComRef{2023, 61}, ProcedureRef{2023, 102, "COD"})},
                                "2026-11-29T00:00:00Z")
                  .ok());
  FollowTarget with_com = hys_follow;
  with_com.hys_id.reset();
  with_com.procedure = ProcedureRef{2023, 102, "COD"};
  with_com.com = ComRef{2023, 62};
  ASSERT_EQ(h.follow(with_com), hys_id);
  auto g = h.follows.get(hys_id);
  ASSERT_TRUE(g.ok() && *g);
  EXPECT_EQ((*g)->com, "COM(2023)62");  // it had none of its own
  EXPECT_EQ((*g)->procedure, "2023/0102(COD)");
}

TEST(FollowLinks, AConflictLinkNamesNoFollow) {
  Harness h;
  // A Have your say follow: EUR-Lex ties COM(2021)206 to 2021/0106(COD) (in
  // use), then the Observatory ties COM(2021)300 to 2021/0999(COD): a conflict.
  FollowTarget t;
  t.hys_id = 18805;
  const int64_t id = h.follow(t);
  ASSERT_TRUE(h.follows
                  .record_links(id, FollowSource::kEurLex, "http://example.invalid/eurlex",
                                {eurlex_link(ComRef{2021, 206}, ProcedureRef{2021, 106, "COD"})},
                                "2026-11-29T00:00:00Z")
                  .ok());
  ProcedureLink conflict{ComRef{2021, 300}, ProcedureRef{2021, 999, "COD"}, LinkSource::kOeil,
                         "http://example.invalid/oeil"};
  auto changes = h.follows.record_links(id, FollowSource::kOeil, conflict.source_url, {conflict},
                                        "2026-11-30T00:00:00Z");
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  ASSERT_EQ((*changes)[0].kind, "link-conflict");

  FollowTarget by_procedure;
  by_procedure.procedure = ProcedureRef{2021, 999, "COD"};
  const int64_t p_id = h.follow(by_procedure);
  EXPECT_NE(p_id, id) << "the conflict link's procedure named the follow";
  FollowTarget by_com;
  by_com.com = ComRef{2021, 300};
  const int64_t c_id = h.follow(by_com);
  EXPECT_NE(c_id, id) << "the conflict link's COM named the follow";
  auto f = h.follows.get(id);
  ASSERT_TRUE(f.ok() && *f);
  EXPECT_EQ((*f)->procedure, "");
  EXPECT_EQ((*f)->com, "");
  // The links in use still name it.
  FollowTarget in_use;
  in_use.com = ComRef{2021, 206};
  EXPECT_EQ(h.follow(in_use), id);
  in_use.com.reset();
  in_use.procedure = ProcedureRef{2021, 106, "COD"};
  EXPECT_EQ(h.follow(in_use), id);
}

TEST(FollowLinks, AnObservatoryPageOfAnotherProcedureIsAnErrorEvenWithoutComs) {
  // The recorded 2022/2201(INI) file names no COM document; served for
  // 2023/0001(COD) it is the wrong page, not "no COM".
  REQUIRE_SHARED_FIXTURE(oeil_path, "lifecycle/htv_oeil-procedure-file_2022-2201-ini.html");
  Sources sources;
  sources.set("oeil 2023/0001(COD)", {200, "text/html", test::read_file(oeil_path)});
  Harness h;
  FollowTarget t;
  t.procedure = ProcedureRef{2023, 1, "COD"};
  const int64_t id = h.follow(t);
  auto first = h.harvest(sources);
  ASSERT_TRUE(first.ok());
  const FollowOutcome* oeil = h.outcome(*first, "oeil");
  ASSERT_NE(oeil, nullptr);
  EXPECT_EQ(oeil->status, OutcomeStatus::kFailed);
  EXPECT_NE(oeil->error.find("2022/2201(INI)"), std::string::npos) << oeil->error;
  EXPECT_NE(oeil->error.find("2023/0001(COD)"), std::string::npos) << oeil->error;
  EXPECT_NE(oeil->error.find("Legislative Observatory"), std::string::npos) << oeil->error;
  EXPECT_TRUE(h.links(id).empty());
  auto state = h.follows.source_state(id, FollowSource::kOeil);
  ASSERT_TRUE(state.ok() && *state);
  EXPECT_NE((*state)->last_error, "");
  ASSERT_TRUE(h.harvest(sources).ok());
  EXPECT_EQ(sources.count("oeil 2023/0001(COD)"), 2) << "a wrong page is asked again";
}

TEST(FollowLinks, AEurLexPageOfADocumentWithoutProcedureIsAnAnswerNotAnError) {
  // Constructed: EUR-Lex's page of a communication, titled as EUR-Lex titles
  // its pages ("EUR-Lex - <number> - EN - EUR-Lex"), with no procedure.
  Sources sources;
  sources.set("eurlex CELEX:52021PC0205",
              {200, "text/html",
               "<!DOCTYPE html><html><head><title>EUR-Lex - 52021PC0205 - EN - EUR-Lex</title>"
               "</head><body><p>Communication from the Commission</p></body></html>"});
  Harness h;
  FollowTarget t;
  t.com = ComRef{2021, 205};
  const int64_t id = h.follow(t);
  auto first = h.harvest(sources);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->failed(), 0);
  const FollowOutcome* eurlex = h.outcome(*first, "eurlex");
  ASSERT_NE(eurlex, nullptr);
  EXPECT_EQ(eurlex->status, OutcomeStatus::kStored) << eurlex->error;
  EXPECT_EQ(eurlex->changes, 0);
  EXPECT_TRUE(h.links(id).empty());
  ASSERT_TRUE(h.harvest(sources).ok());
  EXPECT_EQ(sources.count("eurlex CELEX:52021PC0205"), 1) << "an answer is not asked again";
}

TEST(FollowLinks, ALookupThatKeepsFailingIsAskedWeeklyAfterThreeFailures) {
  Sources sources;  // EUR-Lex answers 404 for COM(2021)207
  Harness h;
  FollowTarget t;
  t.com = ComRef{2021, 207};
  const int64_t id = h.follow(t);
  const std::string key = "eurlex CELEX:52021PC0207";
  for (int run = 1; run <= 3; ++run) {
    h.lines.clear();
    auto r = h.harvest(sources);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(sources.count(key), run);
    const FollowOutcome* eurlex = h.outcome(*r, "eurlex");
    ASSERT_NE(eurlex, nullptr);
    EXPECT_EQ(eurlex->status, OutcomeStatus::kFailed);
    EXPECT_EQ(eurlex->next_try, run < 3 ? "at the next run"
                                        : "from " + UtcTime{h.clock.now - 3600 + 7 * 86400}.iso() +
                                              " (3 failures in a row)");
  }
  auto state = h.follows.source_state(id, FollowSource::kEurLex);
  ASSERT_TRUE(state.ok() && *state);
  EXPECT_EQ((*state)->failures, 3);
  bool said = false;
  for (const auto& line : h.lines) said |= line.find("asked again from ") != std::string::npos;
  EXPECT_TRUE(said) << "the log line says when it is asked again";
  // Not asked for a week: the harvest has nothing failing to report.
  auto quiet = h.harvest(sources);
  ASSERT_TRUE(quiet.ok());
  EXPECT_EQ(h.outcome(*quiet, "eurlex"), nullptr);
  EXPECT_EQ(quiet->failed(), 0);
  EXPECT_EQ(sources.count(key), 3);
  h.clock.now += 7 * 86400;
  ASSERT_TRUE(h.harvest(sources).ok());
  EXPECT_EQ(sources.count(key), 4);
  // An answer at last resets the count.
  sources.set("eurlex CELEX:52021PC0207",
              {200, "text/html",
               "<html><head><title>EUR-Lex - 52021PC0207 - EN - EUR-Lex</title></head></html>"});
  h.clock.now += 7 * 86400;
  ASSERT_TRUE(h.harvest(sources).ok());
  EXPECT_EQ(sources.count(key), 5);
  EXPECT_EQ((*h.follows.source_state(id, FollowSource::kEurLex))->failures, 0);
}

}  // namespace
}  // namespace omvarld
