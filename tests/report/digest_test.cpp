// Each committee's watch, the pure parts: the digest's news, links to the
// review page, labelled Markdown, order and subject in the reader's
// language; the subscriptions file and which items each subscriber reads
// (against the shipped relevance.toml and subscriptions.toml).
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "core/text.h"
#include "report/flags_report.h"
#include "services/subscriptions.h"
#include "support/markup_text.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using test::parse_markup;
using test::visible_text;

constexpr int64_t kNow = 1764288000;  // 2025-11-28

StoredItem item(int64_t id, std::string title, std::string deadline, int score, std::string themes,
                Grade grade = Grade::kFlag) {
  StoredItem it;
  it.id = id;
  it.source = "have-your-say";
  it.title = std::move(title);
  it.deadline = std::move(deadline);
  it.score = score;
  it.flagged = grade == Grade::kFlag;
  it.grade = grade;
  it.themes = std::move(themes);
  it.why = "transport_mobility (title: mobility)";
  it.committee = "Trafiknämnden";
  it.first_seen = "2025-11-25T00:00:00Z";
  it.link = "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/" +
            std::to_string(id);
  return it;
}

FlagsDigestInput input() {
  FlagsDigestInput in;
  in.now = kNow;
  in.since = "2025-11-20T00:00:00Z";
  in.audience = "Trafiknämnden";
  in.items.push_back(item(1, "No deadline, high score", "", 90, "transport_mobility"));
  in.items.push_back(item(2, "No deadline, low score", "", 30, "transport_mobility"));
  in.items.push_back(item(3, "Closes in 3 days", "2025-12-01T23:59:59Z", 40, "transport_mobility"));
  in.items.push_back(
      item(4, "Closes in 30 days", "2025-12-28T23:59:59Z", 35, "transport_mobility"));
  in.items.push_back(item(5, "Closed", "2025-10-01T23:59:59Z", 99, "transport_mobility"));
  return in;
}

ReportContext context(Lang lang) {
  ReportContext ctx;
  ctx.lang = lang;
  ctx.generated_at = "2025-11-28T06:00:00Z";
  ctx.version = "test";
  return ctx;
}

std::vector<std::string> item_titles(const std::string& html) {
  pugi::xml_document doc = parse_markup(html);
  std::vector<std::string> out;
  for (auto h3 : doc.select_nodes("//*[local-name()='article']/*[local-name()='h3']")) {
    const std::string text = visible_text(h3.node());
    out.push_back(text);
  }
  return out;
}

TEST(Digest, OrderIsTheOneItsIntroductionStates) {
  FlagsDigest d = render_flags_digest(input(), context(Lang::kEn));
  // Urgent first, then open by deadline, then by score, closed last.
  const auto titles = item_titles(d.html);
  ASSERT_EQ(titles.size(), 5u);
  EXPECT_NE(titles[0].find("Closes in 3 days"), std::string::npos) << titles[0];
  EXPECT_NE(titles[1].find("Closes in 30 days"), std::string::npos) << titles[1];
  EXPECT_NE(titles[2].find("No deadline, high score"), std::string::npos) << titles[2];
  EXPECT_NE(titles[3].find("No deadline, low score"), std::string::npos) << titles[3];
  EXPECT_NE(titles[4].find("Closed"), std::string::npos) << titles[4];
  EXPECT_NE(d.html.find("urgent items first (soonest deadline first), then those open for "
                        "feedback by deadline, then those without a deadline by score, closed "
                        "ones last"),
            std::string::npos);
  // The Markdown keeps the same order.
  EXPECT_LT(d.markdown.find("Closes in 3 days"), d.markdown.find("Closes in 30 days"));
  EXPECT_LT(d.markdown.find("Closes in 30 days"), d.markdown.find("No deadline, high"));
  EXPECT_LT(d.markdown.find("No deadline, low"), d.markdown.find("- *new* *closed* Closed"));
}

