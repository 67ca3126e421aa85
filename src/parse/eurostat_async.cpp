#include "parse/eurostat_async.h"

#include <pugixml.hpp>

#include "core/text.h"
#include "core/url.h"

namespace omvarld {
namespace {

std::string_view local(const char* name) {
  std::string_view n = name;
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// An asynchronous answer is a few hundred bytes; data is not parsed as XML.
constexpr size_t kMaxAnswerBytes = 64 * 1024;

}  // namespace

std::optional<AsyncAnswer> parse_eurostat_async(std::string_view body) {
  std::string_view t = trim(strip_bom(body));
  if (t.empty() || t.front() != '<' || t.size() > kMaxAnswerBytes) return std::nullopt;
  pugi::xml_document doc;
  // No DOCTYPE processing; pugixml never loads external entities.
  unsigned flags = pugi::parse_default & ~pugi::parse_doctype;
  if (!doc.load_buffer(t.data(), t.size(), flags, pugi::encoding_utf8)) return std::nullopt;
  // The first <status> and <id>/<key> in document order, at any depth (the
  // SOAP envelope wraps them), walked without recursion.
  AsyncAnswer a;
  pugi::xml_node n = doc.first_child();
  while (n) {
    if (n.type() == pugi::node_element) {
      std::string_view name = local(n.name());
      const bool leaf =
          !n.find_child([](const pugi::xml_node& c) { return c.type() == pugi::node_element; });
      if (name == "status" && a.status.empty() && leaf) a.status = upper(trim(n.child_value()));
      if ((name == "id" || name == "key") && a.key.empty() && leaf)
        a.key = std::string(trim(n.child_value()));
    }
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && !n.next_sibling()) n = n.parent();
    if (n) n = n.next_sibling();
  }
  if (a.status == "SUBMITTED" || a.status == "PROCESSING")
    a.state = AsyncState::kWaiting;
  else if (a.status == "AVAILABLE")
    a.state = AsyncState::kAvailable;
  else if (a.status == "EXPIRED" || a.status == "UNKNOWN_REQUEST" || a.status == "ERROR")
    a.state = AsyncState::kFailed;
  else
    return std::nullopt;
  return a;
}

std::string eurostat_async_status_url(const std::string& base, const std::string& key) {
  return join_url(base, "1.0/async/status/" + url_encode(key));
}

std::string eurostat_async_data_url(const std::string& base, const std::string& key) {
  return join_url(base, "1.0/async/data/" + url_encode(key));
}

}  // namespace omvarld
