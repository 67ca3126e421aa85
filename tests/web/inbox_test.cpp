// The officers' inbox (issue #15), through the running server on a loopback
// port: decisions from the list (a row's buttons, the bulk action) with the
// CSRF token and a history per item, the next item after a decision on the
// item page, the default view of what needs a decision, the rows' facts in
// Stockholm time, search by words and by source id, the CSV export with the
// filters, /api/items pages, and the assignee suggestions.
// Eigen (through the store) before httplib: httplib pulls in <resolv.h>,
// whose `_res` macro breaks Eigen's headers.
#include "web/review_fixture.h"
// clang-format off
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>
// clang-format on

#include "core/civil_time.h"
#include "core/text.h"
#include "parse/csv_table.h"
#include "report/item_formats.h"
#include "web/review_pages.h"

namespace omvarld {
namespace {

class Inbox : public test::ReviewServerFixture {
 protected:
  void SetUp() override {
    test::ReviewServerFixture::SetUp();
    server_ = start();
    ASSERT_TRUE(server_);
    client_.emplace(server_->base_url());
    token_ = csrf_of(client_->Get("/"));
    ASSERT_EQ(token_.size(), 96u);
  }

  httplib::Headers cookie() const { return {{"Cookie", "omvarld_csrf=" + token_}}; }

  httplib::Result post(const char* path, httplib::Params form, bool with_token = true) {
    if (with_token) form.emplace("csrf", token_);
    return client_->Post(path, cookie(), form);
  }

  StoredItem item(int64_t id) {
    auto store = Store::open(db_);
    ItemStore items(store->db());
    return **items.get(id);
  }

  std::vector<ReviewChange> history(int64_t id) {
    auto store = Store::open(db_);
    ItemStore items(store->db());
    return *items.review_history(id);
  }

  // The ids the JSON API lists for `query`, in its order.
  std::vector<int64_t> listed(const std::string& query) {
    auto r = client_->Get(("/api/items?" + query).c_str());
    EXPECT_TRUE(r && r->status == 200);
    std::vector<int64_t> out;
    if (!r) return out;
    rapidjson::Document d;
    d.Parse(r->body.c_str());
    for (const auto& it : d["items"].GetArray()) out.push_back(it["id"].GetInt64());
    return out;
  }

