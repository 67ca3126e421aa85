// The feed parser on its own small cases and on every feed in
// ../shared/fixtures/feeds/ (real EU data, feedparser's edge cases,
// Miniflux's real feeds in legacy encodings).
#include "parse/feed_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "parse/feed_encoding.h"
#include "parse/html_text.h"
#include "parse/xml_entities.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

Feed parse_ok(const std::string& text, const std::string& content_type = "") {
  auto r = parse_feed(text, content_type, "test");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : Feed{};
}

Feed fixture(const std::string& rel) {
  std::string path = test::shared_fixture("feeds/" + rel);
  if (path.empty()) return Feed{};
  auto r = parse_feed(test::read_file(path), "", path);
  EXPECT_TRUE(r.ok()) << rel << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : Feed{};
}

#define SKIP_WITHOUT_FEEDS()                 \
  if (test::shared_fixture("feeds").empty()) \
  GTEST_SKIP() << "../shared/fixtures/feeds is absent; skipping recorded feeds"

TEST(FeedParser, Rss2Basics) {
  Feed f = parse_ok(R"(<?xml version="1.0"?><rss version="2.0"><channel><title>EUR-Lex</title>
    <item><title>Proposal for a Regulation on &lt;b&gt;urban&lt;/b&gt; mobility</title>
    <link>https://eur-lex.europa.eu/x?uri=COM:2026:1&amp;lang=en</link>
    <description>&lt;p&gt;Text &amp;nbsp; here&lt;/p&gt;</description>
    <guid isPermaLink="false">COM(2026)1</guid><pubDate>Tue, 06 Oct 2026 13:00:00 GMT</pubDate>
    <category>Transport</category></item></channel></rss>)");
  EXPECT_EQ(f.format, "rss2");
  EXPECT_EQ(f.title, "EUR-Lex");
  ASSERT_EQ(f.items.size(), 1u);
  const FeedItem& i = f.items[0];
  // A title with HTML tags is read as HTML, as feedparser does: its text.
  EXPECT_EQ(i.title, "Proposal for a Regulation on urban mobility");
  EXPECT_EQ(i.link, "https://eur-lex.europa.eu/x?uri=COM:2026:1&lang=en");
  EXPECT_EQ(i.summary, "Text here");
  EXPECT_EQ(i.guid, "COM(2026)1");
  EXPECT_FALSE(i.guid_is_permalink);
  EXPECT_EQ(i.published, 1791291600);  // 2026-10-06T13:00:00Z
  EXPECT_EQ(i.categories, std::vector<std::string>{"Transport"});
  EXPECT_TRUE(f.warnings.empty());
}

TEST(FeedParser, HostileTextStaysText) {
  Feed f = parse_ok(
      "<rss><channel><item><title><![CDATA[<script>alert(1)</script> Call]]></title>"
      "<description><![CDATA[<img src=x "
      "onerror=alert(1)>Summary<script>evil()</script>]]></description>"
      "</item></channel></rss>");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "Call");  // read as HTML: the script's text is no title
  EXPECT_EQ(f.items[0].summary, "Summary");
}

TEST(FeedParser, NoExternalEntitiesAndNoExpansion) {
  std::string lol = R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
    <!ENTITY xxe SYSTEM "file:///etc/passwd">]>
    <rss><channel><item><title>&c;&xxe;</title></item></channel></rss>)";
  Feed f = parse_ok(lol);
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "&c;&xxe;");  // never expanded, never loaded
}

TEST(FeedParser, NotAFeedIsAnErrorNamingTheSource) {
  for (const char* body : {"<!DOCTYPE html><html><body>Maintenance</body></html>", "{\"items\":[]}",
                           "", "<opml><body/></opml>", "just text"}) {
    auto r = parse_feed(body, "", "https://example.eu/feed");
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().message.rfind("https://example.eu/feed: ", 0), 0u) << r.error().message;
  }
  FeedParseOptions small;
  small.max_bytes = 10;
  EXPECT_EQ(parse_feed("<rss><channel/></rss>", "", "s", small).error().kind, ErrorKind::kTooLarge);
}

