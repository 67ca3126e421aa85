// Upgrading a decisions file (schema.cpp, decisions_migrations) that
// already holds follows: a version-2 file with a followed procedure's EP
// state, its events, a EUR-Lex link written as "eur-lex", that link's
// change and a source's state is opened by the current omvarld, upgraded
// to the current version, and everything in it reads back. The version-2
// file is made from a new one by removing what migrations 3 and 4 add
// (SQLite's DROP COLUMN) and setting its version to 2; its rows are
// constructed.
#include <gtest/gtest.h>

#include "store/follow_store.h"
#include "store/schema.h"
#include "store/store.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

TEST(DecisionsUpgrade, AVersion2FileWithFollowEpRowsIsUpgradedAndReadsBack) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  { ASSERT_TRUE(Store::open(path).ok()); }
  {
    auto db = Db::open(decisions_path(path));
    ASSERT_TRUE(db.ok()) << db.error().message;
    ASSERT_TRUE(db->exec(R"sql(
ALTER TABLE follow_sources DROP COLUMN failures;
ALTER TABLE follow_ep DROP COLUMN shadow_rapporteurs;
ALTER TABLE follow_ep DROP COLUMN lead_committee;
INSERT INTO follows(id, procedure, com, reason, followed_at, followed_by)
  VALUES(1, '', 'COM(2021)206', 'manual', '2026-11-01T00:00:00Z', 'anna');
INSERT INTO follow_ep(follow_id, procedure, title, type, stage, status, rapporteurs, committees,
                      adopted_texts)
  VALUES(1, '2021/0106(COD)', 'Artificial Intelligence Act', 'COD', 'Awaiting plenary', '',
         'Brando BENIFEI', 'IMCO
LIBE', '');
INSERT INTO follow_events(follow_id, position, id, date, type, title, documents)
  VALUES(1, 0, '2021-0106-EV-1', '2021-06-07', 'REFERRAL', '', '');
INSERT INTO follow_links(follow_id, com, procedure, source, source_url, recorded_at)
  VALUES(1, 'COM(2021)206', '2021/0106(COD)', 'eur-lex', 'https://e/x', '2026-11-02T00:00:00Z');
INSERT INTO follow_changes(follow_id, seen_at, source, kind, subject, old_value, new_value)
  VALUES(1, '2026-11-02T00:00:00Z', 'link', 'new-link', 'COM(2021)206', 'eur-lex', '2021/0106(COD)');
INSERT INTO follow_sources(follow_id, source, url, last_ok_at, last_checked_at, last_error)
  VALUES(1, 'eurlex', 'https://e/x', '', '2026-11-02T00:00:00Z', 'a bot challenge page');
PRAGMA user_version=2;
)sql")
                    .ok());
  }
  auto store = Store::open(path);
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto version = Stmt::prepare(store->db(), "PRAGMA decisions.user_version");
  ASSERT_TRUE(version.ok());
  ASSERT_TRUE(*version->step());
  EXPECT_EQ(version->col_int(0), current_decisions_version());
  EXPECT_GE(current_decisions_version(), 4);

  FollowStore follows(store->db());
  auto ep = follows.ep_state(1);
  ASSERT_TRUE(ep.ok()) << ep.error().message;
  ASSERT_TRUE(*ep);
  EXPECT_EQ(procedure_label((*ep)->ref), "2021/0106(COD)");
  EXPECT_EQ((*ep)->title, "Artificial Intelligence Act");
  EXPECT_EQ((*ep)->committees, (std::vector<std::string>{"IMCO", "LIBE"}));
  EXPECT_TRUE((*ep)->shadow_rapporteurs.empty());
  EXPECT_EQ((*ep)->lead_committee, "");
  ASSERT_EQ((*ep)->events.size(), 1u);
  EXPECT_EQ((*ep)->events[0].date, "2021-06-07");

  // The link written "eur-lex" reads as EUR-Lex's, spelt "eurlex" now.
  auto links = follows.links(1);
  ASSERT_TRUE(links.ok()) << links.error().message;
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].link.source, LinkSource::kEurLex);
  EXPECT_STREQ(link_source_name((*links)[0].link.source), "eurlex");
  auto changes = follows.changes(1);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].old_value, "eurlex");
  auto state = follows.source_state(1, FollowSource::kEurLex);
  ASSERT_TRUE(state.ok() && *state);
  EXPECT_EQ((*state)->failures, 0);
  EXPECT_EQ((*state)->last_error, "a bot challenge page");
  // And it is written to as a current file.
  ASSERT_TRUE(
      follows
          .record_failure(1, FollowSource::kEurLex, "https://e/x", "again", "2026-11-03T00:00:00Z")
          .ok());
  EXPECT_EQ((*follows.source_state(1, FollowSource::kEurLex))->failures, 1);
}

}  // namespace
}  // namespace omvarld
