#include "support/smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "core/text.h"
#include "support/test_support.h"

namespace omvarld::test {
namespace {

template <typename T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Freer<X509, X509_free>>;
using SslCtxPtr = std::unique_ptr<SSL_CTX, Freer<SSL_CTX, SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, Freer<SSL, SSL_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Freer<X509_EXTENSION, X509_EXTENSION_free>>;

[[noreturn]] void tls_setup_failed(const char* what) {
  std::fprintf(stderr, "smtp test server: %s failed\n", what);
  std::abort();
}

void add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) tls_setup_failed("a certificate extension");
}

}  // namespace

// The server's key, its self-signed certificate (written to `ca_file` for
// clients to trust) and the TLS context built from them.
struct SmtpServer::TlsContext {
  TempDir dir;
  std::string ca_file;
  SslCtxPtr ctx;

  explicit TlsContext(const std::string& host) {
    // OpenSSL writes with write(2), not send(MSG_NOSIGNAL): a client that
    // hangs up mid-reply must not kill the test binary with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    PkeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert(X509_new());
    if (!key || !cert) tls_setup_failed("making a key");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("omvarld test"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    const bool ip = host.find_first_not_of("0123456789.") == std::string::npos;
    add_extension(cert.get(), NID_subject_alt_name, (ip ? "IP:" : "DNS:") + host);
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) tls_setup_failed("signing");
    ca_file = dir.file("server-cert.pem");
    FILE* f = std::fopen(ca_file.c_str(), "w");
    if (f == nullptr || PEM_write_X509(f, cert.get()) != 1) tls_setup_failed("writing the cert");
    std::fclose(f);
    ctx.reset(SSL_CTX_new(TLS_server_method()));
    if (!ctx || SSL_CTX_use_certificate(ctx.get(), cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(ctx.get(), key.get()) != 1)
      tls_setup_failed("the TLS context");
  }
};

// One client's connection: CRLF lines in and out, in clear text until
// start_tls(), inside TLS after it.
class SmtpServer::Connection {
 public:
  explicit Connection(int fd) : fd_(fd) {}
  bool tls() const { return ssl_ != nullptr; }

  // The server's side of the handshake; false when the client gave up
  // (it did not trust the certificate, say).
  bool start_tls(SSL_CTX* ctx) {
    buf_.clear();  // nothing a client sent before the handshake counts after it
    ssl_.reset(SSL_new(ctx));
    if (!ssl_ || SSL_set_fd(ssl_.get(), fd_) != 1 || SSL_accept(ssl_.get()) != 1) {
      ERR_clear_error();
      ssl_.reset();
      return false;
    }
    return true;
  }

  void send_line(const std::string& line) {
    const std::string bytes = line + "\r\n";
    size_t off = 0;
    while (off < bytes.size()) {
      const ssize_t n =
          ssl_ ? SSL_write(ssl_.get(), bytes.data() + off, static_cast<int>(bytes.size() - off))
               : ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return;
      off += static_cast<size_t>(n);
    }
  }

