// Follow news: what changed in the followed initiatives, as the short lines
// that top the morning digest ("Plants obtained by new genomic techniques:
// feedback on the draft act is open until 12 November: 6 weeks"), in
// Swedish or English. Dates are Stockholm calendar dates (core/civil_time.h);
// "weeks/days left" counts Stockholm days from `now`. Lines are plain text:
// the caller escapes them for HTML, Markdown or CSV. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/lang.h"
#include "report/flags_report.h"
#include "store/follow_store.h"

namespace omvarld {

struct FollowNewsLine {
  int64_t follow_id = 0;
  std::string seen_at;      // when the harvest saw the change
  std::string kind;         // the change's kind (follow_store.h)
  bool actionable = false;  // a feedback period open or moved: the city can act now
  std::string text;         // "title: what", as follow_change_line() says it
  std::string title;        // the initiative (its reference while it has no title)
  std::string what;         // what moved
  std::string link;         // its Have your say page, else its Legislative Observatory file
};

// One line per change of each initiative's `changes` (load them with
// FollowStore::overview(since)); first-read changes are left out unless
// `with_first_reads`, and so are the Parliament's events that are no
// milestone (ep_activity_milestone: amendments tabled, debates, opinions).
// Actionable lines first, then the newest first.
std::vector<FollowNewsLine> follow_news(const std::vector<FollowedInitiative>& initiatives,
                                        int64_t now, Lang lang, bool with_first_reads = false);

// The digest's "What moved": follow_news() of the changes the follow
// harvest saw after `since` (ISO 8601 UTC; "" = every change), each as the
// initiative's title, what moved, and a link to the initiative's page (Have
// your say, else the Legislative Observatory's procedure file). Reads the
// decisions file through `db`; a database without follows gives none.
Result<std::vector<DigestNews>> digest_news(Db& db, const std::string& since, int64_t now,
                                            Lang lang);

// The line of one change of `f`.
std::string follow_change_line(const FollowedInitiative& f, const FollowChange& change, int64_t now,
                               Lang lang);

// A Have your say publication type as people say it: CALL_FOR_EVIDENCE ->
// "call for evidence" / "uppmaning att inkomma med synpunkter"; an unknown
// code as itself, in lower case with spaces.
std::string publication_label(const std::string& type, Lang lang);
// An EP event type as said mid-sentence: parse/ep_procedure.h's label with
// a small first letter (PLENARY_VOTE -> "vote in plenary" / "omröstning i
// kammaren"); a type outside its table in lower case with spaces.
std::string ep_event_type_label(const std::string& type, Lang lang);
// "12 March" (or "12 March 2027" outside `now`'s year) for a UTC time or a
// date, in Stockholm; the text itself when it is neither.
std::string news_date(const std::string& when, int64_t now, Lang lang);
// "Q-2028-1" -> "Q1 2028" / "kvartal 1 2028"; other text as given.
std::string planned_period_label(const std::string& period, Lang lang);

}  // namespace omvarld
