// Lifecycle: where an EU initiative stands across the institutions, as
// omvarld follows it (issue #16). The Commission's side is a *Have your say*
// initiative (brpapi/groupInitiatives/{id}) with its publications; the
// Parliament's side is a procedure of the EP open data API v2 with its
// events; a ProcedureLink ties a COM proposal to its procedure and records
// where the link came from. These are plain values: parse/lifecycle_*
// fills them from the sources' bodies, store/ keeps them, report/ and web/
// show them. Every time is UTC ISO 8601 with a Z ("2026-09-28T21:59:59Z");
// every date is "YYYY-MM-DD". Pure; no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace omvarld {

// A procedure reference: 2024/0258(COD). `type` is the procedure type's code
// in upper case (COD, NLE, INI, RSP, REG, ...), empty where the source gives
// none (the EP API's process id "2024-0258" carries no type).
struct ProcedureRef {
  int year = 0;      // 1950..2100
  int number = 0;    // 1..9999
  std::string type;  // "COD", or ""
  bool operator==(const ProcedureRef&) const = default;
};

// Reads the spellings the sources use: "2024/0258(COD)", "2024/0258 (COD)",
// "2024/0258/COD" (EUR-Lex), "2024-0258" and "2024-0258-COD" (EP API ids,
// OEIL URLs), "2024/258(cod)". Anything else is a kUsage Error naming the
// text and the expected form.
Result<ProcedureRef> parse_procedure_ref(std::string_view text);
// "2024/0258(COD)", or "2024/0258" without a type: the form people write.
std::string procedure_label(const ProcedureRef& ref);
// "2024-0258": the EP API's process id ({ep-base}/api/v2/procedures/{id}).
std::string procedure_ep_id(const ProcedureRef& ref);

// A COM document: COM(2024)469. Reads "COM(2024)469", "COM(2024) 469",
// "COM(2024)0469", "COM/2024/469" and the CELEX form "52024PC0469".
struct ComRef {
  int year = 0;
  int number = 0;
  bool operator==(const ComRef&) const = default;
};
Result<ComRef> parse_com_ref(std::string_view text);
// "COM(2024)469".
std::string com_label(const ComRef& ref);

// One attachment of a Have your say publication (a language version of a
// document). `url` is the portal's download address for its documentId.
struct HysDocument {
  std::string url;  // "https://ec.europa.eu/info/law/better-regulation/api/download/090166e5..."
  std::string language;   // "EN", upper case as given
  std::string title;      // plain text
  std::string file_name;  // ersFileName ("PART-2026-822994V1.pdf"), else filename
  std::string kind;       // type: "ANNEX", "MAIN", ... as given
  int pages = 0;
  int64_t size_bytes = 0;
  bool original = false;               // isOriginal: the language it was written in
  std::optional<std::string> created;  // createdDate (given in UTC), UTC time
  bool operator==(const HysDocument&) const = default;
};

// One publication of a Have your say initiative: the planned initiative,
// the call for evidence, the public consultation, a draft act, the adopted
// act. `type` is the API's code kept as given (INIT_PLANNED,
// CALL_FOR_EVIDENCE, PUBLIC_CONSULTATION, REG_DEL_DRAFT, REG_DEL, PROP_REG,
// ...); people read it through lifecycle_publication_label (report/).
struct HysPublication {
  int64_t id = 0;
  std::string type;             // "CALL_FOR_EVIDENCE"
  std::string stage;            // "PLANNING_WORKFLOW", "" when absent
  std::string feedback_status;  // receivingFeedbackStatus: OPEN, CLOSED, UPCOMING, DISABLED, ""
  std::optional<std::string> published;       // UTC time, nullopt when not yet published
  std::optional<std::string> feedback_start;  // UTC time the feedback period opens
  std::optional<std::string> feedback_end;    // UTC time it closes
  std::string planned_period;                 // "Q-2028-1", "" when none
  std::optional<std::string> planned_start;   // UTC time, when the source plans one
  std::optional<std::string> planned_end;
  int feedback_count = 0;              // totalFeedback
  std::string reference;               // "Ares(2026)7014840", "" when null
  std::vector<std::string> documents;  // absolute links to the publication's documents
  // Added by the parsers (#16):
  std::string title;                     // the publication's own title, plain text
  bool is_current = false;               // isCurrent: the stage the initiative is at
  std::optional<std::string> modified;   // modifiedDate, UTC time
  int feedback_weeks = 0;                // feedbackPeriod: the feedback period's length
  std::vector<HysDocument> attachments;  // every attachment, in body order
  bool operator==(const HysPublication&) const = default;
};

