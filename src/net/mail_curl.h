// CurlMailSender: MailSender over libcurl's SMTP, one envelope recipient
// per send(); the connection is kept for the next send() while the server
// keeps it open (curl's connection cache), else opened anew.
//
// TLS: smtps:// speaks TLS from the start; smtp:// asks for STARTTLS when
// the server offers it (CURLUSESSL_TRY) and goes on in clear text when it
// does not, unless credentials are set: then TLS is required
// (CURLUSESSL_ALL), so a password never crosses the network in clear text,
// unless SmtpOptions::insecure_auth says so. A `ca_file` requires TLS too
// (whoever names an authority expects the server to prove itself). Certificates are always
// verified, against the system's authorities or SmtpOptions::ca_file; an
// unverified server gets nothing (a kNetwork Error that says so). Errors name the server and the
// recipient, with the server's last reply (kSource for a refusal such as 550, kNetwork for a
// dropped or failed connection). Not thread-safe: one sender per thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "net/mail.h"

namespace omvarld {

struct SmtpOptions {
  std::string url;                 // smtp://host[:port] or smtps://host[:port]
  std::string username, password;  // empty username: no AUTH
  bool insecure_auth = false;      // send credentials without TLS (a trusted local relay)
  std::string ca_file;             // "" = the system's CA bundle (--smtp-ca)
  std::chrono::seconds connect_timeout{30};
  std::chrono::seconds total_timeout{120};  // the whole exchange of one message
};

// Credentials from a file (never the command line): "user:password" on
// the first line, as curl --user writes them (the password may hold ':').
// A kUsage Error naming the file when it is not of that shape.
struct SmtpCredentials {
  std::string username, password;
};
Result<SmtpCredentials> read_smtp_credentials(const std::string& path);

class CurlMailSender final : public MailSender {
 public:
  explicit CurlMailSender(SmtpOptions options);
  ~CurlMailSender() override;
  CurlMailSender(const CurlMailSender&) = delete;
  CurlMailSender& operator=(const CurlMailSender&) = delete;

  Status send(const std::string& from, const std::string& to, const std::string& message) override;

 private:
  struct Handle;
  SmtpOptions options_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace omvarld
