// EP open data API v2 procedures: the eight recorded answers read against
// values written by hand from each file, and a second reading with
// RapidJSON's DOM for the events (every consists_of entry present once, with
// its date and type); plus constructed bodies for @graph, bare IRIs, string
// numbers and broken answers.
#include "parse/ep_procedure.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <map>

#include "parse/feed_encoding.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

struct Expected {
  const char* file;
  ProcedureRef ref;
  const char* title_start;
  size_t events;  // consists_of + one per main rapporteur
  const char* first_event;
  const char* last_event;
  std::vector<std::string> rapporteurs;
  std::vector<std::string> shadows;
  std::vector<std::string> committees;
  const char* lead;
  std::vector<std::string> adopted;
};

// Written from reading each file (SOURCES.md names them).
const std::vector<Expected>& expected() {
  static const std::vector<Expected> table = {
      {"htv_odp-procedure_2007-0181.json",
       {2007, 181, "NLE"},
       "Amendment of the Euro-Mediterranean Aviation Agreement between the EC and Morocco",
       13,
       "2007-0181-ANPRO-2007-10-11",
       "2007-0181-PUB-2020-07-06",
       {},
       {},
       {},
       "",
       {"TA-9-2020-0147"}},
      {"htv_odp-procedure_2016-0132.json",
       {2016, 132, "COD"},
       "Establishment of 'Eurodac' for the comparison of fingerprints",
       21,
       "2016-0132-ANPRO-2016-09-12",
       "2016-0132-PUB-2024-05-22",
       {"person/197829"},
       {"person/185771", "person/197413", "person/197650", "person/130100", "person/197470",
        "person/124992"},
       {"LIBE", "AFET", "JURI", "BUDG"},
       "LIBE",
       {"TA-9-2024-0183"}},
      {"htv_odp-procedure_2018-2070.json",
       {2018, 2070, "ACI"},
       "Proposal for an Interinstitutional Agreement between the European Parliament, the "
       "Council and the Commission on budgetary discipline",
       9,
       "2018-2070-ANPRO-2018-05-28",
       "MTG-PL-2020-12-16-VOT-ITM-915693",
       {},
       {},
       {},
       "",
       {"TA-9-2020-0358"}},
      {"htv_odp-procedure_2024-2006.json",
       {2024, 2006, "REG"},
       "Amendments to Parliament\u2019s Rules of Procedure concerning the training on preventing "
       "conflict",
       8,
       "AFCO-PR-759748-DEPOT-2024-02-29",
       "MTG-PL-2024-04-24-VOT-ITM-946131",
       {"person/197435"},
       {"person/2323", "person/197577", "person/197531", "person/96646"},
       {"AFCO"},
       "AFCO",
       {"TA-9-2024-0315"}},
      {"htv_odp-procedure_2025-0260.json",
       {2025, 260, "COD"},
       "Non-application of customs duties on imports of certain goods",
       24,
       "2025-0260-NMCP-1909-INTA-2025-09-24",
       "MTG-PL-2026-06-16-PVCRE-ITM-7-8",
       {"person/1909"},
       {"person/185341", "person/257064", "person/256884", "person/197401", "person/86793",
        "person/190517", "person/128483"},
       {"INTA", "PECH", "BUDG"},
       "INTA",
       {"TA-10-2026-0197", "TA-10-2026-0097"}},
      {"htv_odp-procedure_2025-0581.json",
       {2025, 581, "CNS"},
       "Amending Directive (EU) 2020/262 as regards the general arrangements for excise duty",
       9,
       "2025-0581-NMCP-261038-ECON-2025-09-11",
       "MTG-PL-2026-06-17-VOT-ITM-992832",
       {"person/261038"},
       {"person/257137", "person/197721", "person/257099", "person/197818", "person/197448",
        "person/257126", "person/257262"},
       {"ECON"},
       "ECON",
       {"TA-10-2026-0212"}},
      {"htv_odp-procedure_2025-2691.json",
       {2025, 2691, "RSP"},
       "Return of Ukrainian children forcibly transferred and deported by Russia",
       6,
       "MTG-PL-2025-05-07-PVCRE-ITM-19-2",
       "MTG-PL-2025-05-08-PVCRE-ITM-7-2",
       {},
       {},
       {},
       "",
       {"TA-10-2025-0096"}},
      {"pm_ep-proc-detail.json",
       {2024, 2511, "RSP"},
       "State of emergency in Ecuador",
       1,
       "MTG-PL-2024-01-16-PVCRE-ITM-18",
       "MTG-PL-2024-01-16-PVCRE-ITM-18",
       {},
       {},
       {},
       "",
       {}},
  };
  return table;
}

