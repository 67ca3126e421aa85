// FollowCollector: reads each followed initiative from its sources and
// records what changed (issue #16; docs/following.md).
//
// Per follow and run: at most one request per source, the Have your say
// detail ({hys_base}/brpapi/groupInitiatives/{id}) when the follow has a
// Have your say id, the EP procedure ({ep_base}/api/v2/procedures/{YYYY-NNNN}
// ?format=application/ld+json) when it has a procedure (its own, or one a
// stored link ties its COM proposal to; the query's value is
// percent-encoded, since a bare '+' reads as a space). Conditional requests with the
// validators of the last answer; requests to one endpoint are paced (the EP
// API allows 500 requests per 5 minutes per endpoint). An answer that is not
// the data (an error status, a redirect or challenge page) is an error
// naming the source and the follow; the earlier state stays as it was. A
// failing follow does not stop the others. Before fetching, Have your say
// items marked relevant are followed when options.follow_relevant.
//
// Links (docs/following.md, "Links found by the harvest"): between the
// Commission's reading and the Parliament's, one lookup per follow when
// link_lookup_for says so: a procedure without a COM link asks the
// Legislative Observatory's procedure file
// ({oeil_base}/oeil/en/procedure-file?reference=2024/0258(COD)); a COM
// proposal without a procedure asks EUR-Lex's procedure tab of the proposal
// ({eurlex_base}/legal-content/EN/HIS/?uri=CELEX:52021PC0206). An answer
// (links found, or none) is recorded and that URL is not asked again; a
// failure is recorded and retried next run. A procedure found this way is
// read from the EP in the same run. An empty base turns that lookup off.
// Takes the database's harvest lock for the run. Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/log.h"
#include "model/lifecycle.h"
#include "net/http_client.h"
#include "store/follow_store.h"
#include "store/store.h"

namespace omvarld {

struct FollowHarvestOptions {
  std::string hys_base = "https://ec.europa.eu/info/law/better-regulation";
  std::string ep_base = "https://data.europarl.europa.eu";
  // "" : no lookup there (the demo, tests that do not ask).
  std::string oeil_base = "https://oeil.secure.europarl.europa.eu";
  std::string eurlex_base = "https://eur-lex.europa.eu";
  bool follow_relevant = true;  // follow Have your say items marked relevant first
  // Pause between two requests to one source: 600 ms keeps the EP API's
  // 500 requests per 5 minutes per endpoint with room to spare; the
  // Commission's portal gets the same courtesy.
  std::chrono::milliseconds pause{600};
  std::size_t max_body_bytes = 16u << 20;  // a detail is under 100 KiB
  std::string user_agent;                  // "" : the client's
};

struct FollowOutcome {
  int64_t follow_id = 0;
  std::string source;  // "hys", "ep", "oeil", "eurlex"
  std::string what;    // "Have your say 18805", "EP procedure 2016/0132(COD)",
                       // "Legislative Observatory 2024/0258(COD)", "EUR-Lex COM(2021)206"
  std::string url;
  OutcomeStatus status = OutcomeStatus::kStored;
  int64_t bytes = 0;
  int changes = 0;
  std::string error;
  // A failed link lookup: when it is asked again ("the next run", or "from
  // <UTC time>" once backed off); "" otherwise.
  std::string next_try;
};

struct FollowHarvestReport {
  int64_t run_id = 0;         // 0 when nothing is followed (no run is recorded)
  int followed_relevant = 0;  // follows added for items marked relevant
  std::vector<FollowOutcome> outcomes;
  int failed() const;
};

// The URLs read, from a base without a trailing slash.
std::string hys_detail_url(const std::string& hys_base, int64_t hys_id);
std::string ep_procedure_url(const std::string& ep_base, const ProcedureRef& ref);
// {oeil_base}/oeil/en/procedure-file?reference=2024/0258(COD): the form the
// recorded pages give as their own address. REQUIRES: ref.type not empty.
std::string oeil_procedure_url(const std::string& oeil_base, const ProcedureRef& ref);
// {eurlex_base}/legal-content/EN/HIS/?uri=CELEX:52021PC0206: the proposal's
// procedure tab.
std::string eurlex_com_procedure_url(const std::string& eurlex_base, const ComRef& com);

// One lookup of a link: which source, the URL, and what is asked about.
struct LinkLookup {
  FollowSource source = FollowSource::kOeil;  // kOeil or kEurLex
  std::string url;
  ProcedureRef procedure;  // for kOeil
  ComRef com;              // for kEurLex
};

// The COM proposals a Have your say initiative names: in its publications'
// references ("COM(2021)206", "52021PC0206"), in body order, once each.
std::vector<ComRef> hys_com_refs(const HysInitiative& initiative);

// When to ask for a link: the one rule (docs/following.md).
//   - The follow has a procedure in use (procedure_in_use), with its type,
//     and no link names that procedure: ask the Legislative Observatory.
//   - Else it has no procedure but a COM proposal (com_in_use, else the
//     first of hys_com_refs of its Have your say reading): ask EUR-Lex.
//   - Not when that source's base is "", and not when that source already
//     answered that URL for this follow (a stored success with no error
//     since): an answer, links or none, is final; a failure is retried,
//     at the next run after the first kLinkFailuresBeforeBackoff - 1
//     failures in a row, then only when kLinkBackoffDays have passed since
//     the last try (link_retry_after).
// Pure; `now_iso` is the harvest's time ("YYYY-MM-DDTHH:MM:SSZ").
std::optional<LinkLookup> link_lookup_for(
    const Follow& follow, const std::optional<HysInitiative>& hys,
    const std::vector<StoredLink>& links, const std::vector<FollowSourceState>& sources,
    const std::string& oeil_base, const std::string& eurlex_base, const std::string& now_iso);
inline constexpr int kLinkFailuresBeforeBackoff = 3;
inline constexpr int kLinkBackoffDays = 7;
// When a link lookup that failed (`state`, after its failure) is asked
// again: "" at the next run, else the UTC time (last try + kLinkBackoffDays)
// from which it is. Pure.
std::string link_retry_after(const FollowSourceState& state);

class FollowCollector {
 public:
  FollowCollector(HttpClient& http, Store& store, Clock& clock, const Log& log,
                  FollowHarvestOptions options);

  Result<FollowHarvestReport> harvest(const std::string& command);

 private:
  // One source of one follow: `hys_id` for kHys, `ref` for kEp.
  FollowOutcome fetch(int64_t run_id, int64_t follow_id, FollowSource source, int64_t hys_id,
                      const ProcedureRef& ref);
  FollowOutcome fetch_links(int64_t run_id, int64_t follow_id, const LinkLookup& lookup);
  // Records a fetch's outcome: its error on the follow's source (the state
  // is kept) and the run's dataset row.
  FollowOutcome finish(int64_t run_id, int64_t follow_id, FollowSource source,
                       const std::string& subject, UtcTime started, FollowOutcome o);
  void pace(FollowSource source);

  bool asked_[4] = {false, false, false, false};  // per FollowSource, this run

  HttpClient& http_;
  Store& store_;
  Clock& clock_;
  const Log& log_;
  FollowHarvestOptions options_;
};

}  // namespace omvarld
