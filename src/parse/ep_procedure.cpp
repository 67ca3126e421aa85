#include "parse/ep_procedure.h"

#include <algorithm>
#include <limits>

#include "core/text.h"
#include "parse/html_text.h"
#include "parse/lifecycle_json.h"
#include "parse/lifecycle_pages.h"

namespace omvarld {
namespace {

using lifecycle_json::last_part;
using lifecycle_json::member;
using lifecycle_json::text;
using lifecycle_json::Value;
using lifecycle_json::whole_number;

struct ActivityInfo {
  const char* type;
  EpMilestone milestone;
  Tr label;
};

// The activity types of def/ep-activities that the recorded procedures use,
// with the milestones that matter for the city's timing. Labels written for
// omvarld after the Legislative Observatory's wording of its key events.
constexpr ActivityInfo kActivities[] = {
    {"REFERRAL",
     EpMilestone::kReferral,
     {.en = "Referral to committee announced in plenary",
      .sv = "Hänvisning till utskott tillkännagiven i kammaren"}},
    {"RAPPORTEUR_APPOINTED",
     EpMilestone::kRapporteur,
     {.en = "Rapporteur appointed", .sv = "Föredragande utsedd"}},
    {"COMMITTEE_TABLING_REPORT",
     EpMilestone::kDraftReport,
     {.en = "Draft report tabled in committee",
      .sv = "Förslag till betänkande framlagt i utskottet"}},
    {"COMMITTEE_TABLING_AMENDMENT",
     EpMilestone::kNone,
     {.en = "Amendments tabled in committee", .sv = "Ändringsförslag ingivna i utskottet"}},
    {"COMMITTEE_TABLING_OPINION",
     EpMilestone::kNone,
     {.en = "Draft opinion tabled in committee",
      .sv = "Förslag till yttrande framlagt i utskottet"}},
    {"COMMITTEE_ADOPTING_OPINION",
     EpMilestone::kNone,
     {.en = "Opinion adopted in committee", .sv = "Yttrande antaget i utskott"}},
    {"COMMITTEE_ADOPTING_REPORT",
     EpMilestone::kCommitteeVote,
     {.en = "Vote in committee", .sv = "Omröstning i utskottet"}},
    {"COMMITTEE_APPROVE_PROVISIONAL_AGREEMENT",
     EpMilestone::kCommitteeVote,
     {.en = "Provisional agreement approved in committee",
      .sv = "Preliminär överenskommelse godkänd i utskottet"}},
    {"TABLING_PLENARY",
     EpMilestone::kReportTabled,
     {.en = "Committee report tabled for plenary",
      .sv = "Utskottets betänkande framlagt för kammaren"}},
    {"INTERINSTITUTIONAL_NEGOTIATION",
     EpMilestone::kNegotiation,
     {.en = "Interinstitutional negotiations", .sv = "Interinstitutionella förhandlingar"}},
    {"PLENARY_ENDORSE_COMMITTEE_INTERINSTITUTIONAL_NEGOTIATIONS",
     EpMilestone::kNegotiation,
     {.en = "Committee decision to open negotiations endorsed in plenary",
      .sv = "Utskottets beslut att inleda förhandlingar godkänt i kammaren"}},
    {"PLENARY_REFER_COMMITTEE_INTERINSTITUTIONAL_NEGOTIATIONS",
     EpMilestone::kNegotiation,
     {.en = "Referred back to committee for negotiations",
      .sv = "Återförvisat till utskottet för förhandlingar"}},
    {"PLENARY_DEBATE", EpMilestone::kNone, {.en = "Debate in plenary", .sv = "Debatt i kammaren"}},
    {"PLENARY_ACTIVITY",
     EpMilestone::kNone,
     {.en = "On the plenary agenda", .sv = "På kammarens föredragningslista"}},
    {"PLENARY_VOTE",
     EpMilestone::kPlenaryVote,
     {.en = "Vote in plenary", .sv = "Omröstning i kammaren"}},
    {"PLENARY_VOTE_RESULTS",
     EpMilestone::kPlenaryVote,
     {.en = "Results of the vote in plenary", .sv = "Omröstningsresultat i kammaren"}},
    {"PLENARY_DECISION",
     EpMilestone::kPlenaryDecision,
     {.en = "Decision by Parliament", .sv = "Parlamentets beslut"}},
    {"PLENARY_ADOPT_POSITION",
     EpMilestone::kPlenaryDecision,
     {.en = "Parliament's position adopted", .sv = "Parlamentets ståndpunkt antagen"}},
    {"PLENARY_AMEND_PROPOSAL",
     EpMilestone::kPlenaryDecision,
     {.en = "Parliament's amendments to the proposal adopted",
      .sv = "Parlamentets ändringar i förslaget antagna"}},
    {"PLENARY_AMEND",
     EpMilestone::kPlenaryDecision,
     {.en = "Amendments adopted in plenary", .sv = "Ändringar antagna i kammaren"}},
    {"SIGNATURE",
     EpMilestone::kSignature,
     {.en = "Final act signed", .sv = "Den slutliga akten undertecknad"}},
    {"PUBLICATION_OFFICIAL_JOURNAL",
     EpMilestone::kPublished,
     {.en = "Final act published in the Official Journal",
      .sv = "Den slutliga akten offentliggjord i EUT"}},
};

struct MilestoneInfo {
  EpMilestone milestone;
  Tr label;
};
constexpr MilestoneInfo kMilestones[] = {
    {EpMilestone::kReferral, {.en = "Referral to committee", .sv = "Hänvisning till utskott"}},
    {EpMilestone::kRapporteur, {.en = "Rapporteur appointed", .sv = "Föredragande utsedd"}},
    {EpMilestone::kDraftReport, {.en = "Draft report", .sv = "Förslag till betänkande"}},
    {EpMilestone::kCommitteeVote, {.en = "Vote in committee", .sv = "Omröstning i utskottet"}},
    {EpMilestone::kReportTabled,
     {.en = "Report tabled for plenary", .sv = "Betänkande framlagt för kammaren"}},
    {EpMilestone::kNegotiation,
     {.en = "Interinstitutional negotiations", .sv = "Interinstitutionella förhandlingar"}},
    {EpMilestone::kPlenaryVote, {.en = "Vote in plenary", .sv = "Omröstning i kammaren"}},
    {EpMilestone::kPlenaryDecision, {.en = "Decision by Parliament", .sv = "Parlamentets beslut"}},
    {EpMilestone::kAdoptedText,
     {.en = "Text adopted by Parliament", .sv = "Text antagen av parlamentet"}},
    {EpMilestone::kSignature, {.en = "Final act signed", .sv = "Den slutliga akten undertecknad"}},
    {EpMilestone::kPublished,
     {.en = "Published in the Official Journal", .sv = "Offentliggjord i EUT"}},
};

struct ProcedureTypeInfo {
  const char* code;
  Tr label;
};
// English as def/ep-procedure-types gives its prefLabel; Swedish omvarld's.
constexpr ProcedureTypeInfo kProcedureTypes[] = {
    {"COD", {.en = "Ordinary legislative procedure", .sv = "Ordinarie lagstiftningsförfarande"}},
    {"CNS", {.en = "Consultation procedure", .sv = "Samrådsförfarande"}},
    {"APP", {.en = "Consent procedure", .sv = "Godkännandeförfarande"}},
    {"NLE", {.en = "Non-legislative enactments", .sv = "Icke-lagstiftningsakter"}},
    {"BUD", {.en = "Budgetary procedure", .sv = "Budgetförfarande"}},
    {"DEC", {.en = "Discharge procedure", .sv = "Förfarande för beviljande av ansvarsfrihet"}},
    {"ACI", {.en = "Interinstitutional agreement procedure", .sv = "Interinstitutionellt avtal"}},
    {"AVC", {.en = "Assent procedure", .sv = "Samtyckesförfarande"}},
    {"SYN", {.en = "Cooperation procedure", .sv = "Samarbetsförfarande"}},
    {"INI", {.en = "Own-initiative procedure", .sv = "Initiativbetänkande"}},
    {"INL", {.en = "Legislative initiative procedure", .sv = "Lagstiftningsinitiativ"}},
    {"RSP", {.en = "Resolution on topical subjects", .sv = "Resolution i en aktuell fråga"}},
    {"REG", {.en = "Parliament's Rules of Procedure", .sv = "Parlamentets arbetsordning"}},
    {"DEA", {.en = "Delegated acts", .sv = "Delegerade akter"}},
    {"RPS", {.en = "Implementing acts", .sv = "Genomförandeakter"}},
    {"COS", {.en = "Procedure on a strategy paper", .sv = "Förfarande om ett strategidokument"}},
    {"IMM", {.en = "Members' immunity", .sv = "Ledamöters immunitet"}},
};

// A string, or the first string of an array (JSON-LD may give either).
std::string first_text(const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  if (!v) return {};
  if (v->IsArray()) {
    for (const Value& e : v->GetArray())
      if (e.IsString()) return std::string(e.GetString(), e.GetStringLength());
    return {};
  }
  return text(obj, key);
}

// A language map ({"en": "...", "fr": "..."}) or a plain string: English,
// else "mul", else the first language given.
std::string english(const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  if (!v) return {};
  if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
  if (!v->IsObject()) return {};
  for (const char* lang : {"en", "EN", "mul"})
    if (std::string s = text(*v, lang); !s.empty()) return s;
  for (const auto& m : v->GetObject())
    if (m.value.IsString()) return std::string(m.value.GetString(), m.value.GetStringLength());
  return {};
}

// "2024-04-24" from "2024-04-24", "2024-04-24T10:00:00+02:00"; "" otherwise.
std::string iso_date(std::string s) {
  if (s.size() < 10) return {};
  s.resize(10);
  for (size_t i = 0; i < 10; ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return {};
  }
  int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) return {};
  return s;
}

void add_once(std::vector<std::string>& list, std::string value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// The last path parts of an array of IRIs (or of one IRI).
void add_iris(std::vector<std::string>& out, const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  if (!v) return;
  if (v->IsString()) {
    add_once(out, last_part(v->GetString()));
    return;
  }
  if (!v->IsArray()) return;
  for (const Value& e : v->GetArray()) {
    if (e.IsString())
      add_once(out, last_part(e.GetString()));
    else if (e.IsObject())
      add_once(out, last_part(text(e, "id")));
  }
}

bool is_adopted_text(const std::string& id) { return id.rfind("TA-", 0) == 0; }

EpEvent read_event(const Value& e) {
  EpEvent ev;
  if (e.IsString()) {
    ev.id = last_part(std::string(e.GetString(), e.GetStringLength()));
    return ev;
  }
  ev.id = last_part(text(e, "id"));
  if (ev.id.empty()) ev.id = text(e, "activity_id");
  ev.date = iso_date(text(e, "activity_date"));
  ev.type = last_part(first_text(e, "had_activity_type"));
  ev.title = text_with_entities_decoded(english(e, "activity_label"), 1024);
  ev.kind = first_text(e, "type");
  for (const char* key : {"based_on_a_realization_of", "recorded_in_a_realization_of",
                          "decided_on_a_realization_of", "documented_by_a_realization_of"})
    add_iris(ev.documents, e, key);
  ev.milestone = ep_activity_milestone(ev.type);
  if (ev.type.empty() && ev.kind == "Decision") {
    std::vector<std::string> decided;
    add_iris(decided, e, "decided_on_a_realization_of");
    if (std::any_of(decided.begin(), decided.end(), is_adopted_text))
      ev.milestone = EpMilestone::kAdoptedText;
  }
  return ev;
}

// The Process: data[] / @graph[] (the first object typed Process, else the
// first with a process_id or label), or the root itself.
const Value* find_process(const Value& doc) {
  for (const char* key : {"data", "@graph"}) {
    const Value* list = member(doc, key);
    if (!list) continue;
    if (list->IsObject()) return list;
    if (!list->IsArray()) continue;
    const Value* first = nullptr;
    for (const Value& v : list->GetArray()) {
      if (!v.IsObject()) continue;
      if (first_text(v, "type") == "Process") return &v;
      if (!first && (member(v, "process_id") || member(v, "label"))) first = &v;
    }
    if (first) return first;
  }
  if (member(doc, "process_id") || member(doc, "label")) return &doc;
  return nullptr;
}

struct Participant {
  std::string person;
  int64_t order;
  size_t body_index;
};

void sort_by_precedence(std::vector<Participant>& list) {
  std::stable_sort(list.begin(), list.end(),
                   [](const Participant& a, const Participant& b) { return a.order < b.order; });
}

}  // namespace

const Tr* ep_activity_label(std::string_view type) {
  for (const ActivityInfo& a : kActivities)
    if (type == a.type) return &a.label;
  return nullptr;
}

EpMilestone ep_activity_milestone(std::string_view type) {
  for (const ActivityInfo& a : kActivities)
    if (type == a.type) return a.milestone;
  return EpMilestone::kNone;
}

const Tr* ep_milestone_label(EpMilestone m) {
  for (const MilestoneInfo& i : kMilestones)
    if (i.milestone == m) return &i.label;
  return nullptr;
}

std::string ep_event_label(const EpEvent& event, Lang lang) {
  if (!event.title.empty()) return event.title;
  if (const Tr* t = ep_activity_label(event.type)) return (*t)[lang];
  if (const Tr* t = ep_milestone_label(event.milestone)) return (*t)[lang];
  return event.type;
}

const Tr* ep_procedure_type_label(std::string_view code) {
  for (const ProcedureTypeInfo& p : kProcedureTypes)
    if (code == p.code) return &p.label;
  return nullptr;
}

Result<EpProcedure> parse_ep_procedure(std::string_view body, const std::string& source) {
  RETURN_IF_ERROR(check_lifecycle_json(body, "", 200, source));
  ASSIGN_OR_RETURN(auto doc, lifecycle_json::parse(body, source, "EP procedure"));
  if (const Value* list = member(doc, "data"); list && list->IsArray()) {
    size_t processes = 0;
    for (const Value& v : list->GetArray())
      if (v.IsObject() && first_text(v, "type") == "Process") ++processes;
    if (processes > 1)
      return make_error(ErrorKind::kParse, source + ": a list of " + std::to_string(processes) +
                                               " EP procedures, not one procedure's detail "
                                               "(api/v2/procedures/{YYYY-NNNN})");
  }
  const Value* proc = find_process(doc);
  if (!proc)
    return make_error(ErrorKind::kParse,
                      source + ": not an EP procedure (no Process in data or @graph)");
  EpProcedure out;
  out.type = last_part(first_text(*proc, "process_type"));
  auto ref = parse_procedure_ref(text(*proc, "label"));
  if (!ref.ok()) ref = parse_procedure_ref(text(*proc, "process_id"));
  if (!ref.ok()) ref = parse_procedure_ref(last_part(text(*proc, "id")));
  if (!ref.ok())
    return make_error(ErrorKind::kParse,
                      source +
                          ": an EP procedure without a readable reference (label, "
                          "process_id)");
  out.ref = ref.value();
  if (out.ref.type.empty() && !out.type.empty()) {
    auto typed = parse_procedure_ref(procedure_label(out.ref) + "(" + out.type + ")");
    if (typed.ok()) out.ref = typed.value();
  }
  out.title = text_with_entities_decoded(english(*proc, "process_title"), 4096);
  out.stage = last_part(first_text(*proc, "current_stage"));
  out.status = last_part(first_text(*proc, "process_status"));

  // Events, and the adopted texts their decisions name.
  std::vector<std::string> decided_texts;
  if (const Value* events = member(*proc, "consists_of")) {
    if (events->IsArray()) {
      for (const Value& e : events->GetArray())
        if (e.IsObject() || e.IsString()) out.events.push_back(read_event(e));
    } else if (events->IsObject() || events->IsString()) {
      out.events.push_back(read_event(*events));
    }
  }
  for (const EpEvent& ev : out.events)
    for (const std::string& d : ev.documents)
      if (is_adopted_text(d) && ev.kind == "Decision") add_once(decided_texts, d);

  // Participations: committees, rapporteurs, the rapporteurs' appointments.
  std::vector<std::string> lead, others;
  std::vector<Participant> rapporteurs, shadows;
  if (const Value* parts = member(*proc, "had_participation"); parts && parts->IsArray()) {
    size_t index = 0;
    for (const Value& p : parts->GetArray()) {
      if (!p.IsObject()) continue;
      const std::string role = last_part(first_text(p, "participation_role"));
      std::vector<std::string> orgs;
      add_iris(orgs, p, "had_participant_organization");
      for (std::string& o : orgs) add_once(role == "COMMITTEE_LEAD" ? lead : others, o);
      if (role != "RAPPORTEUR" && role != "RAPPORTEUR_SHADOW") continue;
      auto order = whole_number(p, "precedenceOrder");
      std::vector<std::string> people;
      if (const Value* v = member(p, "had_participant_person"); v && v->IsArray()) {
        for (const Value& person : v->GetArray())
          if (person.IsString()) add_once(people, person.GetString());
      } else if (v && v->IsString()) {
        add_once(people, v->GetString());
      }
      for (const std::string& person : people)
        (role == "RAPPORTEUR" ? rapporteurs : shadows)
            .push_back({person, order.value_or(std::numeric_limits<int64_t>::max()), index++});
      if (role == "RAPPORTEUR") {
        EpEvent appointed;
        appointed.id = last_part(text(p, "id"));
        appointed.date = iso_date(text(p, "activity_date"));
        appointed.type = "RAPPORTEUR_APPOINTED";
        appointed.kind = "Participation";
        appointed.milestone = EpMilestone::kRapporteur;
        if (!appointed.id.empty()) out.events.push_back(std::move(appointed));
      }
    }
  }
  out.lead_committee = lead.empty() ? std::string() : lead.front();
  for (std::string& c : lead) add_once(out.committees, c);
  for (std::string& c : others) add_once(out.committees, c);
  sort_by_precedence(rapporteurs);
  sort_by_precedence(shadows);
  for (const Participant& p : rapporteurs) add_once(out.rapporteurs, p.person);
  for (const Participant& p : shadows) add_once(out.shadow_rapporteurs, p.person);

  std::vector<std::string> created;
  add_iris(created, *proc, "created_a_realization_of");
  for (std::string& d : created)
    if (is_adopted_text(d)) add_once(out.adopted_texts, d);
  for (std::string& d : decided_texts) add_once(out.adopted_texts, d);

  std::stable_sort(out.events.begin(), out.events.end(), [](const EpEvent& a, const EpEvent& b) {
    if (a.date.empty() != b.date.empty()) return b.date.empty();
    return a.date < b.date;
  });
  return out;
}

}  // namespace omvarld
