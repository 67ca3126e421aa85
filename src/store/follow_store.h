// FollowStore: the initiatives officers follow (issue #16), in the decisions
// file (schema.cpp, decisions migrations 2 and 3): what is followed (an inbox item,
// a Have your say initiative, an EP procedure, a COM proposal), by whom and
// why; what each source last said about it (publications, events, links
// with their source); and the history of what changed, harvest by harvest.
//
// Links between a COM proposal and its procedure are kept with who said so
// (manual, oeil, eurlex, ep-document); several may disagree, and the one
// in use is chosen by procedure_in_use, never by overwriting another.
//
// Nothing is lost: a failed fetch records its error and leaves the earlier
// state as it was; a successful one replaces the state and records what
// changed in the same transaction. Unfollowing keeps the follow, its state
// and its history (unfollowed_at set); following again revives it.
//
// diff_hys and diff_ep are pure: the exact changes between two readings.
// Not thread-safe; one FollowStore per Db.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/lifecycle.h"
#include "store/sqlite.h"

namespace omvarld {

// What to follow: any of these, together naming one initiative.
struct FollowTarget {
  std::optional<int64_t> item_id;  // omvarld's id of an inbox item
  std::optional<int64_t> hys_id;   // a Have your say initiative (18805)
  std::optional<ProcedureRef> procedure;
  std::optional<ComRef> com;
  bool empty() const { return !item_id && !hys_id && !procedure && !com; }
};

// Why a follow exists (stored by name).
enum class FollowReason { kManual, kRelevant };
const char* follow_reason_name(FollowReason r);  // "manual", "relevant"

struct Follow {
  int64_t id = 0;
  std::optional<int64_t> item_id, hys_id;
  std::string procedure;  // "2016/0132(COD)", "" when none
  std::string com;        // "COM(2024)469", "" when none
  std::string reason;     // "manual", "relevant"
  std::string followed_at, followed_by;
  std::string unfollowed_at, unfollowed_by;  // "" while followed
  bool active() const { return unfollowed_at.empty(); }
};

// The sources a follow is harvested from (stored by name): the Commission's
// Have your say and the EP open data API, read every run; the Legislative
// Observatory and EUR-Lex, asked once for the link between a COM proposal
// and its procedure (harvest/follow_collector.h link_lookup_for).
enum class FollowSource { kHys, kEp, kOeil, kEurLex };
const char* follow_source_name(FollowSource s);  // "hys", "ep", "oeil", "eurlex"

// A source's last fetch for one follow.
struct FollowSourceState {
  std::string source;  // "hys", "ep", "oeil", "eurlex"
  std::string url, etag, last_modified, last_ok_at, last_checked_at, last_error;
  int failures = 0;  // consecutive failed fetches since the last success
};

// One thing a harvest found changed. Kinds:
//   first-read            the source's first answer (new_value: what it holds)
//   title-changed, stage-changed, status-changed   (subject: "" or the publication type)
//   new-publication       subject: its type; new_value: published time or planned period
//   publication-removed   subject: its type
//   published             a planned publication appeared (new_value: the time)
//   feedback-opened       subject: the publication type; new_value: feedback end ("" if none)
//   feedback-closed       subject: the publication type; old_value: the feedback end
//   feedback-end-changed  old/new: the times
//   planned-date-changed  old/new: the planned period or start
//   new-event             subject: the event's type (or id); new_value: its date
//   event-date-changed    subject: the event; old/new: the dates
//   new-link              subject: the COM proposal; new_value: the procedure;
//                         old_value: who said so (manual, oeil, eurlex, ep-document)
//   link-conflict         a source ties the COM proposal (subject) to another procedure
//                         (new_value) than the one in use (old_value); the link is
//                         stored and shown, never used in place of the other
struct FollowChange {
  int64_t id = 0;
  int64_t follow_id = 0;
  std::string seen_at, source, kind, subject, old_value, new_value;
  bool operator==(const FollowChange&) const = default;
};

// A link as stored, with when it was recorded.
struct StoredLink {
  ProcedureLink link;
  std::string recorded_at;
  // Its procedure is not the one in use (procedure_in_use): another source,
  // or the officer, says otherwise. Set by FollowStore::load.
  bool conflict = false;
};

// The procedure a follow is read by: the officer's own (follows.procedure),
// else the latest manual link's, else the earliest automatic link's (the
// first found wins; a later, different one is a conflict, not a
// replacement). nullopt when none.
std::optional<ProcedureRef> procedure_in_use(const Follow& follow,
                                             const std::vector<StoredLink>& links);
// The COM proposal: the officer's own (follows.com), else that of a link to
// the procedure in use (a manual one first, else the earliest).
std::optional<ComRef> com_in_use(const Follow& follow, const std::vector<StoredLink>& links);
// Sets StoredLink::conflict on the links whose procedure (year and number)
// is not the one in use.
void mark_link_conflicts(const Follow& follow, std::vector<StoredLink>& links);

// The exact changes from `before` (nullopt: never read) to `after`, without
// follow_id, id or seen_at. Publications are matched by id (by type when the
// id is 0), events by id. The number of feedback contributions is not news.
std::vector<FollowChange> diff_hys(const std::optional<HysInitiative>& before,
                                   const HysInitiative& after);
std::vector<FollowChange> diff_ep(const std::optional<EpProcedure>& before,
                                  const EpProcedure& after);

// One followed initiative with all that is known of it: what `omvarld
// following`, the digest's news and the item page show.
struct FollowedInitiative {
  Follow follow;
  std::optional<HysInitiative> hys;
  std::optional<EpProcedure> ep;
  std::vector<StoredLink> links;
  std::vector<FollowSourceState> sources;
  std::vector<FollowChange> changes;  // oldest first
};

// The title and stage people know it by: the Commission's while it has
// one, else the Parliament's; "" when neither source was read yet.
std::string followed_title(const FollowedInitiative& f);
std::string followed_stage(const FollowedInitiative& f);

// The next known date after `now_iso` (UTC ISO 8601): an open feedback
// period's end, a planned publication, a dated EP event still to come.
struct NextDate {
  std::string when;  // UTC time or "YYYY-MM-DD" as the source gives it
  std::string what;  // "feedback on CALL_FOR_EVIDENCE closes", "REG_DEL planned", the event type
};
std::optional<NextDate> next_known_date(const FollowedInitiative& f, const std::string& now_iso);

class FollowStore {
 public:
  explicit FollowStore(Db& db) : db_(db) {}

