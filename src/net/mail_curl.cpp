#include "net/mail_curl.h"

#include <curl/curl.h>

#include <algorithm>

#include "core/files.h"
#include "core/text.h"
#include "net/curl_handles.h"

namespace omvarld {
namespace {

struct Upload {
  const std::string* bytes = nullptr;
  size_t at = 0;
  std::string last_reply;   // the server's last response line
  std::string error_reply;  // its first 4xx or 5xx reply, which QUIT's 221 must not hide
};

size_t on_read(char* buffer, size_t size, size_t nitems, void* user) {
  auto* u = static_cast<Upload*>(user);
  const size_t n = std::min(size * nitems, u->bytes->size() - u->at);
  std::copy_n(u->bytes->data() + u->at, n, buffer);
  u->at += n;
  return n;
}

// The server's replies come as CURLINFO_HEADER_IN; the last one says why
// a command failed ("550 5.1.1 <x@y>: no such user").
int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type == CURLINFO_HEADER_IN) {
    auto* u = static_cast<Upload*>(user);
    std::string line(trim(std::string_view(data, size)));
    if (!line.empty()) {
      utf8_cut(line, 300);
      for (char& c : line)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
      u->last_reply = line;
      if (u->error_reply.empty() && (line[0] == '4' || line[0] == '5')) u->error_reply = line;
    }
  }
  return 0;
}

// "smtp://mail.example.org:587" without any user part, for messages.
std::string server_of(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t at = url.find('@', host), slash = url.find('/', host);
  if (at != std::string::npos && (slash == std::string::npos || at < slash))
    return url.substr(0, host) + url.substr(at + 1);
  return url;
}

}  // namespace

Result<SmtpCredentials> read_smtp_credentials(const std::string& path) {
  auto text = read_file(path, "the SMTP credentials file", 64 * 1024);
  if (!text.ok()) return text.error();
  std::string line = text->substr(0, text->find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const size_t colon = line.find(':');
  if (colon == std::string::npos || colon == 0)
    return make_error(ErrorKind::kUsage,
                      "the SMTP credentials file " + path + ": the first line is not user:password")
        .with_hint(
            "write one line, user:password, and make the file readable by the service "
            "user only (chmod 600)");
  return SmtpCredentials{line.substr(0, colon), line.substr(colon + 1)};
}

// The easy handle kept from one send() to the next (its connection cache).
struct CurlMailSender::Handle : CurlEasy {};

CurlMailSender::CurlMailSender(SmtpOptions options) : options_(std::move(options)) {
  curl_global_init_once();
  handle_ = std::make_unique<Handle>();
}

CurlMailSender::~CurlMailSender() = default;

Status CurlMailSender::send(const std::string& from, const std::string& to,
                            const std::string& message) {
  const std::string server = server_of(options_.url);
  const std::string what = "mail to " + to + " via " + server;
  RETURN_IF_ERROR(check_mail_address(from, "the sender address"));
  RETURN_IF_ERROR(check_mail_address(to, "the recipient address"));
  CURL* curl = handle_->curl;
  if (!curl) return make_error(ErrorKind::kNetwork, what + ": could not initialise libcurl");
  curl_easy_reset(curl);
  const bool auth = !options_.username.empty();
  const bool implicit_tls = starts_with_ci(options_.url, "smtps://");
  // A certificate authority given says TLS is expected: a server that offers
  // none gets nothing, as with credentials.
  const bool tls_for_auth = auth && !options_.insecure_auth;
  const bool tls_for_ca = !options_.ca_file.empty();
  const bool require_tls = (tls_for_auth || tls_for_ca) && !implicit_tls;
  Upload upload;
  upload.bytes = &message;
  char errbuf[CURL_ERROR_SIZE] = {0};
  CurlSlist rcpt;
  rcpt.append("<" + to + ">");
  const std::string mail_from = "<" + from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   static_cast<long>(require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (auth) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt.list);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count() * 1000));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(options_.total_timeout.count() * 1000));
  // Verbose only to hand the server's replies to on_debug; nothing is printed.
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);

  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) return Status();
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  const std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  const std::string reply =
      !upload.error_reply.empty() ? " (the server said: " + upload.error_reply + ")"
      : upload.last_reply.empty() ? ""
                                  : " (the server's last reply: " + upload.last_reply + ")";
  if (rc == CURLE_USE_SSL_FAILED && require_tls && !tls_for_auth)
    return make_error(ErrorKind::kSource,
                      what +
                          ": no TLS (the server offers no STARTTLS, or refused it), and "
                          "--smtp-ca asks for TLS, so nothing was sent")
        .with_hint("use smtps://, or a server that offers STARTTLS");
  if (rc == CURLE_USE_SSL_FAILED && require_tls)
    return make_error(ErrorKind::kSource,
                      what +
                          ": no TLS (the server offers no STARTTLS, or refused it), so the "
                          "SMTP credentials were not sent (never unencrypted)")
        .with_hint(
            "use smtps:// or a server that offers STARTTLS; on a trusted local relay, "
            "--smtp-insecure-auth allows it");
  if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE)
    return make_error(ErrorKind::kNetwork,
                      what + ": the server's certificate could not be verified (" + detail +
                          "), so nothing was sent")
        .with_hint(
            "if the mail server's certificate is signed by the city's own certificate "
            "authority, give that authority's PEM file with --smtp-ca FILE");
  if (rc == CURLE_LOGIN_DENIED)
    return make_error(ErrorKind::kSource, what + ": the server refused the login" + reply,
                      static_cast<int>(code))
        .with_hint("check the user:password in the SMTP credentials file");
  if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL)
    return make_error(ErrorKind::kUsage, what + ": " + detail)
        .with_hint("give --smtp as smtp://host[:port] or smtps://host[:port]");
  if (code >= 400)
    return make_error(ErrorKind::kSource,
                      what + ": the server refused it with " + std::to_string(code) + reply,
                      static_cast<int>(code));
  return make_error(ErrorKind::kNetwork, what + ": " + detail + reply);
}

}  // namespace omvarld
