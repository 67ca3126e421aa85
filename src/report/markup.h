// Escaping for the reports' HTML (written as well-formed XHTML so that any XML
// parser can read it) and SVG. Every text that comes from outside the
// program (feed titles and summaries, names from data files) goes through
// these. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace omvarld {

// Escapes & < > " ' and drops characters XML 1.0 forbids (C0 controls other
// than tab, newline and carriage return; unpaired surrogates cannot occur in
// valid UTF-8, and invalid UTF-8 bytes become U+FFFD).
std::string xml_escape(std::string_view text);

// `pattern` with each %d or %s replaced by the next of `args`, in order
// (the reports' sentences in two languages).
std::string fill(const char* pattern, const std::vector<std::string>& args);

// True for http:// and https:// URLs: the only ones made into links from
// feed data (a javascript: or data: URL stays text).
bool is_http_url(const std::string& url);

// A number for SVG coordinates: fixed, at most 2 decimals, no "-0".
std::string svg_number(double v);

}  // namespace omvarld
