// Following initiatives in a real SQLite database on disk: what is
// followed, the state each source last gave, and the exact changes between
// two readings (store/follow_store.h). The initiatives here are constructed
// (shaped like Have your say 18805 and EP procedure 2016/0132(COD)); the
// recorded answers are read in follow_harvest_test.cpp.
#include "store/follow_store.h"

#include <gtest/gtest.h>

#include "services/settings.h"
#include "store/item_store.h"
#include "store/store.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

HysPublication publication(int64_t id, const char* type, const char* status) {
  HysPublication p;
  p.id = id;
  p.type = type;
  p.stage = "PLANNING_WORKFLOW";
  p.feedback_status = status;
  return p;
}

HysInitiative initiative() {
  HysInitiative h;
  h.id = 18805;
  h.title = "Plants obtained by new genomic techniques";
  h.stage = "PLANNING_WORKFLOW";
  HysPublication cfe = publication(25817, "CALL_FOR_EVIDENCE", "OPEN");
  cfe.published = "2026-08-31T06:24:00Z";
  cfe.feedback_end = "2026-09-28T21:59:59Z";
  HysPublication draft = publication(25372, "REG_DEL_DRAFT", "UPCOMING");
  HysPublication act = publication(25373, "REG_DEL", "DISABLED");
  act.planned_period = "Q-2028-1";
  act.planned_start = "2027-12-31T23:00:00Z";
  h.publications = {cfe, draft, act};
  return h;
}

EpEvent event(const char* id, const char* date, const char* type) {
  EpEvent e;
  e.id = id;
  e.date = date;
  e.type = type;
  return e;
}

EpProcedure procedure() {
  EpProcedure p;
  p.ref = {2016, 132, "COD"};
  p.title = "Eurodac";
  p.type = "COD";
  p.events = {event("2016-0132-ANPRO-2016-09-12", "2016-09-12", "REFERRAL"),
              event("2016-0132-DEPOT-2017-06-09", "2017-06-09", "TABLING_PLENARY")};
  return p;
}

std::vector<std::string> kinds(const std::vector<FollowChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes)
    out.push_back(c.kind + " " + c.subject + ": " + c.old_value + " -> " + c.new_value);
  return out;
}

TEST(FollowDiff, AFirstReadingIsOneChangeNotAFlood) {
  auto changes = diff_hys(std::nullopt, initiative());
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, "first-read");
  EXPECT_EQ(changes[0].new_value, "3 publication(s)");
  EXPECT_TRUE(diff_hys(initiative(), initiative()).empty());
  EXPECT_TRUE(diff_ep(procedure(), procedure()).empty());
}

TEST(FollowDiff, ANewPublicationAnOpenedPeriodAndAMovedDateAreExactlyTheChanges) {
  HysInitiative after = initiative();
  after.publications[1].published = "2026-10-15T08:00:00Z";
  after.publications[1].feedback_status = "OPEN";
  after.publications[1].feedback_end = "2026-11-12T22:59:59Z";
  after.publications[2].planned_period = "Q-2028-2";
  HysPublication opc = publication(26000, "PUBLIC_CONSULTATION", "OPEN");
  opc.published = "2026-10-20T08:00:00Z";
  opc.feedback_end = "2027-01-12T22:59:59Z";
  after.publications.push_back(opc);
  after.publications[0].feedback_count = 40;  // not news
  EXPECT_EQ(kinds(diff_hys(initiative(), after)),
            (std::vector<std::string>{
                "published REG_DEL_DRAFT:  -> 2026-10-15T08:00:00Z",
                "feedback-opened REG_DEL_DRAFT: UPCOMING -> 2026-11-12T22:59:59Z",
                "planned-date-changed REG_DEL: Q-2028-1 -> Q-2028-2",
                "new-publication PUBLIC_CONSULTATION:  -> 2026-10-20T08:00:00Z",
                "feedback-opened PUBLIC_CONSULTATION:  -> 2027-01-12T22:59:59Z",
            }));
}

