// The one item view (issue 11): the urgency rule and its SQL twin at their
// boundaries, ItemQuery's filters, paging and total in SQL, review statuses
// parsed where text enters, the one CSV/JSON serializer, and the
// translations by name.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <span>
#include <type_traits>

#include "core/clock.h"
#include "core/text.h"
#include "model/review_status.h"
#include "model/urgency.h"
#include "parse/csv_table.h"
#include "relevance/relevance.h"
#include "report/flags_texts.h"
#include "report/item_formats.h"
#include "store/item_store.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "support/test_support.h"
#include "web/review_desk.h"
#include "web/review_texts.h"

namespace omvarld {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kNow = 1764288000;  // 2025-11-28T00:00:00Z

TEST(Urgency, TheWindowIsClosedFromNowToNowPlusTheDays) {
  const Urgency u{kNow, kDefaultUrgentDays};
  EXPECT_EQ(kDefaultUrgentDays, 14);
  EXPECT_EQ(RelevanceRules{}.urgent_days, kDefaultUrgentDays);  // the default is defined once
  EXPECT_TRUE(u.is_urgent(kNow));                               // closes right now: still urgent
  EXPECT_TRUE(u.is_urgent(kNow + 14 * kDay));                   // the last second of the window
  EXPECT_FALSE(u.is_urgent(kNow + 14 * kDay + 1));  // one second later: open, not urgent
  EXPECT_FALSE(u.is_urgent(kNow - 1));              // passed: closed, not urgent
  EXPECT_TRUE(u.is_closed(kNow - 1));
  EXPECT_FALSE(u.is_closed(kNow));
  EXPECT_FALSE(u.is_urgent(std::nullopt));          // no deadline
  EXPECT_TRUE((Urgency{kNow, 0}).is_urgent(kNow));  // a window of 0 days is now only
  EXPECT_FALSE((Urgency{kNow, 0}).is_urgent(kNow + 1));
  // Unix seconds, so Stockholm's clock change does not move it: the night of
  // 2026-03-29 (CET to CEST) is still 14 × 86400 seconds.
  const int64_t spring = 1774738800;  // 2026-03-28T23:00:00Z
  EXPECT_TRUE((Urgency{spring, 14}).is_urgent(spring + 14 * kDay));
  RelevanceRules rules;
  rules.urgent_days = 3;
  EXPECT_EQ(urgency_at(kNow, &rules).days, 3);
  EXPECT_EQ(urgency_at(kNow, nullptr).days, kDefaultUrgentDays);
}

TEST(ReviewStatuses, RoundTripAndABadOneIsNamed) {
  for (ReviewStatus s : kReviewStatuses) {
    auto back = parse_review_status(review_status_name(s));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, s);
  }
  EXPECT_STREQ(review_status_name(ReviewStatus::kNotRelevant), "not-relevant");
  EXPECT_EQ(review_status_list(), "new, relevant, not-relevant, responded, dismissed, later");
  auto bad = parse_review_status("snoozed");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kUsage);
  EXPECT_NE(bad.error().message.find("\"snoozed\""), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("not-relevant"), std::string::npos);
  EXPECT_FALSE(find_review_status("Relevant"));  // exact names only
  EXPECT_EQ(verdict_of(ReviewStatus::kRelevant), true);
  EXPECT_EQ(verdict_of(ReviewStatus::kResponded), true);
  EXPECT_EQ(verdict_of(ReviewStatus::kNotRelevant), false);
  EXPECT_EQ(verdict_of(ReviewStatus::kDismissed), false);
  EXPECT_EQ(verdict_of(ReviewStatus::kNew), std::nullopt);
}

