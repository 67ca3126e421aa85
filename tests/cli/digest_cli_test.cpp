// `omvarld report flags` for each committee's watch, the real binary end to
// end: items harvested from a loopback feed, digests written per committee
// and mailed per subscriber through a loopback SMTP server the test starts
// (tests/support/smtp_server.h): the right subscriber gets the right items,
// text and HTML parts and links; a refused or dropped recipient is an error
// naming the address, the others are still sent, and the next run retries it.
#include <gtest/gtest.h>

#include <algorithm>

#include "net/mail_curl.h"
#include "report/subscriber_digests.h"
#include "support/markup_text.h"
#include "support/smtp_server.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using test::run_omvarld;
using test::SmtpServer;

// Three items, each flagged for one committee's theme (and urban_cohesion,
// Kommunstyrelsen's, for all three): transport, housing, education.
const char* kFeed =
    "<rss version=\"2.0\"><channel><title>EUR-Lex</title>"
    "<item><title>Urban mobility: public transport in cities</title>"
    "<link>https://eur-lex.europa.eu/t1</link><guid>T-1</guid>"
    "<description>Public transport and urban mobility in municipalities</description></item>"
    "<item><title>Affordable housing: social housing and rent in cities</title>"
    "<link>https://eur-lex.europa.eu/h1</link><guid>H-1</guid>"
    "<description>Affordable housing, tenants and rents in municipalities</description></item>"
    "<item><title>Schools: early childhood education and care in municipalities</title>"
    "<link>https://eur-lex.europa.eu/e1</link><guid>E-1</guid>"
    "<description>Education and schools run by municipalities</description></item>"
    "</channel></rss>";

const char* kSubscriptions = R"(
[[subscriber]]
name = "Trafiknämnden"
to = ["trafik@stockholm.example", "anna@stockholm.example"]

[[subscriber]]
name = "Utbildningsnämnden"
lang = "en"
grades = ["flag"]
to = ["utbildning@stockholm.example"]

[[subscriber]]
name = "Housing desk"
themes = ["housing"]
to = ["bostad@stockholm.example"]

[[subscriber]]
name = "Kulturnämnden"
)";

struct Watch {
  test::TempDir dir;
  test::LoopbackHttpServer feed;
  std::string db, subs;
  Watch() {
    feed.server.Get("/feed", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kFeed, "application/rss+xml");
    });
    db = dir.file("omvarld.db");
    subs = dir.file("subscriptions.toml");
    test::write_file(subs, kSubscriptions);
  }
  test::RunResult harvest() {
    return run_omvarld({"harvest", "--db", db, "--feed", feed.url("/feed"), "--kind", "rss"});
  }
  test::RunResult mail(const SmtpServer& smtp, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"report",
                                     "flags",
                                     "--db",
                                     db,
                                     "--subscriptions",
                                     subs,
                                     "--smtp",
                                     smtp.url(),
                                     "--mail-from",
                                     "omvarld@stockholm.example",
                                     "--review-url",
                                     "https://omvarld.stockholm.example"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_omvarld(args);
  }
};

const SmtpServer::Message* to(const std::vector<SmtpServer::Message>& got,
                              const std::string& address) {
  for (const auto& m : got)
    if (m.to == std::vector<std::string>{address}) return &m;
  return nullptr;
}

std::string subject(const SmtpServer::Message& m) {
  return test::decode_header_words(test::mail_header(m.data, "Subject"));
}