TEST(Digest, MarkdownLabelsEveryFieldInTheReadersLanguage) {
  FlagsDigestInput in = input();
  in.items.resize(3);
  in.items[2].review_status = ReviewStatus::kRelevant;
  in.items[2].assignee = "Anna";
  in.items[2].note = "svara *nu*";
  FlagsDigest en = render_flags_digest(in, context(Lang::kEn));
  EXPECT_NE(en.markdown.find("- **urgent** *new* Closes in 3 days\n"
                             "  - Deadline: 2025-12-01 (3 days left)\n"
                             "  - Score: 40\n"
                             "  - Why: transport\\_mobility (title: mobility)\n"
                             "  - Committee: Trafiknämnden\n"
                             "  - Status: relevant\n"
                             "  - Assignee: Anna\n"
                             "  - Note: svara \\*nu\\*\n"
                             "  - Source: have-your-say \\#3 "
                             "<https://ec.europa.eu/info/law/better-regulation/have-your-say/"
                             "initiatives/3>\n"),
            std::string::npos)
      << en.markdown;
  FlagsDigest sv = render_flags_digest(in, context(Lang::kSv));
  EXPECT_NE(sv.markdown.find("  - Sista dag: 2025-12-01 (3 dagar kvar)\n"), std::string::npos)
      << sv.markdown;
  EXPECT_NE(sv.markdown.find("  - Status: nytt\n"), std::string::npos);
  EXPECT_NE(sv.markdown.find("  - Ansvarig: Anna\n"), std::string::npos);
  EXPECT_NE(sv.markdown.find("# EU-samråd och utlysningar för Trafiknämnden"), std::string::npos);
  EXPECT_NE(visible_text(parse_markup(sv.html)).find("Status\nrelevant"), std::string::npos);
}

TEST(Digest, NewsComeFirstUnderTheirHeadingEscaped) {
  FlagsDigestInput in = input();
  in.news = {{"Clean Vehicles Directive <b>revision</b>", "the Commission adopted its proposal",
              "https://ec.europa.eu/clean-vehicles"},
             {"[Fake](javascript:alert(1))", "a vote in TRAN", "javascript:alert(2)"}};
  for (Lang lang : {Lang::kEn, Lang::kSv}) {
    FlagsDigest d = render_flags_digest(in, context(lang));
    EXPECT_EQ(d.news, 2);
    const std::string heading = lang == Lang::kEn ? "What moved" : "Vad som har hänt";
    pugi::xml_document doc = parse_markup(d.html);
    auto h2 = doc.select_nodes("//*[local-name()='h2']");
    ASSERT_GE(h2.size(), 2u);
    EXPECT_EQ(trim(visible_text(h2[0].node())), heading);  // before the first theme
    auto news =
        doc.select_nodes("//*[local-name()='section'][@class='news']//*[local-name()='li']");
    ASSERT_EQ(news.size(), 2u);
    EXPECT_EQ(visible_text(news[0].node()),
              "Clean Vehicles Directive <b>revision</b>\n: the Commission adopted its proposal\n");
    EXPECT_TRUE(news[0].node().select_node(".//*[@href='https://ec.europa.eu/clean-vehicles']"));
    EXPECT_FALSE(news[1].node().select_node(".//*[@href]")) << "a javascript: link";
    // The Markdown: the heading first, the news as text, only http(s) links.
    EXPECT_EQ(d.markdown.find("## " + heading), d.markdown.find("## "));
    EXPECT_LT(d.markdown.find("## " + heading), d.markdown.find("Closes in 3 days"));
    EXPECT_NE(
        d.markdown.find("- **Clean Vehicles Directive &lt;b&gt;revision&lt;/b&gt;**: the "
                        "Commission adopted its proposal <https://ec.europa.eu/clean-vehicles>"),
        std::string::npos)
        << d.markdown;
    EXPECT_NE(d.markdown.find("- **\\[Fake\\](javascript:alert(1))**: a vote in TRAN\n"),
              std::string::npos)
        << d.markdown;
    EXPECT_EQ(d.markdown.find("javascript:alert(2)"), std::string::npos);
  }
  in.news.clear();
  FlagsDigest none = render_flags_digest(in, context(Lang::kEn));
  EXPECT_EQ(none.html.find("What moved"), std::string::npos);
  EXPECT_EQ(none.markdown.find("What moved"), std::string::npos);
}