// A database with items whose deadlines sit on the urgency rule's edges.
class ItemViewStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::open(dir_.file("omvarld.db"));
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_.emplace(std::move(s).value());
    ItemStore items(store_->db());
    ASSERT_TRUE(items.upsert_source({"eurlex", "rss", "http://127.0.0.1/feed", "EUR-Lex"}).ok());
    auto run = store_->begin_run("harvest", "test", *parse_utc_time("2025-11-28T00:00:00Z"));
    ASSERT_TRUE(run.ok());
    std::vector<FeedItem> feed;
    auto add = [&](const std::string& title, std::optional<int64_t> deadline) {
      FeedItem i;
      i.guid = "G-" + std::to_string(feed.size() + 1);
      i.link = "https://eur-lex.europa.eu/" + std::to_string(feed.size() + 1);
      i.title = title;
      i.deadline = deadline;
      feed.push_back(i);
    };
    add("closes now", kNow);                       // 1: urgent
    add("last second", kNow + 14 * kDay);          // 2: urgent
    add("one second late", kNow + 14 * kDay + 1);  // 3: not urgent
    add("closed", kNow - 1);                       // 4: closed
    add("no deadline", std::nullopt);              // 5
    for (int k = 0; k < 5; ++k) add("filler " + std::to_string(k), kNow + 60 * kDay);  // 6-10
    ASSERT_TRUE(items.write_items(*run, "eurlex", feed, "2025-11-28T00:00:00Z").ok());
    // Scores: the later an item, the higher, so score order is not urgency order.
    for (int64_t id = 1; id <= 10; ++id)
      ASSERT_TRUE(items
                      .put_score(id, static_cast<int>(10 * id), id % 2 == 0,
                                 id % 2 == 0 ? Grade::kFlag : Grade::kLook,
                                 id <= 5 ? "housing\ntransport_mobility" : "housing", "why",
                                 id <= 5 ? "Trafiknämnden" : "", "now")
                      .ok());
  }

  std::vector<int64_t> ids(const ItemQuery& q) {
    auto list = ItemStore(store_->db()).list(q);
    EXPECT_TRUE(list.ok()) << list.error().message;
    std::vector<int64_t> out;
    if (list.ok())
      for (const auto& i : *list) out.push_back(i.id);
    return out;
  }

  test::TempDir dir_;
  std::optional<Store> store_;
};

TEST_F(ItemViewStore, UrgentFirstInSqlAgreesWithTheRule) {
  ItemQuery q;
  q.urgency = Urgency{kNow, 14};
  q.order = ItemQuery::Order::kUrgentFirst;
  // Urgent (1, 2) first, soonest first; then by score, highest first.
  // Open or upcoming before closed (item 4 closed a second ago), then urgent first.
  EXPECT_EQ(ids(q), (std::vector<int64_t>{1, 2, 10, 9, 8, 7, 6, 5, 3, 4}));
  auto list = ItemStore(store_->db()).list(q);
  ASSERT_TRUE(list.ok());
  for (const auto& i : *list)
    EXPECT_EQ(q.urgency.is_urgent(deadline_of(i)), i.id == 1 || i.id == 2) << i.id;
  q.order = ItemQuery::Order::kScore;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
}

TEST_F(ItemViewStore, PhaseOpenOrUpcomingLeavesOutWhatClosed) {
  ItemQuery q;
  q.urgency = Urgency{kNow, 14};
  q.order = ItemQuery::Order::kUrgentFirst;
  q.phase = ItemQuery::Phase::kClosed;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{4}));  // its deadline passed a second ago
  q.phase = ItemQuery::Phase::kOpenOrUpcoming;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{1, 2, 10, 9, 8, 7, 6, 5, 3}));  // 5: no deadline, kept
  // The source saying "closed" counts too, deadline or not.
  ASSERT_TRUE(store_->db().exec("UPDATE items SET status='closed' WHERE id=5").ok());
  EXPECT_EQ(ids(q), (std::vector<int64_t>{1, 2, 10, 9, 8, 7, 6, 3}));
  q.phase = ItemQuery::Phase::kClosed;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{5, 4}));
}

