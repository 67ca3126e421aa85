// The follow commands through the real binary: follow, harvest --only follow
// from a loopback mirror of the recorded answers, following as JSON (checked
// field by field against an independent reading of the recorded bodies),
// CSV and table, --changed-since, unfollow.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "support/test_support.h"

namespace omvarld {
namespace {

using test::run_omvarld;

// An independent count of the events a procedure has: its consists_of
// entries and each main rapporteur's dated appointment (had_participation),
// which omvarld shows as an event of its own.
size_t expected_events(const rapidjson::Value& process) {
  size_t n = process["consists_of"].Size();
  for (const auto& p : process["had_participation"].GetArray()) {
    const std::string role =
        p.HasMember("participation_role") ? p["participation_role"].GetString() : "";
    if (p.HasMember("activity_date") && role.size() >= 11 &&
        role.compare(role.size() - 11, 11, "/RAPPORTEUR") == 0)
      ++n;
  }
  return n;
}

struct Mirror {
  test::LoopbackHttpServer server;
  Mirror(const std::string& hys, const std::string& ep) {
    server.server.Get("/brpapi/groupInitiatives/18805",
                      [hys](const httplib::Request&, httplib::Response& res) {
                        res.set_content(hys, "application/json");
                      });
    server.server.Get("/api/v2/procedures/2016-0132",
                      [ep](const httplib::Request&, httplib::Response& res) {
                        res.set_content(ep, "application/ld+json");
                      });
  }
};

TEST(FollowCli, FollowHarvestAndListAsJsonFieldByField) {
  REQUIRE_SHARED_FIXTURE(hys_path, "lifecycle/pm_hys-detail.json");
  REQUIRE_SHARED_FIXTURE(ep_path, "lifecycle/htv_odp-procedure_2016-0132.json");
  const std::string hys_body = test::read_file(hys_path), ep_body = test::read_file(ep_path);
  Mirror mirror(hys_body, ep_body);
  test::TempDir dir;
  const std::string db = dir.file("omvarld.db");
  ASSERT_EQ(run_omvarld({"init", "--db", db}).exit_code, 0);

  auto bad = run_omvarld({"follow", "--db", db, "--procedure", "20160132"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  auto none = run_omvarld({"follow", "--db", db});
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_NE(none.err.find("--hys"), std::string::npos) << none.err;

  auto f = run_omvarld({"follow", "--db", db, "--hys", "18805", "--procedure", "2016/0132(COD)",
                        "--com", "COM(2016)272"});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  EXPECT_NE(f.out.find("following 1: Have your say 18805, procedure 2016/0132(COD), COM(2016)272"),
            std::string::npos)
      << f.out;

  auto h = run_omvarld({"harvest", "--db", db, "--only", "follow", "--hys-base",
                        mirror.server.base(), "--ep-base", mirror.server.base()});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_NE(h.err.find("Have your say initiative 18805: stored (1 change(s))"), std::string::npos)
      << h.err;

  auto out = run_omvarld({"following", "--db", db, "--format", "json"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  rapidjson::Document doc;
  doc.Parse(out.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << out.out;
  ASSERT_TRUE(doc["following"].IsArray());
  ASSERT_EQ(doc["following"].Size(), 1u);
  const auto& w = doc["following"][0];
  rapidjson::Document hys;
  hys.Parse(hys_body.c_str());
  EXPECT_EQ(w["hys_id"].GetInt64(), 18805);
  EXPECT_STREQ(w["procedure"].GetString(), "2016/0132(COD)");
  EXPECT_STREQ(w["com"].GetString(), "COM(2016)272");
  EXPECT_TRUE(w["item_id"].IsNull());
  EXPECT_STREQ(w["title"].GetString(), hys["shortTitle"].GetString());
  EXPECT_STREQ(w["stage"].GetString(), hys["stage"].GetString());
  const auto& pubs = w["publications"];
  ASSERT_EQ(pubs.Size(), hys["publications"].Size());
  for (rapidjson::SizeType i = 0; i < pubs.Size(); ++i)
    EXPECT_STREQ(pubs[i]["type"].GetString(), hys["publications"][i]["type"].GetString());
  EXPECT_STREQ(pubs[1]["type"].GetString(), "CALL_FOR_EVIDENCE");
  EXPECT_STREQ(pubs[1]["published"].GetString(), "2026-08-31T06:24:00Z");
  EXPECT_STREQ(pubs[1]["feedback_end"].GetString(), "2026-09-28T21:59:59Z");
  EXPECT_STREQ(pubs[1]["feedback_status"].GetString(), "OPEN");
  EXPECT_EQ(pubs[1]["feedback_count"].GetInt(), 1);
  EXPECT_TRUE(pubs[2]["published"].IsNull());
  EXPECT_TRUE(pubs[2]["feedback_end"].IsNull());
  EXPECT_STREQ(pubs[3]["planned_period"].GetString(), "Q-2028-1");

  rapidjson::Document ep;
  ep.Parse(ep_body.c_str());
  const auto& events = w["events"];
  ASSERT_EQ(events.Size(), expected_events(ep["data"][0]));
  std::string last;
  bool saw_referral = false;
  for (const auto& e : events.GetArray()) {
    ASSERT_TRUE(e.HasMember("date") && e.HasMember("type") && e.HasMember("title"));
    if (e["date"].IsNull()) continue;
    EXPECT_LE(last, std::string(e["date"].GetString())) << "events oldest first";
    last = e["date"].GetString();
    if (e["type"].IsString() && std::string(e["type"].GetString()) == "REFERRAL") {
      EXPECT_STREQ(e["date"].GetString(), "2016-09-12");
      saw_referral = true;
    }
  }
  EXPECT_TRUE(saw_referral);
  ASSERT_EQ(w["links"].Size(), 1u);
  EXPECT_STREQ(w["links"][0]["source"].GetString(), "manual");
  // The manual link, then the two first readings.
  ASSERT_EQ(w["changes"].Size(), 3u);
  EXPECT_STREQ(w["changes"][0]["kind"].GetString(), "new-link");
  EXPECT_STREQ(w["changes"][1]["kind"].GetString(), "first-read");
  EXPECT_STREQ(w["changes"][1]["source"].GetString(), "hys");
  EXPECT_STREQ(w["changes"][2]["source"].GetString(), "ep");

  auto csv = run_omvarld({"following", "--db", db, "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "id,hys,procedure,com,stage,next,next what,changes,last change,problems,title");
  EXPECT_NE(csv.out.find("\n1,18805,2016/0132(COD),COM(2016)272,"), std::string::npos) << csv.out;
  auto table = run_omvarld({"following", "--db", db});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("2016/0132(COD)"), std::string::npos) << table.out;

  auto later =
      run_omvarld({"following", "--db", db, "--changed-since", "2999-01-01", "--format", "json"});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_EQ(later.out, "{\"following\":[]}\n");
  EXPECT_EQ(run_omvarld({"following", "--db", db, "--changed-since", "yesterday"}).exit_code, 2);

  auto un = run_omvarld({"unfollow", "--db", db, "--procedure", "2016-0132"});
  ASSERT_EQ(un.exit_code, 0) << un.err;
  auto empty = run_omvarld({"following", "--db", db, "--format", "json"});
  EXPECT_EQ(empty.out, "{\"following\":[]}\n");
  EXPECT_NE(run_omvarld({"unfollow", "--db", db, "--hys", "18805"}).exit_code, 0);
}

TEST(FollowCli, TheBaseUrlsComeFromTheEnvironmentToo) {
  REQUIRE_SHARED_FIXTURE(hys_path, "lifecycle/pm_hys-detail.json");
  Mirror mirror(test::read_file(hys_path), "{}");
  test::TempDir dir;
  const std::string db = dir.file("omvarld.db");
  ASSERT_EQ(run_omvarld({"init", "--db", db}).exit_code, 0);
  ASSERT_EQ(run_omvarld({"follow", "--db", db, "--hys", "18805"}).exit_code, 0);
  auto h = run_omvarld(
      {"harvest", "--db", db, "--only", "follow"},
      {"OMVARLD_HYS_BASE=" + mirror.server.base(), "OMVARLD_EP_BASE=http://127.0.0.1:9"});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_NE(h.err.find("stored"), std::string::npos) << h.err;
}

TEST(FollowCli, TheDemoFollowsAnInitiativeAndAProcedureFromTheBundledAnswers) {
  test::TempDir dir;
  auto demo = run_omvarld({"demo", "-q", "--out", dir.path()});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  auto out = run_omvarld({"following", "--db", dir.file("omvarld-demo.db"), "--format", "json"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  rapidjson::Document doc;
  doc.Parse(out.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << out.out;
  ASSERT_EQ(doc["following"].Size(), 2u);
  const auto& hys = doc["following"][0];
  EXPECT_EQ(hys["hys_id"].GetInt64(), 18805);
  EXPECT_EQ(hys["publications"].Size(), 4u);
  EXPECT_TRUE(hys["procedure"].IsNull());
  const auto& ep = doc["following"][1];
  EXPECT_TRUE(ep["hys_id"].IsNull());
  EXPECT_STREQ(ep["procedure"].GetString(), "2016/0132(COD)");
  EXPECT_EQ(ep["events"].Size(), 7u);  // the trimmed sample's events
  EXPECT_NE(std::string(ep["title"].GetString()).find("Eurodac"), std::string::npos);
}

}  // namespace
}  // namespace omvarld
