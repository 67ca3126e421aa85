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
  std::string source;  // "hys", "ep"
  std::string what;    // "Have your say 18805", "EP procedure 2016/0132(COD)"
  std::string url;
  OutcomeStatus status = OutcomeStatus::kStored;
  int64_t bytes = 0;
  int changes = 0;
  std::string error;
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

class FollowCollector {
 public:
  FollowCollector(HttpClient& http, Store& store, Clock& clock, const Log& log,
                  FollowHarvestOptions options);

  Result<FollowHarvestReport> harvest(const std::string& command);

 private:
  // One source of one follow: `hys_id` for kHys, `ref` for kEp.
  FollowOutcome fetch(int64_t run_id, int64_t follow_id, FollowSource source, int64_t hys_id,
                      const ProcedureRef& ref);
  void pace(FollowSource source);

  bool asked_hys_ = false, asked_ep_ = false;

  HttpClient& http_;
  Store& store_;
  Clock& clock_;
  const Log& log_;
  FollowHarvestOptions options_;
};

}  // namespace omvarld
