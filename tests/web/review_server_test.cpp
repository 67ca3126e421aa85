// The review page's handlers, through the running server on a loopback port:
// pages, the JSON API, decisions with and without the CSRF token, filters,
// escaping, security headers, authentication, limits.
#include "web/review_server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <pugixml.hpp>

#include "web/auth.h"
#include "web/review_fixture.h"

namespace omvarld {
namespace {

using ReviewServerTest = test::ReviewServerFixture;

TEST_F(ReviewServerTest, InboxUrgentFirstEscapedWithSecurityHeaders) {
  auto server = start();
  httplib::Client c(server->base_url());
  auto r = c.Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  const std::string& html = r->body;
  const size_t housing = html.find("European affordable housing plan");
  const size_t mobility = html.find("Urban mobility framework");
  ASSERT_NE(housing, std::string::npos) << html;
  ASSERT_NE(mobility, std::string::npos);
  EXPECT_LT(housing, mobility);                                      // 5 days left: urgent, first
  EXPECT_EQ(html.find("Fishing opportunities"), std::string::npos);  // not flagged
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; Urban mobility"), std::string::npos);
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(html.c_str(), pugi::parse_default | pugi::parse_doctype));
  // The only script is our own file; no inline script.
  for (auto s : doc.select_nodes("//script")) {
    EXPECT_STREQ(s.node().attribute("src").value(), "/static/app.js");
    EXPECT_STREQ(s.node().child_value(), "");
  }
  const std::string csp = r->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(csrf_of(r).size(), 96u);  // a nonce and its HMAC
  // Counts per theme and the filters.
  auto housing_only = c.Get("/?theme=housing");
  ASSERT_TRUE(housing_only);
  EXPECT_NE(housing_only->body.find("European affordable housing plan"), std::string::npos);
  EXPECT_EQ(housing_only->body.find("Urban mobility framework"), std::string::npos);
  auto text = c.Get("/?status=all&q=procurement");
  ASSERT_TRUE(text);
  EXPECT_NE(text->body.find("Public procurement directives"), std::string::npos);
  EXPECT_EQ(text->body.find("European affordable housing plan"), std::string::npos);
  auto sv = c.Get("/?lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_NE(sv->body.find("Inkorg"), std::string::npos);
  for (const char* path :
       {"/sources", "/benchmark", "/static/app.css", "/static/app.js", "/healthz"}) {
    auto p = c.Get(path);
    ASSERT_TRUE(p) << path;
    EXPECT_EQ(p->status, 200) << path;
  }
  EXPECT_EQ(c.Get("/items/999999")->status, 404);
}

TEST_F(ReviewServerTest, JsonApi) {
  auto server = start();
  httplib::Client c(server->base_url());
  auto r = c.Get("/api/items");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  rapidjson::Document d;
  d.Parse(r->body.c_str());
  ASSERT_FALSE(d.HasParseError()) << r->body;
  ASSERT_TRUE(d["items"].IsArray());
  ASSERT_GE(d["items"].Size(), 2u);
  for (const auto& it : d["items"].GetArray())
    for (const char* key : {"id", "title", "score", "status", "deadline"})
      EXPECT_TRUE(it.HasMember(key)) << key;
  EXPECT_STREQ(d["items"][0]["title"].GetString(), "European affordable housing plan");
  EXPECT_TRUE(d["items"][0]["urgent"].GetBool());
  const int64_t id = d["items"][1]["id"].GetInt64();
  auto one = c.Get(("/api/items/" + std::to_string(id)).c_str());
  ASSERT_TRUE(one);
  rapidjson::Document item;
  item.Parse(one->body.c_str());
  ASSERT_FALSE(item.HasParseError()) << one->body;
  EXPECT_TRUE(item["decisions"].IsArray());
  EXPECT_TRUE(item.HasMember("why"));
  EXPECT_EQ(c.Get("/api/items/999999")->status, 404);
}

TEST_F(ReviewServerTest, DecisionsNeedTheCsrfTokenAndGoToTheDatabase) {
  auto server = start();
  httplib::Client c(server->base_url());
  const int64_t id = id_of("affordable housing");
  ASSERT_GT(id, 0);
  const std::string path = "/items/" + std::to_string(id) + "/decision";
  httplib::Params form{
      {"status", "relevant"}, {"assignee", "Anna"}, {"note", "answer <b>via</b> Eurocities"}};
  // No token at all.
  auto none = c.Post(path.c_str(), form);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 403);
  // A cookie but a wrong token in the form.
  auto first = c.Get(("/items/" + std::to_string(id)).c_str());
  const std::string token = csrf_of(first);
  ASSERT_EQ(token.size(), 96u);
  httplib::Headers cookie{{"Cookie", "omvarld_csrf=" + token}};
  httplib::Params wrong = form;
  wrong.emplace("csrf", std::string(96, 'a'));
  EXPECT_EQ(c.Post(path.c_str(), cookie, wrong)->status, 403);
  {
    auto store = Store::open(db_);
    ItemStore items(store->db());
    EXPECT_EQ((*items.get(id))->review_status, ReviewStatus::kNew);  // nothing changed
  }
  // The right token.
  httplib::Params right = form;
  right.emplace("csrf", token);
  auto ok = c.Post(path.c_str(), cookie, right);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 303);
  EXPECT_EQ(ok->get_header_value("Location"), "/items/" + std::to_string(id) + "?saved=1");
  auto store = Store::open(db_);
  ItemStore items(store->db());
  auto after = *items.get(id);
  EXPECT_EQ(after->review_status, ReviewStatus::kRelevant);
  EXPECT_EQ(after->assignee, "Anna");
  EXPECT_EQ(after->note, "answer <b>via</b> Eurocities");
  auto history = *items.review_history(id);
  ASSERT_EQ(history.size(), 3u);  // status, assignee, note
  // The item page shows it, escaped, and the decision left the inbox.
  auto page = c.Get(("/items/" + std::to_string(id) + "?saved=1").c_str(), cookie);
  EXPECT_NE(page->body.find("answer &lt;b&gt;via&lt;/b&gt; Eurocities"), std::string::npos);
  EXPECT_EQ(c.Get("/")->body.find("European affordable housing plan"), std::string::npos);
  // A status that does not exist is refused and changes nothing.
  httplib::Params bad{{"status", "maybe"}, {"csrf", token}};
  EXPECT_EQ(c.Post(path.c_str(), cookie, bad)->status, 400);
  EXPECT_EQ((*items.get(id))->review_status, ReviewStatus::kRelevant);
}