TEST(Digest, ReviewUrlLinksEachItemToItsPage) {
  FlagsDigestInput in = input();
  in.review_url = "https://omvarld.stockholm.example/";
  FlagsDigest d = render_flags_digest(in, context(Lang::kEn));
  pugi::xml_document doc = parse_markup(d.html);
  for (int id = 1; id <= 5; ++id) {
    const std::string url = "https://omvarld.stockholm.example/items/" + std::to_string(id);
    EXPECT_EQ(doc.select_nodes(("//*[@href='" + url + "']").c_str()).size(), 2u)
        << "the title and the review field of item " << id;
    EXPECT_NE(d.markdown.find("  - Review: <" + url + ">\n"), std::string::npos) << d.markdown;
  }
  in.review_url = "javascript:alert(1)//";
  FlagsDigest bad = render_flags_digest(in, context(Lang::kEn));
  EXPECT_EQ(bad.html.find("/items/"), std::string::npos);
  in.review_url = "";
  EXPECT_EQ(render_flags_digest(in, context(Lang::kEn)).html.find("/items/"), std::string::npos);
}

TEST(Digest, SubjectSaysWhatIsNewInTheReadersLanguage) {
  FlagsDigestInput in = input();
  FlagsDigest sv = render_flags_digest(in, context(Lang::kSv));
  EXPECT_EQ(sv.subject, "EU-bevakning Trafiknämnden 2025-11-28: 5 nya ärenden, 1 brådskande");
  FlagsDigest en = render_flags_digest(in, context(Lang::kEn));
  EXPECT_EQ(en.subject, "EU watch Trafiknämnden 2025-11-28: 5 new items, 1 urgent");
  EXPECT_FALSE(en.nothing_new());
  in.since = "2025-11-26T00:00:00Z";  // after every item was first seen
  FlagsDigest old = render_flags_digest(in, context(Lang::kSv));
  EXPECT_EQ(old.fresh, 0);
  EXPECT_TRUE(old.nothing_new());
  EXPECT_EQ(old.subject, "EU-bevakning Trafiknämnden 2025-11-28: 1 brådskande");
  in.items.clear();
  EXPECT_EQ(render_flags_digest(in, context(Lang::kSv)).subject,
            "EU-bevakning Trafiknämnden 2025-11-28: inget nytt");
  in.news = {{"Clean Vehicles Directive", "adopted", ""}};
  FlagsDigest news = render_flags_digest(in, context(Lang::kEn));
  EXPECT_FALSE(news.nothing_new());
  EXPECT_EQ(news.subject, "EU watch Trafiknämnden 2025-11-28: 1 change followed");
}

// --- the subscriptions file ------------------------------------------------

std::string shipped(const std::string& file) {
  return std::string(OMVARLD_SOURCE_DIR) + "/feeds/" + file;
}

TEST(Subscriptions, ParsesEachSubscriberIntoTypedValues) {
  auto subs = parse_subscriptions(R"(# comment
[[subscriber]]
name = "Trafiknämnden"
to = ["eu.trafik@stockholm.example", "anna@stockholm.example"]

[[subscriber]]
name = "EU office"
themes = ["housing", "education"]
grades = ["flag"]
lang = "en"
to = "eu@stockholm.example"
)",
                                  "subs.toml");
  ASSERT_TRUE(subs.ok()) << subs.error().message;
  ASSERT_EQ(subs->size(), 2u);
  const Subscription& t = (*subs)[0];
  EXPECT_EQ(t.name, "Trafiknämnden");
  EXPECT_EQ(t.lang, Lang::kSv);
  EXPECT_EQ(t.grades, (std::vector<Grade>{Grade::kFlag, Grade::kLook}));
  EXPECT_EQ(t.to.size(), 2u);
  EXPECT_EQ(t.where, "subs.toml line 2");
  const Subscription& e = (*subs)[1];
  EXPECT_EQ(e.themes, (std::vector<std::string>{"housing", "education"}));
  EXPECT_EQ(e.grades, std::vector<Grade>{Grade::kFlag});
  EXPECT_EQ(e.lang, Lang::kEn);
  EXPECT_EQ(e.to, std::vector<std::string>{"eu@stockholm.example"});
}

