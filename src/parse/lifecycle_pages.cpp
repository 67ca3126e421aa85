#include "parse/lifecycle_pages.h"

#include <rapidjson/document.h>

#include <cctype>
#include <cstdlib>
#include <optional>

#include "core/text.h"

namespace omvarld {
namespace {

// The first 64 KiB are enough to recognise every page below; a real
// document is never read further here.
constexpr size_t kHead = 65536;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The text of the <title> element, trimmed; "" when there is none.
std::string title_of(std::string_view body, const std::string& lower) {
  size_t t = lower.find("<title");
  if (t == std::string::npos) return {};
  size_t start = lower.find('>', t);
  size_t end = lower.find("</title", t);
  if (start == std::string::npos || end == std::string::npos || end <= start) return {};
  std::string title(trim(body.substr(start + 1, end - start - 1)));
  utf8_cut(title, 120);
  return title;
}

// The status a server's own status page names in its title ("307 Temporary
// Redirect", "403 Forbidden", "503 Service Temporarily Unavailable"), 0 when
// the title does not start with one.
int status_in_title(std::string_view title) {
  if (title.size() < 4 || !std::isdigit(static_cast<unsigned char>(title[0])) ||
      !std::isdigit(static_cast<unsigned char>(title[1])) ||
      !std::isdigit(static_cast<unsigned char>(title[2])) || title[3] != ' ')
    return 0;
  int status = (title[0] - '0') * 100 + (title[1] - '0') * 10 + (title[2] - '0');
  return status >= 300 && status <= 599 ? status : 0;
}

// The first href of an <a> in the page (a redirect page's target), entities
// for '&' decoded; "" when none.
std::string first_link(std::string_view body, const std::string& lower) {
  size_t a = lower.find("<a ");
  if (a == std::string::npos) return {};
  size_t h = lower.find("href=\"", a);
  if (h == std::string::npos) return {};
  h += 6;
  size_t end = lower.find('"', h);
  if (end == std::string::npos || end - h > 2048) return {};
  std::string href(body.substr(h, end - h));
  std::string out;
  for (size_t i = 0; i < href.size(); ++i) {
    if (href.compare(i, 5, "&amp;") == 0) {
      out += '&';
      i += 4;
    } else {
      out += href[i];
    }
  }
  return out;
}

bool is_redirect_status(int s) { return s == 301 || s == 302 || s == 303 || s == 307 || s == 308; }

// A Spring Boot error body: an object with a numeric "status" >= 400 and an
// "error" string, and none of the keys data carries.
struct SpringError {
  int status = 0;
  std::string error, message, path;
};
std::optional<SpringError> spring_error(std::string_view body) {
  std::string_view t = trim(strip_bom(body));
  // Spring's error bodies are a few hundred bytes; a document is not read twice.
  if (t.empty() || t.front() != '{' || t.size() > 8192) return std::nullopt;
  rapidjson::Document doc;
  // Small bodies only, parsed iteratively: no recursion over the input.
  doc.Parse<rapidjson::kParseIterativeFlag>(t.data(), t.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  const rapidjson::Value& root = doc;  // const iterators: one operator== in C++20
  auto status = root.FindMember("status");
  auto error = root.FindMember("error");
  if (status == root.MemberEnd() || error == root.MemberEnd() || !status->value.IsInt() ||
      !error->value.IsString() || status->value.GetInt() < 400 || status->value.GetInt() > 599)
    return std::nullopt;
  if (root.HasMember("data") || root.HasMember("@graph") || root.HasMember("publications"))
    return std::nullopt;
  SpringError e;
  e.status = status->value.GetInt();
  e.error = error->value.GetString();
  if (auto m = root.FindMember("message"); m != root.MemberEnd() && m->value.IsString())
    e.message = m->value.GetString();
  if (auto p = root.FindMember("path"); p != root.MemberEnd() && p->value.IsString())
    e.path = p->value.GetString();
  utf8_cut(e.error, 120);
  utf8_cut(e.message, 200);
  utf8_cut(e.path, 200);
  return e;
}

}  // namespace

std::string lifecycle_source_name(const std::string& source) {
  std::string lower = to_lower(source);
  const char* name = nullptr;
  if (contains(lower, "eur-lex.europa.eu"))
    name = "EUR-Lex";
  else if (contains(lower, "/oeil"))
    name = "the Legislative Observatory";
  else if (contains(lower, "data.europarl.europa.eu"))
    name = "the EP open data API";
  else if (contains(lower, "better-regulation") || contains(lower, "brpapi"))
    name = "Have your say";
  if (!name) return source;
  return std::string(name) + " (" + source + ")";
}

Status check_lifecycle_body(std::string_view body, std::string_view content_type, int http_status,
                            const std::string& source) {
  const std::string who = lifecycle_source_name(source);
  std::string_view head = body.substr(0, kHead);
  if (trim(strip_bom(body)).empty())
    return make_error(ErrorKind::kParse,
                      who + ": an empty answer (HTTP " + std::to_string(http_status) +
                          ") instead of the document",
                      http_status);
  // The challenge's script names, as AWS writes them (case-sensitive: a
  // search over the whole head without a lower-case copy of it).
  if (contains(head, "gokuProps") || contains(head, "AwsWafIntegration") ||
      contains(head, ".awswaf.com/"))
    return make_error(ErrorKind::kSource,
                      who +
                          ": a bot challenge page (AWS WAF) instead of the document; try again "
                          "later or from a browser",
                      http_status)
        .with_hint(
            "The site asks a browser to prove it is one; omvarld keeps the data it had "
            "and tries again on the next harvest.");
  const bool html = looks_like_html(head) || contains(to_lower(content_type), "html");
  // A page's <title> and a redirect page's link come early: 8 KiB is plenty.
  const std::string lower = html ? to_lower(head.substr(0, 8192)) : std::string();
  if (html || is_redirect_status(http_status)) {
    const std::string title = html ? title_of(head.substr(0, 8192), lower) : std::string();
    const int in_title = status_in_title(title);
    int status = is_redirect_status(http_status) ? http_status
                 : is_redirect_status(in_title)  ? in_title
                                                 : 0;
    if (status != 0) {
      std::string target = html ? first_link(head.substr(0, 8192), lower) : std::string();
      std::string what = title.empty() ? "HTTP " + std::to_string(status) : title;
      return make_error(ErrorKind::kHttp,
                        who + ": a redirect page (" + what + ")" +
                            (target.empty() ? std::string() : " pointing to " + target) +
                            " instead of the document; the address may have moved",
                        status);
    }
  }
  if (auto e = spring_error(head)) {
    std::string text = std::to_string(e->status) + " " + e->error;
    if (!e->message.empty()) text += ": " + e->message;
    if (!e->path.empty()) text += " (path " + e->path + ")";
    return make_error(ErrorKind::kHttp, who + ": an error answer, HTTP " + text, e->status);
  }
  if (http_status >= 400) {
    std::string what = html ? ", " + describe_html(head) : std::string();
    return make_error(
        ErrorKind::kHttp,
        who + ": HTTP " + std::to_string(http_status) + what + " instead of the document",
        http_status);
  }
  // A server's error page sent with status 200 ("403 Forbidden").
  if (html) {
    const int in_title = status_in_title(title_of(head.substr(0, 8192), lower));
    if (in_title >= 400)
      return make_error(ErrorKind::kHttp,
                        who + ": an error page (" + title_of(head.substr(0, 8192), lower) +
                            ") instead of the document",
                        in_title);
  }
  return Status::Ok();
}

Status check_lifecycle_json(std::string_view body, std::string_view content_type, int http_status,
                            const std::string& source) {
  RETURN_IF_ERROR(check_lifecycle_body(body, content_type, http_status, source));
  std::string_view head = body.substr(0, kHead);
  std::string_view start = trim(strip_bom(head));
  if (looks_like_html(head) || contains(to_lower(content_type), "html") ||
      (!start.empty() && start.front() == '<'))
    return make_error(ErrorKind::kParse,
                      lifecycle_source_name(source) + ": an HTML page (" + describe_html(head) +
                          ") where JSON was expected",
                      http_status);
  return Status::Ok();
}

}  // namespace omvarld
