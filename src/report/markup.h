// Escaping for everything omvarld writes that people open: the reports' HTML
// (written as well-formed XHTML so that any XML parser can read it) and SVG,
// Markdown, and CSV. Every text that comes from outside the program (feed
// titles and summaries, names from data files) goes through these. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"

namespace omvarld {

// Escapes & < > " ' and drops characters XML 1.0 forbids (C0 controls other
// than tab, newline and carriage return; unpaired surrogates cannot occur in
// valid UTF-8, and invalid UTF-8 bytes become U+FFFD).
std::string xml_escape(std::string_view text);

// `pattern` with each %d or %s replaced by the next of `args`, in order
// (the reports' sentences in two languages).
std::string fill(const char* pattern, const std::vector<std::string>& args);

// Text for Markdown (CommonMark and GitHub's dialect) inside a line that
// omvarld starts, shown as written and never as markup: \ ` * _ [ ] # | ~
// are backslash-escaped, and so are the ':' of "://" and the '.' of "www."
// (GitHub's bare-URL links); & < > become entities (no raw HTML, no
// autolinks); line breaks and other control characters become spaces.
// So a feed title cannot make a link, an image (a tracking pixel), a
// heading, a table cell or a <script> in the digest.
std::string markdown_text(std::string_view text);

// An http(s) URL as a Markdown autolink "<url>", with the characters that
// would end or break it percent-encoded; "" for any other URL (javascript:,
// data:, ...), which then stays out of the Markdown.
std::string markdown_autolink(std::string_view url);

// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view s);

// A CSV field of text from outside (titles, names, notes, links) in a file
// meant for spreadsheets: as csv_field, and a text that a spreadsheet would
// run as a formula (starting with = + - @, a tab or a carriage return) gets
// a leading apostrophe, as OWASP's advice on CSV injection says. Numbers
// omvarld computes are written with csv_field, never changed.
std::string csv_text(std::string_view s);

// True for http:// and https:// URLs: the only ones made into links from
// feed data (a javascript: or data: URL stays text).
bool is_http_url(const std::string& url);

// A number for SVG coordinates: fixed, at most 2 decimals, no "-0".
std::string svg_number(double v);

// A number for people to read, as the language writes it, with `decimals`
// decimals: English "1,234.5"; Swedish "1 234,5", the thousands separated by
// U+00A0 (a no-break space, so that a number never breaks across lines; in
// every font, unlike U+202F). A value that rounds to zero has no minus sign
// ("0.0", never "-0.0"); NaN or infinity gives "". Every number the reports
// show, tables and charts alike, goes through this.
std::string format_number(double v, int decimals, Lang lang);

// The no-break space the Swedish numbers use (also before "%": "21,8 %").
inline constexpr const char* kNoBreakSpace = "\xC2\xA0";

}  // namespace omvarld