TEST(FollowDiff, AClosedPeriodAMovedEndAndARemovedPublication) {
  HysInitiative before = initiative();
  HysInitiative after = initiative();
  after.publications[0].feedback_end = "2026-10-05T21:59:59Z";
  after.publications.pop_back();
  EXPECT_EQ(
      kinds(diff_hys(before, after)),
      (std::vector<std::string>{"feedback-end-changed CALL_FOR_EVIDENCE: 2026-09-28T21:59:59Z -> "
                                "2026-10-05T21:59:59Z",
                                "publication-removed REG_DEL:  -> "}));
  after.publications[0].feedback_status = "CLOSED";
  auto closed = kinds(diff_hys(before, after));
  ASSERT_FALSE(closed.empty());
  EXPECT_EQ(closed[0], "feedback-closed CALL_FOR_EVIDENCE: 2026-09-28T21:59:59Z -> CLOSED");
}

TEST(FollowDiff, ANewEventAndAMovedEventOfTheParliament) {
  EpProcedure after = procedure();
  after.events[1].date = "2017-06-10";
  after.events.push_back(event("2016-0132-VOTE-2026-12-01", "2026-12-01", "PLENARY_VOTE"));
  after.stage = "RDG1";
  EXPECT_EQ(kinds(diff_ep(procedure(), after)),
            (std::vector<std::string>{"stage-changed :  -> RDG1",
                                      "event-date-changed TABLING_PLENARY: 2017-06-09 -> "
                                      "2017-06-10",
                                      "new-event PLENARY_VOTE:  -> 2026-12-01"}));
}

struct Fixture {
  test::TempDir dir;
  Result<Store> store = Store::open(dir.file("omvarld.db"));
  FollowStore follows{store->db()};
};

TEST(FollowStore, TheSameInitiativeNamedTwiceIsOneFollowAndTheComLinkIsManual) {
  Fixture db;
  ASSERT_TRUE(db.store.ok());
  FollowTarget hys;
  hys.hys_id = 18805;
  auto a = db.follows.follow(hys, FollowReason::kManual, "anna", "2026-09-01T08:00:00Z");
  ASSERT_TRUE(a.ok()) << a.error().message;
  FollowTarget more;
  more.hys_id = 18805;
  more.procedure = ProcedureRef{2016, 132, "COD"};
  more.com = ComRef{2016, 272};
  auto b = db.follows.follow(more, FollowReason::kManual, "anna", "2026-09-01T09:00:00Z");
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(*a, *b);
  auto all = db.follows.follows();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].procedure, "2016/0132(COD)");
  EXPECT_EQ((*all)[0].com, "COM(2016)272");
  EXPECT_EQ((*all)[0].followed_by, "anna");
  auto links = db.follows.links(*a);
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].link.source, LinkSource::kManual);
  EXPECT_EQ(procedure_label((*links)[0].link.procedure), "2016/0132(COD)");
  // The procedure again without its type is the same follow, type kept.
  FollowTarget bare;
  bare.procedure = ProcedureRef{2016, 132, ""};
  EXPECT_EQ(*db.follows.follow(bare, FollowReason::kManual, "bo", "2026-09-02T00:00:00Z"), *a);
  EXPECT_EQ((*db.follows.get(*a))->procedure, "2016/0132(COD)");
  // A second, different initiative is a second follow.
  FollowTarget other;
  other.hys_id = 12472;
  EXPECT_NE(*db.follows.follow(other, FollowReason::kManual, "bo", "2026-09-02T00:00:00Z"), *a);
  // Naming both at once is refused: they are two follows.
  FollowTarget both;
  both.hys_id = 12472;
  both.procedure = ProcedureRef{2016, 132, "COD"};
  auto refused = db.follows.follow(both, FollowReason::kManual, "bo", "2026-09-02T00:00:00Z");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kUsage);
}