TEST(FtsMatchQuery, EveryWordAQuotedPrefixTermAndNoSyntaxFromTheText) {
  EXPECT_EQ(fts_match_query("housing plan"), "\"housing\"* \"plan\"*");
  EXPECT_EQ(fts_match_query("  \"NEAR(a b)\" OR -x* "), "\"NEAR\"* \"a\"* \"b\"* \"OR\"* \"x\"*");
  EXPECT_EQ(fts_match_query("bostäder, 2030"), "\"bostäder\"* \"2030\"*");
  EXPECT_EQ(fts_match_query(" -- ''"), "");
}

TEST_F(ItemViewStore, SearchFindsWordsInAnyOrderStemmedAndTheSourceId) {
  ItemStore items(store_->db());
  ASSERT_TRUE(items.upsert_source({"hys", "hys", "https://example.org", "Have your say"}).ok());
  auto run = store_->begin_run("harvest", "test", *parse_utc_time("2025-11-29T00:00:00Z"));
  ASSERT_TRUE(run.ok());
  FeedItem a;
  a.guid = "14671";
  a.reference = "Ares(2025)123";
  a.title = "Plans for affordable housing in cities";
  a.summary = "Renovation of the building stock";
  a.categories = {"Energy"};
  FeedItem b;
  b.guid = "HORIZON-CL5-2026-D4-01";
  b.title = "Bostäder för äldre";
  ASSERT_TRUE(items.write_items(*run, "hys", {a, b}, "2025-11-29T00:00:00Z").ok());
  auto found = [&](const std::string& text) {
    ItemQuery q;
    q.source = "hys";
    q.text = text;
    auto list = items.list(q);  // kept: a range-for over *temporary would dangle
    EXPECT_TRUE(list.ok()) << list.error().message;
    std::vector<std::string> titles;
    if (list.ok())
      for (const auto& i : *list) titles.push_back(i.title);
    return titles;
  };
  const std::vector<std::string> housing{"Plans for affordable housing in cities"};
  EXPECT_EQ(found("housing plan"), housing);        // any order, "plans" stemmed to "plan"
  EXPECT_EQ(found("HOUSE afford"), housing);        // case and the start of a word
  EXPECT_EQ(found("renovations energy"), housing);  // summary and topics
  EXPECT_EQ(found("housing transport"), std::vector<std::string>{});  // every word needed
  EXPECT_EQ(found("14671"), housing);                                 // a Have your say number
  EXPECT_EQ(found("Ares(2025)123"), housing);                         // a reference, exactly
  EXPECT_EQ(found("HORIZON-CL5-2026-D4-01"), std::vector<std::string>{"Bostäder för äldre"});
  EXPECT_EQ(found("bostader aldre"), std::vector<std::string>{"Bostäder för äldre"});  // å ä ö
  EXPECT_EQ(found("\"NEAR(housing"), std::vector<std::string>{});  // no FTS5 syntax error
  // A harvest that changes the title changes what is found (the triggers).
  a.title = "Heat pumps in district heating";
  auto again = store_->begin_run("harvest", "test", *parse_utc_time("2025-11-30T00:00:00Z"));
  ASSERT_TRUE(items.write_items(*again, "hys", {a, b}, "2025-11-30T00:00:00Z").ok());
  EXPECT_EQ(found("housing plan"), std::vector<std::string>{});
  EXPECT_EQ(found("heating pump"), std::vector<std::string>{"Heat pumps in district heating"});
}

