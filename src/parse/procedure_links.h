// Where a source ties a COM proposal to its procedure: the Legislative
// Observatory's procedure file, EUR-Lex's procedure page, and the EP open
// data API's plenary documents. Each returns ProcedureLinks that record the
// source and the page (`url`/`source`), once per (COM, procedure) pair, in
// the order the page names the COM documents.
//
// - OEIL procedure file (oeil.secure.europarl.europa.eu/oeil/en/procedure-
//   file?reference=...; the 2024 redesign): the reference is the text of the
//   es_title-h1 heading; the COM documents are those named in the "Key
//   events" section and in the Documentation gateway's European Commission
//   part (so a national parliament's contribution on the same COM adds
//   nothing, and a Commission document attached to the procedure counts).
//   A page without a reference there (a document summary, another page) is
//   a kParse error; a procedure with no COM document gives no links.
// - EUR-Lex procedure page (eur-lex.europa.eu/procedure/EN/2021_106): the
//   procedureHeading block, "Procedure 2021/0106/COD" and "COM (2021) 206:"
//   (else the DocumentTitle "2021/0106/COD"), and every proposal's CELEX
//   number (52021PC0206) in the events' eventCelex cells (not elsewhere on
//   the page). A EUR-Lex page of the document the URL asks for
//   (?uri=CELEX:52021DC0206: its <title> names EUR-Lex and that number)
//   with no procedure heading is a valid answer: no procedure, no links.
//   Anything else without a procedure is a kParse error.
// - EP plenary documents (api/v2/plenary-documents/{id}): the procedure
//   reference its English title_alternative carries ("(2024/2006(REG))"),
//   and the COM document the same text names, as the covers of reports on
//   legislative proposals do ("(COM(2021)0206 – C9-0146/2021 –
//   2021/0106(COD))"). Most documents name no COM document: then
//   parse_ep_document_links gives no link, and ep_document_procedures still
//   tells which procedures the document belongs to.
// HTML is read by a tolerant scan of its text (parse/html_text), never as a
// tree; nothing recurses over the input. Bodies go through
// parse/lifecycle_pages first. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/lifecycle.h"

namespace omvarld {

// A procedure page as read: the procedure the page is of (nullopt only for
// a EUR-Lex page of a document that has no procedure), and its links.
struct ProcedurePage {
  std::optional<ProcedureRef> procedure;
  std::vector<ProcedureLink> links;
};
Result<ProcedurePage> read_oeil_procedure_page(std::string_view html, const std::string& url);
Result<ProcedurePage> read_eurlex_procedure_page(std::string_view html, const std::string& url);
// The links alone (read_*_procedure_page(...).links).
Result<std::vector<ProcedureLink>> parse_oeil_procedure_page(std::string_view html,
                                                             const std::string& url);
Result<std::vector<ProcedureLink>> parse_eurlex_procedure_page(std::string_view html,
                                                               const std::string& url);
Result<std::vector<ProcedureLink>> parse_ep_document_links(std::string_view json,
                                                           const std::string& source);
// The procedures an EP plenary document belongs to: the references in its
// English title_alternative (else any language's), then those of
// inverse_created_a_realization_of ("eli/dl/proc/2024-2006", without type
// unless the title gave it), once each.
Result<std::vector<ProcedureRef>> ep_document_procedures(std::string_view json,
                                                         const std::string& source);

// Every COM reference in plain text ("COM(2024)0469", "COM (2021) 206",
// "COM/2024/469"), once each, in order of appearance.
std::vector<ComRef> find_com_refs(std::string_view text);
// Every proposal's CELEX number in plain text ("52021PC0206"), as ComRefs.
std::vector<ComRef> find_celex_proposals(std::string_view text);
// Every typed procedure reference in plain text ("2024/2006(REG)",
// "2021/0106/COD"), once each, in order of appearance. Untyped ones are
// left out: "0163/2024" in "A9-0163/2024" is a document number.
std::vector<ProcedureRef> find_procedure_refs(std::string_view text);

}  // namespace omvarld