TEST(FollowStore, UnfollowingKeepsTheHistoryAndFollowingAgainRevivesIt) {
  Fixture db;
  FollowTarget t;
  t.hys_id = 18805;
  int64_t id = *db.follows.follow(t, FollowReason::kManual, "anna", "2026-09-01T08:00:00Z");
  ASSERT_TRUE(
      db.follows
          .record_hys(id, "http://x/18805", initiative(), "\"v1\"", "", "2026-09-01T09:00:00Z")
          .ok());
  EXPECT_EQ(*db.follows.unfollow(t, "anna", "2026-09-02T08:00:00Z"), 1);
  EXPECT_TRUE(db.follows.follows()->empty());
  EXPECT_EQ(db.follows.follows(true)->size(), 1u);
  EXPECT_EQ(*db.follows.unfollow(t, "anna", "2026-09-02T08:00:00Z"), 0);
  EXPECT_EQ(*db.follows.follow(t, FollowReason::kManual, "anna", "2026-09-03T08:00:00Z"), id);
  auto view = db.follows.overview();
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->size(), 1u);
  ASSERT_TRUE((*view)[0].hys);
  EXPECT_EQ((*view)[0].hys->publications.size(), 3u);
  EXPECT_EQ((*view)[0].changes.size(), 1u);
}

TEST(FollowStore, AReadingIsStoredWholeAndAFailureKeepsIt) {
  Fixture db;
  FollowTarget t;
  t.hys_id = 18805;
  t.procedure = ProcedureRef{2016, 132, "COD"};
  int64_t id = *db.follows.follow(t, FollowReason::kManual, "anna", "2026-09-01T08:00:00Z");
  auto first = db.follows.record_hys(id, "http://x/18805", initiative(), "\"v1\"",
                                     "Mon, 31 Aug 2026 06:24:00 GMT", "2026-09-01T09:00:00Z");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->size(), 1u);
  auto stored = db.follows.hys_state(id);
  ASSERT_TRUE(stored.ok() && *stored);
  EXPECT_EQ(**stored, initiative());  // every field back as written
  ASSERT_TRUE(
      db.follows.record_ep(id, "http://x/ep", procedure(), "", "", "2026-09-01T09:00:01Z").ok());
  EXPECT_EQ(**db.follows.ep_state(id), procedure());

  ASSERT_TRUE(db.follows
                  .record_failure(id, FollowSource::kHys, "http://x/18805",
                                  "Have your say: a challenge page", "2026-09-02T09:00:00Z")
                  .ok());
  EXPECT_EQ(**db.follows.hys_state(id), initiative());
  auto state = db.follows.source_state(id, FollowSource::kHys);
  ASSERT_TRUE(state.ok() && *state);
  EXPECT_EQ((*state)->last_error, "Have your say: a challenge page");
  EXPECT_EQ((*state)->last_ok_at, "2026-09-01T09:00:00Z");
  EXPECT_EQ((*state)->etag, "\"v1\"");  // still asked with next time
  EXPECT_EQ((*state)->last_modified, "Mon, 31 Aug 2026 06:24:00 GMT");

  HysInitiative moved = initiative();
  moved.publications[2].planned_period = "Q-2028-2";
  auto second =
      db.follows.record_hys(id, "http://x/18805", moved, "\"v2\"", "", "2026-09-03T09:00:00Z");
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].kind, "planned-date-changed");
  EXPECT_EQ((*second)[0].seen_at, "2026-09-03T09:00:00Z");
  EXPECT_EQ((*db.follows.source_state(id, FollowSource::kHys))->last_error, "");
  auto since = db.follows.changes(id, "2026-09-03");
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->size(), 1u);
  EXPECT_EQ((*since)[0].old_value, "Q-2028-1");
  EXPECT_EQ(db.follows.changes(id)->size(), 3u);  // two first readings and the move
}

TEST(FollowStore, TheNextKnownDateIsTheSoonestStillToCome) {
  FollowedInitiative f;
  f.hys = initiative();
  f.ep = procedure();
  auto next = next_known_date(f, "2026-09-01T00:00:00Z");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->when, "2026-09-28T21:59:59Z");
  EXPECT_EQ(next->what, "feedback on CALL_FOR_EVIDENCE closes");
  next = next_known_date(f, "2026-10-01T00:00:00Z");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->when, "2027-12-31T23:00:00Z");
  EXPECT_FALSE(next_known_date(f, "2029-01-01T00:00:00Z"));
  EXPECT_EQ(followed_title(f), "Plants obtained by new genomic techniques");
}

