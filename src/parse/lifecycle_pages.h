// What the lifecycle sources (Have your say, the EP open data API, the
// Legislative Observatory, EUR-Lex) send instead of data, recognised in one
// place and turned into an Error that names the source and says what to do.
// They answer with status 200, 302, 307 or 400 and, in place of the document:
//   - the AWS WAF bot-challenge page (window.gokuProps, challenge.js) that
//     EUR-Lex serves to scripts: kSource, "try again later or from a browser";
//   - redirect pages (nginx "307 Temporary Redirect", Apache "302 Moved
//     Temporarily", with status 200 or the redirect status): kHttp with the
//     redirect's status and, where the page names it, its target;
//   - Spring error JSON ({"timestamp":..,"status":400,"error":"Bad Request",
//     "path":..}, OEIL; looked for in bodies under 8 KiB, as such answers
//     are): kHttp with the status it states;
//   - any other status >= 400, and a server's error page sent with 200
//     (its title "403 Forbidden", "503 ..."): kHttp;
//   - an empty body: kParse.
// check_lifecycle_json adds: an HTML page (or a text/html content type)
// where JSON was expected: kParse with the page's title.
// The parsers of parse/hys_initiative.h, parse/ep_procedure.h and
// parse/procedure_links.h call these first (with status 200 and the content
// type unknown, ""); a collector may call them with what the server said.
// `source` is the URL or file name; the service is named from it. Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace omvarld {

Status check_lifecycle_body(std::string_view body, std::string_view content_type, int http_status,
                            const std::string& source);

Status check_lifecycle_json(std::string_view body, std::string_view content_type, int http_status,
                            const std::string& source);

// "EUR-Lex (https://eur-lex.europa.eu/...)", "the EP open data API (...)",
// "the Legislative Observatory (...)", "Have your say (...)", or the source
// itself when it names none of them: how messages name a source.
std::string lifecycle_source_name(const std::string& source);

}  // namespace omvarld