TEST(EpProcedure, EveryRecordedProcedureAgreesWithAHandReading) {
  for (const Expected& x : expected()) {
    REQUIRE_SHARED_FIXTURE(path, std::string("lifecycle/") + x.file);
    auto r = parse_ep_procedure(test::read_file(path), path);
    ASSERT_TRUE(r.ok()) << x.file << ": " << r.error().message;
    const EpProcedure& p = r.value();
    SCOPED_TRACE(x.file);
    EXPECT_EQ(p.ref, x.ref);
    EXPECT_EQ(p.title.rfind(x.title_start, 0), 0u) << p.title;
    EXPECT_EQ(p.type, x.ref.type);
    EXPECT_EQ(p.stage, "RDG1");
    EXPECT_EQ(p.status, "");  // no recorded procedure carries one
    ASSERT_EQ(p.events.size(), x.events);
    EXPECT_EQ(p.events.front().id, x.first_event);
    EXPECT_EQ(p.events.back().id, x.last_event);
    EXPECT_EQ(p.rapporteurs, x.rapporteurs);
    EXPECT_EQ(p.shadow_rapporteurs, x.shadows);
    EXPECT_EQ(p.committees, x.committees);
    EXPECT_EQ(p.lead_committee, x.lead);
    EXPECT_EQ(p.adopted_texts, x.adopted);
    EXPECT_TRUE(is_valid_utf8(p.title));
    // Oldest first; undated ones only at the end.
    bool undated_seen = false;
    for (size_t i = 0; i < p.events.size(); ++i) {
      if (p.events[i].date.empty()) {
        undated_seen = true;
        continue;
      }
      EXPECT_FALSE(undated_seen) << "dated event after an undated one: " << p.events[i].id;
      if (i > 0 && !p.events[i - 1].date.empty()) {
        EXPECT_LE(p.events[i - 1].date, p.events[i].date);
      }
    }
  }
}

// A second reading with RapidJSON's DOM: every consists_of entry is an event
// once, with the date and type the body gives it; the rest are the
// rapporteurs' appointments.
TEST(EpProcedure, EventsAgreeWithADomReading) {
  for (const Expected& x : expected()) {
    REQUIRE_SHARED_FIXTURE(path, std::string("lifecycle/") + x.file);
    const std::string body = test::read_file(path);
    rapidjson::Document dom;
    dom.Parse(body.data(), body.size());
    ASSERT_FALSE(dom.HasParseError());
    const auto& proc = dom["data"][0];
    auto r = parse_ep_procedure(body, path);
    ASSERT_TRUE(r.ok()) << r.error().message;
    SCOPED_TRACE(x.file);
    std::map<std::string, const EpEvent*> by_id;
    for (const EpEvent& e : r->events) by_id[e.id] = &e;
    EXPECT_EQ(by_id.size(), r->events.size()) << "an event id twice";
    size_t from_body = 0;
    for (const auto& e : proc["consists_of"].GetArray()) {
      ++from_body;
      std::string iri = e.IsString() ? e.GetString() : e["id"].GetString();
      std::string id = iri.substr(iri.rfind('/') + 1);
      ASSERT_TRUE(by_id.count(id)) << id;
      const EpEvent& got = *by_id[id];
      if (e.IsString()) {
        EXPECT_EQ(got.date, "");
        EXPECT_EQ(got.type, "");
        continue;
      }
      EXPECT_EQ(got.date, e["activity_date"].GetString());
      EXPECT_EQ(got.kind, e["type"].GetString());
      if (e.HasMember("had_activity_type")) {
        std::string t = e["had_activity_type"].GetString();
        EXPECT_EQ(got.type, t.substr(t.rfind('/') + 1));
        EXPECT_NE(ep_activity_label(got.type), nullptr) << "no label for " << got.type;
      } else {
        EXPECT_EQ(got.type, "");
      }
      size_t docs = 0;
      for (const char* key : {"based_on_a_realization_of", "recorded_in_a_realization_of",
                              "decided_on_a_realization_of"})
        if (e.HasMember(key)) docs += e[key].Size();
      EXPECT_EQ(got.documents.size(), docs) << id;
    }
    size_t appointed = std::count_if(r->events.begin(), r->events.end(), [](const EpEvent& e) {
      return e.type == "RAPPORTEUR_APPOINTED";
    });
    EXPECT_EQ(from_body + appointed, r->events.size());
    EXPECT_EQ(appointed, x.rapporteurs.size());
  }
}