  // The next CRLF-ended line; false at end of stream or timeout.
  bool next(std::string& line) {
    for (;;) {
      const size_t nl = buf_.find("\r\n");
      if (nl != std::string::npos) {
        line = buf_.substr(0, nl);
        buf_.erase(0, nl + 2);
        return true;
      }
      char chunk[4096];
      const ssize_t n =
          ssl_ ? SSL_read(ssl_.get(), chunk, sizeof chunk) : ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buf_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
  SslPtr ssl_;
  std::string buf_;
};

namespace {

// "<a@b>" (after "MAIL FROM:" or "RCPT TO:") as "a@b".
std::string path_of(const std::string& arg) {
  const size_t lt = arg.find('<'), gt = arg.find('>');
  if (lt == std::string::npos || gt == std::string::npos || gt < lt) return std::string(trim(arg));
  return arg.substr(lt + 1, gt - lt - 1);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

SmtpServer::SmtpServer() : SmtpServer(Behaviour()) {}

SmtpServer::SmtpServer(Behaviour behaviour) : behaviour_(std::move(behaviour)) {
  if (behaviour_.tls != Behaviour::Tls::kNone)
    tls_ = std::make_unique<TlsContext>(behaviour_.cert_host);
  listen_fd_ = listen_on_loopback(port_);
  thread_ = std::thread([this] {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      ++connections_;
      timeval tv{10, 0};  // a client that stops talking ends its session
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      serve(fd);
      ::close(fd);
    }
  });
}

SmtpServer::~SmtpServer() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::string SmtpServer::url() const {
  return (behaviour_.tls == Behaviour::Tls::kImplicit ? "smtps://127.0.0.1:"
                                                      : "smtp://127.0.0.1:") +
         std::to_string(port_);
}

std::string SmtpServer::ca_file() const { return tls_ ? tls_->ca_file : ""; }

std::vector<std::string> SmtpServer::tls_commands() const {
  std::lock_guard<std::mutex> lock(mu_);
  return tls_commands_;
}

std::vector<SmtpServer::Message> SmtpServer::messages() const {
  std::lock_guard<std::mutex> lock(mu_);
  return messages_;
}

std::vector<std::string> SmtpServer::commands() const {
  std::lock_guard<std::mutex> lock(mu_);
  return commands_;
}

std::vector<std::string> SmtpServer::auths() const {
  std::lock_guard<std::mutex> lock(mu_);
  return auths_;
}

void SmtpServer::serve(int fd) {
  Connection in(fd);
  if (behaviour_.tls == Behaviour::Tls::kImplicit && !in.start_tls(tls_->ctx.get())) {
    ++failed_handshakes_;
    return;
  }
  in.send_line("220 omvarld-test ESMTP ready");
  Message m;
  std::string line;
  while (in.next(line)) {
    const std::string verb = to_lower(line.substr(0, line.find_first_of(" :")));
    {
      std::lock_guard<std::mutex> lock(mu_);
      std::string upper = line.substr(0, line.find_first_of(" :"));
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (in.tls()) tls_commands_.push_back(upper);
      commands_.push_back(upper);
    }
    const std::string arg = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' '));
    if (verb == "ehlo") {
      in.send_line("250-omvarld-test greets you");
      if (behaviour_.offer_auth) in.send_line("250-AUTH PLAIN");
      const bool starttls = behaviour_.tls == Behaviour::Tls::kStartTls && !in.tls();
      if (behaviour_.offer_starttls || starttls) in.send_line("250-STARTTLS");
      in.send_line("250 8BITMIME");
    } else if (verb == "starttls" && behaviour_.tls == Behaviour::Tls::kStartTls && !in.tls()) {
      in.send_line("220 2.0.0 Ready to start TLS");
      if (!in.start_tls(tls_->ctx.get())) {
        ++failed_handshakes_;
        return;
      }
      m = Message();  // RFC 3207: the session starts again, as after a greeting
    } else if (verb == "starttls") {
      in.send_line("454 4.7.0 TLS not available");
    } else if (verb == "helo") {
      in.send_line("250 omvarld-test");
    } else if (verb == "auth") {
      std::string a(trim(arg));
      if (a.find(' ') == std::string::npos) {  // no initial response: ask for it
        in.send_line("334 ");
        std::string more;
        if (!in.next(more)) return;
        a += " " + more;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        auths_.push_back(a);
      }
      m.auth = a;
      in.send_line("235 2.7.0 Authentication successful");
    } else if (starts_with_ci(line, "MAIL FROM:")) {
      m.from = path_of(line.substr(10));
      m.to.clear();
      in.send_line("250 2.1.0 Ok");
    } else if (starts_with_ci(line, "RCPT TO:")) {
      const std::string to = path_of(line.substr(8));
      if (behaviour_.drop.count(to)) return;  // closed without a word
      if (behaviour_.refuse.count(to)) {
        in.send_line("550 5.1.1 <" + to + ">: Recipient address rejected: no such user");
        continue;
      }
      m.to.push_back(to);
      in.send_line("250 2.1.5 Ok");
    } else if (verb == "data") {
      if (m.to.empty()) {
        in.send_line("554 5.5.1 No valid recipients");
        continue;
      }
      in.send_line("354 End data with <CR><LF>.<CR><LF>");
      std::string data, l;
      bool ended = false;
      while (in.next(l)) {
        if (l == ".") {
          ended = true;
          break;
        }
        data += (l.rfind("..", 0) == 0 ? l.substr(1) : l) + "\r\n";
      }
      if (!ended) return;
      m.data = std::move(data);
      {
        std::lock_guard<std::mutex> lock(mu_);
        messages_.push_back(m);
      }
      m.to.clear();
      in.send_line("250 2.0.0 Ok: queued");
    } else if (verb == "rset") {
      m.to.clear();
      in.send_line("250 2.0.0 Ok");
    } else if (verb == "noop") {
      in.send_line("250 2.0.0 Ok");
    } else if (verb == "quit") {
      in.send_line("221 2.0.0 Bye");
      return;
    } else {
      in.send_line("502 5.5.2 Command not recognized");
    }
  }
}

std::string decode_quoted_printable(const std::string& qp) {
  std::string out;
  for (size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] != '=') {
      out += qp[i];
      continue;
    }
    if (qp.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;  // soft line break
    } else if (i + 2 < qp.size() && hex_value(qp[i + 1]) >= 0 && hex_value(qp[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(qp[i + 1]) * 16 + hex_value(qp[i + 2]));
      i += 2;
    } else {
      out += '=';
    }
  }
  return out;
}

std::string mail_header(const std::string& message, const std::string& name) {
  const size_t end = message.find("\r\n\r\n");
  const std::string head = message.substr(0, end);
  size_t at = 0;
  while (at < head.size()) {
    size_t nl = head.find("\r\n", at);
    if (nl == std::string::npos) nl = head.size();
    if (starts_with_ci(std::string_view(head).substr(at, nl - at), name + ":")) {
      std::string value = head.substr(at + name.size() + 1, nl - at - name.size() - 1);
      // Continuation lines (folding) belong to the value.
      while (nl + 2 < head.size() && (head[nl + 2] == ' ' || head[nl + 2] == '\t')) {
        size_t next = head.find("\r\n", nl + 2);
        if (next == std::string::npos) next = head.size();
        value += head.substr(nl + 2, next - nl - 2);
        nl = next;
      }
      return std::string(trim(value));
    }
    at = nl + 2;
  }
  return "";
}

std::string mime_part(const std::string& message, const std::string& type) {
  const std::string ct = mail_header(message, "Content-Type");
  const size_t b = ct.find("boundary=\"");
  if (b == std::string::npos) return "";
  const std::string boundary = "--" + ct.substr(b + 10, ct.find('"', b + 10) - b - 10);
  size_t at = message.find(boundary);
  while (at != std::string::npos) {
    const size_t start = at + boundary.size() + 2;
    const size_t next = message.find("\r\n" + boundary, start);
    if (next == std::string::npos) break;
    const std::string part = message.substr(start, next - start);
    if (starts_with_ci(mail_header(part, "Content-Type"), type)) {
      const size_t body = part.find("\r\n\r\n");
      const std::string raw = body == std::string::npos ? "" : part.substr(body + 4);
      return to_lower(mail_header(part, "Content-Transfer-Encoding")) == "quoted-printable"
                 ? decode_quoted_printable(raw)
                 : raw;
    }
    at = next + 2;
  }
  return "";
}

std::string decode_header_words(const std::string& value) {
  std::string out;
  size_t at = 0;
  bool last_was_word = false;
  while (at < value.size()) {
    const size_t start = value.find("=?", at);
    if (start == std::string::npos) {
      out += value.substr(at);
      break;
    }
    const std::string between = value.substr(at, start - at);
    // Whitespace between two encoded words is not part of the text.
    if (!(last_was_word && trim(between).empty())) out += between;
    const size_t q1 = value.find('?', start + 2), q2 = value.find('?', q1 + 1);
    const size_t end = value.find("?=", q2 + 1);
    if (q1 == std::string::npos || q2 == std::string::npos || end == std::string::npos) {
      out += value.substr(start);
      break;
    }
    const char enc = static_cast<char>(std::toupper(value[q1 + 1]));
    const std::string text = value.substr(q2 + 1, end - q2 - 1);
    if (enc == 'B') {
      out += base64_decode(text);
    } else {
      std::string t = text;
      for (char& c : t)
        if (c == '_') c = ' ';
      out += decode_quoted_printable(t);
    }
    at = end + 2;
    last_was_word = true;
  }
  return out;
}

}  // namespace omvarld::test
