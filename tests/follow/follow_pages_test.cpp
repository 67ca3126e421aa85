// The item page's follow section (web/follow_pages.h): the timeline's steps
// in date order, past and planned, with the officers' decisions between;
// every text from a source escaped; the Follow button's form with the
// page's CSRF token. Constructed initiatives; the browser test
// (tests/e2e/follow.mjs) runs the real page.
#include "web/follow_pages.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace omvarld {
namespace {

FollowedInitiative followed() {
  FollowedInitiative f;
  f.follow.id = 3;
  f.follow.hys_id = 18805;
  f.follow.followed_at = "2026-09-01T08:00:00Z";
  f.follow.followed_by = "anna";
  HysInitiative h;
  h.id = 18805;
  h.title = "New genomic techniques";
  HysPublication cfe;
  cfe.id = 1;
  cfe.type = "CALL_FOR_EVIDENCE";
  cfe.feedback_status = "OPEN";
  cfe.published = "2026-08-31T06:24:00Z";
  cfe.feedback_start = cfe.published;
  cfe.feedback_end = "2026-09-28T21:59:59Z";
  HysPublication act;
  act.id = 2;
  act.type = "REG_DEL";
  act.planned_period = "Q-2028-1";
  h.publications = {cfe, act};
  f.hys = h;
  EpProcedure p;
  p.ref = {2016, 132, "COD"};
  EpEvent e;
  e.id = "2016-0132-X";
  e.date = "2016-09-12";
  e.type = "REFERRAL";
  EpEvent hostile;
  hostile.id = "2016-0132-Y";
  hostile.date = "2017-01-01";
  hostile.title = "<script>alert(1)</script> & more";
  p.events = {e, hostile};
  f.ep = p;
  return f;
}

ReviewChange decision(const char* at, const char* field, const char* value) {
  return ReviewChange{at, "anna", field, "", value};
}

TEST(FollowPages, TheTimelineIsInDateOrderPastAndPlannedWithTheDecisionsBetween) {
  const int64_t now = test::utc(2026, 9, 15);
  auto steps = follow_timeline(followed(), {decision("2026-09-02T10:00:00Z", "status", "relevant")},
                               now, Lang::kEn);
  std::vector<std::string> shown;
  for (const auto& s : steps)
    shown.push_back(s.when + " " +
                    (s.kind == TimelineStep::Kind::kPast      ? "past"
                     : s.kind == TimelineStep::Kind::kPlanned ? "planned"
                                                              : "decision") +
                    " " + s.text);
  EXPECT_EQ(shown, (std::vector<std::string>{
                       "2016-09-12 past The Parliament: referral to committee announced in plenary",
                       "2017-01-01 past The Parliament: <script>alert(1)</script> & more",
                       "2026-08-31T06:24:00Z past The Commission: call for evidence published",
                       "2026-09-02T10:00:00Z decision Decision by anna: relevant",
                       "2026-09-28T21:59:59Z planned The Commission: feedback on the call for "
                       "evidence closes",
                       "2028-01-01 planned The Commission: adopted act planned (Q1 2028)",
                   }));
}

TEST(FollowPages, SourceTextIsEscapedAndAFailedReadingIsSaid) {
  PageContext c;
  c.lang = Lang::kEn;
  c.now = test::utc(2026, 9, 15);
  c.csrf = "tok\"en";
  FollowedInitiative f = followed();
  f.sources.push_back({"ep", "http://x", "", "", "", "", "HTTP 307 <b>redirect</b>"});
  const std::string html = follow_section(3, f, {}, c);
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), std::string::npos);
  EXPECT_NE(html.find("HTTP 307 &lt;b&gt;redirect&lt;/b&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("Followed since 2026-09-01 by anna."), std::string::npos) << html;
  EXPECT_NE(html.find("<li class=\"planned\"><time datetime=\"2028-01-01\">"), std::string::npos);
  EXPECT_EQ(html.find("/follow\""), std::string::npos) << "no Follow button when followed";
}

TEST(FollowPages, AFailedLinkLookupNamesItsSource) {
  PageContext c;
  c.lang = Lang::kEn;
  c.now = test::utc(2026, 9, 15);
  FollowedInitiative f = followed();
  f.sources.push_back({"oeil", "http://x", "", "", "", "", "HTTP 400"});
  f.sources.push_back({"eurlex", "http://y", "", "", "", "", "a bot challenge page"});
  const std::string html = follow_section(3, f, {}, c);
  EXPECT_NE(html.find("The last reading of the Legislative Observatory failed"), std::string::npos)
      << html;
  EXPECT_NE(html.find("The last reading of EUR-Lex failed"), std::string::npos) << html;
}

TEST(FollowPages, AnItemNotFollowedOffersTheButtonWithTheCsrfToken) {
  PageContext c;
  c.lang = Lang::kSv;
  c.csrf = "abc\"<";
  const std::string html = follow_section(42, std::nullopt, {}, c);
  EXPECT_NE(html.find("<form method=\"post\" action=\"/items/42/follow\""), std::string::npos);
  EXPECT_NE(html.find("name=\"csrf\" value=\"abc&quot;&lt;\""), std::string::npos) << html;
  EXPECT_NE(html.find("Följ initiativet"), std::string::npos);
}

}  // namespace
}  // namespace omvarld
