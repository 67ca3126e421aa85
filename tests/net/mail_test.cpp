// Mail: the message omvarld composes (headers, encodings, parts) and libcurl's
// SMTP against a loopback ESMTP server the test starts
// (tests/support/smtp_server.h): delivered, refused (550), dropped,
// credentials kept off a connection without TLS, and real TLS (STARTTLS and
// smtps) with the server's certificate verified.
#include "net/mail.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "net/mail_curl.h"
#include "support/smtp_server.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using test::SmtpServer;

SmtpOptions smtp_at(const std::string& url, const std::string& user = "",
                    const std::string& password = "", bool insecure_auth = false) {
  SmtpOptions o;
  o.url = url;
  o.username = user;
  o.password = password;
  o.insecure_auth = insecure_auth;
  return o;
}

MailMessage letter() {
  MailMessage m;
  m.from = "omvarld@stockholm.example";
  m.from_name = "omvarld";
  m.to = {"trafik@stockholm.example"};
  m.subject = "EU-bevakning Trafiknämnden 2026-12-01: 2 nya ärenden, 1 brådskande";
  m.text = "# Rubrik\n\nÅtta ärenden = många.\n.a line that starts with a dot\n" +
           std::string(200, 'x') + "\ntrailing space \n";
  m.html = "<p>Hej <a href=\"https://example.org/items/1?a=b\">länk</a></p>\n";
  m.date = test::utc(2026, 12, 1, 6, 0, 0);
  m.unique = "0123456789abcdef";
  return m;
}

TEST(Mail, MessageHasTheHeadersAndBothPartsInCrlfLines) {
  const std::string s = compose_mail(letter());
  EXPECT_EQ(test::mail_header(s, "Date"), "Tue, 01 Dec 2026 06:00:00 +0000");
  EXPECT_EQ(test::mail_header(s, "From"), "omvarld <omvarld@stockholm.example>");
  EXPECT_EQ(test::mail_header(s, "To"), "trafik@stockholm.example");
  EXPECT_EQ(test::mail_header(s, "MIME-Version"), "1.0");
  EXPECT_EQ(test::mail_header(s, "Message-ID"),
            "<" + std::to_string(letter().date) + ".0123456789abcdef@stockholm.example>");
  // The subject is not ASCII: encoded words, each at most 75 characters.
  const std::string subject = test::mail_header(s, "Subject");
  EXPECT_EQ(subject.rfind("=?UTF-8?B?", 0), 0u) << subject;
  EXPECT_EQ(test::decode_header_words(subject), letter().subject);
  for (size_t at = 0, nl; at < s.size(); at = nl + 2) {
    nl = s.find("\r\n", at);
    ASSERT_NE(nl, std::string::npos) << "the message does not end with CRLF";
    EXPECT_LE(nl - at, 76u) << s.substr(at, nl - at);
  }
  EXPECT_EQ(s.find('\n'), s.find("\r\n") + 1);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      ASSERT_EQ(s[i - 1], '\r') << "a bare LF at byte " << i;
    }
  }
  // Both parts, each decoded back to what was given (line ends as CRLF).
  EXPECT_NE(test::mail_header(s, "Content-Type").find("multipart/alternative"), std::string::npos);
  std::string text = test::mime_part(s, "text/plain");
  std::string expected;
  for (char c : letter().text) expected += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(text, expected);
  EXPECT_NE(test::mime_part(s, "text/html").find("<a href=\"https://example.org/items/1?a=b\">"),
            std::string::npos);
}

TEST(Mail, PlainAsciiSubjectsStayReadableAndNoHeaderCanBeInjected) {
  EXPECT_EQ(encode_header_word("EU watch 2026-12-01: nothing new"),
            "EU watch 2026-12-01: nothing new");
  const std::string injected = encode_header_word("hello\r\nBcc: evil@example.org");
  EXPECT_EQ(injected.find('\n'), std::string::npos);
  EXPECT_EQ(injected, "hello  Bcc: evil@example.org");
  // "=?" in a plain subject would read as an encoded word: it is encoded.
  EXPECT_EQ(test::decode_header_words(encode_header_word("a =?x?= b")), "a =?x?= b");
  EXPECT_FALSE(check_mail_address("a@b.se\r\nRCPT TO:<c@d>", "to").ok());
  EXPECT_FALSE(check_mail_address("Anna <a@b.se>", "to").ok());
  EXPECT_FALSE(check_mail_address("a@b.se,c@d.se", "to").ok());
  EXPECT_FALSE(check_mail_address("nobody", "to").ok());
  EXPECT_TRUE(check_mail_address("eu.trafik@stockholm.se", "to").ok());
}