TEST(FeedParser, TruncatedFeedKeepsTheItemsBeforeTheBreak) {
  Feed f = parse_ok(
      "<rss><channel><item><title>a</title></item><item><title>b</title></item><item><tit");
  ASSERT_GE(f.items.size(), 2u);
  EXPECT_EQ(f.items[0].title, "a");
  EXPECT_EQ(f.items[1].title, "b");
  ASSERT_FALSE(f.warnings.empty());
  EXPECT_NE(f.warnings[0].find("broken XML"), std::string::npos);
}

TEST(FeedEncoding, Decisions) {
  // Valid UTF-8 under a latin-1 declaration: the declaration lies.
  DecodedFeed d =
      decode_feed_bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Caf\xC3\xA9</t>", "");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_NE(d.utf8.find("Caf\xC3\xA9"), std::string::npos);
  EXPECT_EQ(d.warnings.size(), 1u);
  // Latin-1 bytes: converted.
  d = decode_feed_bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Caf\xE9</t>", "");
  EXPECT_EQ(d.encoding, "WINDOWS-1252");
  EXPECT_NE(d.utf8.find("Caf\xC3\xA9"), std::string::npos);
  // The HTTP charset wins over the declaration for non-UTF-8 bytes.
  d = decode_feed_bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>\xC4\xE5</t>",
                        "text/xml; charset=windows-1251");
  EXPECT_EQ(d.encoding, "WINDOWS-1251");
  EXPECT_NE(d.utf8.find("\xD0\x94\xD0\xB5"), std::string::npos);  // "Де"
  EXPECT_EQ(charset_from_content_type("application/rss+xml; Charset=\"UTF-8\""), "utf-8");
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a surrogate
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));
}

TEST(XmlEntities, RepairsWithoutTouchingCdata) {
  int fixed = 0;
  EXPECT_EQ(repair_xml_entities("a &hellip; b &amp; c & d &#8230; &nosuch; <![CDATA[& &hellip;]]>",
                                &fixed),
            "a &#8230; b &amp; c &amp; d &#8230; &amp;nosuch; <![CDATA[& &hellip;]]>");
  EXPECT_EQ(fixed, 2);
  EXPECT_EQ(html_entity_code_point("nbsp"), 0xA0u);
  EXPECT_EQ(html_entity_code_point("euro"), 0x20ACu);
  EXPECT_EQ(html_entity_code_point("Aring"), 0xC5u);
  EXPECT_EQ(html_entity_code_point("nosuch"), 0u);
  EXPECT_EQ(html_to_text("<p>Hello&nbsp;<b>world</b></p><script>x()</script>&#x41;"),
            "Hello world A");
}

// --- The recorded feeds ---

TEST(FeedFixtures, FeedparserSamples) {
  SKIP_WITHOUT_FEEDS();
  Feed rss = fixture("rss-atom-edge-cases/feedparser_sample_rss20.xml");
  EXPECT_EQ(rss.format, "rss2");
  ASSERT_EQ(rss.items.size(), 1u);
  EXPECT_EQ(rss.items[0].title, "First item title");
  EXPECT_TRUE(rss.items[0].published.has_value());

  Feed atom = fixture("rss-atom-edge-cases/feedparser_sample_atom10.xml");
  EXPECT_EQ(atom.format, "atom");
  ASSERT_EQ(atom.items.size(), 1u);
  EXPECT_EQ(atom.items[0].title, "First entry title");
  EXPECT_FALSE(atom.items[0].guid.empty());
  EXPECT_FALSE(atom.items[0].link.empty());
  EXPECT_TRUE(atom.items[0].published.has_value());

  Feed rdf = fixture("rss-atom-edge-cases/feedparser_sample_rss10.rdf");
  EXPECT_EQ(rdf.format, "rss1");
  ASSERT_EQ(rdf.items.size(), 1u);
  EXPECT_EQ(rdf.items[0].title, "First of all");
  EXPECT_TRUE(rdf.items[0].published.has_value());  // dc:date

  Feed dc = fixture("rss-atom-edge-cases/feedparser_sample_rss20_dc_content_encoded.xml");
  ASSERT_EQ(dc.items.size(), 1u);
  EXPECT_TRUE(dc.items[0].published.has_value());
  EXPECT_FALSE(dc.items[0].content.empty());
  EXPECT_FALSE(dc.items[0].guid_is_permalink);
}