TEST_F(ItemViewStore, ReviewManyIsAllOrNothingAndRecordsEachItem) {
  ItemStore items(store_->db());
  // An unknown id among them: nothing is written.
  Status bad = items.review_many({1, 2, 999}, ReviewStatus::kLater, std::string("Trafiknämnden"),
                                 std::string("later"), true, "anna", "t1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(bad.error().message.find("999"), std::string::npos);
  EXPECT_EQ((*items.get(1))->review_status, ReviewStatus::kNew);
  EXPECT_TRUE(items.review_history(1)->empty());
  ASSERT_TRUE(items.review(2, {}, {}, std::string("first"), "erik", "t0").ok());
  ASSERT_TRUE(items
                  .review_many({1, 2}, ReviewStatus::kLater, std::string("Trafiknämnden"),
                               std::string("bulk"), true, "anna", "t1")
                  .ok());
  for (int64_t id : {1, 2}) {
    auto it = *items.get(id);
    EXPECT_EQ(it->review_status, ReviewStatus::kLater);
    EXPECT_EQ(it->assignee, "Trafiknämnden");
    auto h = *items.review_history(id);
    ASSERT_GE(h.size(), 3u);
    EXPECT_EQ(h[h.size() - 3].field, "status");
    EXPECT_EQ(h[h.size() - 3].new_value, "later");
    EXPECT_EQ(h.back().user, "anna");
  }
  EXPECT_EQ((*items.get(1))->note, "bulk");
  EXPECT_EQ((*items.get(2))->note, "first\n\nbulk");  // added, not replaced
  // "later" is no verdict: the model does not learn from it.
  EXPECT_EQ(verdict_of(ReviewStatus::kLater), std::nullopt);
  EXPECT_TRUE(items.verdicts()->empty());
}

TEST_F(ItemViewStore, CommitteeCounts) {
  ItemQuery q;
  auto n = *ItemStore(store_->db()).committee_counts(q);
  EXPECT_EQ(n, (std::map<std::string, int64_t>{{"Trafiknämnden", 5}}));
  q.grades = {Grade::kFlag};
  n = *ItemStore(store_->db()).committee_counts(q);
  EXPECT_EQ(n, (std::map<std::string, int64_t>{{"Trafiknämnden", 2}}));
}

TEST_F(ItemViewStore, InboxCountsInOnePassAgreeWithTheirQueries) {
  ItemStore items(store_->db());
  for (const auto& [committee, theme] :
       std::vector<std::pair<std::string, std::string>>{{"", ""},
                                                        {"Trafik", ""},
                                                        {"", "transport_mobility"},
                                                        {"Trafik", "housing"},
                                                        {"nämnden", "transport"},
                                                        {"Kultur", "housing"}}) {
    ItemQuery q;
    q.grades = {Grade::kFlag, Grade::kLook};
    q.committee = committee;
    q.theme = theme;
    auto one = items.inbox_counts(q);
    ASSERT_TRUE(one.ok()) << one.error().message;
    EXPECT_EQ(one->total, items.page(q)->total) << committee << "/" << theme;
    ItemQuery no_committee = q, no_theme = q;
    no_committee.committee.clear();
    no_theme.theme.clear();
    EXPECT_EQ(one->per_committee, *items.committee_counts(no_committee)) << committee;
    EXPECT_EQ(one->per_theme, *items.theme_counts(no_theme)) << theme;
  }
}

TEST_F(ItemViewStore, ThemesAreRowsKeptWithTheScore) {
  auto rows = [&](int64_t id) {
    auto st = Stmt::prepare(store_->db(),
                            "SELECT group_concat(theme, ',') FROM (SELECT theme FROM item_themes "
                            "WHERE item_id=? ORDER BY theme)");
    st->bind(1, id);
    EXPECT_TRUE(*st->step());
    return st->col_text(0);
  };
  EXPECT_EQ(rows(1), "housing,transport_mobility");
  EXPECT_EQ(rows(6), "housing");
  ItemStore items(store_->db());
  ASSERT_TRUE(
      items.put_score(1, 50, true, Grade::kFlag, "water_waste\nhousing", "why", "", "t").ok());
  EXPECT_EQ(rows(1), "housing,water_waste");  // replaced whole, as the score is
  ItemQuery q;
  q.theme = "water_waste";
  EXPECT_EQ(ids(q), (std::vector<int64_t>{1}));
  EXPECT_EQ((*items.facets()).themes,
            (std::vector<std::string>{"housing", "transport_mobility", "water_waste"}));
}

TEST(ItemThemesMigration, FillsTheRowsFromTheScoresThemeLists) {
  test::TempDir dir;
  const std::string path = dir.file("omvarld.db");
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store.ok());
    ItemStore items(store->db());
    ASSERT_TRUE(items.upsert_source({"eurlex", "rss", "https://example.org", ""}).ok());
    auto run = store->begin_run("harvest", "test", *parse_utc_time("2025-11-28T00:00:00Z"));
    FeedItem a, b;
    a.guid = "A";
    b.guid = "B";
    ASSERT_TRUE(items.write_items(*run, "eurlex", {a, b}, "2025-11-28T00:00:00Z").ok());
    ASSERT_TRUE(
        items.put_score(1, 80, true, Grade::kFlag, "housing\nair_environment", "", "", "t").ok());
    ASSERT_TRUE(items.put_score(2, 10, false, Grade::kNone, "", "", "", "t").ok());
    // As a database of schema 8 was: no theme rows.
    ASSERT_TRUE(store->db().exec("DROP TABLE item_themes; PRAGMA user_version=9").ok());
  }
  auto store = Store::open(path);  // migration 9 runs
  ASSERT_TRUE(store.ok()) << store.error().message;
  ItemQuery q;
  q.theme = "air_environment";
  auto list = ItemStore(store->db()).list(q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, 1);
  q.theme = "housing";
  EXPECT_EQ(ItemStore(store->db()).list(q)->size(), 1u);
  EXPECT_EQ((*ItemStore(store->db()).facets()).themes,
            (std::vector<std::string>{"air_environment", "housing"}));
}