TEST(Mail, QuotedPrintableKeepsLinesShortAndEncodesWhatMustBe) {
  const std::string qp = quoted_printable("a=b \xC3\xA5\n" + std::string(100, 'y'));
  EXPECT_EQ(qp.substr(0, qp.find("\r\n")), "a=3Db =C3=A5");
  EXPECT_NE(qp.find("=\r\n"), std::string::npos);  // a soft break in the long line
  EXPECT_EQ(test::decode_quoted_printable(qp), "a=b \xC3\xA5\r\n" + std::string(100, 'y'));
  // A space at a line's end is encoded (it would be stripped in transit).
  EXPECT_EQ(quoted_printable("end "), "end=20");
}

TEST(MailSmtp, DeliversTheMessageThroughLoopbackSmtp) {
  SmtpServer server;
  CurlMailSender sender(smtp_at(server.url()));
  const std::string message = compose_mail(letter());
  Status s = sender.send("omvarld@stockholm.example", "trafik@stockholm.example", message);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto got = server.messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, "omvarld@stockholm.example");
  EXPECT_EQ(got[0].to, std::vector<std::string>{"trafik@stockholm.example"});
  // Byte for byte what was composed: curl stuffed the dot, the server unstuffed it.
  EXPECT_EQ(got[0].data, message);
  EXPECT_NE(test::mime_part(got[0].data, "text/plain").find("\r\n.a line that starts with a dot"),
            std::string::npos);
  EXPECT_TRUE(got[0].auth.empty());
}

TEST(MailSmtp, ARefusedRecipientIsAnErrorNamingTheAddressAndTheReply) {
  SmtpServer server(SmtpServer::Behaviour::refusing({"gone@stockholm.example"}));
  CurlMailSender sender(smtp_at(server.url()));
  Status s =
      sender.send("omvarld@stockholm.example", "gone@stockholm.example", compose_mail(letter()));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kSource);
  EXPECT_EQ(s.error().http_status, 550);
  EXPECT_NE(s.error().message.find("gone@stockholm.example"), std::string::npos)
      << s.error().message;
  EXPECT_NE(s.error().message.find("550 5.1.1"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find(server.url()), std::string::npos) << s.error().message;
  EXPECT_TRUE(server.messages().empty());
  // The same sender goes on to the next recipient.
  ASSERT_TRUE(
      sender.send("omvarld@stockholm.example", "ok@stockholm.example", compose_mail(letter()))
          .ok());
  EXPECT_EQ(server.messages().size(), 1u);
}

TEST(MailSmtp, ADroppedConnectionIsANetworkErrorNamingTheAddress) {
  SmtpServer server(SmtpServer::Behaviour::dropping({"drop@stockholm.example"}));
  CurlMailSender sender(smtp_at(server.url()));
  Status s =
      sender.send("omvarld@stockholm.example", "drop@stockholm.example", compose_mail(letter()));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kNetwork) << s.error().message;
  EXPECT_NE(s.error().message.find("mail to drop@stockholm.example via " + server.url()),
            std::string::npos)
      << s.error().message;
  EXPECT_TRUE(server.messages().empty());
}

TEST(MailSmtp, CredentialsAreNeverSentWithoutTlsUnlessAllowed) {
  SmtpServer server(SmtpServer::Behaviour::with_auth());
  CurlMailSender careful(smtp_at(server.url(), "omvarld", "s3cret:with colon"));
  Status s =
      careful.send("omvarld@stockholm.example", "trafik@stockholm.example", compose_mail(letter()));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("no STARTTLS"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().hint.find("--smtp-insecure-auth"), std::string::npos);
  EXPECT_TRUE(server.auths().empty()) << "the password went out in clear text";
  EXPECT_TRUE(server.messages().empty());
  // Allowed (a trusted local relay): AUTH PLAIN with the file's credentials.
  CurlMailSender allowed(smtp_at(server.url(), "omvarld", "s3cret:with colon", true));
  ASSERT_TRUE(
      allowed.send("omvarld@stockholm.example", "trafik@stockholm.example", compose_mail(letter()))
          .ok());
  ASSERT_EQ(server.auths().size(), 1u);
  EXPECT_EQ(server.auths()[0].rfind("PLAIN ", 0), 0u) << server.auths()[0];
  EXPECT_EQ(server.messages().size(), 1u);
}