TEST(FeedFixtures, IllFormedFeedsRecover) {
  SKIP_WITHOUT_FEEDS();
  Feed cdata = fixture("rss-atom-edge-cases/feedparser_illformed_incomplete_cdata.xml");
  EXPECT_EQ(cdata.title, "can feedparser read this xml");
  EXPECT_FALSE(cdata.warnings.empty());

  Feed amp = fixture("rss-atom-edge-cases/feedparser_illformed_link_ampersand_unclosed_rss.xml");
  ASSERT_EQ(amp.items.size(), 1u);
  EXPECT_EQ(amp.items[0].link, "http://link/get?a=1&b=2");
  EXPECT_FALSE(amp.warnings.empty());

  Feed root = fixture("rss-atom-edge-cases/feedparser_illformed_unclosed_root.xml");
  EXPECT_EQ(root.format, "rss2");
  EXPECT_TRUE(root.items.empty());
  EXPECT_FALSE(root.warnings.empty());

  Feed ns = fixture("rss-atom-edge-cases/feedparser_illformed_undeclared_namespace_prefix.xml");
  EXPECT_EQ(ns.format, "rss2");
}

TEST(FeedFixtures, EntitiesAndGuids) {
  SKIP_WITHOUT_FEEDS();
  EXPECT_EQ(fixture("rss-atom-edge-cases/feedparser_entity_html_hellip_undeclared.xml").title,
            "testing \xE2\x80\xA6 entity");
  EXPECT_EQ(fixture("rss-atom-edge-cases/feedparser_entity_unknown.xml").title,
            "testing &doesnotexist; entity");
  Feed no_link = fixture("rss-atom-edge-cases/feedparser_guid_ispermalink_false_no_link.xml");
  ASSERT_EQ(no_link.items.size(), 1u);
  EXPECT_EQ(no_link.items[0].link, "");
  EXPECT_EQ(no_link.items[0].guid, "http://guid.example.com/");
  Feed link = fixture("rss-atom-edge-cases/feedparser_guid_ispermalink_true_maps_to_link.xml");
  ASSERT_EQ(link.items.size(), 1u);
  EXPECT_EQ(link.items[0].link, "http://guid.example.com/");
  Feed content = fixture("rss-atom-edge-cases/feedparser_content_encoded_escaped_html.xml");
  ASSERT_EQ(content.items.size(), 1u);
  EXPECT_EQ(content.items[0].content, "<p>Example content</p>");
  EXPECT_EQ(content.items[0].summary, "Example content");
}

TEST(FeedFixtures, Encodings) {
  SKIP_WITHOUT_FEEDS();
  Feed cp = fixture("rss-atom-edge-cases/feedparser_encoding_cp1252_smart_quote_in_utf8_doc.xml");
  ASSERT_EQ(cp.items.size(), 1u);
  EXPECT_EQ(cp.items[0].summary, "don\xE2\x80\x99t");
  EXPECT_EQ(fixture("rss-atom-edge-cases/feedparser_encoding_bogus_declaration.xml").encoding,
            "UTF-8");
  fixture("rss-atom-edge-cases/feedparser_encoding_http_charset_overrides_decl.xml");
  Feed utf16 = fixture("rss-atom-edge-cases/feedparser_encoding_utf16le_bom.xml");
  EXPECT_EQ(utf16.encoding, "UTF-16LE");
  EXPECT_FALSE(utf16.format.empty());
  Feed hebrew = fixture("rss-atom-edge-cases/feedparser_encoding_windows1255_undeclared.xml");
  EXPECT_FALSE(hebrew.warnings.empty());  // a guess, and said so
  for (const auto& i : hebrew.items) EXPECT_TRUE(is_valid_utf8(i.title));
  Feed greek = fixture("rss-atom-edge-cases/feedparser_date_non_ascii_iso8859-7.xml");
  for (const auto& i : greek.items) EXPECT_FALSE(i.date_text.empty());

  EXPECT_EQ(fixture("real-world-encodings/miniflux_prolog_windows-1252_but_utf8_bytes.xml").title,
            "Euro \xE2\x82\xAC");
  Feed korean = fixture("real-world-encodings/miniflux_prolog_iso-8859-1_but_utf8_bytes.xml");
  EXPECT_EQ(korean.title,
            "\xED\x85\x8C\xEC\x8A\xA4\xED\x8A\xB8 \xED\x94\xBC\xEB\x93\x9C");  // 테스트 피드
  ASSERT_EQ(korean.items.size(), 1u);
  EXPECT_EQ(korean.items[0].title, "Caf\xC3\xA9");
  EXPECT_EQ(fixture("real-world-encodings/miniflux_prolog_invalid_encoding_name.xml").encoding,
            "UTF-8");
}

