#include "net/http_client.h"

#include "core/text.h"

namespace omvarld {

Error http_status_error(const HttpResponse& response, const std::string& source) {
  std::string_view body = trim(strip_bom(response.body));
  std::string msg = source + ": HTTP " + std::to_string(response.status);
  if (looks_like_html(body)) msg += ", an HTML page (" + describe_html(body) + ")";
  ErrorKind kind = response.status == 404   ? ErrorKind::kNotFound
                   : response.status == 413 ? ErrorKind::kTooLarge
                                            : ErrorKind::kHttp;
  if (response.status >= 200 && response.status < 300) kind = ErrorKind::kParse;
  return make_error(kind, msg, response.status);
}

}  // namespace omvarld
