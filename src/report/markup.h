// Escaping for the reports' HTML (written as well-formed XHTML so that any XML
// parser can read it) and SVG. Every text that comes from outside the
// program (feed titles and summaries, names from data files) goes through
// these. Pure.
#pragma once

#include <string>
#include <string_view>

namespace omvarld {

// Escapes & < > " ' and drops characters XML 1.0 forbids (C0 controls other
// than tab, newline and carriage return; unpaired surrogates cannot occur in
// valid UTF-8, and invalid UTF-8 bytes become U+FFFD).
std::string xml_escape(std::string_view text);

// A number for SVG coordinates: fixed, at most 2 decimals, no "-0".
std::string svg_number(double v);

}  // namespace omvarld