TEST_F(ReviewServerTest, LimitsOnDecisionsAndBodies) {
  ReviewServerOptions o;
  o.decisions_per_minute = 2;
  auto server = start(o);
  httplib::Client c(server->base_url());
  const std::string token = csrf_of(c.Get("/"));
  httplib::Headers cookie{{"Cookie", "omvarld_csrf=" + token}};
  const std::string path = "/items/" + std::to_string(id_of("Urban mobility")) + "/decision";
  httplib::Params form{{"note", "n"}, {"csrf", token}};
  EXPECT_EQ(c.Post(path.c_str(), cookie, form)->status, 303);
  EXPECT_EQ(c.Post(path.c_str(), cookie, form)->status, 303);
  EXPECT_EQ(c.Post(path.c_str(), cookie, form)->status, 429);
  auto huge = c.Post(path.c_str(), cookie, std::string(200 * 1024, 'x'),
                     "application/x-www-form-urlencoded");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
}

TEST_F(ReviewServerTest, OffLoopbackNeedsAuthenticationAndUsersLogIn) {
  ReviewServerOptions open;
  open.host = "0.0.0.0";
  open.settings.db_path = db_;
  auto refused = ReviewServer::create(open, Log());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("would let anyone on the network decide"),
            std::string::npos);

  ASSERT_TRUE(set_user_password(dir_.file("users"), "anna", "correct horse").ok());
  ReviewServerOptions o;
  o.users_file = dir_.file("users");
  auto server = start(o);
  httplib::Client c(server->base_url());
  auto anonymous = c.Get("/");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_NE(anonymous->get_header_value("WWW-Authenticate").find("Basic"), std::string::npos);
  c.set_basic_auth("anna", "wrong");
  EXPECT_EQ(c.Get("/")->status, 401);
  c.set_basic_auth("anna", "correct horse");
  auto in = c.Get("/");
  ASSERT_TRUE(in);
  EXPECT_EQ(in->status, 200);
  EXPECT_NE(in->body.find("anna"), std::string::npos);  // who is deciding is shown
  // The users file holds salted hashes, never the password.
  EXPECT_EQ(test::read_file(dir_.file("users")).find("correct horse"), std::string::npos);
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.8.9.10"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_FALSE(is_loopback_host("10.0.0.1"));
  EXPECT_FALSE(is_loopback_host("0.0.0.0"));
}

}  // namespace
}  // namespace omvarld
