// The digest's follow news: changes as short lines in both languages, with
// Stockholm dates and the time left (report/follow_news.h). Constructed
// initiatives and changes, shaped like Have your say 18805.
#include "report/follow_news.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace omvarld {
namespace {

FollowChange change(const char* seen_at, const char* kind, const char* subject,
                    const char* old_value, const char* new_value) {
  FollowChange c;
  c.seen_at = seen_at;
  c.kind = kind;
  c.subject = subject;
  c.old_value = old_value;
  c.new_value = new_value;
  return c;
}

FollowedInitiative followed() {
  FollowedInitiative f;
  f.follow.id = 7;
  f.follow.hys_id = 18805;
  HysInitiative h;
  h.id = 18805;
  h.title = "New genomic techniques";
  f.hys = h;
  return f;
}

TEST(FollowNews, AnOpenedFeedbackPeriodSaysUntilWhenAndHowLongIsLeft) {
  const int64_t now = test::utc(2026, 1, 29, 7, 0);  // a Thursday morning
  FollowedInitiative f = followed();
  // 23:59:59 Brussels time on 12 March is 22:59:59 UTC: still 12 March in Stockholm.
  FollowChange c =
      change("2026-01-29T05:00:00Z", "feedback-opened", "PROP_REG", "", "2026-03-12T22:59:59Z");
  EXPECT_EQ(follow_change_line(f, c, now, Lang::kEn),
            "New genomic techniques: feedback on the adopted proposal is open until 12 March: 6 "
            "weeks");
  EXPECT_EQ(follow_change_line(f, c, now, Lang::kSv),
            "New genomic techniques: synpunkter på det antagna förslaget kan lämnas till 12 "
            "mars: 6 veckor kvar");
  c.new_value = "2026-02-02T22:59:59Z";
  EXPECT_EQ(follow_change_line(f, c, now, Lang::kEn),
            "New genomic techniques: feedback on the adopted proposal is open until 2 February: "
            "4 days");
  c.new_value = "2027-02-02T22:59:59Z";
  EXPECT_NE(follow_change_line(f, c, now, Lang::kEn).find("2 February 2027"), std::string::npos);
}

TEST(FollowNews, EveryKindOfChangeReadsAsASentence) {
  const int64_t now = test::utc(2026, 10, 16);
  FollowedInitiative f = followed();
  EXPECT_EQ(
      follow_change_line(f, change("", "planned-date-changed", "REG_DEL", "Q-2028-1", "Q-2028-2"),
                         now, Lang::kEn),
      "New genomic techniques: the adopted act is now planned for Q2 2028 (was Q1 2028)");
  EXPECT_EQ(
      follow_change_line(f, change("", "planned-date-changed", "REG_DEL", "Q-2028-1", "Q-2028-2"),
                         now, Lang::kSv),
      "New genomic techniques: den antagna akten planeras nu till kvartal 2 2028 (förut "
      "kvartal 1 2028)");
  EXPECT_EQ(
      follow_change_line(f, change("", "published", "REG_DEL_DRAFT", "", "2026-10-15T08:00:00Z"),
                         now, Lang::kEn),
      "New genomic techniques: the draft act is published (15 October)");
  EXPECT_EQ(follow_change_line(f, change("", "new-event", "PLENARY_VOTE", "", "2026-12-01"), now,
                               Lang::kEn),
            "New genomic techniques: the Parliament: vote in plenary, 1 December");
  EXPECT_EQ(follow_change_line(
                f, change("", "event-date-changed", "PLENARY_VOTE", "2026-12-01", "2026-12-15"),
                now, Lang::kSv),
            "New genomic techniques: parlamentet: omröstning i kammaren flyttat till 15 december "
            "(förut 1 december)");
  EXPECT_EQ(follow_change_line(f, change("", "new-publication", "CALL_FOR_EVIDENCE", "", ""), now,
                               Lang::kEn),
            "New genomic techniques: new on Have your say: the call for evidence");
  // Before any source was read, the follow is named by what it follows.
  FollowedInitiative bare;
  bare.follow.procedure = "2016/0132(COD)";
  EXPECT_EQ(follow_change_line(bare, change("", "new-event", "SOMETHING_NEW", "", "2026-12-01"),
                               now, Lang::kEn),
            "2016/0132(COD): the Parliament: something new, 1 December");
}

TEST(FollowNews, ActionableLinesComeFirstThenTheNewestAndFirstReadsAreLeftOut) {
  const int64_t now = test::utc(2026, 10, 16);
  FollowedInitiative f = followed();
  f.changes = {
      change("2026-10-01T05:00:00Z", "first-read", "", "", "4 publication(s)"),
      change("2026-10-14T05:00:00Z", "new-event", "PLENARY_VOTE", "", "2026-12-01"),
      // Not a milestone: in the history, not in the digest.
      change("2026-10-14T05:00:00Z", "new-event", "PLENARY_DEBATE", "", "2026-11-30"),
      change("2026-10-15T05:00:00Z", "planned-date-changed", "REG_DEL", "Q-2028-1", "Q-2028-2"),
      change("2026-10-10T05:00:00Z", "feedback-opened", "REG_DEL_DRAFT", "UPCOMING",
             "2026-11-12T22:59:59Z")};
  auto lines = follow_news({f}, now, Lang::kEn);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].kind, "feedback-opened");
  EXPECT_TRUE(lines[0].actionable);
  EXPECT_EQ(lines[0].text,
            "New genomic techniques: feedback on the draft act is open until 12 November: 3 "
            "weeks");
  EXPECT_EQ(lines[1].kind, "planned-date-changed");
  EXPECT_EQ(lines[2].kind, "new-event");
  EXPECT_EQ(lines[2].follow_id, 7);
  EXPECT_EQ(lines[2].text, "New genomic techniques: the Parliament: vote in plenary, 1 December");
  EXPECT_EQ(follow_news({f}, now, Lang::kEn, true).size(), 4u);
}

}  // namespace
}  // namespace omvarld