TEST(FollowStore, AHaveYourSayItemMarkedRelevantIsFollowedOnceAndNotAfterUnfollowing) {
  Fixture db;
  ItemStore items(db.store->db());
  ASSERT_TRUE(items.upsert_source({"hys", "hys", "http://127.0.0.1/hys", "Have your say"}).ok());
  ASSERT_TRUE(items.upsert_source({"eurlex", "rss", "http://127.0.0.1/feed", "EUR-Lex"}).ok());
  auto run = db.store->begin_run("feeds", "test", *parse_utc_time("2026-09-01T00:00:00Z"));
  ASSERT_TRUE(run.ok());
  FeedItem a, b, c;
  a.guid = "18805.0";
  a.title = "New genomic techniques";
  b.guid = "12472";
  b.title = "Violence against women";
  c.guid = "https://eur-lex/1";
  c.title = "A regulation";
  ASSERT_TRUE(items.write_items(*run, "hys", {a, b}, "2026-09-01T00:00:00Z").ok());
  ASSERT_TRUE(items.write_items(*run, "eurlex", {c}, "2026-09-01T00:00:00Z").ok());
  for (int64_t id : {1, 2, 3})
    ASSERT_TRUE(items
                    .review(id, id == 2 ? ReviewStatus::kNotRelevant : ReviewStatus::kRelevant, {},
                            {}, "anna", "2026-09-01T01:00:00Z")
                    .ok());
  auto added = db.follows.follow_relevant_items("2026-09-02T00:00:00Z");
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(*added, 1);  // the relevant Have your say item only
  auto all = *db.follows.follows();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].hys_id, 18805);
  EXPECT_EQ(all[0].item_id, 1);
  EXPECT_EQ(all[0].reason, "relevant");
  EXPECT_EQ(*db.follows.follow_relevant_items("2026-09-03T00:00:00Z"), 0);
  FollowTarget t;
  t.item_id = 1;
  ASSERT_EQ(*db.follows.unfollow(t, "anna", "2026-09-04T00:00:00Z"), 1);
  EXPECT_EQ(*db.follows.follow_relevant_items("2026-09-05T00:00:00Z"), 0);
  EXPECT_TRUE(db.follows.follows()->empty());
}

TEST(FollowSettings, BaseUrlsComeFromTheOptionTheEnvironmentOrOmvarldToml) {
  test::TempDir dir;
  SettingsSources in;
  in.config = dir.path();
  in.feeds = dir.path();
  auto defaults = load_settings(in);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->hys_base, "https://ec.europa.eu/info/law/better-regulation");
  EXPECT_EQ(defaults->ep_base, "https://data.europarl.europa.eu");
  EXPECT_TRUE(defaults->follow_relevant);
  test::write_file(dir.file("omvarld.toml"),
                   "[hys]\nbase_url = \"http://file/hys/\"\n[ep]\nbase_url = \"http://file/ep\"\n"
                   "[follow]\nrelevant = false\n");
  auto file = load_settings(in);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->hys_base, "http://file/hys");
  EXPECT_EQ(file->ep_base, "http://file/ep");
  EXPECT_FALSE(file->follow_relevant);
  in.env_hys_base = "http://env/hys";
  in.env_ep_base = "http://env/ep";
  EXPECT_EQ(load_settings(in)->hys_base, "http://env/hys");
  EXPECT_EQ(load_settings(in)->ep_base, "http://env/ep");
  in.hys_base = "http://flag/hys";
  in.ep_base = "http://flag/ep";
  EXPECT_EQ(load_settings(in)->hys_base, "http://flag/hys");
  EXPECT_EQ(load_settings(in)->ep_base, "http://flag/ep");
}

}  // namespace
}  // namespace omvarld
