#include "harvest/follow_collector.h"

#include <algorithm>

#include "core/text.h"
#include "parse/ep_procedure.h"
#include "parse/hys_initiative.h"
#include "parse/lifecycle_pages.h"
#include "parse/procedure_links.h"
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

std::string oeil_procedure_url(const std::string& oeil_base, const ProcedureRef& ref) {
  return oeil_base + "/oeil/en/procedure-file?reference=" + procedure_label(ref);
}

std::string eurlex_com_procedure_url(const std::string& eurlex_base, const ComRef& com) {
  std::string number = std::to_string(com.number);
  if (number.size() < 4) number.insert(0, 4 - number.size(), '0');
  return eurlex_base + "/legal-content/EN/HIS/?uri=CELEX:5" + std::to_string(com.year) + "PC" +
         number;
}

std::vector<ComRef> hys_com_refs(const HysInitiative& initiative) {
  std::vector<ComRef> out;
  auto add = [&](const std::vector<ComRef>& found) {
    for (const ComRef& c : found)
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  for (const HysPublication& p : initiative.publications) {
    add(find_com_refs(p.reference));
    add(find_celex_proposals(p.reference));
  }
  return out;
}

namespace {

// An error of the page's checks or parser, which name the service from the
// URL ("the Legislative Observatory (URL): ..."), named once by what was
// asked instead ("Legislative Observatory 2024/0258(COD) (URL): ...").
Error named(const Error& e, const std::string& url, const std::string& name) {
  const std::string who = lifecycle_source_name(url) + ": ";
  Error out = e;
  out.message =
      name + ": " + (e.message.rfind(who, 0) == 0 ? e.message.substr(who.size()) : e.message);
  return out;
}

// Whether `url` is not to be asked now: answered (final), or failing and
// backed off until later than `now_iso`.
bool not_now(const std::vector<FollowSourceState>& sources, FollowSource source,
             const std::string& url, const std::string& now_iso) {
  for (const FollowSourceState& s : sources) {
    if (s.source != follow_source_name(source) || s.url != url) continue;
    if (!s.last_ok_at.empty() && s.last_error.empty()) return true;
    const std::string retry = link_retry_after(s);
    return !retry.empty() && now_iso < retry;
  }
  return false;
}

}  // namespace

std::string link_retry_after(const FollowSourceState& state) {
  if (state.last_error.empty() || state.failures < kLinkFailuresBeforeBackoff) return "";
  const auto last = parse_utc_time(state.last_checked_at);
  if (!last) return "";
  return UtcTime{last->unix_seconds + int64_t{kLinkBackoffDays} * 86400}.iso();
}

std::optional<LinkLookup> link_lookup_for(
    const Follow& follow, const std::optional<HysInitiative>& hys,
    const std::vector<StoredLink>& links, const std::vector<FollowSourceState>& sources,
    const std::string& oeil_base, const std::string& eurlex_base, const std::string& now_iso) {
  LinkLookup lookup;
  if (const auto procedure = procedure_in_use(follow, links)) {
    const bool linked = std::any_of(links.begin(), links.end(), [&](const StoredLink& l) {
      return l.link.procedure.year == procedure->year &&
             l.link.procedure.number == procedure->number;
    });
    // The Observatory names procedures with their type; without it there is
    // no page to ask for.
    if (linked || procedure->type.empty() || oeil_base.empty()) return std::nullopt;
    lookup.source = FollowSource::kOeil;
    lookup.procedure = *procedure;
    lookup.url = oeil_procedure_url(oeil_base, *procedure);
  } else {
    std::optional<ComRef> com = com_in_use(follow, links);
    if (!com && hys) {
      std::vector<ComRef> named = hys_com_refs(*hys);
      if (!named.empty()) com = named.front();
    }
    if (!com || eurlex_base.empty()) return std::nullopt;
    lookup.source = FollowSource::kEurLex;
    lookup.com = *com;
    lookup.url = eurlex_com_procedure_url(eurlex_base, *com);
  }
  if (not_now(sources, lookup.source, lookup.url, now_iso)) return std::nullopt;
  return lookup;
}

FollowCollector::FollowCollector(HttpClient& http, Store& store, Clock& clock, const Log& log,
                                 FollowHarvestOptions options)
    : http_(http), store_(store), clock_(clock), log_(log), options_(std::move(options)) {}

void FollowCollector::pace(FollowSource source) {
  bool& asked = asked_[static_cast<int>(source)];
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

  const std::string subject = hys ? std::to_string(hys_id) : procedure_label(ref);
  auto finish = [&](FollowOutcome o) {
    return this->finish(run_id, follow_id, source, subject, started, std::move(o));
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

FollowOutcome FollowCollector::finish(int64_t run_id, int64_t follow_id, FollowSource source,
                                      const std::string& subject, UtcTime started,
                                      FollowOutcome o) {
  FollowStore follows(store_.db());
  const UtcTime finished{clock_.now_unix()};
  if (o.status == OutcomeStatus::kFailed)
    if (Status s = follows.record_failure(follow_id, source, o.url, o.error, finished.iso());
        !s.ok())
      log_.error(s.error().message);
  RunDatasetRecord rec;
  rec.dataset = "follow:" + o.source + ":" + subject;
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
}

FollowOutcome FollowCollector::fetch_links(int64_t run_id, int64_t follow_id,
                                           const LinkLookup& lookup) {
  FollowStore follows(store_.db());
  FollowOutcome out;
  out.follow_id = follow_id;
  out.source = follow_source_name(lookup.source);
  out.url = lookup.url;
  const bool oeil = lookup.source == FollowSource::kOeil;
  const std::string subject = oeil ? procedure_label(lookup.procedure) : com_label(lookup.com);
  out.what = (oeil ? "Legislative Observatory " : "EUR-Lex ") + subject;
  const std::string name = out.what + " (" + out.url + ")";
  const UtcTime started{clock_.now_unix()};
  auto fail = [&](const Error& e) {
    out.status = OutcomeStatus::kFailed;
    out.error = e.message;
    return finish(run_id, follow_id, lookup.source, subject, started, out);
  };
  // No validators: an answered URL is never asked again, and a retry after
  // a failure has no stored answer to compare with.
  HttpRequest req = HttpRequest::get(out.url);
  req.user_agent = options_.user_agent;
  req.max_body_bytes = options_.max_body_bytes;
  req.headers["Accept"] = "text/html";
  pace(lookup.source);
  auto resp = http_.send(req);
  if (!resp.ok()) return fail(resp.error().with_context(name));
  out.bytes = static_cast<int64_t>(resp->body.size());
  if (Status s = check_lifecycle_body(resp->body, resp->content_type(), resp->status, out.url);
      !s.ok())
    return fail(named(s.error(), out.url, name));
  auto page = oeil ? read_oeil_procedure_page(resp->body, out.url)
                   : read_eurlex_procedure_page(resp->body, out.url);
  if (!page.ok()) return fail(named(page.error(), out.url, name));
  const std::vector<ProcedureLink>& found = page->links;
  // The page is of what was asked, or it is the wrong page: the
  // Observatory's of the procedure asked for, EUR-Lex's of a procedure that
  // names the COM proposal asked for (with no links or with).
  if (oeil && (!page->procedure || page->procedure->year != lookup.procedure.year ||
               page->procedure->number != lookup.procedure.number))
    return fail(make_error(ErrorKind::kSource,
                           name + ": the answer is procedure " +
                               (page->procedure ? procedure_label(*page->procedure) : "?") +
                               ", not " + procedure_label(lookup.procedure)));
  if (!oeil && page->procedure &&
      std::none_of(found.begin(), found.end(),
                   [&](const ProcedureLink& l) { return l.com == lookup.com; }))
    return fail(make_error(ErrorKind::kSource,
                           name + ": the page is procedure " + procedure_label(*page->procedure) +
                               ", which does not name " + com_label(lookup.com)));
  auto changes = follows.record_links(follow_id, lookup.source, out.url, found,
                                      format_iso8601_utc(clock_.now_unix()));
  if (!changes.ok()) return fail(changes.error().with_context(name));
  out.status = OutcomeStatus::kStored;
  out.changes = static_cast<int>(changes->size());
  return finish(run_id, follow_id, lookup.source, subject, started, out);
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
  for (bool& asked : asked_) asked = false;
  auto report_outcome = [&](FollowOutcome o) {
    std::string line = "follow " + std::to_string(o.follow_id) + ", " + o.what + ": " +
                       outcome_status_name(o.status);
    if (o.status == OutcomeStatus::kStored)
      line += " (" + std::to_string(o.changes) + " change(s))";
    if (o.status == OutcomeStatus::kFailed)
      log_.error(line + ": " + o.error + " (the earlier state is kept" +
                 (o.next_try.empty() ? std::string() : "; asked again " + o.next_try) + ")");
    else
      log_.info(line);
    report.outcomes.push_back(std::move(o));
  };
  for (const Follow& f : list) {
    // The Commission first: its reading may name the COM proposal.
    if (f.hys_id) {
      log_.progress("follow " + std::to_string(f.id) + ": fetching hys");
      report_outcome(fetch(report.run_id, f.id, FollowSource::kHys, *f.hys_id, ProcedureRef{}));
    }
    // Then the link, so that a procedure found is read in this same run.
    std::vector<StoredLink> links;
    if (auto l = follows.links(f.id); l.ok()) links = std::move(l).value();
    if (options_.oeil_base.size() + options_.eurlex_base.size() > 0) {
      auto hys = follows.hys_state(f.id);
      auto sources = follows.source_states(f.id);
      std::optional<LinkLookup> lookup;
      if (hys.ok() && sources.ok())
        lookup = link_lookup_for(f, *hys, links, *sources, options_.oeil_base, options_.eurlex_base,
                                 UtcTime{clock_.now_unix()}.iso());
      if (lookup) {
        log_.progress("follow " + std::to_string(f.id) + ": asking " +
                      follow_source_name(lookup->source) + " for the link");
        FollowOutcome o = fetch_links(report.run_id, f.id, *lookup);
        if (o.status == OutcomeStatus::kFailed) {
          o.next_try = "at the next run";
          if (auto state = follows.source_state(f.id, lookup->source); state.ok() && *state)
            if (std::string retry = link_retry_after(**state); !retry.empty())
              o.next_try = "from " + retry + " (" + std::to_string((*state)->failures) +
                           " failures in a row)";
        }
        report_outcome(std::move(o));
        if (auto l = follows.links(f.id); l.ok()) links = std::move(l).value();
      }
    }
    const std::optional<ProcedureRef> procedure = procedure_in_use(f, links);
    if (procedure) {
      log_.progress("follow " + std::to_string(f.id) + ": fetching ep");
      report_outcome(fetch(report.run_id, f.id, FollowSource::kEp, 0, *procedure));
    } else if (!f.hys_id) {
      log_.warning("follow " + std::to_string(f.id) +
                   ": nothing to read (no Have your say id or procedure); `omvarld follow " +
                   (f.item_id ? std::to_string(*f.item_id) + " " : std::string()) +
                   "--hys ID` or `--procedure REF` adds one");
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
