// JSON-stat 2.0 parser for Eurostat's dissemination API ("API Statistics").
//
// Streams the body with its own scanner (json_scanner.h), so memory stays
// near the size of the result (16 bytes per observation) rather than a DOM
// of the whole response; nesting deeper than 64 levels is an Error. Handles what Eurostat really
// sends:
//   - `value` and `status` as objects keyed by flat index, or as arrays;
//   - keys in any order (`value` before `id`/`size` is fine);
//   - status without value (confidential "|C"), multi-letter flags ("ep");
//   - dimensions of size 0 (HTTP 200 for "no data for this query"): an empty
//     Dataset, not an error.
// Error bodies ({"error":[{"status":..,"id":..,"label":..}]}) and HTML pages
// are not datasets: they yield an Error (kSource / kParse) that names `source`.
// Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "model/dataset.h"

namespace omvarld {

// `source` names where the bytes came from ("urb_cpop1 from https://...",
// or a file path); it starts every error message.
Result<Dataset> parse_jsonstat(std::string_view body, const std::string& source);

}  // namespace omvarld
