#include "web/follow_pages.h"

#include <algorithm>

#include "core/civil_time.h"
#include "core/clock.h"
#include "core/text.h"
#include "parse/feed_dates.h"
#include "report/follow_news.h"
#include "report/markup.h"

namespace omvarld {
namespace {

struct Texts {
  Tr heading, not_followed, follow, followed_since, published, feedback_opens, feedback_closes,
      planned, decided, noted, assigned, recent, none_yet, source_failed, unreadable, parliament,
      commission, observatory, eurlex;
};

constexpr Texts kTexts = {
    .heading = {.en = "Timeline", .sv = "Tidslinje"},
    .not_followed = {.en = "This initiative is not followed. Follow it to see its steps at the "
                           "Commission and the Parliament here, and what moves in the digest.",
                     .sv = "Initiativet följs inte. Följ det för att se dess steg hos kommissionen "
                           "och parlamentet här, och vad som händer i sammanställningen."},
    .follow = {.en = "Follow this initiative", .sv = "Följ initiativet"},
    .followed_since = {.en = "Followed since %s by %s.", .sv = "Följs sedan %s av %s."},
    .published = {.en = "The Commission: %s published", .sv = "Kommissionen: %s publicerat"},
    .feedback_opens = {.en = "The Commission: feedback on the %s opens",
                       .sv = "Kommissionen: synpunkter på %s kan lämnas från"},
    .feedback_closes = {.en = "The Commission: feedback on the %s closes",
                        .sv = "Kommissionen: sista dag för synpunkter på %s"},
    .planned = {.en = "The Commission: %s planned (%s)", .sv = "Kommissionen: %s planerat (%s)"},
    .decided = {.en = "Decision by %s: %s", .sv = "Beslut av %s: %s"},
    .noted = {.en = "Note by %s: %s", .sv = "Anteckning av %s: %s"},
    .assigned = {.en = "Assigned by %s to %s", .sv = "Tilldelat av %s till %s"},
    .recent = {.en = "What changed", .sv = "Vad som har ändrats"},
    .none_yet = {.en = "Not read yet: the next harvest reads it.",
                 .sv = "Inte läst ännu: nästa hämtning läser det."},
    .source_failed = {.en = "The last reading of %s failed (the earlier data is kept): %s",
                      .sv = "Senaste läsningen av %s misslyckades (tidigare uppgifter finns "
                            "kvar): %s"},
    .unreadable = {.en = "The follow could not be read: %s",
                   .sv = "Uppföljningen kunde inte läsas: %s"},
    .parliament = {.en = "The Parliament", .sv = "Parlamentet"},
    .commission = {.en = "Have your say", .sv = "Have your say"},
    .observatory = {.en = "the Legislative Observatory", .sv = "Legislative Observatory"},
    .eurlex = {.en = "EUR-Lex", .sv = "EUR-Lex"},
};

std::string h(const std::string& s) { return xml_escape(s); }

// The first day of "Q-2028-2" as a UTC time, for sorting; "" otherwise.
std::string period_start(const std::string& period) {
  if (period.size() != 8 || period[0] != 'Q' || period[1] != '-' || period[6] != '-') return "";
  const int q = period[7] - '0';
  if (q < 1 || q > 4) return "";
  const int month = 1 + 3 * (q - 1);
  return period.substr(2, 4) + "-" + (month < 10 ? "0" : "") + std::to_string(month) + "-01";
}

std::string shown_date(const std::string& when) {
  if (when.size() == 10) return when;
  auto t = parse_feed_date(when);
  return t ? format_stockholm_date(*t) : when;
}

}  // namespace

std::vector<TimelineStep> follow_timeline(const FollowedInitiative& f,
                                          const std::vector<ReviewChange>& decisions, int64_t now,
                                          Lang lang) {
  const Texts& t = kTexts;
  std::vector<TimelineStep> steps;
  const std::string now_iso = format_iso8601_utc(now);
  auto add = [&](const std::string& when, std::string text) {
    if (when.empty()) return;
    // A date is past from its own day on; a time from its instant.
    const bool past = when.size() == 10 ? when <= now_iso.substr(0, 10) : when <= now_iso;
    steps.push_back(
        {when, past ? TimelineStep::Kind::kPast : TimelineStep::Kind::kPlanned, std::move(text)});
  };
  if (f.hys)
    for (const HysPublication& p : f.hys->publications) {
      const std::string label = publication_label(p.type, lang);
      if (p.published) add(*p.published, fill(t.published[lang], {label}));
      if (p.feedback_start && p.feedback_start != p.published)
        add(*p.feedback_start, fill(t.feedback_opens[lang], {label}));
      if (p.feedback_end) add(*p.feedback_end, fill(t.feedback_closes[lang], {label}));
      if (!p.published) {
        const std::string when =
            p.planned_start ? *p.planned_start : period_start(p.planned_period);
        const std::string period = p.planned_period.empty()
                                       ? shown_date(when)
                                       : planned_period_label(p.planned_period, lang);
        add(when, fill(t.planned[lang], {label, period}));
      }
    }
  if (f.ep)
    for (const EpEvent& e : f.ep->events) {
      std::string what = e.title.empty() ? ep_event_type_label(e.type, lang) : e.title;
      if (what.empty()) what = e.id;
      add(e.date, std::string(t.parliament[lang]) + ": " + what);
    }
  for (const ReviewChange& d : decisions) {
    std::string text;
    if (d.field == "status") {
      auto s = parse_review_status(d.new_value);
      text = fill(t.decided[lang],
                  {d.user, s.ok() ? std::string(review_status_label(*s)[lang]) : d.new_value});
    } else if (d.field == "note") {
      std::string note = d.new_value;
      if (utf8_cut(note, 160)) note += "...";
      text = fill(t.noted[lang], {d.user, note});
    } else if (d.field == "assignee") {
      text = fill(t.assigned[lang], {d.user, d.new_value});
    } else {
      continue;
    }
    steps.push_back({d.at, TimelineStep::Kind::kDecision, std::move(text)});
  }
  // Dates before times of the same day; ties keep the order above.
  std::stable_sort(steps.begin(), steps.end(),
                   [](const TimelineStep& a, const TimelineStep& b) { return a.when < b.when; });
  return steps;
}

std::string follow_section(int64_t item_id, const std::optional<FollowedInitiative>& followed,
                           const std::vector<ReviewChange>& decisions, const PageContext& c) {
  const Texts& t = kTexts;
  const Lang l = c.lang;
  std::string b = "<section aria-labelledby=\"timeline\" class=\"follow\"><h2 id=\"timeline\">" +
                  std::string(t.heading[l]) + "</h2>\n";
  if (!followed) {
    b += "<p>" + std::string(t.not_followed[l]) + "</p>\n<form method=\"post\" action=\"/items/" +
         std::to_string(item_id) + "/follow\" class=\"follow\">\n<input type=\"hidden\" " +
         "name=\"csrf\" value=\"" + h(c.csrf) + "\"/>\n<button type=\"submit\">" + t.follow[l] +
         "</button>\n</form>\n</section>\n";
    return b;
  }
  const FollowedInitiative& f = *followed;
  b += "<p>" +
       h(fill(t.followed_since[l], {shown_date(f.follow.followed_at), f.follow.followed_by})) +
       "</p>\n";
  for (const FollowSourceState& s : f.sources)
    if (!s.last_error.empty())
      b += "<p class=\"error\">" +
           h(fill(t.source_failed[l], {s.source == "ep"       ? t.parliament[l]
                                       : s.source == "oeil"   ? t.observatory[l]
                                       : s.source == "eurlex" ? t.eurlex[l]
                                                              : t.commission[l],
                                       s.last_error})) +
           "</p>\n";
  auto steps = follow_timeline(f, decisions, c.now, l);
  if (!f.hys && !f.ep) b += "<p>" + std::string(t.none_yet[l]) + "</p>\n";
  if (!steps.empty()) {
    b += "<ol class=\"timeline\">\n";
    for (const TimelineStep& s : steps) {
      const char* cls = s.kind == TimelineStep::Kind::kPast      ? "past"
                        : s.kind == TimelineStep::Kind::kPlanned ? "planned"
                                                                 : "decision";
      b += "<li class=\"" + std::string(cls) + "\"><time datetime=\"" + h(s.when) + "\">" +
           h(shown_date(s.when)) + "</time> " + h(s.text) + "</li>\n";
    }
    b += "</ol>\n";
  }
  auto news = follow_news({f}, c.now, l);
  if (!news.empty()) {
    b += "<h3>" + std::string(t.recent[l]) + "</h3>\n<ul class=\"follow-news\">\n";
    for (const FollowNewsLine& n : news)
      b += "<li><time datetime=\"" + h(n.seen_at) + "\">" + h(shown_date(n.seen_at)) + "</time> " +
           h(n.text) + "</li>\n";
    b += "</ul>\n";
  }
  return b + "</section>\n";
}

std::string item_follow_html(Db& db, int64_t item_id, const std::vector<ReviewChange>& decisions,
                             const PageContext& ctx) {
  FollowStore follows(db);
  auto follow = follows.find_by_item(item_id);
  if (!follow.ok())
    return "<p class=\"error\">" + h(fill(kTexts.unreadable[ctx.lang], {follow.error().message})) +
           "</p>\n";
  if (!*follow) return follow_section(item_id, std::nullopt, decisions, ctx);
  auto loaded = follows.load(**follow);
  if (!loaded.ok())
    return "<p class=\"error\">" + h(fill(kTexts.unreadable[ctx.lang], {loaded.error().message})) +
           "</p>\n";
  return follow_section(item_id, *loaded, decisions, ctx);
}

Result<int64_t> follow_item(Db& db, int64_t item_id, const std::string& user,
                            const std::string& now) {
  FollowStore follows(db);
  ASSIGN_OR_RETURN(FollowTarget target, follows.target_of_item(item_id));
  return follows.follow(target, FollowReason::kManual, user, now);
}

}  // namespace omvarld
