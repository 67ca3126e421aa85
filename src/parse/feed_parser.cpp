#include "parse/feed_parser.h"

#include <algorithm>
#include <cstring>
#include <pugixml.hpp>

#include "core/text.h"
#include "parse/feed_dates.h"
#include "parse/feed_encoding.h"
#include "parse/feed_uri.h"
#include "parse/html_text.h"
#include "parse/xml_entities.h"

namespace omvarld {
namespace {

// "dc:date" -> "date"; pugixml keeps prefixes, feeds use them inconsistently.
std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view prefix(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

// All text below a node (text and CDATA, Atom xhtml content included), as
// written, in document order. Walks the tree through its parent links, so
// the depth of the input costs no stack (parse_feed also refuses trees
// deeper than FeedParseOptions::max_depth).
std::string inner_text(const pugi::xml_node& n, size_t cap) {
  std::string out;
  pugi::xml_node c = n.first_child();
  while (c && out.size() < cap) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    if (c.type() == pugi::node_element && c.first_child()) {
      c = c.first_child();
      continue;
    }
    // Next in document order: a sibling, else the sibling of the nearest
    // ancestor below `n` that has one.
    while (c && c != n && !c.next_sibling()) c = c.parent();
    c = (c && c != n) ? c.next_sibling() : pugi::xml_node();
  }
  utf8_cut(out, cap);
  return out;
}

// How many elements deep the tree below `root` goes (a child of root is at
// depth 1), walked without recursion; stops counting once past `limit`.
size_t element_depth(const pugi::xml_node& root, size_t limit) {
  size_t depth = 1, deepest = 0;
  pugi::xml_node c = root.first_child();
  while (c) {
    if (c.type() == pugi::node_element) {
      deepest = std::max(deepest, depth);
      if (deepest > limit) break;
    }
    if (c.first_child()) {
      c = c.first_child();
      ++depth;
      continue;
    }
    while (c && c != root && !c.next_sibling()) {
      c = c.parent();
      --depth;
    }
    c = (c && c != root) ? c.next_sibling() : pugi::xml_node();
  }
  return deepest;
}

// The markup below a node, as written (inline xhtml: RSS <body>, Atom
// type="xhtml"), with Atom's wrapping <div> left out. pugixml prints
// without recursion; the output is cut at `cap`.
std::string inner_markup(const pugi::xml_node& n, size_t cap) {
  struct CappedWriter : pugi::xml_writer {
    std::string out;
    size_t cap = 0;
    void write(const void* data, size_t size) override {
      if (out.size() < cap)
        out.append(static_cast<const char*>(data), std::min(size, cap - out.size()));
    }
  } w;
  w.cap = cap;
  pugi::xml_node from = n;
  pugi::xml_node only = n.first_child();
  if (only && only.type() == pugi::node_element && local_name(only) == "div" &&
      !only.next_sibling() && n.attribute("type"))
    from = only;
  for (pugi::xml_node c : from.children()) c.print(w, "", pugi::format_raw);
  utf8_cut(w.out, cap);
  return w.out;
}

// Standard base64 (RFC 4648), white space skipped; stops at '=' or at the
// first byte outside the alphabet.
std::string base64_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size() / 4 * 3);
  uint32_t acc = 0;
  int bits = 0;
  for (char ch : s) {
    int v;
    if (ch >= 'A' && ch <= 'Z')
      v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z')
      v = ch - 'a' + 26;
    else if (ch >= '0' && ch <= '9')
      v = ch - '0' + 52;
    else if (ch == '+' || ch == '-')
      v = 62;
    else if (ch == '/' || ch == '_')
      v = 63;
    else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
      continue;
    else
      break;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::string plain(const pugi::xml_node& n, size_t cap) {
  return html_to_text(inner_text(n, cap), cap);
}

// Text that claims to be plain but holds an HTML end tag or an empty
// element tag is read as HTML: feeds mislabel escaped HTML more often than
// they write "</" in prose. One scan, no copy.
bool has_html_tag(std::string_view s) {
  // The next '>' and the next ' ' at or after i, each found again only once
  // i has passed it: one pass however many '<' there are ("<a<a<a...").
  size_t end = 0, space = 0;
  bool looked = false;
  for (size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    char next = i + 1 < s.size() ? s[i + 1] : ' ';
    if (next == '/' || next == '!') return true;
    if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) {
      if (!looked || end < i) end = s.find('>', i);
      if (!looked || space < i) space = s.find(' ', i);
      looked = true;
      if (end == std::string_view::npos) return false;  // no later '<' can close either
      if (space == std::string_view::npos || space > end)
        return true;  // <p>, <br/>, not "< b and c >"
    }
  }
  return false;
}

// An Atom text construct (RFC 4287 3.1, and Atom 0.3's mode attribute) read
// by its type: "text" is text, so '<' stays a character; "html" is markup;
// "xhtml" is inline markup. mode="base64" is decoded first.
struct AtomText {
  std::string raw;  // the text, or the markup, as published
  bool is_text = false;
  bool is_xhtml = false;
};

AtomText atom_text(const pugi::xml_node& n, size_t cap) {
  std::string type = to_lower(n.attribute("type").value());
  std::string_view mode = n.attribute("mode").value();
  AtomText t;
  bool xhtml = type == "xhtml" ||
               (type.find("xhtml") != std::string::npos && (mode.empty() || mode == "xml"));
  if (xhtml &&
      n.find_child([](const pugi::xml_node& c) { return c.type() == pugi::node_element; })) {
    t.raw = inner_markup(n, cap);
    t.is_xhtml = true;
    return t;
  }
  t.raw = inner_text(n, cap);
  // RFC 4287 4.1.3.3: a media type that is neither text nor XML means
  // base64 (feedparser reads summary and title the same way).
  std::string_view ty = type;
  bool binary_type = !ty.empty() && ty != "text" && ty != "html" && !ty.starts_with("text/") &&
                     !ty.ends_with("+xml") && !ty.ends_with("/xml");
  if (mode == "base64" || (mode.empty() && binary_type)) {
    t.raw = base64_decode(t.raw);
    utf8_cut(t.raw, cap);
  }
  t.is_text = (type.empty() || type == "text" || type == "text/plain") && !has_html_tag(t.raw);
  return t;
}

std::string atom_plain(const AtomText& t, size_t cap) {
  return t.is_text ? text_with_entities_decoded(t.raw, cap) : html_to_text(t.raw, cap);
}
// An RSS title is text, but one that holds HTML tags (escaped markup such
// as "&lt;b&gt;urban&lt;/b&gt;", a sanitizer's <script>) is read as HTML, as
// feedparser does: its text is what a reader sees. A '<' in prose ("a < b")
// is no tag and stays.
std::string title_text(const pugi::xml_node& n, size_t cap) {
  std::string raw = inner_text(n, cap);
  return has_html_tag(raw) ? html_to_text(raw, cap) : text_with_entities_decoded(raw, cap);
}

// The dates of one item as read so far. A repeated date element replaces
// the one before it, as in feedparser (atom/entry_updated_multiple_values,
// atom/entry_published_parsed_date_overwriting: <published> after <issued>
// wins), but an unreadable date never replaces a readable one.
struct ItemDates {
  std::string published_text, updated_text;