TEST(Subscriptions, MistakesAreErrorsNamingFileAndLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[[subscriber]]\nname = \"A\"\nthemse = [\"housing\"]\n", "s.toml line 3: unknown key"},
      {"[[subscriber]]\nname = \"A\"\ngrades = [\"flag\", \"none\"]\n",
       "s.toml line 3: grades are \"flag\" and \"look\", not \"none\""},
      {"[[subscriber]]\nname = \"A\"\nlang = \"de\"\n", "s.toml line 3"},
      {"[[subscriber]]\nname = \"A\"\nto = [\"a@b.se\", \"Anna <a@b.se>\"]\n",
       "s.toml line 3: to: \"Anna <a@b.se>\" is not a mail address"},
      {"[[subscriber]]\nname = \"A\"\n\n[[subscriber]]\nname = \"A\"\n",
       "s.toml line 4: the name \"A\" is used twice"},
      {"[[subscriber]]\nlang = \"en\"\n", "s.toml line 1: a subscriber without a name"},
      {"[subscriber]\nname = \"A\"\n", "[[subscriber]] tables"},
      {"subscribers = 1\n", "s.toml line 1: unknown key \"subscribers\""},
      {"[[subscriber]]\nname = \"A\"\nto = [1]\n", "s.toml line 3: to must hold strings only"},
      {"[[subscriber]\n", "s.toml"},
  };
  for (const auto& [text, expected] : cases) {
    auto r = parse_subscriptions(text, "s.toml");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
    EXPECT_NE(r.error().message.find(expected), std::string::npos)
        << text << "\n-> " << r.error().message;
  }
}

TEST(Subscriptions, CommitteesOwnTheThemesRelevanceTomlGivesThem) {
  EXPECT_TRUE(committee_owns("Arbetsmarknadsnämnden, Socialnämnden", "Socialnämnden"));
  EXPECT_TRUE(committee_owns("Kommunstyrelsen (säkerhet och beredskap)", "Kommunstyrelsen"));
  EXPECT_FALSE(committee_owns("Kommunstyrelsen", "Kommun"));
  EXPECT_FALSE(committee_owns("Socialnämnden", ""));
  auto rules = load_relevance_rules(shipped("relevance.toml"));
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  Subscription social;
  social.name = "Socialnämnden";
  social.where = "t";
  auto themes = subscription_themes(social, *rules);
  ASSERT_TRUE(themes.ok()) << themes.error().message;
  EXPECT_EQ(*themes,
            (std::vector<std::string>{"migration_integration", "labour_social", "health_elderly"}));
  Subscription typo;
  typo.name = "Socialnamnden";
  typo.where = "s.toml line 9";
  auto none = subscription_themes(typo, *rules);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("s.toml line 9 (Socialnamnden)"), std::string::npos);
  EXPECT_NE(none.error().hint.find("Trafiknämnden"), std::string::npos) << none.error().hint;
  Subscription unknown;
  unknown.name = "EU office";
  unknown.themes = {"housing", "hosuing"};
  unknown.where = "s.toml line 2";
  auto bad = subscription_themes(unknown, *rules);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("no theme \"hosuing\""), std::string::npos);
}

TEST(Subscriptions, TheShippedFileParsesAndEverySubscriberHasThemes) {
  auto rules = load_relevance_rules(shipped("relevance.toml"));
  ASSERT_TRUE(rules.ok());
  auto subs = load_subscriptions(shipped("subscriptions.toml"));
  ASSERT_TRUE(subs.ok()) << subs.error().message;
  EXPECT_GE(subs->size(), 10u);
  for (const auto& s : *subs) {
    auto themes = subscription_themes(s, *rules);
    EXPECT_TRUE(themes.ok()) << s.name << ": " << themes.error().message;
    EXPECT_TRUE(s.to.empty()) << "the shipped file mails nobody: " << s.name;
  }
}

TEST(Subscriptions, EachSubscriberReadsItsThemesAndGrades) {
  std::vector<StoredItem> items = {
      item(1, "Bus", "", 50, "transport_mobility\nurban_cohesion"),
      item(2, "Housing and buses", "", 50, "housing\ntransport_mobility", Grade::kLook),
      item(3, "Schools", "", 50, "education"),
  };
  Subscription s;
  s.name = "Trafiknämnden";
  auto ids = [](const std::vector<StoredItem>& v) {
    std::vector<int64_t> out;
    for (const auto& it : v) out.push_back(it.id);
    return out;
  };
  // Any of an item's themes counts, not only its first.
  EXPECT_EQ(ids(subscribed_items(items, s, {"transport_mobility"})), (std::vector<int64_t>{1, 2}));
  s.grades = {Grade::kFlag};
  EXPECT_EQ(ids(subscribed_items(items, s, {"transport_mobility"})), (std::vector<int64_t>{1}));
  EXPECT_EQ(ids(subscribed_items(items, s, {"education", "housing"})), (std::vector<int64_t>{3}));
}

}  // namespace
}  // namespace omvarld
