// Harvest outcomes: what became of one dataset or source in a run
// (OutcomeStatus), and of the run as a whole (RunStatus), with the one table
// of their stored names. The names are what run_datasets.status and
// runs.status hold and what `omvarld runs` and the log print; text is read
// back into the enum where it leaves the database. Pure; no state.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace omvarld {

enum class OutcomeStatus {
  kStored,       // fetched and written (new, changed or unchanged values)
  kNotModified,  // the server answered 304 to a conditional request
  kSkipped,      // the catalogue says nothing changed since the last harvest
  kNoData,       // the source has no data for the query (stored as such)
  kFailed,       // an error; earlier data kept
};

inline constexpr OutcomeStatus kOutcomeStatuses[] = {
    OutcomeStatus::kStored, OutcomeStatus::kNotModified, OutcomeStatus::kSkipped,
    OutcomeStatus::kNoData, OutcomeStatus::kFailed};

// "stored", "not modified", "skipped", "no data", "failed".
const char* outcome_status_name(OutcomeStatus s);
// The status named `text` exactly; nullopt for any other text.
std::optional<OutcomeStatus> find_outcome_status(std::string_view text);
// True when the outcome leaves the source's data as current as the source
// (stored, not modified, no data): the query that produced it is the one
// stored.
bool outcome_is_current(OutcomeStatus s);
// The names of those outcomes as an SQL list: "'stored','not modified','no data'".
std::string current_outcomes_sql();

enum class RunStatus {
  kRunning,      // begun, not finished
  kOk,           // every dataset or source harvested
  kPartial,      // some failed
  kFailed,       // all failed, or the run could not go on
  kInterrupted,  // the process ended before the run finished
};

// "running", "ok", "partial", "failed", "interrupted".
const char* run_status_name(RunStatus s);
std::optional<RunStatus> find_run_status(std::string_view text);
// The run's status from its outcomes: ok when none failed, failed when all
// did, else partial.
RunStatus run_status_of(int failed, int total);

}  // namespace omvarld