TEST(MailSmtp, StartTlsIsAskedForWhenOffered) {
  // Without credentials: STARTTLS is tried, and when the server cannot, the
  // mail goes on in clear text (CURLUSESSL_TRY).
  SmtpServer offering(SmtpServer::Behaviour::with_starttls());
  CurlMailSender sender(smtp_at(offering.url()));
  ASSERT_TRUE(
      sender.send("omvarld@stockholm.example", "a@stockholm.example", compose_mail(letter())).ok());
  auto commands = offering.commands();
  EXPECT_NE(std::find(commands.begin(), commands.end(), "STARTTLS"), commands.end());
  EXPECT_EQ(offering.messages().size(), 1u);
  // Not offered: not asked.
  SmtpServer plain;
  CurlMailSender plain_sender(smtp_at(plain.url()));
  ASSERT_TRUE(
      plain_sender.send("omvarld@stockholm.example", "a@stockholm.example", compose_mail(letter()))
          .ok());
  commands = plain.commands();
  EXPECT_EQ(std::find(commands.begin(), commands.end(), "STARTTLS"), commands.end());
  EXPECT_NE(std::find(commands.begin(), commands.end(), "DATA"), commands.end());
  // With credentials, a server that cannot do TLS gets neither them nor the mail.
  SmtpServer refusing_tls(SmtpServer::Behaviour::with_starttls());
  CurlMailSender careful(smtp_at(refusing_tls.url(), "omvarld", "secret"));
  Status s =
      careful.send("omvarld@stockholm.example", "a@stockholm.example", compose_mail(letter()));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("credentials were not sent"), std::string::npos)
      << s.error().message;
  EXPECT_TRUE(refusing_tls.auths().empty());
  EXPECT_TRUE(refusing_tls.messages().empty());
}

