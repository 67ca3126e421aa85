// The flags digest's messages in English and Swedish, each by name with both
// languages side by side (core/lang.h's Tr): a message without both texts
// does not compile. The counts are filled in with fill() (report/markup.h),
// each in its singular ("1 ärende") or plural ("2 ärenden") form.
#pragma once

#include "core/lang.h"

namespace omvarld {

struct DigestTexts {
  Tr lang;
  Tr title;
  Tr intro;
  Tr fresh_label;
  Tr urgent_label;
  Tr closed_label;
  Tr deadline;
  Tr days_left;
  Tr status;
  Tr score;
  Tr why;
  Tr committee;
  Tr assignee;
  Tr note;
  Tr source;
  Tr no_items;
  Tr other_theme;
  Tr no_digest;
  Tr items_one, items_many;
  Tr open_one, open_many;
  Tr fresh_one, fresh_many;
  Tr urgent_one, urgent_many;
  Tr open_link;
  Tr model;
  Tr look_label;
  // The officers' decision (ReviewStatus), as the review page names it.
  // The fields of an item the relevance rules match terms in (why_text).
  Tr field_title, field_topics, field_summary;
  // A subscriber's digest (its audience), news first, links to the review page.
  Tr title_for;
  Tr news_heading;
  Tr review;
  Tr review_link;
  // The mail's subject: "EU-bevakning Trafiknämnden 2026-12-01: 2 nya ärenden, 1 brådskande".
  Tr subject;
  Tr subject_fresh_one, subject_fresh_many;
  Tr subject_urgent;
  Tr subject_news_one, subject_news_many;
  Tr subject_nothing;
  Tr since_last;
};

inline constexpr DigestTexts kDigestTexts = {
    .lang = {.en = "en", .sv = "sv"},
    .title = {.en = "EU consultations and calls flagged for påverkan",
              .sv = "EU-samråd och utlysningar flaggade för påverkan"},
    .intro = {.en = "Items the relevance rules flagged for the City of Stockholm, and those worth "
                    "a look (not flagged, but close), grouped by theme and the committee that owns "
                    "it. Within each theme: urgent items first (soonest deadline first), then "
                    "those open for feedback by deadline, then those without a deadline by score, "
                    "closed ones last; the themes in the order of their most pressing item.",
              .sv = "Ärenden som relevansreglerna flaggat för Stockholms stad, och de som är värda "
                    "en titt (inte flaggade, men nära), grupperade efter tema och ansvarig nämnd. "
                    "Inom varje tema: brådskande ärenden först (närmast sista dag först), sedan de "
                    "som är öppna för synpunkter efter sista dag, sedan de utan sista dag efter "
                    "poäng, stängda sist; temana i ordning efter sitt mest brådskande ärende."},
    .fresh_label = {.en = "new", .sv = "nytt"},
    .urgent_label = {.en = "urgent", .sv = "brådskande"},
    .closed_label = {.en = "closed", .sv = "stängt"},
    .deadline = {.en = "Deadline", .sv = "Sista dag"},
    .days_left = {.en = "days left", .sv = "dagar kvar"},
    .status = {.en = "Status", .sv = "Status"},
    .score = {.en = "Score", .sv = "Poäng"},
    .why = {.en = "Why", .sv = "Varför"},
    .committee = {.en = "Committee", .sv = "Nämnd"},
    .assignee = {.en = "Assignee", .sv = "Ansvarig"},
    .note = {.en = "Note", .sv = "Anteckning"},
    .source = {.en = "Source", .sv = "Källa"},
    .no_items = {.en = "No flagged items.", .sv = "Inga flaggade ärenden."},
    .other_theme = {.en = "Other", .sv = "Övrigt"},
    .no_digest = {.en = "the start (no earlier digest)",
                  .sv = "början (ingen tidigare sammanställning)"},
    .items_one = {.en = "%d item flagged or worth a look",
                  .sv = "%d ärende flaggat eller värt en titt"},
    .items_many = {.en = "%d items flagged or worth a look",
                   .sv = "%d ärenden flaggade eller värda en titt"},
    .open_one = {.en = " (%d still open for feedback); ",
                 .sv = " (%d fortfarande öppet för synpunkter); "},
    .open_many = {.en = " (%d still open for feedback); ",
                  .sv = " (%d fortfarande öppna för synpunkter); "},
    .fresh_one = {.en = "%d new since %s; ", .sv = "%d nytt sedan %s; "},
    .fresh_many = {.en = "%d new since %s; ", .sv = "%d nya sedan %s; "},
    .urgent_one = {.en = "%d with a deadline within %d days.",
                   .sv = "%d med sista dag inom %d dagar."},
    .urgent_many = {.en = "%d with a deadline within %d days.",
                    .sv = "%d med sista dag inom %d dagar."},
    .open_link = {.en = "original", .sv = "original"},
    .model = {.en = "learned model", .sv = "inlärd modell"},
    .look_label = {.en = "worth a look", .sv = "värt en titt"},
    .field_title = {.en = "title", .sv = "titel"},
    .field_topics = {.en = "topics", .sv = "ämnen"},
    .field_summary = {.en = "summary", .sv = "sammanfattning"},
    .title_for = {.en = "EU consultations and calls for %s",
                  .sv = "EU-samråd och utlysningar för %s"},
    .news_heading = {.en = "What moved", .sv = "Vad som har hänt"},
    .review = {.en = "Review", .sv = "Granskning"},
    .review_link = {.en = "review page", .sv = "granskningssidan"},
    .subject = {.en = "EU watch", .sv = "EU-bevakning"},
    .subject_fresh_one = {.en = "%d new item", .sv = "%d nytt ärende"},
    .subject_fresh_many = {.en = "%d new items", .sv = "%d nya ärenden"},
    .subject_urgent = {.en = "%d urgent", .sv = "%d brådskande"},
    .subject_news_one = {.en = "%d change followed", .sv = "%d förändring i bevakade ärenden"},
    .subject_news_many = {.en = "%d changes followed", .sv = "%d förändringar i bevakade ärenden"},
    .subject_nothing = {.en = "nothing new", .sv = "inget nytt"},
    .since_last = {.en = "(the last digest)", .sv = "(den förra sammanställningen)"},
};

}  // namespace omvarld
