// COM proposal <-> procedure links: every recorded Legislative Observatory
// and EUR-Lex procedure page and EP plenary document, against the links
// written by hand from reading each file (and checked against the raw bytes
// with a plain string search); plus constructed pages and documents.
#include "parse/procedure_links.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace omvarld {
namespace {

const std::string kDir = "lifecycle/";

std::vector<ProcedureLink> links(const ProcedureRef& proc, std::vector<ComRef> coms,
                                 LinkSource source, const std::string& url) {
  std::vector<ProcedureLink> out;
  for (const ComRef& c : coms) out.push_back({c, proc, source, url});
  return out;
}

struct OeilCase {
  const char* file;
  ProcedureRef ref;
  std::vector<ComRef> coms;
};

TEST(ProcedureLinks, EveryRecordedOeilProcedureFile) {
  const std::vector<OeilCase> cases = {
      {"htv_oeil-procedure-file_2024-0258-cod.html", {2024, 258, "COD"}, {{2024, 469}}},
      {"htv_oeil-procedure-file_2025_0229-nle.html", {2025, 229, "NLE"}, {{2025, 414}}},
      // The preparatory document (key events) and the one attached (gateway).
      {"htv_oeil-procedure-file_2022_0377-nle.html",
       {2022, 377, "NLE"},
       {{2022, 634}, {2022, 633}}},
      {"htv_oeil-procedure-file_2020-2042-ini_summaries.html", {2020, 2042, "INI"}, {}},
      {"htv_oeil-procedure-file_2020-2042-ini_votes.html", {2020, 2042, "INI"}, {}},
      {"htv_oeil-procedure-file_2021-2540-rsp.html", {2021, 2540, "RSP"}, {}},
      {"htv_oeil-procedure-file_2022-2201-ini.html", {2022, 2201, "INI"}, {}},
      {"htv_oeil-procedure-file_2022-2852-rsp.html", {2022, 2852, "RSP"}, {}},
      {"htv_oeil-procedure-file_2023-2019-ini.html", {2023, 2019, "INI"}, {}},
      {"htv_oeil_2024-2006-reg.html", {2024, 2006, "REG"}, {}},
  };
  for (const OeilCase& c : cases) {
    REQUIRE_SHARED_FIXTURE(path, kDir + c.file);
    SCOPED_TRACE(c.file);
    const std::string html = test::read_file(path);
    const std::string url =
        "https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?"
        "reference=" +
        procedure_label(c.ref);
    auto r = parse_oeil_procedure_page(html, url);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value(), links(c.ref, c.coms, LinkSource::kOeil, url));
    // The heading holds the reference, as the page writes it.
    EXPECT_NE(html.find("es_title-h1 mb-3\">" + procedure_label(c.ref) + "<"), std::string::npos);
    for (const ComRef& com : c.coms) {
      char text[32];
      std::snprintf(text, sizeof text, ">COM(%d)%04d<", com.year, com.number);  // a link or a span
      EXPECT_NE(html.find(text), std::string::npos) << text;
    }
  }
}

TEST(ProcedureLinks, OeilDocumentSummariesAreNotProcedureFiles) {
  for (const char* file :
       {"htv_oeil-document-summary_1651118.html", "htv_oeil-document-summary_1864147.html"}) {
    REQUIRE_SHARED_FIXTURE(path, kDir + file);
    auto r = parse_oeil_procedure_page(
        test::read_file(path),
        "https://oeil.secure.europarl.europa.eu/oeil/en/document-summary?id=1");
    ASSERT_FALSE(r.ok()) << file;
    EXPECT_EQ(r.error().kind, ErrorKind::kParse);
    EXPECT_NE(r.error().message.find("the Legislative Observatory (https://oeil"),
              std::string::npos)
        << r.error().message;
    EXPECT_NE(r.error().message.find("not a Legislative Observatory procedure file"),
              std::string::npos);
  }
}

TEST(ProcedureLinks, EveryRecordedEurLexProcedurePage) {
  struct Case {
    const char* file;
    ProcedureRef ref;
    ComRef com;
    const char* heading;  // as the page writes it
  };
  for (const Case& c : {
           Case{"htv_eurlex-procedure_2021-106.html",
                {2021, 106, "COD"},
                {2021, 206},
                "<b>Procedure 2021/0106/COD</b><p><span lang=\"\">COM (2021) 206:"},
           Case{"htv_eurlex-procedure_2023-102.html",
                {2023, 102, "NLE"},
                {2023, 261},
                "<b>Procedure 2023/0102/NLE</b><p><span lang=\"\">COM (2023) 261:"},
       }) {
    REQUIRE_SHARED_FIXTURE(path, kDir + c.file);
    SCOPED_TRACE(c.file);
    const std::string html = test::read_file(path);
    const std::string url = "https://eur-lex.europa.eu/procedure/EN/" + std::to_string(c.ref.year) +
                            "_" + std::to_string(c.ref.number);
    auto r = parse_eurlex_procedure_page(html, url);
    ASSERT_TRUE(r.ok()) << r.error().message;
    // The heading's COM and the CELEX 5YYYYPC number are one proposal.
    EXPECT_EQ(r.value(), links(c.ref, {c.com}, LinkSource::kEurLex, url));
    EXPECT_NE(html.find(c.heading), std::string::npos);
  }
}