TEST(DigestCli, EachSubscriberGetsItsOwnItemsInTextAndHtml) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  SmtpServer smtp;
  auto r = w.mail(smtp);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("4 sent, 0 with nothing new, 0 failed"), std::string::npos) << r.out;
  // Kulturnämnden has no addresses: said, not mailed.
  EXPECT_NE(r.err.find("Kulturnämnden"), std::string::npos) << r.err;
  const auto got = smtp.messages();
  ASSERT_EQ(got.size(), 4u);
  for (const char* a : {"trafik@stockholm.example", "anna@stockholm.example"}) {
    const auto* m = to(got, a);
    ASSERT_TRUE(m) << a;
    EXPECT_EQ(m->from, "omvarld@stockholm.example");
    EXPECT_EQ(subject(*m).rfind("EU-bevakning Trafiknämnden ", 0), 0u) << subject(*m);
    EXPECT_NE(subject(*m).find(": 1 nytt ärende"), std::string::npos) << subject(*m);
    const std::string text = test::mime_part(m->data, "text/plain");
    const std::string html = test::mime_part(m->data, "text/html");
    EXPECT_NE(text.find("Urban mobility: public transport in cities"), std::string::npos) << text;
    EXPECT_NE(html.find("Urban mobility: public transport in cities"), std::string::npos);
    for (const std::string& part : {text, html}) {
      EXPECT_EQ(part.find("Affordable housing"), std::string::npos);
      EXPECT_EQ(part.find("Schools"), std::string::npos);
    }
    EXPECT_NE(text.find("  - Granskning: <https://omvarld.stockholm.example/items/1>"),
              std::string::npos)
        << text;
    EXPECT_NE(html.find("href=\"https://omvarld.stockholm.example/items/1\""), std::string::npos);
    EXPECT_NE(html.find("href=\"https://eur-lex.europa.eu/t1\""), std::string::npos);
    EXPECT_NE(html.find(" lang=\"sv\""), std::string::npos);
  }
  const auto* edu = to(got, "utbildning@stockholm.example");
  ASSERT_TRUE(edu);
  EXPECT_NE(subject(*edu).find("EU watch Utbildningsnämnden "), std::string::npos);
  EXPECT_NE(subject(*edu).find(": 1 new item"), std::string::npos) << subject(*edu);
  EXPECT_NE(test::mime_part(edu->data, "text/plain").find("Schools: early childhood"),
            std::string::npos);
  EXPECT_NE(test::mime_part(edu->data, "text/plain").find("  - Status: new"), std::string::npos);
  const auto* housing = to(got, "bostad@stockholm.example");
  ASSERT_TRUE(housing);
  const std::string htext = test::mime_part(housing->data, "text/plain");
  EXPECT_NE(htext.find("Affordable housing"), std::string::npos);
  EXPECT_EQ(htext.find("Urban mobility"), std::string::npos);

  // The next run: nothing new for anyone, so no mail.
  SmtpServer quiet;
  auto again = w.mail(quiet);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 sent, 4 with nothing new, 0 failed"), std::string::npos) << again.out;
  EXPECT_TRUE(quiet.messages().empty());
  // Unless asked: "nothing new" in the subject.
  auto empty = w.mail(quiet, {"--send-empty"});
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  ASSERT_EQ(quiet.messages().size(), 4u);
  const auto sent = quiet.messages();
  const auto* t = to(sent, "trafik@stockholm.example");
  ASSERT_TRUE(t);
  EXPECT_NE(subject(*t).find(": inget nytt"), std::string::npos) << subject(*t);
}

