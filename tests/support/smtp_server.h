// A loopback ESMTP server for tests, written for them (not a mock: libcurl
// speaks real SMTP to it over TCP). It answers EHLO/HELO, MAIL, RCPT, DATA,
// RSET, NOOP and QUIT, optionally AUTH PLAIN, and records every command and
// every message accepted, with its envelope, dot-stuffing undone.
// TLS, as a behaviour says: none (STARTTLS may still be offered and is then
// answered with 454, TLS not available, which shows whether a client asked);
// real STARTTLS; or TLS from the first byte (smtps). For TLS the server makes
// its own key and self-signed certificate (OpenSSL, for `cert_host`: an IP
// address or a DNS name) and writes the certificate to ca_file(), which a
// client trusts to verify it. It records which commands came inside TLS.
// On demand it refuses a recipient with 550 or drops the connection when a
// recipient is named. One connection at a time, on its own thread.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace omvarld::test {

class SmtpServer {
 public:
  struct Message {
    std::string from;             // MAIL FROM's address, without <>
    std::vector<std::string> to;  // RCPT TO's addresses
    std::string data;             // the message as sent, CRLF lines, dots unstuffed
    std::string auth;             // the AUTH line's argument(s), "" when none
  };
  struct Behaviour {
    std::set<std::string> refuse;  // RCPT TO these: "550 5.1.1 no such user"
    std::set<std::string> drop;    // RCPT TO these: the connection is closed at once
    bool offer_auth = false;       // EHLO lists AUTH PLAIN; any credentials pass
    bool offer_starttls = false;   // EHLO lists STARTTLS; STARTTLS gets 454 (with kNone)
    enum class Tls { kNone, kStartTls, kImplicit };
    Tls tls = Tls::kNone;                 // kStartTls: EHLO lists STARTTLS and it works
    std::string cert_host = "127.0.0.1";  // the certificate's subjectAltName
    static Behaviour refusing(std::set<std::string> addresses) {
      Behaviour b;
      b.refuse = std::move(addresses);
      return b;
    }
    static Behaviour dropping(std::set<std::string> addresses) {
      Behaviour b;
      b.drop = std::move(addresses);
      return b;
    }
    static Behaviour with_auth() {
      Behaviour b;
      b.offer_auth = true;
      return b;
    }
    static Behaviour with_starttls() {
      Behaviour b;
      b.offer_starttls = true;
      return b;
    }
    static Behaviour with_tls(Tls tls, bool auth = true) {
      Behaviour b;
      b.tls = tls;
      b.offer_auth = auth;
      return b;
    }
  };

  SmtpServer();
  explicit SmtpServer(Behaviour behaviour);
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  std::string url() const;  // smtp://127.0.0.1:PORT (smtps:// with Tls::kImplicit)
  // The PEM file of the server's certificate ("" without TLS).
  std::string ca_file() const;
  std::vector<Message> messages() const;
  int connections() const { return connections_.load(); }
  // Every AUTH argument seen, also of sessions that sent no message.
  std::vector<std::string> auths() const;
  // Every command's verb as sent ("EHLO", "MAIL", "STARTTLS", ...), in order.
  std::vector<std::string> commands() const;
  // The verbs of the commands that came inside TLS, in order.
  std::vector<std::string> tls_commands() const;
  // TLS handshakes that failed (a client that did not trust the certificate).
  int failed_handshakes() const { return failed_handshakes_.load(); }

 private:
  class Connection;
  struct TlsContext;
  void serve(int fd);

  Behaviour behaviour_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::atomic<int> failed_handshakes_{0};
  std::unique_ptr<TlsContext> tls_;
  mutable std::mutex mu_;
  std::vector<Message> messages_;
  std::vector<std::string> auths_;
  std::vector<std::string> commands_;
  std::vector<std::string> tls_commands_;
  std::thread thread_;
};

// The body of a quoted-printable part, decoded (soft breaks joined, =XX
// bytes), and the parts of a MIME message, for assertions.
std::string decode_quoted_printable(const std::string& qp);
// The decoded body of the part of `message` whose Content-Type starts with
// `type` ("text/plain", "text/html"); "" when there is none.
std::string mime_part(const std::string& message, const std::string& type);
// A header's value (unfolded), "" when absent.
std::string mail_header(const std::string& message, const std::string& name);
// An RFC 2047 header value decoded (B and Q words, UTF-8).
std::string decode_header_words(const std::string& value);

}  // namespace omvarld::test
