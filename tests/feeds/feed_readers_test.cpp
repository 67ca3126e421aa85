// Feed reading as feedparser documents it, for what the measurement
// (scripts/feedparser_pass_rate.py, docs/readers.md) found missing: HTML in
// RSS titles, relative URIs, UTF-32, double-encoded UTF-8, iTunes and
// made-up category elements, RSS in a prefix of its own, CDF, Atom links
// without href, identical entries, year-100 dates. Each case names the
// feedparser test file (tests/...) whose Expect line it follows; the XML is
// written here, shorter than feedparser's.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "parse/feed_dates.h"
#include "parse/feed_encoding.h"
#include "parse/feed_parser.h"
#include "parse/feed_uri.h"
#include "parse/xml_entities.h"

namespace omvarld {
namespace {

Feed parse_ok(const std::string& text, const std::string& document_uri = "") {
  FeedParseOptions o;
  o.document_uri = document_uri;
  auto r = parse_feed(text, "", "test", o);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : Feed{};
}

Feed rss_item(const std::string& inner, const std::string& document_uri = "") {
  return parse_ok(
      "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\">"
      "<channel><item>" +
          inner + "</item></channel></rss>",
      document_uri);
}

// wellformed/amp/amp13.xml .. amp48.xml, wellformed/sanitize/entry_title_script.xml:
// feedparser reads HTML in an RSS title as HTML; omvarld stores its text.
TEST(FeedReaders, HtmlInAnRssTitleIsReadAsHtml) {
  EXPECT_EQ(rss_item("<title>&lt;b&gt;&amp;amp;&lt;/b&gt;</title>").items[0].title, "&");
  EXPECT_EQ(rss_item("<title>safe&lt;script type=\"text/javascript\"&gt;location.href='x';"
                     "&lt;/script&gt; description</title>")
                .items[0]
                .title,
            "safe description");
  // Prose with a '<' is no HTML (atom10/entry_title_text_plain_brackets).
  EXPECT_EQ(rss_item("<title>if a &lt; b and c &gt; d</title>").items[0].title,
            "if a < b and c > d");
}

// RFC 3986 5.4.1's normal examples, against its base.
TEST(FeedReaders, RelativeReferencesResolveAsRfc3986Says) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> cases[] = {{"g:h", "g:h"},
                                                       {"g", "http://a/b/c/g"},
                                                       {"./g", "http://a/b/c/g"},
                                                       {"g/", "http://a/b/c/g/"},
                                                       {"/g", "http://a/g"},
                                                       {"//g", "http://g"},
                                                       {"?y", "http://a/b/c/d;p?y"},
                                                       {"g?y", "http://a/b/c/g?y"},
                                                       {"#s", "http://a/b/c/d;p?q#s"},
                                                       {"", "http://a/b/c/d;p?q"},
                                                       {".", "http://a/b/c/"},
                                                       {"..", "http://a/b/"},
                                                       {"../g", "http://a/b/g"},
                                                       {"../..", "http://a/"},
                                                       {"../../g", "http://a/g"}};
  for (const auto& [ref, want] : cases) EXPECT_EQ(resolve_uri(base, ref), want) << ref;
  EXPECT_EQ(resolve_uri("", "/relative"), "/relative");  // nothing to resolve against
}

// wellformed/base/http_item_link_base_docuri.xml, http_entry_id_base_content_location.xml,
// entry_link_xml_base*.xml: the document's URI and xml:base on any element,
// inherited and resolved one against the other.
TEST(FeedReaders, RelativeLinksBecomeAbsolute) {
  Feed rss = rss_item("<link>/relative/uri</link>", "http://127.0.0.1:8097/tests/feed.xml");
  EXPECT_EQ(rss.items[0].link, "http://127.0.0.1:8097/relative/uri");

  Feed atom = parse_ok(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.com/a/\">"
      "<entry xml:base=\"b/\"><id>/relative/link</id>"
      "<link rel=\"alternate\" href=\"c.html\"/></entry>"
      "<entry><link xml:base=\"http://other.example.org/x/\" href=\"../y\"/></entry></feed>",
      "http://ignored.example.net/feed");
  ASSERT_EQ(atom.items.size(), 2u);
  EXPECT_EQ(atom.items[0].link, "http://example.com/a/b/c.html");
  EXPECT_EQ(atom.items[0].guid, "http://example.com/relative/link");
  EXPECT_EQ(atom.items[1].link, "http://other.example.org/y");
  // An absolute link is left as written; without any base a relative one stays.
  EXPECT_EQ(
      rss_item("<link>https://eur-lex.europa.eu/x?a=1&amp;b=2</link>", "http://b/").items[0].link,
      "https://eur-lex.europa.eu/x?a=1&b=2");
  EXPECT_EQ(rss_item("<link>/relative/uri</link>").items[0].link, "/relative/uri");
}

std::string utf32(const std::string& ascii, bool big_endian, bool bom) {
  std::string out;
  if (bom) out = big_endian ? std::string("\0\0\xFE\xFF", 4) : std::string("\xFF\xFE\0\0", 4);
  for (char c : ascii) {
    std::string unit(4, '\0');
    unit[big_endian ? 3 : 0] = c;
    out += unit;
  }
  return out;
}

// encoding/utf-32be-bom.xml, utf-32le-bom.xml, utf-32be-autodetect.xml,
// utf-32le-autodetect.xml (the BOM FF FE 00 00 was taken for UTF-16LE).
TEST(FeedReaders, Utf32IsDetectedAndDecoded) {
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-32\"?><rss><channel><item><title>UTF-32 "
      "title</title></item></channel></rss>";
  for (bool be : {true, false})
    for (bool bom : {true, false}) {
      auto r = parse_feed(utf32(xml, be, bom), "", "test");
      ASSERT_TRUE(r.ok()) << r.error().message;
      EXPECT_EQ(r->encoding, be ? "UTF-32BE" : "UTF-32LE");
      ASSERT_EQ(r->items.size(), 1u);
      EXPECT_EQ(r->items[0].title, "UTF-32 title");
    }
  // What is not a feed in UTF-32 says how it was read.
  auto page = parse_feed(utf32("<?xml version=\"1.0\"?><note>hi</note>", false, true), "", "src");
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.error().message.find("read as UTF-32LE"), std::string::npos)
      << page.error().message;
}

