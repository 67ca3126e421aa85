#include "harvest/follow_collector.h"

#include <algorithm>

#include "core/text.h"
#include "parse/ep_procedure.h"
#include "parse/hys_initiative.h"
#include "parse/lifecycle_pages.h"
#include "store/harvest_lock.h"

namespace omvarld {

int FollowHarvestReport::failed() const {
  return static_cast<int>(
      std::count_if(outcomes.begin(), outcomes.end(),
                    [](const FollowOutcome& o) { return o.status == OutcomeStatus::kFailed; }));
}

std::string hys_detail_url(const std::string& hys_base, int64_t hys_id) {
  return hys_base + "/brpapi/groupInitiatives/" + std::to_string(hys_id);
}

std::string ep_procedure_url(const std::string& ep_base, const ProcedureRef& ref) {
  return ep_base + "/api/v2/procedures/" + procedure_ep_id(ref) + "?format=application%2Fld%2Bjson";
}

FollowCollector::FollowCollector(HttpClient& http, Store& store, Clock& clock, const Log& log,
                                 FollowHarvestOptions options)
    : http_(http), store_(store), clock_(clock), log_(log), options_(std::move(options)) {}

void FollowCollector::pace(FollowSource source) {
  bool& asked = source == FollowSource::kEp ? asked_ep_ : asked_hys_;
  // The pause comes before every request to a source but its first in this
  // run, so one follow costs no waiting at all.
  if (asked && options_.pause.count() > 0) clock_.sleep_for(options_.pause);
  asked = true;
}

FollowOutcome FollowCollector::fetch(int64_t run_id, int64_t follow_id, FollowSource source,
                                     int64_t hys_id, const ProcedureRef& ref) {
  FollowStore follows(store_.db());
  FollowOutcome out;
  out.follow_id = follow_id;
  out.source = follow_source_name(source);
  const bool hys = source == FollowSource::kHys;
  out.url =
      hys ? hys_detail_url(options_.hys_base, hys_id) : ep_procedure_url(options_.ep_base, ref);
  out.what = hys ? "Have your say initiative " + std::to_string(hys_id)
                 : "EP procedure " + procedure_label(ref);
  const std::string name = out.what + " (" + out.url + ")";
  const UtcTime started{clock_.now_unix()};

  auto finish = [&](FollowOutcome o) {
    const UtcTime finished{clock_.now_unix()};
    const std::string now = finished.iso();
    if (o.status == OutcomeStatus::kFailed)
      if (Status s = follows.record_failure(follow_id, source, o.url, o.error, now); !s.ok())
        log_.error(s.error().message);
    RunDatasetRecord rec;
    rec.dataset =
        "follow:" + o.source + ":" + (hys ? std::to_string(hys_id) : procedure_label(ref));
    rec.query = "follow " + std::to_string(follow_id);
    rec.url = o.url;
    rec.status = o.status;
    rec.bytes = o.bytes;
    rec.stats.rows_changed = o.changes;
    rec.error = o.error;
    rec.started_at = started;
    rec.finished_at = finished;
    if (Status s = store_.record_run_dataset(run_id, rec); !s.ok()) log_.error(s.error().message);
    return o;
  };
  auto fail = [&](const Error& e) {
    out.status = OutcomeStatus::kFailed;
    out.error = e.message;
    return finish(out);
  };

  HttpRequest req = HttpRequest::get(out.url);
  req.user_agent = options_.user_agent;
  req.max_body_bytes = options_.max_body_bytes;
  req.headers["Accept"] = hys ? "application/json" : "application/ld+json";
  auto state = follows.source_state(follow_id, source);
  if (!state.ok()) return fail(state.error());
  // Validators only for the same URL: a changed base is a new source.
  if (*state && (*state)->url == out.url && !(*state)->last_ok_at.empty()) {
    req.if_none_match = (*state)->etag;
    req.if_modified_since = (*state)->last_modified;
  }
  pace(source);
  auto resp = http_.send(req);
  if (!resp.ok()) return fail(resp.error().with_context(name));
  out.bytes = static_cast<int64_t>(resp->body.size());
  const std::string now = format_iso8601_utc(clock_.now_unix());
  const bool conditional = !req.if_none_match.empty() || !req.if_modified_since.empty();
  if (resp->not_modified() && conditional) {
    if (Status s = follows.record_not_modified(follow_id, source, out.url, now); !s.ok())
      return fail(s.error());
    out.status = OutcomeStatus::kNotModified;
    return finish(out);
  }
  if (Status s = check_lifecycle_body(resp->body, resp->content_type(), resp->status, name);
      !s.ok())
    return fail(s.error());
  Result<std::vector<FollowChange>> changes = std::vector<FollowChange>{};
  if (hys) {
    auto parsed = parse_hys_initiative(resp->body, name);
    if (!parsed.ok()) return fail(parsed.error());
    if (parsed->id != 0 && parsed->id != hys_id)
      return fail(make_error(ErrorKind::kSource, name + ": the answer is initiative " +
                                                     std::to_string(parsed->id) + ", not " +
                                                     std::to_string(hys_id)));
    changes =
        follows.record_hys(follow_id, out.url, *parsed, resp->etag(), resp->last_modified(), now);
  } else {
    auto parsed = parse_ep_procedure(resp->body, name);
    if (!parsed.ok()) return fail(parsed.error());
    if (parsed->ref.year != 0 && (parsed->ref.year != ref.year || parsed->ref.number != ref.number))
      return fail(make_error(ErrorKind::kSource,
                             name + ": the answer is procedure " + procedure_label(parsed->ref)));
    // The reference as the officer gave it wins where the answer has no type.
    if (parsed->ref.type.empty()) parsed->ref.type = ref.type;
    if (parsed->ref.year == 0) parsed->ref = ref;
    changes =
        follows.record_ep(follow_id, out.url, *parsed, resp->etag(), resp->last_modified(), now);
  }
  if (!changes.ok()) return fail(changes.error());
  out.status = OutcomeStatus::kStored;
  out.changes = static_cast<int>(changes->size());
  return finish(out);
}

Result<FollowHarvestReport> FollowCollector::harvest(const std::string& command) {
  auto lock = HarvestLock::acquire(store_.path());
  if (!lock.ok()) return lock.error();
  const UtcTime started{clock_.now_unix()};
  const std::string now = started.iso();
  RETURN_IF_ERROR(store_.mark_interrupted_runs(started));
  FollowStore follows(store_.db());
  FollowHarvestReport report;
  if (options_.follow_relevant) {
    auto added = follows.follow_relevant_items(now);
    if (!added.ok()) return added.error();
    report.followed_relevant = *added;
    if (*added)
      log_.info("following " + std::to_string(*added) +
                " Have your say item(s) marked relevant (set [follow] relevant = false in "
                "omvarld.toml to stop)");
  }
  ASSIGN_OR_RETURN(std::vector<Follow> list, follows.follows());
  if (list.empty()) return report;  // no run recorded for nothing
  ASSIGN_OR_RETURN(report.run_id, store_.begin_run("follow", command, started));
  asked_hys_ = asked_ep_ = false;
  for (const Follow& f : list) {
    std::optional<ProcedureRef> procedure;
    if (!f.procedure.empty()) {
      auto ref = parse_procedure_ref(f.procedure);
      if (ref.ok()) procedure = *ref;
    } else {
      // A COM proposal followed alone: the procedure a stored link ties it to.
      auto links = follows.links(f.id);
      if (links.ok() && !links->empty()) procedure = links->back().link.procedure;
    }
    if (!f.hys_id && !procedure) {
      log_.warning("follow " + std::to_string(f.id) +
                   ": nothing to read (no Have your say id or procedure); `omvarld follow " +
                   (f.item_id ? std::to_string(*f.item_id) + " " : std::string()) +
                   "--hys ID` or `--procedure REF` adds one");
      continue;
    }
    for (FollowSource source : {FollowSource::kHys, FollowSource::kEp}) {
      if (source == FollowSource::kHys && !f.hys_id) continue;
      if (source == FollowSource::kEp && !procedure) continue;
      log_.progress("follow " + std::to_string(f.id) + ": fetching " + follow_source_name(source));
      FollowOutcome o = fetch(report.run_id, f.id, source, f.hys_id.value_or(0),
                              procedure.value_or(ProcedureRef{}));
      std::string line =
          "follow " + std::to_string(f.id) + ", " + o.what + ": " + outcome_status_name(o.status);
      if (o.status == OutcomeStatus::kStored)
        line += " (" + std::to_string(o.changes) + " change(s))";
      if (o.status == OutcomeStatus::kFailed)
        log_.error(line + ": " + o.error + " (the earlier state is kept)");
      else
        log_.info(line);
      report.outcomes.push_back(std::move(o));
    }
  }
  int failed = report.failed();
  int total = static_cast<int>(report.outcomes.size());
  RunStatus status = run_status_of(failed, total);
  RETURN_IF_ERROR(store_.finish_run(
      report.run_id, status,
      std::to_string(total - failed) + " of " + std::to_string(total) + " followed sources read",
      UtcTime{clock_.now_unix()}));
  (void)store_.checkpoint();
  return report;
}

}  // namespace omvarld
