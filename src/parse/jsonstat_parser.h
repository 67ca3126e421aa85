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
// And what the format allows beyond that (https://json-stat.org/format/):
//   - `role.time` / `role.geo` name the time and geographic dimensions
//     (Dataset::time_role, geo_role);
//   - `status` as a string, or an array of one, is the status of every value;
//   - string values: "453" is 453, other text ("..", ":") a missing cell
//     whose status is that text (a `status` for the cell wins);
//   - JSON-stat 1.x datasets (`id`, `size`, `role` inside `dimension`), 1.x
//     bundles and 2.0 collections that embed datasets
//     (parse_jsonstat_document).
// Refused as invalid: a `value` array that is not as long as the cube, a
// `status` array neither one long nor as long as the cube, a role naming
// no dimension.
// Error bodies ({"error":[{"status":..,"id":..,"label":..}]}) and HTML pages
// are not datasets: they yield an Error (kSource / kParse) that names `source`.
// Pure: no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/dataset.h"

namespace omvarld {

// Every dataset of a JSON-stat document, in document order.
struct JsonStatDocument {
  // What the document is: "a JSON-stat 2.0 dataset", "a JSON-stat 1.x
  // bundle of 3 datasets", "a JSON-stat 2.0 collection of 4 items, 2 of them
  // embedded datasets".
  std::string what;
  // Members of a bundle take their name as `code` (lower case), embedded
  // items their `extension.id` or the last part of their `href`.
  std::vector<Dataset> datasets;  // at least one
};

// `source` names where the bytes came from ("urb_cpop1 from https://...",
// or a file path); it starts every error message. A document with no
// dataset (only links, a dimension) is an Error that says what it is.
Result<JsonStatDocument> parse_jsonstat_document(std::string_view body, const std::string& source);

// The one dataset of `body`; a bundle or collection of several is an Error
// naming what it is.
Result<Dataset> parse_jsonstat(std::string_view body, const std::string& source);

}  // namespace omvarld
