// What the lifecycle sources send instead of data: the recorded challenge,
// redirect and error pages each give one clear Error naming the source, and
// real documents pass.
#include "parse/lifecycle_pages.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace omvarld {
namespace {

const std::string kEurLex = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52021PC0206";

TEST(LifecyclePages, RecordedAwsWafChallengeIsABotChallenge) {
  REQUIRE_SHARED_FIXTURE(path, "lifecycle/cyan_eurlex_aws_waf_challenge.html");
  for (int status : {200, 202, 405}) {
    Status s = check_lifecycle_body(test::read_file(path), "text/html", status, kEurLex);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::kSource);
    EXPECT_EQ(s.error().http_status, status);
    EXPECT_EQ(s.error().message,
              "EUR-Lex (" + kEurLex +
                  "): a bot challenge page (AWS WAF) instead of the document; try again later "
                  "or from a browser");
    EXPECT_FALSE(s.error().hint.empty());
  }
}

TEST(LifecyclePages, RecordedNginx307PageSavedAsXml) {
  REQUIRE_SHARED_FIXTURE(path, "lifecycle/pm_oeil-rss_307.xml");
  const std::string url = "https://oeil.secure.europarl.europa.eu/oeil/en/search/export/rss";
  for (int status : {200, 307}) {
    Status s = check_lifecycle_body(test::read_file(path), "", status, url);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::kHttp);
    EXPECT_EQ(s.error().http_status, 307);
    EXPECT_EQ(s.error().message, "the Legislative Observatory (" + url +
                                     "): a redirect page (307 Temporary Redirect) instead of "
                                     "the document; the address may have moved");
  }
}

TEST(LifecyclePages, RecordedApache302PageNamesItsTarget) {
  REQUIRE_SHARED_FIXTURE(path, "lifecycle/pm_eurlex_302.html");
  Status s = check_lifecycle_body(test::read_file(path), "text/html", 200,
                                  "https://eur-lex.europa.eu/quick-search.html");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kHttp);
  EXPECT_EQ(s.error().http_status, 302);
  EXPECT_NE(s.error().message.find("EUR-Lex (https://eur-lex.europa.eu/quick-search.html): a "
                                   "redirect page (302 Moved Temporarily) pointing to "
                                   "http://eur-lex.europa.eu/eurlex-frontoffice/search.html?"
                                   "DTS_SUBDOM=EU_CASE_LAW&text=surrogacy&lang=en"),
            std::string::npos)
      << s.error().message;
}

TEST(LifecyclePages, RecordedOeil400JsonError) {
  REQUIRE_SHARED_FIXTURE(path, "lifecycle/pm_oeil-follow_400.txt");
  const std::string url = "https://oeil.secure.europarl.europa.eu/oeil/en/search/export/rss";
  for (int status : {200, 400}) {
    for (auto check : {check_lifecycle_body, check_lifecycle_json}) {
      Status s = check(test::read_file(path), "application/json", status, url);
      ASSERT_FALSE(s.ok());
      EXPECT_EQ(s.error().kind, ErrorKind::kHttp);
      EXPECT_EQ(s.error().http_status, 400);
      EXPECT_EQ(s.error().message,
                "the Legislative Observatory (" + url +
                    "): an error answer, HTTP 400 Bad Request: An unexpected error occurred. "
                    "(path /oeil/en/search/export/rss)");
    }
  }
}

TEST(LifecyclePages, RecordedDocumentsPass) {
  for (const char* rel :
       {"lifecycle/pm_hys-detail.json", "lifecycle/htv_odp-procedure_2016-0132.json",
        "lifecycle/htv_oeil-procedure-file_2024-0258-cod.html",
        "lifecycle/htv_eurlex-procedure_2021-106.html", "lifecycle/pm_ep-proc-detail.json"}) {
    REQUIRE_SHARED_FIXTURE(path, rel);
    EXPECT_TRUE(check_lifecycle_body(test::read_file(path), "", 200, path).ok()) << rel;
  }
  REQUIRE_SHARED_FIXTURE(json, "lifecycle/pm_hys-detail.json");
  EXPECT_TRUE(check_lifecycle_json(test::read_file(json), "application/json", 200, json).ok());
}

TEST(LifecyclePages, HtmlWhereJsonWasExpected) {
  const std::string url = "https://data.europarl.europa.eu/api/v2/procedures/2024-0258";
  Status s = check_lifecycle_json(
      "<!DOCTYPE html><html><head><title>Service unavailable</title></head><body></body></html>",
      "", 200, url);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kParse);
  EXPECT_EQ(s.error().message, "the EP open data API (" + url +
                                   "): an HTML page (title \"Service unavailable\") where JSON "
                                   "was expected");
  // Markup without a doctype, and a JSON-looking body declared as HTML.
  EXPECT_FALSE(check_lifecycle_json("  <div>oops</div>", "", 200, url).ok());
  EXPECT_FALSE(check_lifecycle_json("{}", "text/html; charset=utf-8", 200, url).ok());
  EXPECT_TRUE(check_lifecycle_json("{\"data\":[]}", "application/ld+json", 200, url).ok());
  // The same HTML is a fine body where HTML is expected.
  EXPECT_TRUE(
      check_lifecycle_body("<html><head><title>2024/0258(COD)</title></head></html>", "", 200, url)
          .ok());
}

TEST(LifecyclePages, StatusesAndEmptyBodies) {
  const std::string url =
      "https://ec.europa.eu/info/law/better-regulation/brpapi/groupInitiatives/1";
  Status e = check_lifecycle_body("  \r\n", "", 200, url);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::kParse);
  EXPECT_EQ(e.error().message,
            "Have your say (" + url + "): an empty answer (HTTP 200) instead of the document");
  Status nf =
      check_lifecycle_body("<html><head><title>Not Found</title></head></html>", "", 404, url);
  ASSERT_FALSE(nf.ok());
  EXPECT_EQ(nf.error().kind, ErrorKind::kHttp);
  EXPECT_EQ(nf.error().http_status, 404);
  EXPECT_NE(nf.error().message.find("HTTP 404, title \"Not Found\""), std::string::npos);
  Status forbidden = check_lifecycle_body(
      "<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>",
      "", 200, url);
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().kind, ErrorKind::kHttp);
  EXPECT_EQ(forbidden.error().http_status, 403);
  EXPECT_EQ(forbidden.error().message,
            "Have your say (" + url + "): an error page (403 Forbidden) instead of the document");
  // A title that starts with a year is no status page.
  EXPECT_TRUE(
      check_lifecycle_body("<html><head><title>2024 report</title></head></html>", "", 200, url)
          .ok());
  Status redirect = check_lifecycle_body("moved", "text/plain", 301, url);
  ASSERT_FALSE(redirect.ok());
  EXPECT_EQ(redirect.error().http_status, 301);
  // A data body that mentions "status" and "error" is not an error answer.
  EXPECT_TRUE(check_lifecycle_json(
                  R"({"data":[{"status":400,"error":"x"}],"status":400,"error":"y"})", "", 200, url)
                  .ok());
  EXPECT_EQ(lifecycle_source_name("file.json"), "file.json");
}

}  // namespace
}  // namespace omvarld
