#include "parse/feed_uri.h"

#include <vector>

namespace omvarld {
namespace {

// RFC 3986 section 3: scheme ":" ["//" authority] path ["?" query] ["#" fragment].
struct UriParts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_authority = false, has_query = false, has_fragment = false;
};

size_t scheme_length(std::string_view s) {
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return 0;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return i;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.';
    if (!ok) return 0;
  }
  return 0;
}

UriParts split_uri(std::string_view s) {
  UriParts u;
  if (size_t n = scheme_length(s)) {
    u.scheme = s.substr(0, n);
    s.remove_prefix(n + 1);
  }
  if (size_t hash = s.find('#'); hash != std::string_view::npos) {
    u.fragment = s.substr(hash + 1);
    u.has_fragment = true;
    s = s.substr(0, hash);
  }
  if (size_t q = s.find('?'); q != std::string_view::npos) {
    u.query = s.substr(q + 1);
    u.has_query = true;
    s = s.substr(0, q);
  }
  if (s.substr(0, 2) == "//") {
    s.remove_prefix(2);
    size_t slash = s.find('/');
    u.authority = s.substr(0, slash);
    u.has_authority = true;
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  }
  u.path = s;
  return u;
}

// RFC 3986 section 5.2.4, over segments rather than by rewriting a buffer.
std::string remove_dot_segments(std::string_view path) {
  if (path.empty()) return {};
  bool absolute = path.front() == '/';
  std::vector<std::string_view> out;
  size_t i = absolute ? 1 : 0;
  bool trailing = false;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    std::string_view seg =
        path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    bool last = slash == std::string_view::npos;
    if (seg == ".") {
      trailing = last;
    } else if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing = last;
    } else {
      out.push_back(seg);
      trailing = false;
    }
    if (last) break;
    i = slash + 1;
  }
  std::string r = absolute ? "/" : "";
  for (size_t k = 0; k < out.size(); ++k) {
    if (k) r += '/';
    r += out[k];
  }
  if (trailing && !out.empty()) r += '/';
  return r;
}

std::string merge_paths(const UriParts& base, std::string_view ref_path) {
  if (base.has_authority && base.path.empty()) return "/" + std::string(ref_path);
  size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(ref_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(ref_path);
}

}  // namespace

bool has_uri_scheme(std::string_view ref) { return scheme_length(ref) > 0; }

std::string resolve_uri(std::string_view base, std::string_view ref) {
  if (has_uri_scheme(ref) || !has_uri_scheme(base)) return std::string(ref);
  UriParts b = split_uri(base), r = split_uri(ref);
  std::string authority(b.authority), path, query;
  bool has_authority = b.has_authority, has_query = false;
  if (r.has_authority) {
    authority = std::string(r.authority);
    has_authority = true;
    path = remove_dot_segments(r.path);
    query = std::string(r.query);
    has_query = r.has_query;
  } else if (r.path.empty()) {
    path = std::string(b.path);
    query = std::string(r.has_query ? r.query : b.query);
    has_query = r.has_query || b.has_query;
  } else {
    path =
        remove_dot_segments(r.path.front() == '/' ? std::string(r.path) : merge_paths(b, r.path));
    query = std::string(r.query);
    has_query = r.has_query;
  }
  std::string out(b.scheme);
  out += ':';
  if (has_authority) out += "//" + authority;
  out += path;
  if (has_query) out += "?" + query;
  if (r.has_fragment) out += "#" + std::string(r.fragment);
  return out;
}

}  // namespace omvarld