TEST(ProcedureLinks, RecordedEpDocumentsNameTheirProcedureButNoCom) {
  struct Case {
    const char* file;
    std::vector<ProcedureRef> procs;
  };
  for (const Case& c : {
           Case{"htv_odp-document_a-9-2024-0163.json", {{2024, 2006, "REG"}}},
           Case{"htv_odp-document_rc-10-2025-0249.json", {{2025, 2691, "RSP"}}},
           Case{"htv_odp-document_rc-9-2021-0068.json", {{2021, 2505, "RSP"}}},
       }) {
    REQUIRE_SHARED_FIXTURE(path, kDir + c.file);
    SCOPED_TRACE(c.file);
    const std::string body = test::read_file(path);
    auto procs = ep_document_procedures(body, path);
    ASSERT_TRUE(procs.ok()) << procs.error().message;
    EXPECT_EQ(procs.value(), c.procs);
    EXPECT_NE(body.find("(" + procedure_label(c.procs[0]) + ")"), std::string::npos);
    auto l = parse_ep_document_links(body, path);
    ASSERT_TRUE(l.ok()) << l.error().message;
    EXPECT_TRUE(l->empty());
    EXPECT_EQ(body.find("COM("), std::string::npos);  // indeed none named
  }
}

// Constructed after the covers of reports on legislative proposals.
TEST(ProcedureLinks, EpDocumentNamingItsComProposal) {
  const char* body = R"J({"data":[{"id":"eli/dl/doc/A-9-2023-0188","type":"Work",
      "is_realized_by":[
        {"id":"x/fr","title_alternative":{"fr":"RAPPORT (COM(2021)0206 – C9-0146/2021 – 2021/0106(COD))"}},
        {"id":"x/en","title_alternative":{"en":"REPORT on the proposal for a regulation laying down harmonised rules on artificial intelligence<br/>(COM(2021)0206 – C9-0146/2021 – 2021/0106(COD))<br/>Committee on the Internal Market"}}],
      "inverse_created_a_realization_of":["eli/dl/proc/2021-0106","eli/dl/proc/2022-0001"]}]})J";
  auto l = parse_ep_document_links(body, "constructed");
  ASSERT_TRUE(l.ok()) << l.error().message;
  EXPECT_EQ(l.value(),
            links({2021, 106, "COD"}, {{2021, 206}}, LinkSource::kEpDocument, "constructed"));
  auto p = ep_document_procedures(body, "constructed");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value(), (std::vector<ProcedureRef>{{2021, 106, "COD"}, {2022, 1, ""}}));
}

TEST(ProcedureLinks, ConstructedPagesAndWhatIsNotAPage) {
  // A small OEIL-like page: only the Commission's part of the gateway counts.
  const char* oeil = R"(<!DOCTYPE html><html><head><title>Procedure File</title></head><body>
      <h2 class="es_title-h1 mb-3"> 2026/0042(COD) </h2>
      <div class="oeil-spy-section"><h2 class="es_title-h2 mb-2">Key events</h2>
      <table><tr><td>Legislative proposal published</td><td><a href="x">COM(2026)0101</a></td></tr></table></div>
      <div class="oeil-spy-section"><div id="es_accordion-item-doc-gateway-EP">COM(2026)0999</div>
      <div id="es_accordion-item-doc-gateway-EC"><a>COM(2026)0101</a> <a>COM/2026/102</a></div>
      <div id="es_accordion-item-doc-gateway-NP">COM(2026)0998</div></div></body></html>)";
  auto r = parse_oeil_procedure_page(oeil, "constructed.html");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value(), links({2026, 42, "COD"}, {{2026, 101}, {2026, 102}}, LinkSource::kOeil,
                             "constructed.html"));
  // The challenge page where a procedure page was asked for.
  REQUIRE_SHARED_FIXTURE(waf, kDir + "cyan_eurlex_aws_waf_challenge.html");
  auto w = parse_eurlex_procedure_page(test::read_file(waf),
                                       "https://eur-lex.europa.eu/procedure/EN/2021_106");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().kind, ErrorKind::kSource);
  EXPECT_NE(w.error().message.find("bot challenge page (AWS WAF)"), std::string::npos);
  auto none = parse_eurlex_procedure_page("<html><head><title>EUR-Lex</title></head></html>",
                                          "https://eur-lex.europa.eu/x");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::kParse);
  auto truncated = parse_ep_document_links(R"({"data":[{"is_realized_by":[)", "constructed");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().kind, ErrorKind::kParse);
}