TEST(FeedFixtures, RealFeedsInLegacyEncodings) {
  SKIP_WITHOUT_FEEDS();
  Feed golem = fixture("real-world-encodings/miniflux_golem_rss2_iso-8859-1.xml");
  EXPECT_EQ(golem.items.size(), 40u);
  EXPECT_EQ(golem.encoding, "WINDOWS-1252");
  for (const auto& i : golem.items) {
    EXPECT_TRUE(is_valid_utf8(i.title));
    EXPECT_TRUE(i.published.has_value()) << i.date_text;
  }

  Feed fr =
      fixture("real-world-encodings/miniflux_cerclepsy_rss2_iso-8859-1_undeclared_no_guid.xml");
  ASSERT_EQ(fr.items.size(), 10u);
  EXPECT_EQ(fr.items[0].title, "Perturbateurs endocriniens : quels effets sur le cerveau ?");
  EXPECT_EQ(fr.items[0].link,
            "https://le-cercle-psy.scienceshumaines.com/"
            "perturbateurs-endocriniens-quels-effets-sur-le-cerveau_sh_39995");
  for (const auto& i : fr.items) EXPECT_TRUE(i.guid.empty());  // dedup must fall back to the link

  Feed ru = fixture("real-world-encodings/miniflux_ibash_rss2_windows-1251.xml");
  ASSERT_EQ(ru.items.size(), 50u);
  EXPECT_EQ(ru.items[0].title,
            "\xD0\xA6\xD0\xB8\xD1\x82\xD0\xB0\xD1\x82\xD0\xB0 #17703");  // Цитата #17703

  Feed heise = fixture("real-world-encodings/miniflux_heise_rss090_rdf_no_dates.xml");
  EXPECT_EQ(heise.format, "rss090");
  ASSERT_EQ(heise.items.size(), 60u);
  EXPECT_EQ(heise.items[0].title, "OLED-TVs: Vorsichtsma\xC3\x9Fnahmen gegen Einbrennen");
  for (const auto& i : heise.items)
    EXPECT_FALSE(i.published.has_value());  // none given, none invented

  Feed gh = fixture("real-world-encodings/miniflux_github_commits_atom10.xml");
  EXPECT_EQ(gh.items.size(), 20u);
  for (const auto& i : gh.items) EXPECT_EQ(i.guid.rfind("tag:", 0), 0u);
}

TEST(FeedFixtures, EuCallsFeed) {
  SKIP_WITHOUT_FEEDS();
  Feed calls = fixture("eu/ft_sedia_open_calls_rss2.xml");
  ASSERT_EQ(calls.items.size(), 725u);
  std::map<std::string, int> guids;
  int empty_summary = 0, dated = 0;
  for (const auto& i : calls.items) {
    guids[i.guid]++;
    empty_summary += i.summary.empty();
    dated += i.published.has_value();
  }
  int repeated = 0;
  for (const auto& [g, n] : guids) repeated += n > 1;
  EXPECT_EQ(repeated, 32);        // SOURCES.md: 32 guid values are duplicated
  EXPECT_EQ(empty_summary, 667);  // and 667 items have an empty description
  EXPECT_EQ(dated, 725);
}