TEST(MailSmtp, CredentialsFileIsUserColonPassword) {
  test::TempDir dir;
  test::write_file(dir.file("cred"), "omvarld:pa:ss\n");
  auto c = read_smtp_credentials(dir.file("cred"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->username, "omvarld");
  EXPECT_EQ(c->password, "pa:ss");
  test::write_file(dir.file("bad"), "just-a-password\n");
  auto bad = read_smtp_credentials(dir.file("bad"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find(dir.file("bad")), std::string::npos);
  EXPECT_FALSE(read_smtp_credentials(dir.file("absent")).ok());
}

TEST(MailSmtp, NoServerListeningIsANetworkError) {
  int port = 0;
  {
    SmtpServer gone;
    port = gone.port();
  }
  CurlMailSender sender(smtp_at("smtp://127.0.0.1:" + std::to_string(port)));
  Status s = sender.send("omvarld@stockholm.example", "a@stockholm.example", "x\r\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(s.error().message.find("a@stockholm.example"), std::string::npos);
}

// Real TLS: the server makes its own certificate; the client trusts it
// through SmtpOptions::ca_file (what --smtp-ca sets), as a city's relay with
// its own certificate authority would be trusted.
SmtpOptions tls_to(const SmtpServer& server, const std::string& ca_file) {
  SmtpOptions o = smtp_at(server.url(), "omvarld", "s3cret");
  o.ca_file = ca_file;
  return o;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The server counts a failed handshake when its SSL_accept returns, which
// can be just after the client has given up: wait for it (at most 5 s).
int failed_handshakes_seen(const SmtpServer& server, int expected) {
  for (int i = 0; i < 500 && server.failed_handshakes() < expected; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return server.failed_handshakes();
}

TEST(MailTls, StartTlsCarriesTheCredentialsAndTheMessageInsideTls) {
  SmtpServer server(SmtpServer::Behaviour::with_tls(SmtpServer::Behaviour::Tls::kStartTls));
  CurlMailSender sender(tls_to(server, server.ca_file()));
  const std::string message = compose_mail(letter());
  Status s = sender.send("omvarld@stockholm.example", "trafik@stockholm.example", message);
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_EQ(server.messages()[0].data, message);
  // AUTH was offered before TLS too, but came only inside it, after a new EHLO.
  const auto all = server.commands(), inside = server.tls_commands();
  ASSERT_TRUE(has(all, "STARTTLS"));
  for (const char* verb : {"EHLO", "AUTH", "MAIL", "RCPT", "DATA"})
    EXPECT_TRUE(has(inside, verb)) << verb << " did not come inside TLS";
  EXPECT_EQ(std::count(all.begin(), all.end(), "AUTH"),
            std::count(inside.begin(), inside.end(), "AUTH"));
  ASSERT_EQ(server.auths().size(), 1u);
  EXPECT_EQ(server.failed_handshakes(), 0);
}

TEST(MailTls, AnUntrustedCertificateStopsTheMailBeforeTheCredentials) {
  SmtpServer server(SmtpServer::Behaviour::with_tls(SmtpServer::Behaviour::Tls::kStartTls));
  // Another server's certificate: the right shape, the wrong key.
  SmtpServer other(SmtpServer::Behaviour::with_tls(SmtpServer::Behaviour::Tls::kStartTls));
  for (const std::string& ca : {other.ca_file(), std::string()}) {  // "" = the system's CAs
    CurlMailSender sender(tls_to(server, ca));
    Status s = sender.send("omvarld@stockholm.example", "trafik@stockholm.example",
                           compose_mail(letter()));
    ASSERT_FALSE(s.ok()) << "sent to a server whose certificate nobody vouches for";
    EXPECT_EQ(s.error().kind, ErrorKind::kNetwork) << s.error().message;
    EXPECT_NE(s.error().message.find("trafik@stockholm.example"), std::string::npos)
        << s.error().message;
    EXPECT_NE(s.error().message.find(server.url()), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find("certificate could not be verified"), std::string::npos)
        << s.error().message;
    EXPECT_NE(s.error().hint.find("--smtp-ca"), std::string::npos) << s.error().hint;
  }
  EXPECT_TRUE(server.auths().empty()) << "the password went to an unverified server";
  EXPECT_TRUE(server.messages().empty());
  EXPECT_TRUE(server.tls_commands().empty());
  EXPECT_EQ(failed_handshakes_seen(server, 2), 2);
}

TEST(MailTls, AnAuthorityGivenRequiresTlsEvenWithoutCredentials) {
  // Without credentials TLS is only tried; with --smtp-ca it is required.
  SmtpServer no_tls;  // offers no STARTTLS at all
  SmtpServer other(SmtpServer::Behaviour::with_tls(SmtpServer::Behaviour::Tls::kStartTls));
  SmtpOptions o = smtp_at(no_tls.url());
  o.ca_file = other.ca_file();
  CurlMailSender sender(o);
  Status s =
      sender.send("omvarld@stockholm.example", "a@stockholm.example", compose_mail(letter()));
  ASSERT_FALSE(s.ok()) << "mailed in clear text although an authority was named";
  EXPECT_NE(s.error().message.find("--smtp-ca asks for TLS"), std::string::npos)
      << s.error().message;
  EXPECT_TRUE(no_tls.messages().empty());
  // And with TLS offered and the certificate trusted, it goes inside TLS.
  SmtpServer tls(SmtpServer::Behaviour::with_tls(SmtpServer::Behaviour::Tls::kStartTls, false));
  SmtpOptions t = smtp_at(tls.url());
  t.ca_file = tls.ca_file();
  CurlMailSender tls_sender(t);
  Status ok =
      tls_sender.send("omvarld@stockholm.example", "a@stockholm.example", compose_mail(letter()));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_TRUE(has(tls.tls_commands(), "DATA"));
}

TEST(MailTls, ACertificateForAnotherHostIsRefused) {
  SmtpServer::Behaviour b = SmtpServer::Behaviour::with_tls(SmtpServer::Behaviour::Tls::kStartTls);
  b.cert_host = "mail.example.org";  // trusted, but not for 127.0.0.1
  SmtpServer server(b);
  CurlMailSender sender(tls_to(server, server.ca_file()));
  Status s =
      sender.send("omvarld@stockholm.example", "trafik@stockholm.example", compose_mail(letter()));
  ASSERT_FALSE(s.ok()) << "the host name was not checked";
  EXPECT_TRUE(server.auths().empty());
  EXPECT_TRUE(server.messages().empty());
}

TEST(MailTls, SmtpsIsTlsFromTheFirstByte) {
  SmtpServer server(SmtpServer::Behaviour::with_tls(SmtpServer::Behaviour::Tls::kImplicit));
  ASSERT_EQ(server.url().rfind("smtps://", 0), 0u);
  CurlMailSender sender(tls_to(server, server.ca_file()));
  Status s =
      sender.send("omvarld@stockholm.example", "trafik@stockholm.example", compose_mail(letter()));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(server.messages().size(), 1u);
  EXPECT_EQ(server.commands(), server.tls_commands()) << "a command came before TLS";
  EXPECT_FALSE(has(server.commands(), "STARTTLS"));
  // Without trusting the certificate: nothing is said at all.
  SmtpServer again(SmtpServer::Behaviour::with_tls(SmtpServer::Behaviour::Tls::kImplicit));
  CurlMailSender doubtful(tls_to(again, server.ca_file()));
  EXPECT_FALSE(
      doubtful.send("omvarld@stockholm.example", "a@stockholm.example", compose_mail(letter()))
          .ok());
  EXPECT_TRUE(again.commands().empty());
}

}  // namespace
}  // namespace omvarld