TEST_F(ItemViewStore, DueWithinUsesTheSameWindow) {
  ItemQuery q;
  q.urgency = Urgency{kNow, 14};
  q.due_within_days = 14;
  q.order = ItemQuery::Order::kUrgentFirst;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{1, 2}));
  q.due_within_days = 0;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{1}));
}

TEST_F(ItemViewStore, FiltersAreSql) {
  ItemQuery q;
  q.theme = "transport_mobility";
  EXPECT_EQ(ids(q).size(), 5u);
  q.theme = "transport";  // a whole theme id, never a part of one
  EXPECT_TRUE(ids(q).empty());
  q.theme = "transport_mobilit_";  // and no LIKE wildcards
  EXPECT_TRUE(ids(q).empty());
  q = {};
  q.grades = {Grade::kFlag};
  EXPECT_EQ(ids(q), (std::vector<int64_t>{10, 8, 6, 4, 2}));
  q = {};
  q.committee = "Trafik";
  EXPECT_EQ(ids(q).size(), 5u);
  q = {};
  q.text = "SECOND";  // ASCII case folded
  EXPECT_EQ(ids(q), (std::vector<int64_t>{3, 2}));
  q = {};
  q.source = "other";
  EXPECT_TRUE(ids(q).empty());
  q = {};
  q.min_score = 95;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{10}));
  ItemStore items(store_->db());
  ASSERT_TRUE(items.review(3, ReviewStatus::kDismissed, {}, {}, "anna", "now").ok());
  q = {};
  q.status = ReviewStatus::kDismissed;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{3}));
  q.status = ReviewStatus::kNew;
  EXPECT_EQ(ids(q).size(), 9u);
}

