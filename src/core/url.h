// URL helpers: percent-encoding of query parts and joining a base URL with a
// path. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace omvarld {

// Percent-encodes everything but RFC 3986 unreserved characters
// (core/text.h percent_encode with nothing kept).
std::string url_encode(std::string_view s);

// "a=1&b=x%20y" from ordered pairs (repeated keys allowed, order kept).
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

// Joins "https://host/base/" or "https://host/base" with "/path" or "path".
std::string join_url(std::string_view base, std::string_view path);

}  // namespace omvarld