  void set(std::optional<int64_t>& field, std::string& text_slot, const pugi::xml_node& n) {
    std::string text(trim(inner_text(n, 128)));
    if (text.empty()) return;
    std::optional<int64_t> parsed = parse_feed_date(text);
    if (parsed || !field) {
      if (parsed) field = parsed;
      text_slot = std::move(text);
    }
  }
  void published(FeedItem& item, const pugi::xml_node& n) {
    set(item.published, published_text, n);
  }
  void updated(FeedItem& item, const pugi::xml_node& n) { set(item.updated, updated_text, n); }
  // The date as written: the published one, else the updated one.
  void finish(FeedItem& item) {
    item.date_text = !published_text.empty() ? std::move(published_text) : std::move(updated_text);
  }
};

// `ref` made absolute against the base in effect at `n`: the document's
// URI, changed by every xml:base from the root down to `n`, each resolved
// against the one above it (XML Base; feedparser reads it on any element).
// An absolute `ref` costs one scan of its scheme. The walk up is bounded by
// FeedParseOptions::max_depth.
std::string absolute_at(const pugi::xml_node& n, std::string ref, const std::string& doc_uri) {
  if (ref.empty() || has_uri_scheme(ref)) return ref;
  std::vector<std::string_view> bases;
  for (pugi::xml_node a = n; a; a = a.parent())
    if (pugi::xml_attribute attr = a.attribute("xml:base")) bases.emplace_back(attr.value());
  std::string base = doc_uri;
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) base = resolve_uri(base, trim(*it));
  return resolve_uri(base, ref);
}