// encoding/double-encoded-html.xml and bozo_double-encoded-html.xml:
// "&#226;&#128;&#166;" and "&acirc;&#128;&brvbar;" are U+2026.
TEST(FeedReaders, DoubleEncodedUtf8ReferencesAreRepaired) {
  EXPECT_EQ(rss_item("<description>&#226;&#128;&#166;</description>").items[0].summary, "\u2026");
  EXPECT_EQ(rss_item("<description>&acirc;&#128;&brvbar;</description>").items[0].summary,
            "\u2026");
  EXPECT_EQ(rss_item("<description>caf&#195;&#169;</description>").items[0].summary, "caf\u00e9");
  // Not one whole UTF-8 sequence: the references stay what they say.
  EXPECT_EQ(rss_item("<description>&#226;&#128;x</description>").items[0].summary, "\u00e2\u20acx");
  EXPECT_EQ(rss_item("<description>&#195; and &#169;</description>").items[0].summary,
            "\u00c3 and \u00a9");
  // Raw mojibake is not touched (encoding/bozo_linenoise.xml expects it kept).
  EXPECT_EQ(repair_xml_entities("\u00e2\u20ac\u00a6"), "\u00e2\u20ac\u00a6");
}

// itunes/itunes_item_category.xml, itunes_item_category_nested.xml,
// rss/item_madeup_tags_element.xml.
TEST(FeedReaders, ItunesCategoriesAndATagsElementAreCategories) {
  Feed f = rss_item(
      "<tags>tag one, tag two</tags><category>category one</category>"
      "<itunes:category text=\"Technology\"><itunes:category text=\"Gadgets\"/></itunes:category>");
  EXPECT_EQ(f.items[0].categories, (std::vector<std::string>{"tag one", "tag two", "category one",
                                                             "Technology", "Gadgets"}));
}