// A Have your say initiative (groupInitiatives/{id}).
struct HysInitiative {
  int64_t id = 0;                            // 18805
  std::string title;                         // shortTitle, plain text
  std::string summary;                       // plain text (HTML stripped, entities decoded)
  std::string dg;                            // "SANTE", "" when absent
  std::string stage;                         // top-level stage
  std::string act_type;                      // foreseenActType, "" when absent
  std::string status;                        // initiativeStatus
  std::string feedback_status;               // receivingFeedbackStatus
  std::vector<std::string> topics;           // topic labels
  std::vector<HysPublication> publications;  // in the order of the body
  // Added by the parsers (#16):
  std::string reference;                // "Ares(2026)7014840", "" when absent
  std::string unit;                     // "SECRETARIAT-GENERAL", "" when absent
  std::optional<std::string> modified;  // modifiedDate, UTC time
  bool operator==(const HysInitiative&) const = default;
};

// What an EP event means for the city's timing (påverkan): the steps an
// officer acts on. kNone for the steps that only fill in the record
// (amendments tabled, debates, opinions of other committees).
enum class EpMilestone {
  kNone,
  kReferral,         // referral to committee announced in plenary
  kRapporteur,       // rapporteur appointed (from had_participation)
  kDraftReport,      // draft report tabled in committee
  kCommitteeVote,    // vote in committee (report, provisional agreement)
  kReportTabled,     // committee report tabled for plenary
  kNegotiation,      // interinstitutional negotiations (trilogues)
  kPlenaryVote,      // vote in plenary
  kPlenaryDecision,  // decision by Parliament in plenary
  kAdoptedText,      // a text adopted by Parliament (TA-...)
  kSignature,        // final act signed
  kPublished,        // final act published in the Official Journal
};
// "none", "referral", "rapporteur", ...: the stored text.
const char* ep_milestone_name(EpMilestone m);
std::optional<EpMilestone> find_ep_milestone(std::string_view text);

// One event of an EP procedure (consists_of): an activity or a decision.
struct EpEvent {
  std::string id;     // "2016-0132-DEPOT-2017-06-09"; bare IRIs keep their last path part
  std::string date;   // "YYYY-MM-DD", "" when the source gives none
  std::string type;   // "TABLING_PLENARY" (had_activity_type's last part), "" when absent
  std::string title;  // English label where the source has one, else ""
  std::vector<std::string> documents;  // document ids it is based on or produced
  // Added by the parsers (#16):
  EpMilestone milestone = EpMilestone::kNone;
  std::string kind;  // "Activity", "Decision"; "" for a bare IRI
  bool operator==(const EpEvent&) const = default;
};

// An EP procedure (api/v2/procedures/{id}).
struct EpProcedure {
  ProcedureRef ref;
  std::string title;                       // English process_title, else the first language given
  std::string type;                        // "COD" (process_type's last part)
  std::string stage;                       // current_stage's last part, "" when absent
  std::string status;                      // "" when absent
  std::vector<EpEvent> events;             // oldest first; undated ones last, in body order
  std::vector<std::string> rapporteurs;    // person ids or names as given, precedence order
  std::vector<std::string> committees;     // committee codes ("LIBE")
  std::vector<std::string> adopted_texts;  // "TA-9-2024-0123"
  // Added by the parsers (#16):
  std::string lead_committee;                   // "LIBE", "" when none is named
  std::vector<std::string> shadow_rapporteurs;  // person ids, precedence order
  bool operator==(const EpProcedure&) const = default;
};

// Where a link between a COM proposal and a procedure came from.
enum class LinkSource { kManual, kOeil, kEurLex, kEpDocument };
// "manual", "oeil", "eurlex", "ep-document": the stored text (spelt as
// FollowSource's names).
const char* link_source_name(LinkSource s);
std::optional<LinkSource> find_link_source(std::string_view text);

struct ProcedureLink {
  ComRef com;
  ProcedureRef procedure;
  LinkSource source = LinkSource::kManual;
  std::string source_url;  // the page that said so; "" for a manual link
  bool operator==(const ProcedureLink&) const = default;
};

}  // namespace omvarld