// Issue 10.1: text extraction recursed once per element, so 40,000 nested
// elements in a title, a description or Atom xhtml content overflowed the
// stack (SIGSEGV; 100,000 do so in any build). Now the tree is measured without
// recursion and a feed deeper than max_depth is an Error naming its source.
std::string nested(const std::string& tag, int depth, const std::string& text) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += "<" + tag + ">";
  s += text;
  for (int i = 0; i < depth; ++i) s += "</" + tag + ">";
  return s;
}

TEST(FeedParser, DeeplyNestedRssTitleFailsTheSourceNotTheProcess) {
  const std::string xml = "<rss version=\"2.0\"><channel><title>T</title><item><title>" +
                          nested("b", 100000, "x") +
                          "</title><guid>1</guid></item></channel></rss>";
  auto r = parse_feed(xml, "", "eurlex (https://e/rss)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kParse);
  EXPECT_NE(r.error().message.find("eurlex (https://e/rss)"), std::string::npos);
  EXPECT_NE(r.error().message.find("nesting deeper than 256"), std::string::npos)
      << r.error().message;
}

TEST(FeedParser, DeeplyNestedRssDescriptionFailsTheSource) {
  const std::string xml = "<rss version=\"2.0\"><channel><item><title>ok</title><description>" +
                          nested("div", 100000, "x") + "</description></item></channel></rss>";
  auto r = parse_feed(xml, "", "src");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("nesting deeper than"), std::string::npos);
}

TEST(FeedParser, DeeplyNestedAtomXhtmlContentFailsTheSource) {
  const std::string xml =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><entry><id>1</id>"
      "<title>t</title><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">" +
      nested("span", 100000, "x") + "</div></content></entry></feed>";
  auto r = parse_feed(xml, "", "src");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("nesting deeper than"), std::string::npos);
}

TEST(FeedParser, NestedXhtmlUnderTheLimitKeepsItsTextInOrder) {
  const std::string xml =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id><title>a<b>b<i>c</i>d</b>e"
      "</title><content type=\"xhtml\"><div>" +
      nested("span", 200, "deep") +
      "<p>one</p><p>two<em>three</em></p>four</div></content>"
      "</entry></feed>";
  Feed f = parse_ok(xml);
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "abcde");
  // Inline xhtml content is kept as markup (feedparser's atom10
  // entry_content_type_xhtml), its wrapping <div> left out.
  const std::string& content = f.items[0].content;
  EXPECT_EQ(content.rfind("<span><span>", 0), 0u) << content.substr(0, 40);
  EXPECT_TRUE(content.ends_with("</span><p>one</p><p>two<em>three</em></p>four")) << content;
  EXPECT_EQ(f.items[0].summary, "deep one two three four");
  // Under a lower limit the same feed is refused.
  FeedParseOptions o;
  o.max_depth = 100;
  auto r = parse_feed(xml, "", "src", o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("nesting deeper than 100"), std::string::npos);
}

// Found by fuzz_feed (the input is kept as tests/feeds/data/
// fuzz_feed_broken_cdata.xml): in a feed broken inside a CDATA section,
// pugixml leaves the section's text half-moved in place, and a title came
// out as invalid UTF-8. Every field is valid text again.
TEST(FeedParser, BrokenCdataFromTheFuzzerStillGivesValidUtf8) {
  const std::string bytes = test::read_file(std::string(OMVARLD_SOURCE_DIR) +
                                            "/tests/feeds/data/fuzz_feed_broken_cdata.xml");
  ASSERT_FALSE(bytes.empty());
  static const char* kTypes[] = {"", "text/xml; charset=windows-1251",
                                 "application/rss+xml; charset=utf-8",
                                 "text/xml; charset=iso-8859-7"};
  auto r = parse_feed(bytes, kTypes[static_cast<unsigned char>(bytes[0]) % 4], "fuzz");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_FALSE(r->items.empty());
  for (const auto& item : r->items) {
    EXPECT_TRUE(is_valid_utf8(item.title));
    EXPECT_TRUE(is_valid_utf8(item.summary));
    EXPECT_TRUE(is_valid_utf8(item.content));
  }
  std::string s = "a\xc3(b\xff";
  make_valid_utf8(s);
  EXPECT_EQ(s, "a\xEF\xBF\xBD(b\xEF\xBF\xBD");
}