// namespace/rss2.0NSwithModulesNoDefNSLocalNameClash.xml: RSS written wholly
// in a prefix (r:), with other vocabularies' <description> beside it.
TEST(FeedReaders, RssInAPrefixOfItsOwnIsRss) {
  Feed f = parse_ok(
      "<r:rss version=\"2.0\" xmlns:r=\"http://backend.userland.com/rss2\" "
      "xmlns:szf=\"http://schemas.pocketsoap.com/rss/myDescModule/\"><r:channel><r:item>"
      "<r:title>Item</r:title><szf:description>wrong description</szf:description>"
      "<r:description>correct description</r:description><r:link>http://x/1</r:link>"
      "</r:item></r:channel></r:rss>");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "Item");
  EXPECT_EQ(f.items[0].summary, "correct description");
  EXPECT_EQ(f.items[0].link, "http://x/1");
}

// wellformed/cdf/item_title.xml, item_href_map_link.xml, item_abstract_map_summary.xml,
// item_lastmod_parsed.xml: Microsoft's Channel Definition Format.
TEST(FeedReaders, CdfItemsAreRead) {
  Feed f = parse_ok(
      "<CHANNEL HREF=\"http://www.example.org/\"><TITLE>channel title</TITLE>"
      "<ITEM HREF=\"http://www.example.org/item/1\" LASTMOD=\"2004-04-06T23:05:43-05:00\">"
      "<TITLE>item title</TITLE><ABSTRACT>item abstract</ABSTRACT></ITEM></CHANNEL>");
  EXPECT_EQ(f.format, "cdf");
  EXPECT_EQ(f.title, "channel title");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "item title");
  EXPECT_EQ(f.items[0].link, "http://www.example.org/item/1");
  EXPECT_EQ(f.items[0].summary, "item abstract");
  EXPECT_EQ(f.items[0].updated, 1081310743);            // (2004, 4, 7, 4, 5, 43) UTC
  EXPECT_EQ(f.items[0].published, f.items[0].updated);  // its only date
}

// atom10/entry_link_no_href_link_priority.xml: a link without href holds its
// URI as text, and the alternate one wins in either order.
TEST(FeedReaders, AtomLinkWithoutHrefUsesItsText) {
  Feed f = parse_ok(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
      "<entry><link rel=\"alternate\">http://www.example.com/alternate</link>"
      "<link rel=\"enclosure\">http://www.example.com/enclosure</link></entry>"
      "<entry><link rel=\"enclosure\">http://www.example.com/enclosure</link>"
      "<link rel=\"alternate\">http://www.example.com/alternate</link></entry></feed>");
  ASSERT_EQ(f.items.size(), 2u);
  EXPECT_EQ(f.items[0].link, "http://www.example.com/alternate");
  EXPECT_EQ(f.items[1].link, "http://www.example.com/alternate");
}

// namespace/unknown-namespace.xml, base/http_entry_contributor_url_base_docuri.xml:
// an <item> in an Atom feed is an entry.
TEST(FeedReaders, AnItemInAnAtomFeedIsAnEntry) {
  Feed f = parse_ok(
      "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><item><title>It</title>"
      "<link href=\"/relative/link\"/></item></feed>",
      "http://127.0.0.1:8097/feed.xml");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "It");
  EXPECT_EQ(f.items[0].link, "http://127.0.0.1:8097/relative/link");
}

// feedparser never merges entries: two identical items are two entries. The
// parser keeps both (the item store then merges exact duplicates of a batch).
TEST(FeedReaders, IdenticalEntriesAreBothKept) {
  Feed f = parse_ok(
      "<rss><channel><item><title>Same</title><link>http://x/1</link></item>"
      "<item><title>Same</title><link>http://x/1</link></item></channel></rss>");
  ASSERT_EQ(f.items.size(), 2u);
  EXPECT_EQ(f.items[0].title, f.items[1].title);
}

// test_date_parsers.py: "Thu, 01 Jan 0100 00:00:01 +0100" is (99, 12, 31,
// 23, 0, 1) UTC, and is written back with a four-digit year.
TEST(FeedReaders, YearOneHundredDateKeepsFourDigits) {
  auto t = parse_feed_date("Thu, 01 Jan 0100 00:00:01 +0100");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_iso8601_utc(*t), "0099-12-31T23:00:01Z");
  EXPECT_EQ(format_iso8601_utc(0), "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace omvarld
