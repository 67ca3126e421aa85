// The European Parliament's open data API v2: one procedure,
// `{ep-base}/api/v2/procedures/{YYYY-NNNN}?format=application/ld+json`,
// read into an EpProcedure; and the readable meaning of its codes.
//
// The answer is JSON-LD: the Process under `data` (an array, which the
// @context maps to @graph), under `@graph`, or as the root. From it:
//   - ref: `label` ("2016/0132(COD)"), else process_id + process_type;
//   - title: process_title's "en", else the first language given;
//   - type, stage, status: the last path part of process_type,
//     current_stage ("RDG1"), process_status;
//   - events: consists_of, whose entries come in no order, some without
//     had_activity_type, some bare IRI strings (kept with their id only).
//     Each main rapporteur's appointment (had_participation, role RAPPORTEUR,
//     with its activity_date) is added as an event of omvarld's own type
//     RAPPORTEUR_APPOINTED, since the API lists it there and not among the
//     events. Sorted by date, oldest first; undated ones last; events of one
//     date in body order. A Decision without a type that decides on an
//     adopted text (TA-...) is the milestone kAdoptedText;
//   - rapporteurs / shadow_rapporteurs: person ids as given ("person/197435")
//     of the roles RAPPORTEUR / RAPPORTEUR_SHADOW, by precedenceOrder (those
//     without one last, in body order);
//   - committees: the organisations taking part ("AFCO"), the lead
//     committee (COMMITTEE_LEAD) first, then the others in body order;
//   - adopted_texts: the TA- documents of created_a_realization_of and of
//     the events' decisions, in body order, once each.
// A list answer (api/v2/procedures, several Processes) is a kParse error.
// Errors name `source`; the body goes through check_lifecycle_json first.
// Bounded: RapidJSON's iterative reader, nesting capped at 64. Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/lang.h"
#include "core/result.h"
#include "model/lifecycle.h"

namespace omvarld {

Result<EpProcedure> parse_ep_procedure(std::string_view body, const std::string& source);

// What an activity type means (EpEvent.type, e.g. "REFERRAL",
// "COMMITTEE_ADOPTING_REPORT", "PLENARY_VOTE", and omvarld's
// "RAPPORTEUR_APPOINTED"): its label in English and Swedish, nullptr for a
// type outside the table; and its milestone, kNone outside the table. The
// table covers every type in the recorded procedures.
const Tr* ep_activity_label(std::string_view type);
EpMilestone ep_activity_milestone(std::string_view type);

// A milestone's label ("Vote in committee" / "Omröstning i utskottet");
// nullptr for kNone.
const Tr* ep_milestone_label(EpMilestone m);

// What to show for an event: its title when the source gave one, else its
// type's label, else its milestone's, else the type code itself.
std::string ep_event_label(const EpEvent& event, Lang lang);

// A procedure type's name ("COD": "Ordinary legislative procedure"), English
// as the EP vocabulary def/ep-procedure-types gives it; nullptr for a code
// outside the table (the main interinstitutional and internal types).
const Tr* ep_procedure_type_label(std::string_view code);

}  // namespace omvarld
