// Mail: composing an RFC 5322 message (multipart/alternative, a text and an
// HTML part) and the side effect of sending one, MailSender.
//
// compose_mail() is pure: headers Date, From, To, Message-ID, Subject (an
// RFC 2047 encoded-word when not plain ASCII), MIME-Version; both bodies in
// UTF-8, quoted-printable, every line ended by CRLF. Dot-stuffing is the
// sender's (libcurl does it). Addresses are checked before they reach a
// header or an SMTP command, so no text can add a header or a recipient.
//
// MailSender sends one message to one recipient per call; CurlMailSender
// (net/mail_curl.h) is the libcurl SMTP implementation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace omvarld {

// "name@domain" without spaces, angle brackets, quotes, commas or control
// characters, at most 254 bytes: a kUsage Error naming `what` otherwise.
Status check_mail_address(const std::string& address, const std::string& what);

struct MailMessage {
  std::string from;       // an address (check_mail_address)
  std::string from_name;  // shown beside it ("omvarld"); ASCII or encoded
  std::vector<std::string> to;
  std::string subject;     // UTF-8, one line
  std::string text, html;  // UTF-8 bodies; '\n' or "\r\n" line ends
  int64_t date = 0;        // Unix seconds, for the Date header (UTC)
  std::string unique;      // makes the Message-ID and boundary unique (random hex)
};

// The message as the bytes sent after SMTP DATA. REQUIRES: the addresses
// pass check_mail_address.
std::string compose_mail(const MailMessage& message);

// Pieces, for tests and for other messages.
std::string encode_header_word(const std::string& text);  // RFC 2047 B, folded
std::string quoted_printable(const std::string& text);    // RFC 2045, CRLF lines
std::string rfc5322_date(int64_t unix_seconds);           // "Tue, 01 Dec 2026 07:00:00 +0000"

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Sends `message` (compose_mail's bytes) from `from` to `to` (one
  // envelope recipient). An Error names the recipient and the server.
  virtual Status send(const std::string& from, const std::string& to,
                      const std::string& message) = 0;
};

}  // namespace omvarld