// An element of RSS itself: unprefixed, or rss:-prefixed (RSS 1.0 written
// with an explicit prefix).
bool is_own(std::string_view pre, std::string_view own) { return pre.empty() || pre == own; }

// `own` is the root element's prefix (<r:rss xmlns:r="...rss2">): RSS
// written wholly in a prefix of its own.
FeedItem rss_item(const pugi::xml_node& node, const FeedParseOptions& o, std::string_view own) {
  FeedItem item;
  item.guid = std::string(trim(node.attribute("rdf:about").value()));
  std::string foreign_title, second_summary;
  ItemDates dates;
  auto mine = [own](std::string_view pre) { return is_own(pre, "rss") || pre == own; };
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = local_name(c), pre = prefix(c);
    if (name == "title") {
      // <title> wins over media:title, dc:title and the like, in any order.
      std::string& slot = mine(pre) ? item.title : foreign_title;
      if (slot.empty()) slot = title_text(c, o.max_field_bytes);
    } else if (name == "link" && mine(pre) && item.link.empty()) {
      item.link =
          absolute_at(c, std::string(trim(inner_text(c, o.max_field_bytes))), o.document_uri);
    } else if (name == "link" && pre == "atom" && item.link.empty()) {
      item.link = absolute_at(c, std::string(trim(c.attribute("href").value())), o.document_uri);
    } else if (name == "guid") {
      item.guid = std::string(trim(inner_text(c, o.max_field_bytes)));
      std::string perma = to_lower(c.attribute("isPermaLink").value());
      item.guid_is_permalink = perma != "false";
    } else if ((name == "description" && (mine(pre) || pre == "dc")) ||
               (name == "summary" && (mine(pre) || pre == "itunes"))) {
      // description, dc:description, an RSS <summary>, itunes:summary: the
      // first is the summary; a second one (a <summary> beside a
      // <description>) is the content when there is no other, as feedparser
      // reads it.
      if (item.summary.empty())
        item.summary = plain(c, o.max_field_bytes);
      else if (second_summary.empty())
        second_summary = inner_text(c, o.max_field_bytes);
    } else if (name == "encoded" || (name == "content" && mine(pre)) || name == "fullitem") {
      if (item.content.empty()) item.content = inner_text(c, o.max_field_bytes);
    } else if (name == "body" && (pre.empty() || pre == "xhtml")) {
      // Inline xhtml (<body xmlns="http://www.w3.org/1999/xhtml">): kept as markup.
      if (item.content.empty()) item.content = inner_markup(c, o.max_field_bytes);
    } else if (name == "pubDate" || (name == "date" && pre == "dc") || name == "issued") {
      dates.published(item, c);
    } else if (name == "modified" || name == "updated") {
      dates.updated(item, c);
    } else if (name == "category" && pre == "itunes") {
      // <itunes:category text="Technology"><itunes:category text="Gadgets"/>:
      // each level is a category, as feedparser lists them.
      for (pugi::xml_node k = c; k; k = k.child("itunes:category")) {
        std::string cat = html_to_text(k.attribute("text").value(), 1024);
        if (!cat.empty()) item.categories.push_back(std::move(cat));
      }
    } else if (name == "category" || (name == "subject" && pre == "dc")) {
      std::string cat = plain(c, 1024);
      if (!cat.empty()) item.categories.push_back(cat);
    } else if (name == "tags" && pre.empty()) {
      // A made-up but common <tags>a, b</tags>: comma-separated categories.
      const std::string tags = plain(c, 4096);
      for (std::string_view t : split(tags, ','))
        if (!trim(t).empty()) item.categories.emplace_back(trim(t));
    } else if ((name == "author" || name == "creator") && item.author.empty()) {
      item.author = plain(c, 1024);
    }
  }
  if (item.title.empty()) item.title = std::move(foreign_title);
  dates.finish(item);
  if (item.content.empty()) item.content = std::move(second_summary);
  // A permalink guid is the link when there is none (RSS 2.0); a guid with
  // isPermaLink="false" never is.
  if (item.link.empty() && item.guid_is_permalink &&
      (item.guid.rfind("http://", 0) == 0 || item.guid.rfind("https://", 0) == 0))
    item.link = item.guid;
  if (item.summary.empty() && !item.content.empty())
    item.summary = html_to_text(item.content, o.max_field_bytes);
  return item;
}

