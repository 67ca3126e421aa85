// Harvest outcomes: each status has one stored name that reads back to it
// (the database keeps the names), and a run's status follows its failures.
#include "model/harvest_outcome.h"

#include <gtest/gtest.h>

namespace omvarld {
namespace {

TEST(HarvestOutcome, NamesReadBack) {
  for (OutcomeStatus s : {OutcomeStatus::kStored, OutcomeStatus::kNotModified,
                          OutcomeStatus::kSkipped, OutcomeStatus::kNoData, OutcomeStatus::kFailed})
    EXPECT_EQ(find_outcome_status(outcome_status_name(s)), s);
  for (RunStatus s : {RunStatus::kRunning, RunStatus::kOk, RunStatus::kPartial, RunStatus::kFailed,
                      RunStatus::kInterrupted})
    EXPECT_EQ(find_run_status(run_status_name(s)), s);
  // The names earlier versions stored are the names read today.
  EXPECT_EQ(find_outcome_status("not modified"), OutcomeStatus::kNotModified);
  EXPECT_EQ(find_outcome_status("no data"), OutcomeStatus::kNoData);
  EXPECT_FALSE(find_outcome_status("Stored").has_value());
  EXPECT_FALSE(find_run_status("done").has_value());
}

TEST(HarvestOutcome, CurrentOutcomesAndRunStatus) {
  EXPECT_TRUE(outcome_is_current(OutcomeStatus::kStored));
  EXPECT_TRUE(outcome_is_current(OutcomeStatus::kNotModified));
  EXPECT_TRUE(outcome_is_current(OutcomeStatus::kNoData));
  EXPECT_FALSE(outcome_is_current(OutcomeStatus::kSkipped));
  EXPECT_FALSE(outcome_is_current(OutcomeStatus::kFailed));
  EXPECT_EQ(current_outcomes_sql(), "'stored','not modified','no data'");
  EXPECT_EQ(run_status_of(0, 3), RunStatus::kOk);
  EXPECT_EQ(run_status_of(1, 3), RunStatus::kPartial);
  EXPECT_EQ(run_status_of(3, 3), RunStatus::kFailed);
  EXPECT_EQ(run_status_of(0, 0), RunStatus::kOk);
}

}  // namespace
}  // namespace omvarld
