// Turning a feed's bytes into UTF-8, whatever it claims. Pure.
//
// Order of evidence: a byte-order mark (UTF-8, UTF-16 or UTF-32, or the
// shape of "<?" in UTF-16/32 without one); then, when the bytes are valid UTF-8,
// UTF-8 (a declaration of ISO-8859-1 or windows-1252 over valid UTF-8 bytes
// is a lie, and believing it makes mojibake); otherwise the HTTP charset,
// then the XML declaration, then windows-1252 (a superset of ISO-8859-1 that
// most undeclared Western feeds turn out to be). Conversion uses iconv;
// bytes a charset does not define become U+FFFD. C1 control characters in
// the result (U+0080-U+009F, a windows-1252 byte that went through a latin-1
// conversion somewhere upstream) are mapped as windows-1252 would ("demoronised").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace omvarld {

struct DecodedFeed {
  std::string utf8;                   // the document in UTF-8, without a BOM
  std::string encoding;               // what was used: "UTF-8", "WINDOWS-1251", ...
  std::vector<std::string> warnings;  // e.g. "declared ISO-8859-1 but the bytes are UTF-8"
};

// `content_type` is the HTTP Content-Type header ("" when unknown, e.g. a file).
DecodedFeed decode_feed_bytes(std::string_view bytes, std::string_view content_type);

bool is_valid_utf8(std::string_view s);

// Replaces each byte that does not start a valid UTF-8 sequence with U+FFFD.
void make_valid_utf8(std::string& s);

// The charset parameter of a Content-Type, lower-cased; "" if none.
std::string charset_from_content_type(std::string_view content_type);

// The encoding="..." of an XML declaration at the start, lower-cased; "" if none.
std::string xml_declared_encoding(std::string_view bytes);

}  // namespace omvarld