// Atom's own elements are unprefixed or atom:-prefixed (is_own); another
// prefix (media:title, dc:title) is another vocabulary, read only as a
// fallback.
FeedItem atom_entry(const pugi::xml_node& node, const FeedParseOptions& o) {
  FeedItem item;
  std::string alternate, any_link, foreign_title;
  ItemDates dates;
  bool content_is_text = false;
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = local_name(c), pre = prefix(c);
    if (name == "id") {
      // feedparser resolves a relative Atom id like a link.
      item.guid =
          absolute_at(c, std::string(trim(inner_text(c, o.max_field_bytes))), o.document_uri);
    } else if (name == "title") {
      AtomText t = atom_text(c, o.max_field_bytes);
      // By type: text keeps a '<' as a character; html (and text that holds
      // HTML tags) is read as HTML, its text; inline xhtml likewise, so that
      // script text is dropped.
      std::string title =
          t.is_xhtml ? html_to_text(t.raw, o.max_field_bytes) : atom_plain(t, o.max_field_bytes);
      if (is_own(pre, "atom"))
        item.title = std::move(title);
      else if (foreign_title.empty())
        foreign_title = std::move(title);
    } else if (name == "link") {
      std::string rel = c.attribute("rel").value();
      // A link without href holds its URI as text (an Atom 0.3 habit).
      std::string href = c.attribute("href") ? std::string(c.attribute("href").value())
                                             : inner_text(c, o.max_field_bytes);
      href = absolute_at(c, std::string(trim(href)), o.document_uri);
      if ((rel.empty() || rel == "alternate") && alternate.empty()) alternate = href;
      if (any_link.empty()) any_link = href;
    } else if (name == "summary" && is_own(pre, "atom")) {
      item.summary = atom_plain(atom_text(c, o.max_field_bytes), o.max_field_bytes);
    } else if (name == "content" && is_own(pre, "atom")) {
      AtomText t = atom_text(c, o.max_field_bytes);
      item.content = std::move(t.raw);
      content_is_text = t.is_text;
    } else if (name == "published" || name == "issued" || name == "date") {
      dates.published(item, c);
    } else if (name == "updated" || name == "modified") {
      dates.updated(item, c);
    } else if (name == "category") {
      // RFC 4287 4.2.2: term is the category; label is only for display.
      std::string term = c.attribute("term").value();
      if (term.empty()) term = c.attribute("label").value();
      if (term.empty()) term = inner_text(c, 1024);  // Atom 0.3 <dc:subject>-like text
      std::string cat = html_to_text(term, 1024);
      if (!cat.empty()) item.categories.push_back(std::move(cat));
    } else if (name == "author" && item.author.empty()) {
      item.author = plain(c.child("name") ? c.child("name") : c, 1024);
    }
  }
  if (item.title.empty()) item.title = std::move(foreign_title);
  dates.finish(item);
  item.link = !alternate.empty() ? alternate : any_link;
  item.guid_is_permalink = false;
  if (!item.published) item.published = item.updated;
  if (item.summary.empty() && !item.content.empty())
    item.summary = content_is_text ? text_with_entities_decoded(item.content, o.max_field_bytes)
                                   : html_to_text(item.content, o.max_field_bytes);
  return item;
}