  // Follows `target`. A follow already holding one of the target's item,
  // Have your say id or procedure is extended with the rest (and revived if
  // unfollowed); else a new one. A COM reference given with a procedure is
  // recorded as a manual link. Returns the follow's id. kUsage when the
  // target is empty or its parts belong to two different follows.
  Result<int64_t> follow(const FollowTarget& target, FollowReason reason, const std::string& user,
                         const std::string& now);
  // What an inbox item names of itself: its id, its Have your say id when it
  // comes from a Have your say source ("18805" or "18805.0"), a procedure or
  // COM reference in its reference field. kNotFound when there is no such item.
  Result<FollowTarget> target_of_item(int64_t item_id);
  // Unfollows the follows matching any part of `target`; returns how many.
  Result<int> unfollow(const FollowTarget& target, const std::string& user, const std::string& now);
  // Every follow, oldest first; unfollowed ones only with `include_unfollowed`.
  Result<std::vector<Follow>> follows(bool include_unfollowed = false);
  Result<std::optional<Follow>> get(int64_t follow_id);
  // The active follow of an inbox item, nullopt when none.
  Result<std::optional<Follow>> find_by_item(int64_t item_id);

  // Follows every flagged item of a Have your say source whose officers'
  // status is relevant and that was never followed (an unfollowed one stays
  // unfollowed). Returns how many were added.
  Result<int> follow_relevant_items(const std::string& now);

  Result<std::optional<FollowSourceState>> source_state(int64_t follow_id, FollowSource source);
  // A failed fetch: the error is kept, the state is not touched.
  Status record_failure(int64_t follow_id, FollowSource source, const std::string& url,
                        const std::string& error, const std::string& now);
  // A 304: nothing changed.
  Status record_not_modified(int64_t follow_id, FollowSource source, const std::string& url,
                             const std::string& now);
  // A successful reading: replaces the state, records and returns what
  // changed, and keeps the validators, all in one transaction.
  Result<std::vector<FollowChange>> record_hys(int64_t follow_id, const std::string& url,
                                               const HysInitiative& initiative,
                                               const std::string& etag,
                                               const std::string& last_modified,
                                               const std::string& now);
  Result<std::vector<FollowChange>> record_ep(int64_t follow_id, const std::string& url,
                                              const EpProcedure& procedure, const std::string& etag,
                                              const std::string& last_modified,
                                              const std::string& now);
  // Records a link (a change "new-link" when it is new). Returns whether it was new.
  Result<bool> record_link(int64_t follow_id, const ProcedureLink& link, const std::string& now);
  // A successful link lookup (kOeil, kEurLex): the links the page gave
  // (none: "no link found", which is recorded too, so that the source is not
  // asked again for the same URL), each new one a change "new-link", or
  // "link-conflict" when it names another procedure than the one in use; and
  // the source's state, in one transaction. An existing link (a manual one
  // included) is never changed. Returns the changes.
  Result<std::vector<FollowChange>> record_links(int64_t follow_id, FollowSource source,
                                                 const std::string& url,
                                                 const std::vector<ProcedureLink>& links,
                                                 const std::string& now);

  Result<std::optional<HysInitiative>> hys_state(int64_t follow_id);
  Result<std::optional<EpProcedure>> ep_state(int64_t follow_id);
  Result<std::vector<StoredLink>> links(int64_t follow_id);
  Result<std::vector<FollowSourceState>> source_states(int64_t follow_id);
  // Changes of one follow (follow_id > 0) or of all, seen after `since`
  // (a full ISO 8601 time, as a digest records its own; or a date prefix,
  // "2026-09-01", which takes that whole day in; "" for all), oldest first.
  Result<std::vector<FollowChange>> changes(int64_t follow_id, const std::string& since = "");
  // Every active follow with its state, links, sources and the changes seen
  // after `changes_since`, as changes() reads it ("" for all).
  Result<std::vector<FollowedInitiative>> overview(const std::string& changes_since = "");
  Result<FollowedInitiative> load(const Follow& follow, const std::string& changes_since = "");

 private:
  Status put_source(int64_t follow_id, FollowSource source, const std::string& url,
                    const std::string& etag, const std::string& last_modified,
                    const std::string& now, const std::string& error, bool ok);
  Status put_changes(int64_t follow_id, const std::string& source,
                     std::vector<FollowChange>& changes, const std::string& now);
  Db& db_;
};

}  // namespace omvarld
