// The review page's messages in English and Swedish, each by name with both
// languages side by side (core/lang.h's Tr): a message without both texts
// does not compile. Messages with %1 and %2 are filled in by the pages.
// Only messages the server itself makes; never text from a request.
#pragma once

#include "core/lang.h"

namespace omvarld {

struct ReviewTexts {
  Tr lang;
  Tr app;
  Tr inbox;
  Tr sources;
  Tr benchmark;
  Tr filters;
  Tr theme;
  Tr committee;
  Tr source;
  Tr status;
  Tr due;
  Tr text;
  Tr any;
  Tr apply;
  Tr open_items;
  Tr all;
  Tr days;
  Tr no_items;
  Tr score;
  Tr deadline;
  Tr days_left;
  Tr closed;
  Tr urgent;
  Tr why;
  Tr model;
  Tr history;
  Tr changes;
  Tr decide;
  Tr assignee;
  Tr note;
  Tr save;
  Tr saved;
  Tr original;
  Tr published;
  Tr opens;
  Tr topics;
  Tr items_count;
  Tr item_one;
  Tr per_theme;
  Tr last_run;
  Tr error;
  Tr runs;
  Tr datasets;
  Tr updated;
  Tr harvested;
  Tr report;
  Tr generate;
  Tr no_report;
  Tr not_found;
  Tr back;
  Tr who;
  Tr when;
  Tr field;
  Tr from;
  Tr to;
  Tr none;
  Tr flagged_by;
  Tr skip;
  Tr look;
  Tr look_by;
  Tr previous;
  Tr next;
  Tr page_of;
  Tr generated;
  Tr no_data;
  Tr write_failed;
  Tr failed;
  Tr busy;
  Tr note_has;
  Tr note_fit;
  // The item's status at its source (Have your say, the F&T portal).
  Tr source_open, source_closed, source_forthcoming;
  // The fields of the decision history and of the changes at harvest.
  Tr field_status, field_assignee, field_note, field_title, field_summary, field_content,
      field_link, field_topics, field_published, field_opens, field_deadline, field_reference,
      field_kind, field_guid;
  Tr harvest_run;
};

inline constexpr ReviewTexts kReviewTexts = {
    .lang = {.en = "en", .sv = "sv"},
    .app = {.en = "omvarld review", .sv = "omvarld granskning"},
    .inbox = {.en = "Inbox", .sv = "Inkorg"},
    .sources = {.en = "Sources and runs", .sv = "Källor och körningar"},
    .benchmark = {.en = "Benchmark", .sv = "Jämförelse"},
    .filters = {.en = "Filters", .sv = "Filter"},
    .theme = {.en = "Theme", .sv = "Tema"},
    .committee = {.en = "Committee", .sv = "Nämnd"},
    .source = {.en = "Source", .sv = "Källa"},
    .status = {.en = "Status", .sv = "Status"},
    .due = {.en = "Deadline within", .sv = "Sista dag inom"},
    .text = {.en = "Text", .sv = "Text"},
    .any = {.en = "any", .sv = "alla"},
    .apply = {.en = "Apply", .sv = "Visa"},
    .open_items = {.en = "flagged or worth a look, not decided",
                   .sv = "flaggade eller värda en titt, ej beslutade"},
    .all = {.en = "all", .sv = "alla"},
    .days = {.en = "days", .sv = "dagar"},
    .no_items = {.en = "Nothing waits here.", .sv = "Här väntar ingenting."},
    .score = {.en = "Score", .sv = "Poäng"},
    .deadline = {.en = "Deadline", .sv = "Sista dag"},
    .days_left = {.en = "days left", .sv = "dagar kvar"},
    .closed = {.en = "closed", .sv = "stängt"},
    .urgent = {.en = "urgent", .sv = "brådskande"},
    .why = {.en = "Why it was flagged", .sv = "Varför det flaggades"},
    .model = {.en = "Learned model", .sv = "Inlärd modell"},
    .history = {.en = "Decision history", .sv = "Beslutshistorik"},
    .changes = {.en = "Changes at harvest", .sv = "Ändringar vid hämtning"},
    .decide = {.en = "Make a decision", .sv = "Fatta beslut"},
    .assignee = {.en = "Assigned to", .sv = "Ansvarig"},
    .note = {.en = "Note", .sv = "Anteckning"},
    .save = {.en = "Save decision", .sv = "Spara beslut"},
    .saved = {.en = "Saved.", .sv = "Sparat."},
    .original = {.en = "Open the original", .sv = "Öppna originalet"},
    .published = {.en = "Published", .sv = "Publicerat"},
    .opens = {.en = "Opens", .sv = "Öppnar"},
    .topics = {.en = "Topics", .sv = "Ämnen"},
    .items_count = {.en = "items", .sv = "ärenden"},
    .item_one = {.en = "item", .sv = "ärende"},
    .per_theme = {.en = "Per theme", .sv = "Per tema"},
    .last_run = {.en = "Last harvest", .sv = "Senaste hämtning"},
    .error = {.en = "Error", .sv = "Fel"},
    .runs = {.en = "Recent runs", .sv = "Senaste körningar"},
    .datasets = {.en = "Eurostat datasets", .sv = "Eurostat-dataset"},
    .updated = {.en = "Updated at source", .sv = "Uppdaterat hos källan"},
    .harvested = {.en = "Harvested", .sv = "Hämtat"},
    .report = {.en = "Open the latest benchmark report",
               .sv = "Öppna den senaste jämförelserapporten"},
    .generate = {.en = "Generate the report anew", .sv = "Skapa rapporten på nytt"},
    .no_report = {.en = "No benchmark report yet.", .sv = "Ingen jämförelserapport ännu."},
    .not_found = {.en = "Not found", .sv = "Hittades inte"},
    .back = {.en = "Back to the inbox", .sv = "Tillbaka till inkorgen"},
    .who = {.en = "Who", .sv = "Vem"},
    .when = {.en = "When", .sv = "När"},
    .field = {.en = "Field", .sv = "Fält"},
    .from = {.en = "From", .sv = "Från"},
    .to = {.en = "To", .sv = "Till"},
    .none = {.en = "none", .sv = "inga"},
    .flagged_by = {.en = "flagged by the rules", .sv = "flaggat av reglerna"},
    .skip = {.en = "Skip to content", .sv = "Hoppa till innehållet"},
    .look = {.en = "worth a look", .sv = "värt en titt"},
    .look_by = {.en = "worth a look: not flagged, but close",
                .sv = "värt en titt: inte flaggat, men nära"},
    .previous = {.en = "Previous page", .sv = "Föregående sida"},
    .next = {.en = "Next page", .sv = "Nästa sida"},
    .page_of = {.en = "page %1 of %2", .sv = "sida %1 av %2"},
    .generated = {.en = "The report was written anew.", .sv = "Rapporten är skapad på nytt."},
    .no_data = {.en = "The report could not be made: the database has no data for it yet (harvest "
                      "or import Eurostat data first).",
                .sv = "Rapporten kunde inte skapas: databasen har inga data för den ännu (hämta "
                      "eller importera Eurostat-data först)."},
    .write_failed =
        {.en = "The report could not be written to its folder (the server's log says why).",
         .sv = "Rapporten kunde inte skrivas till sin mapp (serverns logg säger varför)."},
    .failed = {.en = "The report could not be made (the server's log says why).",
               .sv = "Rapporten kunde inte skapas (serverns logg säger varför)."},
    .busy = {.en = "The report is being made already; reload this page in a moment.",
             .sv = "Rapporten skapas redan; ladda om sidan om en stund."},
    .note_has = {.en = "The note has %1 characters; at most %2 fit.",
                 .sv = "Anteckningen har %1 tecken; högst %2 får plats."},
    .note_fit = {.en = "Shorten it and save again: your text is kept below.",
                 .sv = "Korta den och spara igen: din text finns kvar nedan."},
    .source_open = {.en = "open", .sv = "öppet"},
    .source_closed = {.en = "closed", .sv = "stängt"},
    .source_forthcoming = {.en = "forthcoming", .sv = "kommande"},
    .field_status = {.en = "status", .sv = "status"},
    .field_assignee = {.en = "assigned to", .sv = "ansvarig"},
    .field_note = {.en = "note", .sv = "anteckning"},
    .field_title = {.en = "title", .sv = "titel"},
    .field_summary = {.en = "summary", .sv = "sammanfattning"},
    .field_content = {.en = "content", .sv = "innehåll"},
    .field_link = {.en = "link", .sv = "länk"},
    .field_topics = {.en = "topics", .sv = "ämnen"},
    .field_published = {.en = "published", .sv = "publicerat"},
    .field_opens = {.en = "opens", .sv = "öppnar"},
    .field_deadline = {.en = "deadline", .sv = "sista dag"},
    .field_reference = {.en = "reference", .sv = "referens"},
    .field_kind = {.en = "kind", .sv = "typ"},
    .field_guid = {.en = "identifier", .sv = "identifierare"},
    .harvest_run = {.en = "harvest run %1", .sv = "hämtning %1"},
};

}  // namespace omvarld
