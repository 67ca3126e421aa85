// The inbox's triage messages (issue #15) in English and Swedish, beside the
// review page's own (web/review_texts.h), so that each grows on its own.
// Only messages the server itself makes; never text from a request.
#pragma once

#include "core/lang.h"

namespace omvarld {

struct InboxTexts {
  // What an item is, from its source's kind and stage.
  Tr kind_call_for_evidence, kind_public_consultation, kind_draft_act, kind_funding_call,
      kind_planned;
  Tr dg;
  Tr phase, phase_open, phase_closed, phase_all;
  Tr stockholm_time;
  Tr today, one_day_left;
  Tr choose;          // a row's checkbox
  Tr bulk_legend;     // the bulk action's fieldset
  Tr bulk_status;     // its status select
  Tr unchanged;       // "leave as it is"
  Tr bulk_note;       // its note field
  Tr bulk_apply;      // its button
  Tr assign;          // a row's "save the assignee only" button
  Tr decided_many;    // "%1 items decided."
  Tr saved_next;      // after a decision on the item page, on the next item
  Tr saved_last;      // ... when it was the last one
  Tr none_chosen;     // a bulk action without items
  Tr nothing_to_do;   // a bulk action without a change
  Tr export_csv;      // the CSV link
  Tr per_committee;   // counts per committee
  Tr search_hint;     // what the search box finds
  Tr meanings_title;  // what the statuses mean
  Tr meaning_relevant, meaning_not_relevant, meaning_later, meaning_responded, meaning_dismissed;
  Tr keys_title, keys_help;  // the keyboard
  Tr original_short;
  Tr closed_matches;  // "%1 closed items match: show them"
};

inline constexpr InboxTexts kInboxTexts = {
    .kind_call_for_evidence = {.en = "call for evidence", .sv = "inbjudan att lämna synpunkter"},
    .kind_public_consultation = {.en = "public consultation", .sv = "offentligt samråd"},
    .kind_draft_act = {.en = "draft act", .sv = "utkast till akt"},
    .kind_funding_call = {.en = "funding call", .sv = "utlysning"},
    .kind_planned = {.en = "planned initiative", .sv = "planerat initiativ"},
    .dg = {.en = "DG", .sv = "GD"},
    .phase = {.en = "Phase", .sv = "Skede"},
    .phase_open = {.en = "open and upcoming", .sv = "öppna och kommande"},
    .phase_closed = {.en = "closed", .sv = "stängda"},
    .phase_all = {.en = "all", .sv = "alla"},
    .stockholm_time = {.en = "Stockholm time", .sv = "svensk tid"},
    .today = {.en = "closes today", .sv = "stänger i dag"},
    .one_day_left = {.en = "1 day left", .sv = "1 dag kvar"},
    .choose = {.en = "Choose", .sv = "Välj"},
    .bulk_legend = {.en = "Decide the chosen items", .sv = "Besluta om de valda ärendena"},
    .bulk_status = {.en = "Decision", .sv = "Beslut"},
    .unchanged = {.en = "(as it is)", .sv = "(som det är)"},
    .bulk_note = {.en = "Note (added to each)", .sv = "Anteckning (läggs till på varje)"},
    .bulk_apply = {.en = "Decide chosen", .sv = "Besluta om valda"},
    .assign = {.en = "Assign", .sv = "Tilldela"},
    .decided_many = {.en = "Decided: %1.", .sv = "Beslutade: %1."},
    .saved_next = {.en = "Saved. This is the next item of your list.",
                   .sv = "Sparat. Det här är nästa ärende i din lista."},
    .saved_last = {.en = "Saved. That was the last item of this list.",
                   .sv = "Sparat. Det var det sista ärendet i listan."},
    .none_chosen = {.en = "No item was chosen: tick the items to decide first.",
                    .sv = "Inget ärende valdes: kryssa först för de ärenden du vill besluta om."},
    .nothing_to_do = {.en = "Nothing to change: choose a decision, an assignee or a note.",
                      .sv = "Inget att ändra: välj ett beslut, en ansvarig eller en anteckning."},
    .export_csv = {.en = "Download this list (CSV)", .sv = "Ladda ner listan (CSV)"},
    .per_committee = {.en = "Per committee", .sv = "Per nämnd"},
    .search_hint = {.en = "words in any order, or a Have your say number or call identifier",
                    .sv = "ord i valfri ordning, eller ett Have your say-nummer eller en "
                          "utlysnings identifierare"},
    .meanings_title = {.en = "What the decisions mean", .sv = "Vad besluten betyder"},
    .meaning_relevant = {.en = "it concerns the city: someone should read it and perhaps answer.",
                         .sv = "det berör staden: någon bör läsa det och kanske svara."},
    .meaning_not_relevant = {.en = "read and judged not to concern the city; the learned model "
                                   "learns that items like it do not matter.",
                             .sv = "läst och bedömt att inte beröra staden; den inlärda modellen "
                                   "lär sig att liknande ärenden inte spelar roll."},
    .meaning_later = {.en = "put aside, no verdict yet: it leaves the inbox and waits under "
                            "Status \"Later\".",
                      .sv = "lagt åt sidan, inget ställningstagande ännu: det lämnar inkorgen och "
                            "väntar under Status \"Senare\"."},
    .meaning_responded = {.en = "the city has answered (relevant, and done).",
                          .sv = "staden har svarat (relevant, och klart)."},
    .meaning_dismissed = {.en = "it may concern the city, but it will not be acted on (too late, "
                                "handled elsewhere, a duplicate); counted as not relevant when "
                                "the model learns.",
                          .sv = "det kan beröra staden, men inget görs (för sent, hanteras på "
                                "annat håll, en dubblett); räknas som inte relevant när modellen "
                                "lär sig."},
    .keys_title = {.en = "Keys", .sv = "Tangenter"},
    .keys_help = {.en = "j / k: next / previous item; o: open it; r: relevant; n: not relevant; "
                        "l: later; x: choose it; ?: show these keys.",
                  .sv = "j / k: nästa / föregående ärende; o: öppna det; r: relevant; n: inte "
                        "relevant; l: senare; x: välj det; ?: visa tangenterna."},
    .original_short = {.en = "Original", .sv = "Originalet"},
    .closed_matches = {.en = "Closed items that match: %1. Show them.",
                       .sv = "Stängda ärenden som matchar: %1. Visa dem."},
};

}  // namespace omvarld