// ---- feedparser's documented behaviour (kurtmckee/feedparser tests/wellformed/),
// for the fields omvarld stores. Each case is written here from the file's
// "Expect:" line; the files themselves are not copied.

Feed rss_item_xml(const std::string& inner) {
  return parse_ok(
      "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\" "
      "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>" +
      inner + "</item></channel></rss>");
}

Feed atom_entry_xml(const std::string& inner) {
  return parse_ok(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xmlns:media=\"http://search.yahoo.com/mrss/\"><entry>" +
      inner + "</entry></feed>");
}

// rss/item_dc_description, itunes/itunes_item_summary, rss/item_summary_and_description,
// rss/item_description_and_summary.
TEST(FeedRules, RssSummaryFallbacksAreRead) {
  EXPECT_EQ(rss_item_xml("<dc:description>Example description</dc:description>").items[0].summary,
            "Example description");
  EXPECT_EQ(rss_item_xml("<itunes:summary>Example summary</itunes:summary>").items[0].summary,
            "Example summary");
  Feed both = rss_item_xml(
      "<summary>Example summary</summary><description>Example "
      "description</description>");
  EXPECT_EQ(both.items[0].summary, "Example summary");
  EXPECT_EQ(both.items[0].content, "Example description");
  Feed reversed = rss_item_xml(
      "<description>Example description</description><summary>Example "
      "summary</summary>");
  EXPECT_EQ(reversed.items[0].summary, "Example description");
  EXPECT_EQ(reversed.items[0].content, "Example summary");
}

// rss/item_fullitem, rss/item_xhtml_body: both are the item's content.
TEST(FeedRules, RssFullitemAndXhtmlBodyAreContent) {
  Feed full = rss_item_xml("<fullitem>&lt;p&gt;Example content&lt;/p&gt;</fullitem>");
  EXPECT_EQ(full.items[0].content, "<p>Example content</p>");
  EXPECT_EQ(full.items[0].summary, "Example content");
  Feed body = rss_item_xml(
      "<body xmlns=\"http://www.w3.org/1999/xhtml\">\n<p>Example content</p>\n</body>");
  EXPECT_EQ(body.items[0].content, "<p>Example content</p>");
  EXPECT_EQ(body.items[0].summary, "Example content");
  Feed prefixed = rss_item_xml(
      "<xhtml:body xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"><xhtml:p>Example "
      "content</xhtml:p></xhtml:body>");
  EXPECT_EQ(prefixed.items[0].summary, "Example content");
  // content:encoded given as well: the first content element wins.
  Feed encoded = rss_item_xml(
      "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
      "&lt;b&gt;A&lt;/b&gt;</content:encoded><fullitem>B</fullitem>");
  EXPECT_EQ(encoded.items[0].content, "<b>A</b>");
}

// rss/item_dcterms_modified, rss/item_pubDate_map_updated_parsed: an RSS
// item's update date is its own field, never its publication date.
TEST(FeedRules, RssUpdateDatesAreKeptApartFromPublished) {
  Feed modified = rss_item_xml("<dcterms:modified>2003-12-31T10:14:55Z</dcterms:modified>");
  EXPECT_EQ(modified.items[0].updated, 1072865695);
  EXPECT_FALSE(modified.items[0].published.has_value());
  Feed atom_updated = rss_item_xml("<atom:updated>2003-12-31T10:14:55Z</atom:updated>");
  EXPECT_EQ(atom_updated.items[0].updated, 1072865695);
  Feed both = rss_item_xml(
      "<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>"
      "<dcterms:modified>2003-12-31T10:14:55Z</dcterms:modified>");
  EXPECT_EQ(both.items[0].published, 1072986501);
  EXPECT_EQ(both.items[0].updated, 1072865695);
  EXPECT_EQ(
      rss_item_xml("<dcterms:issued>2003-12-31T10:14:55Z</dcterms:issued>").items[0].published,
      1072865695);
}