TEST(DigestCli, ARefusedRecipientIsNamedTheOthersAreSentAndItIsRetried) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  {
    SmtpServer refusing(SmtpServer::Behaviour::refusing({"trafik@stockholm.example"}));
    auto r = w.mail(refusing);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("3 sent, 0 with nothing new, 1 failed"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("the digest for Trafiknämnden to trafik@stockholm.example was not sent"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("550"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("tried again at the next run"), std::string::npos) << r.err;
    const auto got = refusing.messages();
    EXPECT_EQ(got.size(), 3u);
    EXPECT_FALSE(to(got, "trafik@stockholm.example"));
    EXPECT_TRUE(to(got, "anna@stockholm.example"));  // the same subscriber's other address
    EXPECT_TRUE(to(got, "bostad@stockholm.example"));
  }
  // The next run sends only what failed, with the items it missed.
  SmtpServer fine;
  auto retry = w.mail(fine);
  ASSERT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_NE(retry.out.find("1 sent, 3 with nothing new, 0 failed"), std::string::npos) << retry.out;
  ASSERT_EQ(fine.messages().size(), 1u);
  const auto sent = fine.messages();
  const auto* t = to(sent, "trafik@stockholm.example");
  ASSERT_TRUE(t);
  EXPECT_NE(test::mime_part(t->data, "text/plain").find("Urban mobility"), std::string::npos);
}

TEST(DigestCli, ADroppedConnectionIsNamedAndTheOthersAreStillSent) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  SmtpServer dropping(SmtpServer::Behaviour::dropping({"anna@stockholm.example"}));
  auto r = w.mail(dropping);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("to anna@stockholm.example was not sent"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mail to anna@stockholm.example via " + dropping.url()), std::string::npos)
      << r.err;
  EXPECT_EQ(dropping.messages().size(), 3u);
  EXPECT_TRUE(to(dropping.messages(), "utbildning@stockholm.example"));  // after the drop
}

TEST(DigestCli, MailToSendsOneDigestToTheAddressesGiven) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  SmtpServer smtp;
  auto all = run_omvarld({"report", "flags", "--db", w.db, "--smtp", smtp.url(), "--mail-from",
                          "omvarld@stockholm.example", "--mail-to",
                          "a@stockholm.example,b@stockholm.example", "--lang", "en"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  ASSERT_EQ(smtp.messages().size(), 2u);
  const std::string text = test::mime_part(smtp.messages()[0].data, "text/plain");
  for (const char* title : {"Urban mobility", "Affordable housing", "Schools"})
    EXPECT_NE(text.find(title), std::string::npos) << title;
  EXPECT_EQ(subject(smtp.messages()[0]).rfind("EU watch 20", 0), 0u);
  // With --committee: that committee's digest to the addresses given.
  auto one = run_omvarld({"report", "flags", "--db", w.db, "--smtp", smtp.url(), "--mail-from",
                          "omvarld@stockholm.example", "--mail-to", "c@stockholm.example",
                          "--committee", "Trafiknämnden"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(smtp.messages().size(), 3u);
  const std::string mine = test::mime_part(smtp.messages()[2].data, "text/plain");
  EXPECT_NE(mine.find("Urban mobility"), std::string::npos);
  EXPECT_EQ(mine.find("Schools"), std::string::npos);
}

TEST(DigestCli, CommitteeWritesItsOwnDigest) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  // A committee of relevance.toml, without any subscriptions file.
  auto r = run_omvarld({"report", "flags", "--db", w.db, "--committee", "Utbildningsnämnden",
                        "--markdown", "--out", w.dir.file("edu.html"), "--review-url",
                        "https://omvarld.stockholm.example/"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(w.dir.file("edu.md")), std::string::npos);
  const std::string html = test::read_file(w.dir.file("edu.html"));
  const std::string md = test::read_file(w.dir.file("edu.md"));
  EXPECT_NE(md.find("# EU-samråd och utlysningar för Utbildningsnämnden"), std::string::npos);
  EXPECT_NE(md.find("Schools: early childhood"), std::string::npos);
  EXPECT_EQ(md.find("Urban mobility"), std::string::npos);
  EXPECT_NE(md.find("  - Status: nytt"), std::string::npos) << md;
  EXPECT_NE(html.find("href=\"https://omvarld.stockholm.example/items/3\""), std::string::npos);
  // Its own memory of what is new, apart from the whole digest's.
  auto again = run_omvarld({"report", "flags", "--db", w.db, "--committee", "Utbildningsnämnden",
                            "--out", w.dir.file("edu2.html")});
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_NE(test::read_file(w.dir.file("edu2.html")).find("0 nya sedan"), std::string::npos);
  auto whole = run_omvarld({"report", "flags", "--db", w.db, "--out", w.dir.file("all.html")});
  ASSERT_EQ(whole.exit_code, 0);
  EXPECT_NE(test::read_file(w.dir.file("all.html")).find("3 nya sedan"), std::string::npos);
  // A subscriber of the file by its name (its themes).
  auto desk = run_omvarld({"report", "flags", "--db", w.db, "--subscriptions", w.subs,
                           "--committee", "Housing desk", "--out", w.dir.file("desk.html")});
  ASSERT_EQ(desk.exit_code, 0) << desk.err;
  EXPECT_NE(test::read_file(w.dir.file("desk.html")).find("Affordable housing"), std::string::npos);
}

TEST(DigestCli, OptionsThatNeedEachOtherSaySo) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  auto no_smtp = run_omvarld({"report", "flags", "--db", w.db, "--mail-to", "a@stockholm.example"});
  EXPECT_EQ(no_smtp.exit_code, 2);
  EXPECT_NE(no_smtp.err.find("give --smtp URL"), std::string::npos) << no_smtp.err;
  auto no_from = run_omvarld({"report", "flags", "--db", w.db, "--smtp", "smtp://127.0.0.1:1",
                              "--mail-to", "a@stockholm.example"});
  EXPECT_EQ(no_from.exit_code, 2);
  EXPECT_NE(no_from.err.find("--mail-from"), std::string::npos) << no_from.err;
  auto bad_to = run_omvarld({"report", "flags", "--db", w.db, "--smtp", "smtp://127.0.0.1:1",
                             "--mail-from", "o@stockholm.example", "--mail-to", "Anna"});
  EXPECT_EQ(bad_to.exit_code, 2);
  EXPECT_NE(bad_to.err.find("\"Anna\" is not a mail address"), std::string::npos) << bad_to.err;
  auto unknown = run_omvarld({"report", "flags", "--db", w.db, "--subscriptions", w.subs,
                              "--committee", "Trafiknamnden", "--out", w.dir.file("x.html")});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no subscriber named \"Trafiknamnden\""), std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("Trafiknämnden"), std::string::npos) << "the names there are";
  test::write_file(w.dir.file("bad.toml"), "[[subscriber]]\nname = \"A\"\nlang = \"fi\"\n");
  auto bad_file =
      run_omvarld({"report", "flags", "--db", w.db, "--subscriptions", w.dir.file("bad.toml"),
                   "--smtp", "smtp://127.0.0.1:1", "--mail-from", "o@stockholm.example"});
  EXPECT_EQ(bad_file.exit_code, 2);
  EXPECT_NE(bad_file.err.find(w.dir.file("bad.toml") + " line 3"), std::string::npos)
      << bad_file.err;
  auto review = run_omvarld({"report", "flags", "--db", w.db, "--review-url", "ftp://x/"});
  EXPECT_EQ(review.exit_code, 2);
}

TEST(DigestCli, CredentialsComeFromAFileAndNeverCrossWithoutTls) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  test::write_file(w.dir.file("smtp-credentials"), "omvarld:secret\n");
  SmtpServer smtp(SmtpServer::Behaviour::with_auth());
  auto r = w.mail(smtp, {"--smtp-credentials", w.dir.file("smtp-credentials")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no STARTTLS"), std::string::npos) << r.err;
  EXPECT_TRUE(smtp.auths().empty());
  EXPECT_TRUE(smtp.messages().empty());
  auto allowed =
      w.mail(smtp, {"--smtp-credentials", w.dir.file("smtp-credentials"), "--smtp-insecure-auth"});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(smtp.messages().size(), 4u);
  ASSERT_FALSE(smtp.auths().empty());  // once per connection, which curl keeps for the next mail
  EXPECT_EQ(smtp.auths()[0].rfind("PLAIN ", 0), 0u);
  EXPECT_EQ(r.err.find("secret"), std::string::npos) << "the password in a log line";
}

TEST(DigestCli, SmtpCaTrustsTheCitysOwnAuthorityAndNothingElse) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  test::write_file(w.dir.file("smtp-credentials"), "omvarld:secret\n");
  SmtpServer smtp(SmtpServer::Behaviour::with_tls(SmtpServer::Behaviour::Tls::kStartTls));
  const std::vector<std::string> creds = {"--smtp-credentials", w.dir.file("smtp-credentials")};
  // The system's authorities do not vouch for the relay: nothing is sent.
  auto untrusted = w.mail(smtp, creds);
  EXPECT_EQ(untrusted.exit_code, 1) << untrusted.err;
  EXPECT_TRUE(smtp.auths().empty());
  EXPECT_TRUE(smtp.messages().empty());
  // --smtp-ca names the authority (here the relay's own certificate).
  std::vector<std::string> trusted_args = creds;
  trusted_args.insert(trusted_args.end(), {"--smtp-ca", smtp.ca_file()});
  auto trusted = w.mail(smtp, trusted_args);
  ASSERT_EQ(trusted.exit_code, 0) << trusted.err;
  EXPECT_EQ(smtp.messages().size(), 4u);
  EXPECT_FALSE(smtp.tls_commands().empty());
  auto missing = w.mail(smtp, {"--smtp-ca", w.dir.file("no-such-ca.pem")});
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
  EXPECT_NE(missing.err.find("no-such-ca.pem"), std::string::npos) << missing.err;
}

// The news slot, as the follow-up work fills it (here constructed): first in
// every mail, and news alone is reason enough to mail.
TEST(DigestCli, NewsMoveFirstIntoEveryMailAndAreReasonEnoughToSend) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  Settings settings;
  settings.db_path = w.db;
  settings.feeds_dir = std::string(OMVARLD_SOURCE_DIR) + "/feeds";
  SubscriberDigestOptions o;
  o.subscriptions = w.subs;
  o.committee = "Trafiknämnden";
  o.from = "omvarld@stockholm.example";
  SmtpServer smtp;
  SmtpOptions at;
  at.url = smtp.url();
  CurlMailSender sender(at);
  auto first = mail_digests(settings, o, sender, Log());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->sent, 2);
  auto quiet = mail_digests(settings, o, sender, Log());
  ASSERT_TRUE(quiet.ok());
  EXPECT_EQ(quiet->sent, 0);
  EXPECT_EQ(quiet->skipped, 2);
  o.news = {{"Clean Vehicles Directive <revision>", "the Commission adopted its proposal",
             "https://ec.europa.eu/clean-vehicles"}};
  auto news = mail_digests(settings, o, sender, Log());
  ASSERT_TRUE(news.ok());
  EXPECT_EQ(news->sent, 2);
  const auto got = smtp.messages();
  ASSERT_EQ(got.size(), 4u);
  const auto& m = got[2];
  EXPECT_NE(subject(m).find(": 1 förändring i bevakade ärenden"), std::string::npos) << subject(m);
  const std::string text = test::mime_part(m.data, "text/plain");
  EXPECT_LT(text.find("## Vad som har hänt"), text.find("Urban mobility")) << text;
  EXPECT_NE(text.find("- **Clean Vehicles Directive &lt;revision&gt;**: the Commission adopted"),
            std::string::npos)
      << text;
  const std::string html = test::mime_part(m.data, "text/html");
  pugi::xml_document doc = test::parse_markup(html);
  auto li = doc.select_node("//*[local-name()='section'][@class='news']//*[local-name()='li']");
  ASSERT_TRUE(li) << html;
  EXPECT_NE(test::visible_text(li.node()).find("Clean Vehicles Directive <revision>"),
            std::string::npos);
}

TEST(DigestCli, DryRunSendsAndRecordsNothing) {
  Watch w;
  ASSERT_EQ(w.harvest().exit_code, 0);
  SmtpServer smtp;
  auto dry = w.mail(smtp, {"--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.err.find("would send"), std::string::npos) << dry.err;
  EXPECT_TRUE(smtp.messages().empty());
  EXPECT_EQ(smtp.connections(), 0);
  auto real = w.mail(smtp);
  ASSERT_EQ(real.exit_code, 0);
  EXPECT_EQ(smtp.messages().size(), 4u);
}

}  // namespace
}  // namespace omvarld