TEST(EpProcedure, RecordedMilestonesOf2016_0132) {
  REQUIRE_SHARED_FIXTURE(path, "lifecycle/htv_odp-procedure_2016-0132.json");
  auto r = parse_ep_procedure(test::read_file(path), path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::vector<std::pair<std::string, EpMilestone>> milestones;
  for (const EpEvent& e : r->events)
    if (e.milestone != EpMilestone::kNone) milestones.emplace_back(e.date, e.milestone);
  const std::vector<std::pair<std::string, EpMilestone>> want = {
      {"2016-09-12", EpMilestone::kReferral},        {"2017-02-02", EpMilestone::kDraftReport},
      {"2017-05-30", EpMilestone::kCommitteeVote},   {"2017-06-09", EpMilestone::kReportTabled},
      {"2017-06-14", EpMilestone::kNegotiation},     {"2020-10-26", EpMilestone::kRapporteur},
      {"2024-02-14", EpMilestone::kCommitteeVote},   {"2024-04-10", EpMilestone::kPlenaryVote},
      {"2024-04-10", EpMilestone::kPlenaryDecision}, {"2024-04-10", EpMilestone::kPlenaryVote},
      {"2024-05-14", EpMilestone::kSignature},       {"2024-05-22", EpMilestone::kPublished},
  };
  EXPECT_EQ(milestones, want);
  // The 2024-04-10 events keep the body's order: vote, amend proposal, results.
  const EpEvent& first = r->events.front();
  EXPECT_EQ(ep_event_label(first, Lang::kEn), "Referral to committee announced in plenary");
  EXPECT_EQ(ep_event_label(first, Lang::kSv), "Hänvisning till utskott tillkännagiven i kammaren");
}

TEST(EpProcedure, UntypedDecisionOnAnAdoptedTextAndBareIris) {
  REQUIRE_SHARED_FIXTURE(path, "lifecycle/htv_odp-procedure_2018-2070.json");
  auto r = parse_ep_procedure(test::read_file(path), path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const EpEvent& bare = r->events.back();
  EXPECT_EQ(bare.id, "MTG-PL-2020-12-16-VOT-ITM-915693");
  EXPECT_EQ(bare.kind, "");
  EXPECT_TRUE(bare.documents.empty());
  REQUIRE_SHARED_FIXTURE(reg, "lifecycle/htv_odp-procedure_2024-2006.json");
  auto p = parse_ep_procedure(test::read_file(reg), reg);
  ASSERT_TRUE(p.ok()) << p.error().message;
  auto decision = std::find_if(p->events.begin(), p->events.end(), [](const EpEvent& e) {
    return e.id == "2024-2006-DEC-DCPL-2024-04-24";
  });
  ASSERT_NE(decision, p->events.end());
  EXPECT_EQ(decision->type, "");
  EXPECT_EQ(decision->milestone, EpMilestone::kAdoptedText);
  EXPECT_EQ(decision->documents, std::vector<std::string>{"TA-9-2024-0315"});
  EXPECT_EQ(ep_event_label(*decision, Lang::kEn), "Text adopted by Parliament");
  // The rapporteur's appointment, an event of its own.
  auto appointed = std::find_if(p->events.begin(), p->events.end(),
                                [](const EpEvent& e) { return e.type == "RAPPORTEUR_APPOINTED"; });
  ASSERT_NE(appointed, p->events.end());
  EXPECT_EQ(appointed->date, "2024-02-29");
  EXPECT_EQ(appointed->id, "2024-2006-NMCP-197435-AFCO-2024-02-29");
}

TEST(EpProcedure, GraphFormStringNumbersAndOneEventObject) {
  const char* body = R"({"@graph":[{"id":"eli/dl/doc/X","type":"Work"},
      {"id":"eli/dl/proc/2024-0258","type":"Process","process_id":"2024-0258",
       "process_type":"def/ep-procedure-types/COD","identifierYear":"2024",
       "process_title":{"fr":"Titre","de":"Titel"},
       "process_status":"def/ep-statuses/COMPLETED_PROC",
       "consists_of":[
         {"id":"eli/dl/event/B","type":"Activity","activity_date":"2024-11-05",
          "had_activity_type":["def/ep-activities/PLENARY_VOTE"],
          "activity_label":{"mul":"Vote","fr":"Vote FR"}},
         "eli/dl/event/BARE-1",
         {"id":"eli/dl/event/A","type":"Activity","activity_date":"2024-10-09T09:00:00+02:00",
          "had_activity_type":"def/ep-activities/UNKNOWN_NEW_TYPE"},
         {"id":"eli/dl/event/C","type":"Activity","activity_date":"not a date"},
         12],
       "had_participation":[
         {"participation_role":"def/ep-roles/RAPPORTEUR","had_participant_person":"person/2",
          "precedenceOrder":"20","activity_date":"2024-10-20","id":"eli/dl/participation/P2"},
         {"participation_role":"def/ep-roles/RAPPORTEUR","had_participant_person":["person/1"],
          "precedenceOrder":10,"id":"eli/dl/participation/P1"},
         {"participation_role":"def/ep-roles/COMMITTEE_OPINION","had_participant_organization":"org/ENVI"},
         {"participation_role":"def/ep-roles/COMMITTEE_LEAD","had_participant_organization":["org/ITRE","org/ITRE"]}]}]})";
  auto r = parse_ep_procedure(body, "constructed");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->ref, (ProcedureRef{2024, 258, "COD"}));  // type from process_type
  EXPECT_EQ(r->title, "Titre");                         // no English: the first language
  EXPECT_EQ(r->status, "COMPLETED_PROC");
  EXPECT_EQ(r->rapporteurs, (std::vector<std::string>{"person/1", "person/2"}));
  EXPECT_EQ(r->committees, (std::vector<std::string>{"ITRE", "ENVI"}));
  EXPECT_EQ(r->lead_committee, "ITRE");
  std::vector<std::string> ids;
  for (const EpEvent& e : r->events) ids.push_back(e.id + "|" + e.date);
  EXPECT_EQ(ids, (std::vector<std::string>{"A|2024-10-09", "P2|2024-10-20", "B|2024-11-05",
                                           "BARE-1|", "C|", "P1|"}));
  EXPECT_EQ(r->events[2].title, "Vote");  // the "mul" label
  EXPECT_EQ(r->events[2].milestone, EpMilestone::kPlenaryVote);
  EXPECT_EQ(r->events[0].milestone, EpMilestone::kNone);
  EXPECT_EQ(ep_event_label(r->events[0], Lang::kEn), "UNKNOWN_NEW_TYPE");
}

