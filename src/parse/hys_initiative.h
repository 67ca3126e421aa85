// Have your say (the Commission's Better Regulation portal): one initiative's
// detail, `{hys-base}/brpapi/groupInitiatives/{id}`, read into a
// HysInitiative with its publications; and the number of feedback
// contributions from an `api/allFeedback` page.
//
// The detail as recorded (../shared/fixtures/lifecycle/pm_hys-detail.json):
//   - ids as ints (18805), floats (18805.0) or strings, all read alike;
//   - keys absent rather than null, and null where the value is not known
//     yet (publishedDate, reference, endDate): both read as "none";
//   - two time formats in one body: publications' "2026/08/31 08:24:00" is
//     Brussels local time, attachments' "2026-08-31T06:24:00.454" (1-3
//     fraction digits) is UTC; every time comes out as UTC "...Z";
//   - HTML in summaries (<p>, &nbsp;, <em>): plain text out.
// Summary: dossierSummary (the text the search results carry, so the item
// and its detail agree), else the English SUMMARY translation. A
// publication's feedback period opens at feedbackStartDate where given, else
// at its publication when it takes feedback (an endDate or a status OPEN or
// CLOSED), and closes at endDate. Documents: every attachment's download
// address, {https://ec.europa.eu/info/law/better-regulation}/api/download/
// {documentId} (the address the portal's public tools use; not fetched
// here); `documents` lists the English, Swedish and original-language
// versions (all when none of these is there), `attachments` every one.
// Every error names `source`; the body goes through check_lifecycle_json
// first. Bounded: RapidJSON's iterative reader, nesting capped. Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "model/lifecycle.h"

namespace omvarld {

Result<HysInitiative> parse_hys_initiative(std::string_view body, const std::string& source);

// The portal's download address for an attachment's documentId; "" for an
// id that is not a plain token (letters, digits, '-', '_').
std::string hys_download_url(std::string_view document_id);

// `api/allFeedback?publicationId=...` answers a Spring HAL page:
// {"_embedded":{"feedbackV1":[...]},"page":{"size":10,"totalElements":123,
// "totalPages":13,"number":0}}. Its totalElements (a number or a string);
// with no page object, the number of feedbackV1 entries; a body with
// neither is a kParse error. Built from the documented shape: no recorded
// allFeedback answer exists.
Result<int64_t> parse_hys_feedback_total(std::string_view body, const std::string& source);

}  // namespace omvarld