// A CDF item (Microsoft's Channel Definition Format, which feedparser
// reads): <ITEM HREF="..." LASTMOD="..."><TITLE/><ABSTRACT/></ITEM>, names
// in any case.
FeedItem cdf_item(const pugi::xml_node& node, const FeedParseOptions& o) {
  FeedItem item;
  for (pugi::xml_attribute a : node.attributes()) {
    std::string name = to_lower(a.name());
    if (name == "href") item.link = absolute_at(node, std::string(trim(a.value())), o.document_uri);
    if (name == "lastmod") {
      item.date_text = std::string(trim(a.value()));
      item.updated = parse_feed_date(item.date_text);
    }
  }
  for (pugi::xml_node c : node.children()) {
    std::string name = to_lower(c.name());
    if (name == "title" && item.title.empty()) item.title = title_text(c, o.max_field_bytes);
    if (name == "abstract" && item.summary.empty()) item.summary = plain(c, o.max_field_bytes);
  }
  item.published = item.updated;  // its only date, as for an Atom entry without <published>
  return item;
}

}  // namespace

Result<Feed> parse_feed(std::string_view bytes, std::string_view content_type,
                        const std::string& source, const FeedParseOptions& options) {
  if (bytes.size() > options.max_bytes)
    return make_error(ErrorKind::kTooLarge,
                      source + ": feed of " + with_thousands(static_cast<long long>(bytes.size())) +
                          " bytes is over the cap of " +
                          with_thousands(static_cast<long long>(options.max_bytes)));
  Feed feed;
  DecodedFeed decoded = decode_feed_bytes(bytes, content_type);
  feed.encoding = decoded.encoding;
  for (auto& w : decoded.warnings) feed.warnings.push_back(source + ": " + w);
  std::string_view text = trim(decoded.utf8);
  // Refusals say how bytes that were not UTF-8 were read.
  const std::string read_as =
      decoded.encoding == "UTF-8" ? std::string() : " (read as " + decoded.encoding + ")";
  if (text.empty())
    return make_error(ErrorKind::kParse,
                      source + ": empty body where a feed was expected" + read_as);
  if (looks_like_html(text))
    return make_error(ErrorKind::kParse, source + ": got an HTML page where a feed was expected");
  if (text.front() == '{' || text.front() == '[')
    return make_error(ErrorKind::kParse,
                      source + ": got JSON where an RSS or Atom feed was expected");

  int repairs = 0;
  std::string xml = repair_xml_entities(text, &repairs);
  if (repairs)
    feed.warnings.push_back(source + ": " + std::to_string(repairs) + " stray '&' read as text");

  pugi::xml_document doc;
  // No DOCTYPE processing (pugixml never loads external entities or expands
  // DTD-declared ones); the bytes are UTF-8 now, whatever the prolog says.
  unsigned flags = (pugi::parse_default | pugi::parse_cdata) & ~pugi::parse_doctype;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), flags, pugi::encoding_utf8);
  if (!r)
    feed.warnings.push_back(source + ": broken XML (" + r.description() + " at byte " +
                            std::to_string(r.offset) + "); kept the items read before it");

  // Text extraction walks without recursion, but a tree this deep is no feed
  // (real ones, xhtml content included, stay under 30): refuse it by name.
  if (element_depth(doc, options.max_depth) > options.max_depth)
    return make_error(ErrorKind::kParse, source + ": XML nesting deeper than " +
                                             std::to_string(options.max_depth) +
                                             " elements; not read");

  pugi::xml_node root = doc.document_element();
  std::string_view root_name = root ? local_name(root) : std::string_view();
  std::vector<pugi::xml_node> nodes;
  if (root_name == "rss" || root_name == "RDF" || root_name == "channel") {
    pugi::xml_node channel = root_name == "channel" ? root : root.child("channel");
    if (!channel)
      for (pugi::xml_node c : root.children())
        if (local_name(c) == "channel") channel = c;
    feed.format = root_name == "rss" ? "rss2" : "rss1";
    if (root_name == "RDF" && std::strstr(root.attribute("xmlns").value(), "netscape"))
      feed.format = "rss090";
    if (channel) {
      feed.title = title_text(channel.child("title"), 1024);
      feed.link = absolute_at(channel.child("link"), std::string(trim(channel.child_value("link"))),
                              options.document_uri);
    }
    // RSS 2.0 items live in channel; RSS 1.0/0.9 items beside it.
    for (pugi::xml_node parent : {channel, root})
      if (parent)
        for (pugi::xml_node c : parent.children())
          if (c.type() == pugi::node_element && local_name(c) == "item") nodes.push_back(c);
  } else if (root_name == "feed") {
    feed.format = "atom";
    AtomText title = atom_text(root.child("title"), 1024);
    feed.title = title.is_xhtml ? html_to_text(title.raw, 1024) : atom_plain(title, 1024);
    for (pugi::xml_node c : root.children()) {
      if (local_name(c) == "link" && (std::string_view(c.attribute("rel").value()).empty() ||
                                      std::string_view(c.attribute("rel").value()) == "alternate"))
        feed.link = absolute_at(c, c.attribute("href").value(), options.document_uri);
      // An <item> in an Atom feed is an entry too, as feedparser reads it.
      if (c.type() == pugi::node_element && (local_name(c) == "entry" || local_name(c) == "item"))
        nodes.push_back(c);
    }
  } else if (to_lower(root_name) == "channel") {
    feed.format = "cdf";
    for (pugi::xml_node c : root.children()) {
      std::string name = to_lower(c.name());
      if (name == "title") feed.title = title_text(c, 1024);
      if (name == "item") nodes.push_back(c);
    }
  } else {
    std::string what = root ? "<" + std::string(root.name()) + ">" : "no element at all";
    return make_error(ErrorKind::kParse,
                      source + ": not an RSS or Atom feed (" + what +
                          (r ? "" : std::string(", and the XML is broken: ") + r.description()) +
                          ")" + read_as);
  }
  for (const pugi::xml_node& n : nodes) {
    if (feed.items.size() >= options.max_items) {
      feed.warnings.push_back(source + ": more than " + std::to_string(options.max_items) +
                              " items; the rest dropped");
      break;
    }
    feed.items.push_back(feed.format == "atom"  ? atom_entry(n, options)
                         : feed.format == "cdf" ? cdf_item(n, options)
                                                : rss_item(n, options, prefix(root)));
    // The bytes were made UTF-8, but pugixml leaves the text of a section
    // cut off by broken XML (an unclosed CDATA with CRLF, say) half-moved in
    // place (found by fuzz_feed): every field is made valid text again.
    FeedItem& item = feed.items.back();
    for (std::string* field : {&item.guid, &item.link, &item.title, &item.summary, &item.content,
                               &item.author, &item.date_text})
      make_valid_utf8(*field);
    for (std::string& c : item.categories) make_valid_utf8(c);
  }
  make_valid_utf8(feed.title);
  make_valid_utf8(feed.link);
  return feed;
}

}  // namespace omvarld