TEST(ProcedureLinks, FindsReferencesInText) {
  EXPECT_EQ(find_com_refs("see COM(2024)0469, COM (2021) 206: and COM/2020/5 but not XCOM(2024)1 "
                          "or COM(2024)12345 or COM(24)1; again COM(2024)469"),
            (std::vector<ComRef>{{2024, 469}, {2021, 206}, {2020, 5}}));
  EXPECT_EQ(find_celex_proposals("52021PC0206 ; 52021SC0084 ; x52021PC0207 ; 52022PC0001x; "
                                 "52023PC0261"),
            (std::vector<ComRef>{{2021, 206}, {2023, 261}}));
  EXPECT_EQ(
      find_procedure_refs("(2024/2006(REG)) A9-0163/2024 B9-0068/2021 (Renew) "
                          "2021/0106/COD 12024/0001(COD) 2024/0258(cod) 2023/0102/NLE."),
      (std::vector<ProcedureRef>{{2024, 2006, "REG"}, {2021, 106, "COD"}, {2023, 102, "NLE"}}));
}

// The recorded EUR-Lex pages with another proposal's CELEX number added
// outside the procedure's events (in the procedure's details and before
// </body>): only the events' numbers make links; one added as an event
// (an amended proposal) does.
TEST(ProcedureLinks, EurLexLinksComeOnlyFromTheProceduresOwnEvents) {
  struct Case {
    const char* file;
    ProcedureRef ref;
    ComRef com;
  };
  for (const Case& c :
       {Case{"htv_eurlex-procedure_2021-106.html", {2021, 106, "COD"}, {2021, 206}},
        Case{"htv_eurlex-procedure_2023-102.html", {2023, 102, "NLE"}, {2023, 261}}}) {
    REQUIRE_SHARED_FIXTURE(path, kDir + c.file);
    SCOPED_TRACE(c.file);
    std::string html = test::read_file(path);
    const std::string url = "https://eur-lex.europa.eu/procedure/EN/x";
    const size_t details = html.find("<div id=\"procedureDetails\"");
    const size_t body_end = html.rfind("</body>");
    ASSERT_NE(details, std::string::npos);
    ASSERT_NE(body_end, std::string::npos);
    html.insert(body_end, "<p>Related: <a href=\"x\">52020PC0825</a></p>");
    html.insert(details, "<div><span>52019PC0001</span></div>");
    auto r = read_eurlex_procedure_page(html, url);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->procedure);
    EXPECT_EQ(*r->procedure, c.ref);
    ASSERT_EQ(r->links.size(), 1u);
    EXPECT_EQ(r->links[0].com, c.com);
    EXPECT_EQ(r->links[0].procedure, c.ref);
    EXPECT_EQ(r->links[0].source, LinkSource::kEurLex);
    EXPECT_EQ(r->links[0].source_url, url);
    // An amended proposal among the events is the procedure's own.
    const size_t cell = html.find("eventCelex\"");
    ASSERT_NE(cell, std::string::npos);
    const size_t row = html.rfind("<div", cell);
    html.insert(row,
                "<div class=\"hidden-xs col-sm-3 eventCelex\"><span lang=\"en\"><a "
                "href=\"x\">5" +
                    std::to_string(c.com.year) + "PC0999</a></span></div>");
    auto amended = read_eurlex_procedure_page(html, url);
    ASSERT_TRUE(amended.ok()) << amended.error().message;
    EXPECT_EQ(amended->links, links(c.ref, {c.com, {c.com.year, 999}}, LinkSource::kEurLex, url));
  }
}

// Constructed: EUR-Lex's page of a document with no procedure (a
// communication), titled as EUR-Lex titles its pages.
TEST(ProcedureLinks, AEurLexPageOfTheDocumentAskedForWithoutProcedureIsAnAnswer) {
  const std::string page =
      "<html><head><title>EUR-Lex - 52021DC0206 - EN - EUR-Lex</title></head>"
      "<body><p>COMMUNICATION FROM THE COMMISSION</p></body></html>";
  auto r = read_eurlex_procedure_page(
      page, "https://eur-lex.europa.eu/legal-content/EN/HIS/?uri=CELEX:52021DC0206");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->procedure);
  EXPECT_TRUE(r->links.empty());
  // The page of another document, or a URL naming none: not recognised.
  for (const char* url : {"https://eur-lex.europa.eu/legal-content/EN/HIS/?uri=CELEX:52021PC0207",
                          "https://eur-lex.europa.eu/procedure/EN/2021_106"}) {
    auto other = read_eurlex_procedure_page(page, url);
    ASSERT_FALSE(other.ok()) << url;
    EXPECT_EQ(other.error().kind, ErrorKind::kParse);
  }
}

}  // namespace
}  // namespace omvarld
