#include "model/harvest_outcome.h"

namespace omvarld {
namespace {

constexpr struct {
  OutcomeStatus status;
  const char* name;
} kOutcomes[] = {
    {OutcomeStatus::kStored, "stored"},   {OutcomeStatus::kNotModified, "not modified"},
    {OutcomeStatus::kSkipped, "skipped"}, {OutcomeStatus::kNoData, "no data"},
    {OutcomeStatus::kFailed, "failed"},
};

constexpr struct {
  RunStatus status;
  const char* name;
} kRuns[] = {
    {RunStatus::kRunning, "running"},         {RunStatus::kOk, "ok"},
    {RunStatus::kPartial, "partial"},         {RunStatus::kFailed, "failed"},
    {RunStatus::kInterrupted, "interrupted"},
};

}  // namespace

const char* outcome_status_name(OutcomeStatus s) {
  for (const auto& e : kOutcomes)
    if (e.status == s) return e.name;
  return "failed";
}

std::optional<OutcomeStatus> find_outcome_status(std::string_view text) {
  for (const auto& e : kOutcomes)
    if (text == e.name) return e.status;
  return std::nullopt;
}

bool outcome_is_current(OutcomeStatus s) {
  return s == OutcomeStatus::kStored || s == OutcomeStatus::kNotModified ||
         s == OutcomeStatus::kNoData;
}

std::string current_outcomes_sql() {
  std::string out;
  for (OutcomeStatus s : kOutcomeStatuses)
    if (outcome_is_current(s))
      out += (out.empty() ? "'" : ",'") + std::string(outcome_status_name(s)) + "'";
  return out;
}

const char* run_status_name(RunStatus s) {
  for (const auto& e : kRuns)
    if (e.status == s) return e.name;
  return "failed";
}

std::optional<RunStatus> find_run_status(std::string_view text) {
  for (const auto& e : kRuns)
    if (text == e.name) return e.status;
  return std::nullopt;
}

RunStatus run_status_of(int failed, int total) {
  if (failed == 0) return RunStatus::kOk;
  return failed >= total ? RunStatus::kFailed : RunStatus::kPartial;
}

}  // namespace omvarld
