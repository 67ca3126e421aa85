#include "services/training.h"

#include "harvest/feed_collector.h"
#include "model/review_status.h"
#include "store/item_store.h"

namespace omvarld {

Result<TrainingOutcome> train_from_verdicts(Store& store, const RelevanceScorer& scorer,
                                            int min_verdicts, Clock& clock) {
  ItemStore items(store.db());
  if (auto n = rescore_items(store, scorer, format_iso8601_utc(clock.now_unix())); !n.ok())
    return n.error();
  auto verdicts = items.verdicts();
  if (!verdicts.ok()) return verdicts.error();
  TrainingOutcome out;
  out.verdicts = verdicts->size();
  for (const auto& v : *verdicts) out.relevant += v.relevant;
  const int other = static_cast<int>(verdicts->size()) - out.relevant;
  if (out.relevant < min_verdicts || other < min_verdicts)
    return make_error(ErrorKind::kUsage,
                      "need at least " + std::to_string(min_verdicts) +
                          " verdicts of each kind to learn from; have " +
                          std::to_string(out.relevant) + " relevant (" + verdict_statuses(true) +
                          ") and " + std::to_string(other) + " not (" + verdict_statuses(false) +
                          "). Record them with `omvarld flag ID --status ...`");
  out.cv = cross_validate(*verdicts);
  VerdictModel model = train_verdict_model(*verdicts);
  const std::string now = format_iso8601_utc(clock.now_unix());
  if (Status s = items.save_model(model, out.cv, now); !s.ok()) return s.error();
  if (auto n = rescore_items(store, scorer, now); !n.ok()) return n.error();
  out.strongest = model.strongest(10);
  return out;
}

}  // namespace omvarld
