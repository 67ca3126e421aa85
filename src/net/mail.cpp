#include "net/mail.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string_view>

namespace omvarld {
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  if (i < in.size()) {
    uint32_t v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += i + 1 < in.size() ? kB64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool plain_header_text(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  // "=?" would read as the start of an encoded word.
  return s.find("=?") == std::string_view::npos && s.size() <= 70;
}

// Control characters (CR, LF among them) become spaces: a subject is one line.
std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

}  // namespace

Status check_mail_address(const std::string& address, const std::string& what) {
  const size_t at = address.rfind('@');
  bool ok = !address.empty() && address.size() <= 254 && at != std::string::npos && at > 0 &&
            at + 1 < address.size();
  for (unsigned char c : address)
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' ||
        c == '(' || c == ')' || c == '\\' || c == '[' || c == ']' || c == ':')
      ok = false;
  if (ok) return Status();
  return make_error(ErrorKind::kUsage, what + ": \"" + one_line(address) +
                                           "\" is not a mail address (name@domain, without "
                                           "spaces, brackets, quotes or commas)");
}

std::string encode_header_word(const std::string& text) {
  std::string s = one_line(text);
  if (plain_header_text(s)) return s;
  // Each encoded word at most 75 characters and each header line at most 76
  // (RFC 2047): "=?UTF-8?B?" + 52 + "?=" after "Subject: ", so at most 39
  // bytes a word, cut between UTF-8 sequences.
  std::string out;
  size_t at = 0;
  while (at < s.size()) {
    size_t end = std::min(s.size(), at + 39);
    while (end < s.size() && end > at + 1 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(s).substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

std::string quoted_printable(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    const bool last = nl == std::string::npos;
    if (last) nl = text.size();
    std::string_view line(text.data() + start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string enc;
    size_t width = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(line[i]);
      const bool at_end = i + 1 == line.size();
      std::string piece;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end))
        piece = static_cast<char>(c);
      else
        piece = {'=', kHex[c >> 4], kHex[c & 15]};
      // Encoded lines at most 76 characters, a soft break ("=") included.
      if (width + piece.size() > 75) {
        enc += "=\r\n";
        width = 0;
      }
      enc += piece;
      width += piece.size();
    }
    out += enc;
    if (last) break;
    out += "\r\n";
    start = nl + 1;
  }
  return out;
}

std::string rfc5322_date(int64_t unix_seconds) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string compose_mail(const MailMessage& m) {
  const std::string domain = m.from.substr(m.from.rfind('@') + 1);
  // Quoted-printable never leaves "=_" in a body, so the boundary cannot
  // occur in either part.
  const std::string boundary = "=_omvarld_" + m.unique;
  std::string to;
  for (const auto& a : m.to) to += (to.empty() ? "" : ", ") + a;
  std::string s;
  s += "Date: " + rfc5322_date(m.date) + "\r\n";
  s += "From: " + (m.from_name.empty() ? "" : encode_header_word(m.from_name) + " ") + "<" +
       m.from + ">\r\n";
  s += "To: " + to + "\r\n";
  s += "Message-ID: <" + std::to_string(m.date) + "." + m.unique + "@" + domain + ">\r\n";
  s += "Subject: " + encode_header_word(m.subject) + "\r\n";
  s += "MIME-Version: 1.0\r\n";
  s += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  s += "\r\n";
  s += "--" + boundary + "\r\n";
  s += "Content-Type: text/plain; charset=UTF-8\r\n";
  s += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  s += quoted_printable(m.text) + "\r\n";
  s += "--" + boundary + "\r\n";
  s += "Content-Type: text/html; charset=UTF-8\r\n";
  s += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  s += quoted_printable(m.html) + "\r\n";
  s += "--" + boundary + "--\r\n";
  return s;
}

}  // namespace omvarld