TEST_F(ItemViewStore, PagingWithLimitOffsetAndTheTotal) {
  ItemStore items(store_->db());
  ItemQuery q;
  q.limit = 3;
  q.offset = 3;
  auto page = items.page(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 10);
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].id, 7);
  q.offset = 9;
  page = items.page(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 10);
  EXPECT_EQ(page->items.size(), 1u);
  q.offset = 20;
  page = items.page(q);
  EXPECT_TRUE(page->items.empty());
  EXPECT_EQ(page->total, 10);
  q = {};
  q.limit = -1;
  q.grades = {Grade::kLook};
  page = items.page(q);
  EXPECT_EQ(page->total, 5);
  EXPECT_EQ(page->items.size(), 5u);
  auto counts = items.theme_counts(q);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)["housing"], 5);
  EXPECT_EQ((*counts)["transport_mobility"], 3);  // looks 1, 3, 5
  auto facets = items.facets();
  ASSERT_TRUE(facets.ok());
  EXPECT_EQ(facets->themes, (std::vector<std::string>{"housing", "transport_mobility"}));
  EXPECT_EQ(facets->committees, (std::vector<std::string>{"Trafiknämnden"}));
  EXPECT_EQ(facets->sources, (std::vector<std::string>{"eurlex"}));
}

TEST_F(ItemViewStore, TheInboxFilterIsParsedWhereItEnters) {
  std::map<std::string, std::string> params = {{"status", "snoozed"}};
  auto param = [&](const char* k) { return params.count(k) ? params[k] : std::string(); };
  auto has = [&](const char* k) { return params.count(k) > 0; };
  auto bad = parse_inbox_filter(param, has);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("\"snoozed\""), std::string::npos);
  params = {{"status", "dismissed"}, {"page", "2"}, {"due", "7"}};
  auto f = parse_inbox_filter(param, has);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->scope, InboxFilter::Scope::kStatus);
  EXPECT_EQ(f->status, ReviewStatus::kDismissed);
  EXPECT_EQ(scope_value(*f), "dismissed");
  const ItemQuery q = inbox_query(*f, Urgency{kNow, 14});
  EXPECT_EQ(q.offset, kInboxPageSize);
  EXPECT_EQ(q.limit, kInboxPageSize);
  EXPECT_EQ(q.due_within_days, 7);
  params = {};
  f = parse_inbox_filter(param, has);
  EXPECT_EQ(scope_value(*f), "open");
  EXPECT_EQ(inbox_query(*f, {}).status, ReviewStatus::kNew);
  EXPECT_EQ(inbox_query(*f, {}).grades, (std::vector<Grade>{Grade::kFlag, Grade::kLook}));
}

TEST_F(ItemViewStore, AnUnknownStoredStatusIsAnErrorNamingTheItem) {
  ASSERT_TRUE(store_->db()
                  .exec("INSERT INTO decisions.item_reviews(item_id, status, assignee, note, "
                        "updated_at, updated_by) VALUES(4, 'snoozed', '', '', 'now', 'x')")
                  .ok());
  auto item = ItemStore(store_->db()).get(4);
  ASSERT_FALSE(item.ok());
  EXPECT_NE(item.error().message.find("item 4"), std::string::npos) << item.error().message;
  EXPECT_NE(item.error().message.find("\"snoozed\""), std::string::npos);
}

StoredItem sample_item() {
  StoredItem i;
  i.id = 7;
  i.source = "have-your-say";
  i.deadline = "2025-12-01T23:59:59Z";
  i.score = 42;
  i.flagged = true;
  i.grade = Grade::kFlag;
  i.themes = "housing";
  i.title = "=HYPERLINK(\"x\"), a \"title\"";
  i.link = "javascript:alert(1)";
  i.why = "housing (title: housing)";
  i.model_p = 0.123456;
  i.review_status = ReviewStatus::kNotRelevant;
  i.assignee = "anna";
  i.first_seen = "2025-11-01T00:00:00Z";
  return i;
}

