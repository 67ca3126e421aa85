// Relative references in feeds made absolute (RFC 3986 section 5.2), for
// xml:base, Content-Location and the document's own URI. Pure.
#pragma once

#include <string>
#include <string_view>

namespace omvarld {

// True when `ref` starts with a scheme ("http:", "tag:", "mailto:").
bool has_uri_scheme(std::string_view ref);

// `ref` resolved against `base`. A `ref` with a scheme is returned as it is;
// so is any `ref` when `base` has no scheme (nothing to resolve against).
// Dot segments are removed; the result's fragment is the reference's.
std::string resolve_uri(std::string_view base, std::string_view ref);

}  // namespace omvarld