TEST(EpProcedure, RefusesBrokenAnswers) {
  struct Case {
    std::string body;
    const char* says;
  };
  const std::string deep = R"({"data":[)" + std::string(5000, '[') + std::string(5000, ']') + "]}";
  for (const Case& c : {
           Case{R"({"data":[{"id":"eli/dl/proc/2024-2006","consists_of":[{"id":)", "truncated"},
           Case{R"({"data":[{"type":"Work","label":"nothing"}]})", "readable reference"},
           Case{R"({"meta":{"total":0}})", "no Process"},
           Case{"<html><head><title>Error</title></head></html>", "HTML page"},
           Case{deep, "deeper than 64"},
       }) {
    auto r = parse_ep_procedure(c.body, "https://data.europarl.europa.eu/api/v2/procedures/x");
    ASSERT_FALSE(r.ok()) << c.body.substr(0, 80);
    EXPECT_EQ(r.error().kind, ErrorKind::kParse);
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
  }
}

// The other recorded EP answers are not a procedure's detail: the list of
// procedures and a meeting's decisions are refused, naming what they are.
TEST(EpProcedure, RecordedListAndDecisionAreNotAProcedure) {
  REQUIRE_SHARED_FIXTURE(list, "lifecycle/pm_ep-procedures.json");
  auto l = parse_ep_procedure(test::read_file(list), list);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.error().kind, ErrorKind::kParse);
  EXPECT_NE(l.error().message.find("a list of 3 EP procedures"), std::string::npos)
      << l.error().message;
  REQUIRE_SHARED_FIXTURE(decision, "lifecycle/pm_ep-decision.json");
  auto d = parse_ep_procedure(test::read_file(decision), decision);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, ErrorKind::kParse);
  EXPECT_NE(d.error().message.find("not an EP procedure (no Process"), std::string::npos)
      << d.error().message;
}

// The procedure types' English labels are def/ep-procedure-types' prefLabels.
TEST(EpProcedure, ProcedureTypeLabelsMatchTheVocabulary) {
  REQUIRE_SHARED_FIXTURE(path, "lifecycle/h23_extracted_ep-procedure-types.json");
  const std::string body = test::read_file(path);
  rapidjson::Document dom;
  dom.Parse(body.data(), body.size());
  ASSERT_FALSE(dom.HasParseError());
  size_t checked = 0;
  for (const auto& c : dom["data"][0]["inverse_inScheme"].GetArray()) {
    const char* code = c["identifier"].GetString();
    const Tr* label = ep_procedure_type_label(code);
    if (!label) continue;
    ++checked;
    EXPECT_STREQ(label->en.text, c["prefLabel"]["en"].GetString()) << code;
  }
  EXPECT_EQ(checked, 17u);
  EXPECT_EQ(ep_procedure_type_label("XYZ"), nullptr);
}

}  // namespace
}  // namespace omvarld
