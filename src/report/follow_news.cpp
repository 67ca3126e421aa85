#include "report/follow_news.h"

#include <algorithm>
#include <array>

#include "core/civil_time.h"
#include "core/text.h"
#include "parse/ep_procedure.h"
#include "parse/eu_api_parsers.h"
#include "parse/feed_dates.h"
#include "report/markup.h"

namespace omvarld {
namespace {

struct Texts {
  Tr first_read, feedback_opened, feedback_opened_no_end, feedback_end_changed, feedback_closed,
      new_publication, published, planned_changed, new_event, event_moved, stage_changed,
      status_changed, title_changed, removed, new_link, link_conflict, weeks_left, days_left,
      one_day_left, last_day;
};

constexpr Texts kTexts = {
    .first_read = {.en = "now followed", .sv = "följs nu"},
    .feedback_opened = {.en = "feedback on the %s is open until %s: %s",
                        .sv = "synpunkter på %s kan lämnas till %s: %s"},
    .feedback_opened_no_end = {.en = "feedback on the %s is open",
                               .sv = "synpunkter på %s kan lämnas nu"},
    .feedback_end_changed = {.en = "feedback on the %s now closes %s (was %s): %s",
                             .sv = "synpunkter på %s kan nu lämnas till %s (förut %s): %s"},
    .feedback_closed = {.en = "feedback on the %s has closed",
                        .sv = "tiden för synpunkter på %s har gått ut"},
    .new_publication = {.en = "new on Have your say: the %s", .sv = "nytt på Have your say: %s"},
    .published = {.en = "the %s is published (%s)", .sv = "%s är publicerat (%s)"},
    .planned_changed = {.en = "the %s is now planned for %s (was %s)",
                        .sv = "%s planeras nu till %s (förut %s)"},
    .new_event = {.en = "the Parliament: %s, %s", .sv = "parlamentet: %s, %s"},
    .event_moved = {.en = "the Parliament: %s moved to %s (was %s)",
                    .sv = "parlamentet: %s flyttat till %s (förut %s)"},
    .stage_changed = {.en = "stage now %s (was %s)", .sv = "skedet är nu %s (förut %s)"},
    .status_changed = {.en = "status now %s (was %s)", .sv = "status är nu %s (förut %s)"},
    .title_changed = {.en = "new title (was %s)", .sv = "ny titel (förut %s)"},
    .removed = {.en = "the %s is no longer listed", .sv = "%s finns inte längre med"},
    .new_link = {.en = "%s is procedure %s (%s)", .sv = "%s är förfarande %s (%s)"},
    .link_conflict = {.en = "a source ties %s to procedure %s, not %s: not used until checked",
                      .sv = "en källa knyter %s till förfarande %s, inte %s: används inte förrän "
                            "det är kontrollerat"},
    .weeks_left = {.en = "%s weeks", .sv = "%s veckor kvar"},
    .days_left = {.en = "%s days", .sv = "%s dagar kvar"},
    .one_day_left = {.en = "1 day", .sv = "1 dag kvar"},
    .last_day = {.en = "last day", .sv = "sista dagen"},
};

constexpr std::array<Tr, 12> kMonths = {{
    {.en = "January", .sv = "januari"},
    {.en = "February", .sv = "februari"},
    {.en = "March", .sv = "mars"},
    {.en = "April", .sv = "april"},
    {.en = "May", .sv = "maj"},
    {.en = "June", .sv = "juni"},
    {.en = "July", .sv = "juli"},
    {.en = "August", .sv = "augusti"},
    {.en = "September", .sv = "september"},
    {.en = "October", .sv = "oktober"},
    {.en = "November", .sv = "november"},
    {.en = "December", .sv = "december"},
}};

struct Label {
  const char* code;
  Tr text;
};

constexpr std::array<Label, 9> kPublications = {{
    {"INIT_PLANNED", {.en = "planned initiative", .sv = "det planerade initiativet"}},
    {"CALL_FOR_EVIDENCE",
     {.en = "call for evidence", .sv = "uppmaningen att inkomma med underlag"}},
    {"PUBLIC_CONSULTATION", {.en = "public consultation", .sv = "det offentliga samrådet"}},
    {"ROADMAP", {.en = "roadmap", .sv = "färdplanen"}},
    {"INCEPTION_IMPACT_ASSESSMENT",
     {.en = "inception impact assessment", .sv = "den inledande konsekvensbedömningen"}},
    {"EVALUATION", {.en = "evaluation", .sv = "utvärderingen"}},
    {"DRAFT", {.en = "draft act", .sv = "utkastet till akt"}},            // any *_DRAFT
    {"PROP", {.en = "adopted proposal", .sv = "det antagna förslaget"}},  // any PROP_*
    {"ACT", {.en = "adopted act", .sv = "den antagna akten"}},            // REG_DEL, DIR, ...
}};

std::string spaced_lower(const std::string& code) {
  std::string out = to_lower(code);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::optional<int64_t> instant(const std::string& when) {
  if (when.size() == 10) return parse_feed_date(when + "T12:00:00Z");  // a date: its middle
  return parse_feed_date(when);
}

std::string days_left(const std::string& when, int64_t now, Lang lang) {
  auto t = instant(when);
  if (!t) return "";
  int64_t days = stockholm_days_between(now, *t);
  if (days <= 0) return kTexts.last_day[lang];
  if (days == 1) return kTexts.one_day_left[lang];
  if (days >= 14) return fill(kTexts.weeks_left[lang], {std::to_string(days / 7)});
  return fill(kTexts.days_left[lang], {std::to_string(days)});
}

int priority(const std::string& kind) {
  return kind == "feedback-opened" || kind == "feedback-end-changed" ? 0 : 1;
}

}  // namespace

std::string publication_label(const std::string& type, Lang lang) {
  for (const Label& l : kPublications)
    if (type == l.code) return l.text[lang];
  auto find = [&](const char* code) {
    for (const Label& l : kPublications)
      if (std::string_view(l.code) == code) return std::string(l.text[lang]);
    return std::string();
  };
  if (ends_with(type, "_DRAFT")) return find("DRAFT");
  if (type.rfind("PROP_", 0) == 0) return find("PROP");
  for (const char* act : {"REG", "DIR", "DEC"})
    if (type.rfind(act, 0) == 0) return find("ACT");
  return spaced_lower(type);
}

std::string ep_event_type_label(const std::string& type, Lang lang) {
  const Tr* label = ep_activity_label(type);
  if (!label) return spaced_lower(type);
  std::string out = (*label)[lang];
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z')
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

std::string news_date(const std::string& when, int64_t now, Lang lang) {
  auto t = instant(when);
  if (!t) return when;
  const std::string day = format_stockholm_date(*t);  // YYYY-MM-DD
  const int month = std::stoi(day.substr(5, 2));
  const std::string d = std::to_string(std::stoi(day.substr(8, 2)));
  std::string out = d + " " + kMonths[static_cast<size_t>(month - 1)][lang];
  if (day.substr(0, 4) != format_stockholm_date(now).substr(0, 4)) out += " " + day.substr(0, 4);
  return out;
}

std::string planned_period_label(const std::string& period, Lang lang) {
  // "Q-2028-1"
  if (period.size() == 8 && period[0] == 'Q' && period[1] == '-' && period[6] == '-')
    return lang == Lang::kSv ? "kvartal " + period.substr(7) + " " + period.substr(2, 4)
                             : "Q" + period.substr(7) + " " + period.substr(2, 4);
  return period;
}

namespace {

// What a change says, apart from the initiative it names first: the
// initiative's title (or, without one yet, its reference), and what moved.
struct Said {
  std::string name, what;
};

Said said(const FollowedInitiative& f, const FollowChange& c, int64_t now, Lang lang) {
  std::string title = followed_title(f);
  if (title.empty())
    title =
        f.follow.procedure.empty()
            ? (f.follow.hys_id ? "Have your say " + std::to_string(*f.follow.hys_id) : f.follow.com)
            : f.follow.procedure;
  const std::string pub = publication_label(c.subject, lang);
  auto planned = [&](const std::string& v) {
    return v.size() == 8 && v[0] == 'Q' ? planned_period_label(v, lang) : news_date(v, now, lang);
  };
  const Texts& t = kTexts;
  if (c.kind == "first-read") return Said{title, t.first_read[lang]};
  if (c.kind == "feedback-opened")
    return Said{title, c.new_value.empty()
                           ? fill(t.feedback_opened_no_end[lang], {pub})
                           : fill(t.feedback_opened[lang], {pub, news_date(c.new_value, now, lang),
                                                            days_left(c.new_value, now, lang)})};
  if (c.kind == "feedback-end-changed")
    return Said{title, fill(t.feedback_end_changed[lang], {pub, news_date(c.new_value, now, lang),
                                                           news_date(c.old_value, now, lang),
                                                           days_left(c.new_value, now, lang)})};
  if (c.kind == "feedback-closed") return Said{title, fill(t.feedback_closed[lang], {pub})};
  if (c.kind == "new-publication") return Said{title, fill(t.new_publication[lang], {pub})};
  if (c.kind == "published")
    return Said{title, fill(t.published[lang], {pub, news_date(c.new_value, now, lang)})};
  if (c.kind == "planned-date-changed")
    return Said{title,
                fill(t.planned_changed[lang], {pub, planned(c.new_value), planned(c.old_value)})};
  if (c.kind == "new-event")
    return Said{title, fill(t.new_event[lang], {ep_event_type_label(c.subject, lang),
                                                news_date(c.new_value, now, lang)})};
  if (c.kind == "event-date-changed")
    return Said{title, fill(t.event_moved[lang], {ep_event_type_label(c.subject, lang),
                                                  news_date(c.new_value, now, lang),
                                                  news_date(c.old_value, now, lang)})};
  if (c.kind == "stage-changed" || c.kind == "status-changed") {
    const std::string what =
        c.subject.empty() ? spaced_lower(c.new_value) : pub + ": " + spaced_lower(c.new_value);
    return Said{title, fill((c.kind == "stage-changed" ? t.stage_changed : t.status_changed)[lang],
                            {what, spaced_lower(c.old_value)})};
  }
  if (c.kind == "title-changed")
    return Said{c.new_value, fill(t.title_changed[lang], {c.old_value})};
  if (c.kind == "publication-removed") return Said{title, fill(t.removed[lang], {pub})};
  if (c.kind == "new-link")
    return Said{title, fill(t.new_link[lang], {c.subject, c.new_value, c.old_value})};
  if (c.kind == "link-conflict")
    return Said{title, fill(t.link_conflict[lang], {c.subject, c.new_value, c.old_value})};
  return Said{title, c.kind + " " + c.subject + " " + c.new_value};
}

}  // namespace

std::string follow_change_line(const FollowedInitiative& f, const FollowChange& c, int64_t now,
                               Lang lang) {
  const Said s = said(f, c, now, lang);
  return s.name + ": " + s.what;
}

std::vector<FollowNewsLine> follow_news(const std::vector<FollowedInitiative>& initiatives,
                                        int64_t now, Lang lang, bool with_first_reads) {
  std::vector<FollowNewsLine> out;
  for (const FollowedInitiative& f : initiatives)
    for (const FollowChange& c : f.changes) {
      if (c.kind == "first-read" && !with_first_reads) continue;
      // The Parliament's steps the city acts on (referral, rapporteur,
      // committee vote, plenary vote, ...) are news; the rest of the record
      // (amendments tabled, debates, opinions) stays in the history and the
      // timeline without crowding the digest.
      if ((c.kind == "new-event" || c.kind == "event-date-changed") &&
          ep_activity_milestone(c.subject) == EpMilestone::kNone)
        continue;
      FollowNewsLine line;
      line.follow_id = f.follow.id;
      line.seen_at = c.seen_at;
      line.kind = c.kind;
      line.actionable = priority(c.kind) == 0;
      Said s = said(f, c, now, lang);
      line.text = s.name + ": " + s.what;
      line.title = std::move(s.name);
      line.what = std::move(s.what);
      if (f.follow.hys_id)
        line.link =
            hys_initiative_link(std::to_string(*f.follow.hys_id), f.hys ? f.hys->title : "");
      else if (!f.follow.procedure.empty())
        line.link = "https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference=" +
                    percent_encode(f.follow.procedure);
      out.push_back(std::move(line));
    }
  std::stable_sort(out.begin(), out.end(), [](const FollowNewsLine& a, const FollowNewsLine& b) {
    if (a.actionable != b.actionable) return a.actionable;
    return a.seen_at > b.seen_at;
  });
  return out;
}

Result<std::vector<DigestNews>> digest_news(Db& db, const std::string& since, int64_t now,
                                            Lang lang) {
  FollowStore follows(db);
  ASSIGN_OR_RETURN(std::vector<FollowedInitiative> list, follows.overview(since));
  std::vector<DigestNews> out;
  for (FollowNewsLine& line : follow_news(list, now, lang))
    out.push_back(DigestNews{std::move(line.title), std::move(line.what), std::move(line.link)});
  return out;
}

}  // namespace omvarld