  std::unique_ptr<ReviewServer> server_;
  std::optional<httplib::Client> client_;
  std::string token_;
};

TEST_F(Inbox, BulkDecisionNeedsTheTokenAndRecordsEachItemsHistory) {
  const int64_t housing = id_of("affordable housing"), mobility = id_of("Urban mobility");
  httplib::Params form{{"ids", std::to_string(housing)}, {"ids", std::to_string(mobility)},
                       {"status", "not-relevant"},       {"assignee", "Trafiknämnden"},
                       {"note", "not for the city"},     {"list", ""}};
  auto refused = post("/decisions", form, false);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  httplib::Params wrong = form;
  wrong.emplace("csrf", std::string(96, 'a'));
  EXPECT_EQ(client_->Post("/decisions", cookie(), wrong)->status, 403);
  EXPECT_EQ(item(housing).review_status, ReviewStatus::kNew);
  EXPECT_TRUE(history(housing).empty());

  auto ok = post("/decisions", form);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 303);
  EXPECT_EQ(ok->get_header_value("Location").rfind("/?decided=2", 0), 0u)
      << ok->get_header_value("Location");
  for (int64_t id : {housing, mobility}) {
    const StoredItem it = item(id);
    EXPECT_EQ(it.review_status, ReviewStatus::kNotRelevant);
    EXPECT_EQ(it.assignee, "Trafiknämnden");
    EXPECT_EQ(it.note, "not for the city");
    const auto h = history(id);
    ASSERT_EQ(h.size(), 3u) << id;  // status, assignee, note
    EXPECT_EQ(h[0].field, "status");
    EXPECT_EQ(h[0].old_value, "new");
    EXPECT_EQ(h[0].new_value, "not-relevant");
    EXPECT_FALSE(h[0].user.empty());
  }
  auto page = client_->Get(ok->get_header_value("Location").c_str());
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("Decided: 2."), std::string::npos);
  EXPECT_EQ(page->body.find("European affordable housing plan"), std::string::npos);  // decided
  // Ids also come comma-separated (an API client); an unknown one decides nothing.
  auto unknown =
      post("/decisions", {{"ids", std::to_string(housing) + ",999999"}, {"status", "relevant"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(item(housing).review_status, ReviewStatus::kNotRelevant);
  EXPECT_EQ(post("/decisions", {{"ids", "1"}, {"status", "maybe"}})->status, 400);
  EXPECT_EQ(post("/decisions", {{"ids", "x1"}, {"status", "later"}})->status, 400);
}

TEST_F(Inbox, BulkWithoutItemsOrChangeSaysSoOnTheInbox) {
  auto none = post("/decisions", {{"status", "relevant"}, {"list", "theme=housing"}});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 303);
  EXPECT_EQ(none->get_header_value("Location"), "/?theme=housing&error=none-chosen");
  auto shown = client_->Get(none->get_header_value("Location").c_str());
  EXPECT_NE(shown->body.find("No item was chosen"), std::string::npos);
  auto nothing = post("/decisions", {{"ids", std::to_string(id_of("affordable housing"))}});
  EXPECT_EQ(nothing->get_header_value("Location"), "/?error=nothing");
}

TEST_F(Inbox, RowButtonsDecideTheirRowWithItsAssigneeAndLeaveTheTickedOnesAlone) {
  const int64_t housing = id_of("affordable housing"), mobility = id_of("Urban mobility");
  const std::string row = std::to_string(housing);
  // The inbox renders the row's buttons and fields inside the one form.
  const std::string html = client_->Get("/")->body;
  EXPECT_NE(html.find("name=\"decide\" value=\"" + row + ":relevant\""), std::string::npos);
  EXPECT_NE(html.find("name=\"decide\" value=\"" + row + ":not-relevant\""), std::string::npos);
  EXPECT_NE(html.find("name=\"decide\" value=\"" + row + ":later\""), std::string::npos);
  EXPECT_NE(html.find("name=\"assignee-" + row + "\""), std::string::npos);
  EXPECT_NE(html.find("name=\"ids\" value=\"" + row + "\""), std::string::npos);
  EXPECT_NE(html.find("<form method=\"post\" action=\"/decisions\""), std::string::npos);

  auto r = post("/decisions", {{"decide", row + ":later"},
                               {"assignee-" + row, "Anna Berg (Trafiknämnden)"},
                               {"ids", std::to_string(mobility)},
                               {"status", "relevant"},
                               {"list", ""}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  // Back to the list, at the row that was after it.
  EXPECT_EQ(r->get_header_value("Location"), "/?decided=1#item-" + std::to_string(mobility));
  EXPECT_EQ(item(housing).review_status, ReviewStatus::kLater);
  EXPECT_EQ(item(housing).assignee, "Anna Berg (Trafiknämnden)");
  EXPECT_EQ(item(mobility).review_status, ReviewStatus::kNew);  // only ticked, not decided
  // "Later" leaves the default view and waits under its own status.
  EXPECT_EQ(client_->Get("/")->body.find("European affordable housing plan"), std::string::npos);
  EXPECT_NE(client_->Get("/?status=later")->body.find("European affordable housing plan"),
            std::string::npos);
  // Assign only: the status stays.
  ASSERT_EQ(post("/decisions", {{"decide", std::to_string(mobility) + ":"},
                                {"assignee-" + std::to_string(mobility), "Kommunstyrelsen"}})
                ->status,
            303);
  EXPECT_EQ(item(mobility).review_status, ReviewStatus::kNew);
  EXPECT_EQ(item(mobility).assignee, "Kommunstyrelsen");
  EXPECT_EQ(history(mobility).size(), 1u);
}

TEST_F(Inbox, DecidingOnTheItemPageGoesToTheNextItemOfTheSameList) {
  const std::vector<int64_t> list = listed("status=all&phase=all");
  ASSERT_GE(list.size(), 3u);
  // The item page keeps the list it came from: its back link and its form.
  auto page = client_->Get(("/items/" + std::to_string(list[0]) + "?status=all&phase=all").c_str());
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("href=\"/?status=all&amp;phase=all\""), std::string::npos);
  EXPECT_NE(page->body.find("name=\"list\" value=\"status=all&amp;phase=all\""), std::string::npos);
  const std::string path = "/items/" + std::to_string(list[0]) + "/decision";
  auto r = post(path.c_str(), {{"status", "relevant"}, {"list", "status=all&phase=all"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"),
            "/items/" + std::to_string(list[1]) + "?status=all&phase=all&saved=next");
  auto next = client_->Get(r->get_header_value("Location").c_str());
  EXPECT_NE(next->body.find("This is the next item of your list."), std::string::npos);
  EXPECT_EQ(item(list[0]).review_status, ReviewStatus::kRelevant);
  // The last item of a list: back to the list, saying so.
  const std::string last = "/items/" + std::to_string(list.back()) + "/decision";
  auto end = post(last.c_str(), {{"status", "relevant"}, {"list", "status=all&phase=all"}});
  EXPECT_EQ(end->get_header_value("Location"), "/?status=all&phase=all&saved=last");
  EXPECT_NE(client_->Get("/?saved=last")->body.find("That was the last item"), std::string::npos);
  // The default list (opened from the inbox without filters): its next item.
  const std::vector<int64_t> open = listed("");
  ASSERT_GE(open.size(), 1u);
  const std::string first = "/items/" + std::to_string(open[0]) + "/decision";
  auto d = post(first.c_str(), {{"status", "later"}, {"list", ""}});
  EXPECT_EQ(d->get_header_value("Location"),
            open.size() > 1 ? "/items/" + std::to_string(open[1]) + "?saved=next"
                            : std::string("/?saved=last"));
  // Without a list (an older form, a script): the item again, as before.
  auto plain = post(first.c_str(), {{"note", "n"}});
  EXPECT_EQ(plain->get_header_value("Location"), "/items/" + std::to_string(open[0]) + "?saved=1");
}

TEST_F(Inbox, DefaultViewIsWhatNeedsADecisionClosedBehindAFilter) {
  const int64_t closed = id_of("Public procurement");
  ASSERT_GT(closed, 0);
  auto in = [&](const std::string& query) {
    const std::vector<int64_t> ids = listed(query);
    return std::find(ids.begin(), ids.end(), closed) != ids.end();
  };
  EXPECT_FALSE(in(""));
  EXPECT_FALSE(in("status=all"));  // every review status, still only open and upcoming
  EXPECT_TRUE(in("status=all&phase=closed"));
  EXPECT_EQ(listed("status=all&phase=closed"), std::vector<int64_t>{closed});
  EXPECT_TRUE(in("status=all&phase=all"));
  EXPECT_EQ(listed("status=all&phase=all").back(), closed);  // open ones first
  EXPECT_TRUE(in("status=all&q=procurement"));               // a search looks in closed items too
  auto html = client_->Get("/?status=all&phase=closed")->body;
  EXPECT_NE(html.find("<option value=\"closed\" selected=\"selected\">closed</option>"),
            std::string::npos);
  // Counts per theme and per committee stay.
  auto home = client_->Get("/")->body;
  EXPECT_NE(home.find("Per theme"), std::string::npos);
  EXPECT_NE(home.find("Per committee"), std::string::npos);
}

TEST_F(Inbox, RowsLinkTheOriginalAndGiveKindDeadlineAndDaysLeftInStockholmTime) {
  // A public consultation and a funding call as the sources spell them.
  {
    auto store = Store::open(db_);
    ItemStore items(store->db());
    ASSERT_TRUE(items.upsert_source({"f-and-t", "sedia", "https://example.org", "F&T"}).ok());
    auto run = store->begin_run("harvest", "test", *parse_utc_time("2026-01-01T00:00:00Z"));
    FeedItem consult, call;
    consult.guid = "15001";
    consult.title = "Consultation on urban air";
    consult.kind = "REG_DEL / OPC_LAUNCHED";
    consult.link =
        "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/15001";
    consult.deadline = SystemClock().now_unix() + 3 * 86400;
    call.guid = "HORIZON-MISS-2026-CIT-01";
    call.title = "Climate-neutral cities call";
    call.kind = "call for proposals";
    call.deadline = SystemClock().now_unix() + 40 * 86400;
    call.link = "javascript:alert(1)";  // not a link the page makes
    ASSERT_TRUE(items.write_items(*run, "f-and-t", {consult, call}, "2026-01-01T00:00:00Z").ok());
  }
  const std::string html = client_->Get("/?status=all&source=f-and-t")->body;
  EXPECT_NE(html.find("<span class=\"kind\">public consultation</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"kind\">funding call</span>"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://ec.europa.eu/info/law/better-regulation/have-your-say/"
                      "initiatives/15001\" class=\"original\""),
            std::string::npos);
  EXPECT_EQ(html.find("javascript:alert"), std::string::npos);
  EXPECT_NE(html.find("HORIZON-MISS-2026-CIT-01"), std::string::npos);  // the source's id
  // The deadline's date and days left as Stockholm's calendar counts them.
  const int64_t now = SystemClock().now_unix();
  auto store = Store::open(db_);
  ItemStore items(store->db());
  auto consult = *items.find("15001");
  const int64_t deadline = *deadline_of(*consult);
  const std::string expected = format_stockholm_date(deadline) + "</time> (" +
                               std::to_string(stockholm_days_between(now, deadline)) +
                               " days left)";
  EXPECT_NE(html.find(expected), std::string::npos) << expected;
  EXPECT_NE(html.find("Stockholm time"), std::string::npos);
  // The Swedish page says it in Swedish.
  const std::string sv = client_->Get("/?status=all&source=f-and-t&lang=sv")->body;
  EXPECT_NE(sv.find("offentligt samråd"), std::string::npos);
  EXPECT_NE(sv.find("utlysning"), std::string::npos);
  // What the decisions mean is on the page.
  EXPECT_NE(html.find("What the decisions mean"), std::string::npos);
  EXPECT_NE(html.find("it may concern the city, but it will not be acted on"), std::string::npos);
}

TEST_F(Inbox, SearchByWordsInAnyOrderAndBySourceId) {
  auto titles = [&](const std::string& q) { return client_->Get(("/?" + q).c_str())->body; };
  const std::string words = titles("q=plan+housing");  // the title's words, reversed
  EXPECT_NE(words.find("European affordable housing plan"), std::string::npos);
  EXPECT_EQ(words.find("Urban mobility framework"), std::string::npos);
  EXPECT_NE(titles("q=plans+europe").find("European affordable housing plan"), std::string::npos);
  const std::string by_id = titles("status=all&q=9002");  // a Have your say number
  EXPECT_NE(by_id.find("Urban mobility framework"), std::string::npos);
  EXPECT_EQ(by_id.find("European affordable housing plan"), std::string::npos);
  EXPECT_EQ(titles("status=all&q=900").find("Urban mobility framework"), std::string::npos);
  // FTS5 syntax in the box is only text.
  for (const char* odd :
       {"q=%22", "q=NEAR(housing", "q=housing+OR", "q=*", "q=-x", "q=%E2%80%94"}) {
    auto r = client_->Get((std::string("/?") + odd).c_str());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << odd;
  }
}

TEST_F(Inbox, CsvExportHasTheFlagsColumnsAndTheFilters) {
  auto all = client_->Get("/items.csv?status=all&phase=all");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->status, 200);
  EXPECT_EQ(all->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(all->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  auto table = parse_csv(all->body, "items.csv");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(all->body.substr(0, all->body.find('\n')), item_csv_header());
  EXPECT_EQ(table->rows.size(), 4u);  // every item, every phase
  auto housing = client_->Get("/items.csv?theme=housing");
  auto one = parse_csv(housing->body, "items.csv");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->rows.size(), 1u);
  EXPECT_EQ(one->rows[0][*one->column("title")].text, "European affordable housing plan");
  // The inbox links its own list's export.
  EXPECT_NE(client_->Get("/?theme=housing")->body.find("href=\"/items.csv?theme=housing\""),
            std::string::npos);
  EXPECT_EQ(client_->Get("/items.csv?status=maybe")->status, 400);
}

TEST_F(Inbox, ApiItemsPagesWithATotal) {
  auto get = [&](const std::string& q) {
    rapidjson::Document d;
    auto r = client_->Get(("/api/items?" + q).c_str());
    d.Parse(r->body.c_str());
    return d;
  };
  auto p1 = get("status=all&phase=all&per_page=3&page=1");
  ASSERT_TRUE(p1.IsObject());
  EXPECT_EQ(p1["total"].GetInt64(), 4);
  EXPECT_EQ(p1["items"].Size(), 3u);
  EXPECT_EQ(p1["page"].GetInt64(), 1);
  EXPECT_EQ(p1["per_page"].GetInt64(), 3);
  EXPECT_EQ(p1["pages"].GetInt64(), 2);
  auto p2 = get("status=all&phase=all&per_page=3&page=2");
  ASSERT_EQ(p2["items"].Size(), 1u);
  EXPECT_EQ(p2["offset"].GetInt64(), 3);
  for (const auto& a : p1["items"].GetArray())
    EXPECT_NE(a["id"].GetInt64(), p2["items"][0]["id"].GetInt64());
  EXPECT_EQ(get("status=all&phase=all&per_page=3&page=3")["items"].Size(), 0u);
  EXPECT_EQ(get("status=all&phase=all&per_page=5000")["per_page"].GetInt64(), 100);  // too many
}

TEST_F(Inbox, AssigneesAreOfferedFromPeopleTomlAndFreeTextStays) {
  const std::string html = client_->Get("/")->body;
  EXPECT_NE(html.find("<datalist id=\"people\">"), std::string::npos);
  EXPECT_NE(html.find("<option value=\"Trafiknämnden\"></option>"), std::string::npos);
  EXPECT_NE(html.find("list=\"people\""), std::string::npos);
  const int64_t id = id_of("affordable housing");
  const std::string item_html = client_->Get(("/items/" + std::to_string(id)).c_str())->body;
  EXPECT_NE(item_html.find("<datalist id=\"people\">"), std::string::npos);
  const std::string path = "/items/" + std::to_string(id) + "/decision";
  ASSERT_EQ(post(path.c_str(), {{"assignee", "Någon helt annan"}})->status, 303);
  EXPECT_EQ(item(id).assignee, "Någon helt annan");
}

TEST_F(Inbox, KeysComeFromTheServedScriptUnderTheCsp) {
  const std::string html = client_->Get("/")->body;
  EXPECT_NE(html.find("<script src=\"/static/app.js\""), std::string::npos);
  EXPECT_NE(html.find("id=\"keys\""), std::string::npos);
  EXPECT_NE(html.find("data-key=\"r\""), std::string::npos);
  const std::string js = client_->Get("/static/app.js")->body;
  for (const char* key : {"'j'", "'k'", "'o'", "'r'", "'n'", "'l'", "'?'"})
    EXPECT_NE(js.find(key), std::string::npos) << key;
  EXPECT_EQ(js.find("eval("), std::string::npos);
}

}  // namespace
}  // namespace omvarld
