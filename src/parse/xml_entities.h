// Makes a feed's XML text safe for a strict XML parser without losing what
// the author meant. Pure.
//
// Feeds use HTML entities that XML does not declare (&hellip;, &nbsp;) and
// bare ampersands in links ("?a=1&b=2"). This pass rewrites every HTML 4
// named entity as a numeric character reference, and turns any other '&'
// that does not start an XML entity or character reference into "&amp;", so
// an unknown entity passes through literally. CDATA sections, comments and
// processing instructions are left as they are. A run of character
// references that is double-encoded UTF-8 ("&#226;&#128;&#166;", UTF-8
// bytes once read as Latin-1) becomes the one character it encodes. Nothing is expanded: a DTD's
// own entities are never loaded, so entity expansion cannot grow memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace omvarld {

// Returns the repaired text; `repairs` counts the rewritten ampersands.
std::string repair_xml_entities(std::string_view xml, int* repairs = nullptr);

// A character reference to 128-159 (C1 controls, never meant in a feed) read
// as the Windows-1252 character those bytes are, as browsers do (HTML's
// "numeric character reference end state"): 146 -> 0x2019. Others unchanged.
uint32_t windows_1252_repair(uint32_t code_point);

// The code point of an HTML 4 named entity ("hellip" -> 0x2026), or 0.
uint32_t html_entity_code_point(std::string_view name);

}  // namespace omvarld