// atom10/entry_summary_text_plain-like cases: type="text" is text, so a
// literal '<' stays a character.
TEST(FeedRules, AtomTypeTextKeepsLiteralLessThan) {
  Feed f = atom_entry_xml(
      "<title type=\"text\">if a &lt; b and c &gt; d</title>"
      "<summary type=\"text\">if a &lt; b and c &gt; d</summary>");
  EXPECT_EQ(f.items[0].title, "if a < b and c > d");
  EXPECT_EQ(f.items[0].summary, "if a < b and c > d");
  Feed content = atom_entry_xml("<content type=\"text\">if a &lt; b and c &gt; d</content>");
  EXPECT_EQ(content.items[0].content, "if a < b and c > d");
  EXPECT_EQ(content.items[0].summary, "if a < b and c > d");
  // Escaped HTML, and a bare '<' in it, read as HTML.
  Feed html = atom_entry_xml(
      "<summary type=\"html\">&lt;p&gt;if a &amp;lt; b and c &amp;gt; d&lt;/p&gt;</summary>");
  EXPECT_EQ(html.items[0].summary, "if a < b and c > d");
  EXPECT_EQ(html_to_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
}

// sanitize/*script*: script and style inside inline xhtml are not text.
TEST(FeedRules, ScriptInInlineXhtmlIsDropped) {
  Feed f = atom_entry_xml(
      "<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Safe "
      "<script>alert(1)</script>title<style>p{}</style></div></title>"
      "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Body</p>"
      "<script type=\"text/javascript\">evil()</script></div></content>");
  EXPECT_EQ(f.items[0].title, "Safe title");
  EXPECT_EQ(f.items[0].summary, "Body");
  Feed prefixed = atom_entry_xml(
      "<summary type=\"xhtml\"><h:div xmlns:h=\"http://www.w3.org/1999/xhtml\">Kept "
      "<h:script>x()</h:script>text</h:div></summary>");
  EXPECT_EQ(prefixed.items[0].summary, "Kept text");
}

TEST(FeedRules, HtmlCommentsLeaveNoTrace) {
  EXPECT_EQ(html_to_text("a<!-- a > b -->b"), "a b");
  EXPECT_EQ(html_to_text("<p>x</p><!-- <p>hidden</p> -->y"), "x y");
  EXPECT_EQ(html_to_text("text<!-- unclosed"), "text");
}

// atom/entry_content_mode_base64, atom/entry_title_base64 and the like
// (Atom 0.3's mode attribute).
TEST(FeedRules, AtomBase64TextIsDecoded) {
  // "Example <b>Atom</b>" and "<p>Example content</p>"
  Feed f = parse_ok(
      "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry>"
      "<title type=\"text/html\" mode=\"base64\">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>"
      "<summary type=\"text/html\" mode=\"base64\">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</summary>"
      "<content type=\"text/html\" mode=\"base64\">\n"
      "PHA+RXhhbXBsZSBjb250ZW50PC9wPg==\n</content></entry></feed>");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "Example Atom");  // text/html: read as HTML, its text
  EXPECT_EQ(f.items[0].summary, "Example Atom");
  EXPECT_EQ(f.items[0].content, "<p>Example content</p>");
  // The feed's own title too (atom/feed_title_base64).
  Feed titled = parse_ok(
      "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title mode=\"base64\">"
      "RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title></feed>");
  EXPECT_EQ(titled.title, "Example Atom");
  // Atom 1.0: a type that is neither text nor XML is base64 (RFC 4287
  // 4.1.3.3; atom10/entry_content_base64_2, entry_summary_base64_2).
  Feed binary = atom_entry_xml(
      "<summary type=\"application/octet-stream\">\nPHA+RXhhbXBsZSBjb250ZW50PC9wPg==\n</summary>"
      "<content type=\"application/octet-stream\">PHA+RXhhbXBsZSBjb250ZW50PC9wPg==</content>");
  EXPECT_EQ(binary.items[0].summary, "Example content");
  EXPECT_EQ(binary.items[0].content, "<p>Example content</p>");
  // An XML type is not base64.
  Feed xml = atom_entry_xml("<content type=\"text/xml\">plain words</content>");
  EXPECT_EQ(xml.items[0].content, "plain words");
}