TEST(ItemFormats, CsvHeaderAndRowHaveTheSameFieldsThroughTheEscaping) {
  EXPECT_EQ(item_csv_header(),
            "id,source,published,deadline,score,flagged,grade,themes,status,title,link,committee,"
            "urgent,why,model_p");
  const StoredItem i = sample_item();
  const std::string csv = item_csv_header() + "\n" + item_csv_row(i, Urgency{kNow, 14}) + "\n";
  auto table = parse_csv(csv, "item csv");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->header.size(), item_csv_field_count());
  ASSERT_EQ(table->rows.size(), 1u);
  ASSERT_EQ(table->rows[0].size(), item_csv_field_count());
  auto cell = [&](const char* name) { return table->rows[0][*table->column(name)].text; };
  EXPECT_EQ(cell("title"), "'=HYPERLINK(\"x\"), a \"title\"");  // csv_text: not a formula
  EXPECT_EQ(cell("status"), "not-relevant");
  EXPECT_EQ(cell("urgent"), "yes");
  EXPECT_EQ(cell("model_p"), "0.123");
  EXPECT_EQ(cell("themes"), "housing");
}

TEST(ItemFormats, JsonThemesAreAlwaysAnArray) {
  StoredItem i = sample_item();
  for (const std::string themes : {"", "housing", "housing\ntransport_mobility"}) {
    i.themes = themes;
    rapidjson::Document d;
    d.Parse(item_json_object(i, Urgency{kNow, 14}).c_str());
    ASSERT_FALSE(d.HasParseError());
    ASSERT_TRUE(d["themes"].IsArray()) << themes;
    EXPECT_EQ(d["themes"].Size(), themes_of(i).size());
  }
  rapidjson::Document d;
  d.Parse(items_json_array({sample_item()}, Urgency{kNow, 14}).c_str());
  ASSERT_TRUE(d.IsArray());
  const auto& o = d[0];
  for (const char* key :
       {"id", "source", "published", "deadline", "score", "flagged", "grade", "themes", "status",
        "title", "link", "committee", "urgent", "why", "model_p", "assignee", "first_seen"})
    EXPECT_TRUE(o.HasMember(key)) << key;
  EXPECT_STREQ(o["status"].GetString(), "not-relevant");
  EXPECT_STREQ(o["link"].GetString(), "");  // only http(s) links
  EXPECT_TRUE(o["urgent"].GetBool());
  EXPECT_DOUBLE_EQ(o["model_p"].GetDouble(), 0.123);
  EXPECT_EQ(o["score"].GetInt(), 42);
  StoredItem unscored;
  d.Parse(item_json_object(unscored, {}).c_str());
  EXPECT_TRUE(d["score"].IsNull());
  EXPECT_TRUE(d["model_p"].IsNull());
}

// A catalogue of Tr messages seen as an array, to check every one.
template <class Catalogue>
std::span<const Tr> messages(const Catalogue& c) {
  static_assert(std::is_standard_layout_v<Catalogue> && sizeof(Catalogue) % sizeof(Tr) == 0,
                "a catalogue holds only Tr messages");
  return {reinterpret_cast<const Tr*>(&c), sizeof(Catalogue) / sizeof(Tr)};
}

template <class Catalogue>
void expect_both_languages(const Catalogue& c, const char* name) {
  const auto all = messages(c);
  EXPECT_GT(all.size(), 10u) << name;
  for (size_t k = 0; k < all.size(); ++k) {
    ASSERT_NE(all[k][Lang::kEn], nullptr) << name << " #" << k;
    ASSERT_NE(all[k][Lang::kSv], nullptr) << name << " #" << k;
    EXPECT_STRNE(all[k][Lang::kEn], "") << name << " #" << k;
    EXPECT_STRNE(all[k][Lang::kSv], "") << name << " #" << k;
  }
}

TEST(Translations, EveryMessageHasBothLanguages) {
  // (A message added without both texts does not compile: core/lang.h.)
  expect_both_languages(kReviewTexts, "review page");
  expect_both_languages(kDigestTexts, "digest");
  EXPECT_STREQ(kReviewTexts.inbox[Lang::kSv], "Inkorg");
  EXPECT_STREQ(kReviewTexts.inbox[Lang::kEn], "Inbox");
  EXPECT_STREQ(kDigestTexts.lang[Lang::kSv], "sv");
  EXPECT_STREQ(kReviewTexts.lang[Lang::kEn], "en");
}

}  // namespace
}  // namespace omvarld
