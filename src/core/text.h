// Small string helpers shared by the parsers. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace omvarld {

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
// The parts with `sep` between them; "" for none. Empty parts before the
// first non-empty one add nothing (as the stores have always written lists).
std::string join(const std::vector<std::string>& parts, char sep);
std::string to_lower(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);

// Parses a whole string as a double (no leading/trailing junk), exactly as
// std::from_chars does (correctly rounded). Accepts a leading '+'.
std::optional<double> parse_double(std::string_view s);

// True when the bytes look like an HTML document rather than data: a leading
// "<!DOCTYPE html" or "<html" after optional BOM and whitespace.
bool looks_like_html(std::string_view body);

// A short description of an HTML page for an error message: `title "..."`
// (its <title>, cut to 120 bytes on a character boundary) or "no title".
std::string describe_html(std::string_view body);

// Strips a UTF-8 byte order mark.
std::string_view strip_bom(std::string_view s);

// "12,345" with thousands separators, for messages.
std::string with_thousands(long long n);

// Appends `s` as a JSON string literal, quotes included, escaping quotes,
// backslashes and control characters. Bytes >= 0x80 pass through (UTF-8).
void append_json_string(std::string& out, std::string_view s);

// FNV-1a 64-bit of the bytes, as 16 hex digits: a cheap stable fingerprint.
std::string fnv1a_hex(std::string_view data);

// Appends a code point as UTF-8; surrogates and values past U+10FFFF become
// U+FFFD.
void append_utf8(std::string& out, uint32_t code_point);

// Percent-encoding (RFC 3986): every byte but the unreserved characters
// (letters, digits, - _ . ~) and those in `keep` becomes %XX.
std::string percent_encode(std::string_view s, std::string_view keep = {});

// Cuts `s` to at most `max_bytes` bytes without splitting a UTF-8 sequence;
// true when it cut anything.
bool utf8_cut(std::string& s, size_t max_bytes);

// The number of code points in UTF-8 text: every byte that does not continue
// a sequence counts once (so invalid bytes count as one character each).
size_t utf8_length(std::string_view s);

// Formats a double the shortest way that reads back to the same value.
std::string format_double(double v);

}  // namespace omvarld