// atom10/entry_category_term, entry_category_label: the term is the category.
TEST(FeedRules, AtomCategoriesStoreTerm) {
  Feed f = atom_entry_xml(
      "<category term=\"transport\" label=\"Transport and mobility\"/>"
      "<category label=\"Label only\"/>");
  EXPECT_EQ(f.items[0].categories, (std::vector<std::string>{"transport", "Label only"}));
}

// HTML's numeric character reference rule: 128-159 are Windows-1252.
TEST(FeedRules, Windows1252CharacterReferencesAreRepaired) {
  Feed f = rss_item_xml(
      "<title>It&#146;s &#147;new&#148; &#x80;5</title>"
      "<description>&amp;#146;quoted&amp;#146; &amp;#x85;</description>");
  EXPECT_EQ(f.items[0].title, "It\u2019s \u201Cnew\u201D \u20AC5");
  EXPECT_EQ(f.items[0].summary, "\u2019quoted\u2019 \u2026");
  EXPECT_EQ(windows_1252_repair(0x81), 0x81u);  // undefined in Windows-1252: kept
  EXPECT_EQ(windows_1252_repair(0xE9), 0xE9u);
}

// feedparser counts a media:title before <title> as the title; <title> wins
// in any order.
TEST(FeedRules, TitleWinsOverMediaTitle) {
  EXPECT_EQ(rss_item_xml("<media:title>Media</media:title><title>Item</title>").items[0].title,
            "Item");
  EXPECT_EQ(rss_item_xml("<title>Item</title><media:title>Media</media:title>").items[0].title,
            "Item");
  EXPECT_EQ(rss_item_xml("<media:title>Media only</media:title>").items[0].title, "Media only");
  EXPECT_EQ(atom_entry_xml("<media:title>Media</media:title><title>Entry</title>").items[0].title,
            "Entry");
  EXPECT_EQ(atom_entry_xml("<title>Entry</title><media:title>Media</media:title>").items[0].title,
            "Entry");
}

// atom/entry_updated_multiple_values, atom/entry_published_parsed_date_overwriting:
// a repeated date element replaces the one before it (feedparser keeps the
// last), but an unreadable one never replaces a readable one.
TEST(FeedRules, RepeatedDateElementsKeepTheLastReadable) {
  Feed updated = atom_entry_xml(
      "<updated>2010-12-01T10:14:55Z</updated><updated>2003-12-31T10:14:55Z</updated>");
  EXPECT_EQ(updated.items[0].updated, 1072865695);
  Feed published = parse_ok(
      "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry>"
      "<issued>Thu, 01 Jan 2004 19:48:21 GMT</issued>"
      "<published>Sat, 01 Jan 2010 19:48:21 GMT</published></entry></feed>");
  EXPECT_EQ(published.items[0].published, 1262375301);  // 2010-01-01T19:48:21Z
  EXPECT_EQ(published.items[0].date_text, "Sat, 01 Jan 2010 19:48:21 GMT");
  Feed unreadable =
      rss_item_xml("<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><pubDate>soon</pubDate>");
  EXPECT_EQ(unreadable.items[0].published, 1072986501);
  EXPECT_EQ(unreadable.items[0].date_text, "Thu, 01 Jan 2004 19:48:21 GMT");
  Feed only_unreadable = rss_item_xml("<pubDate>soon</pubDate>");
  EXPECT_FALSE(only_unreadable.items[0].published.has_value());
  EXPECT_EQ(only_unreadable.items[0].date_text, "soon");
}

}  // namespace
}  // namespace omvarld
