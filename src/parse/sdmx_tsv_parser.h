// SDMX-TSV parser: Eurostat's `sdmx/2.1/data/{ds}?format=TSV` downloads and
// the older bulk TSV files analysts still hold.
//
// Both share a layout: a header whose first cell lists the dimensions and
// names the time axis ("freq,unit,geo\TIME_PERIOD" or "indic_ur,cities\time"),
// period columns (ascending or descending, often with trailing spaces), then
// one row per series with cells "value flags", ": flags" or ":" for missing.
// gzip bodies, a UTF-8 BOM and CRLF line ends are accepted. Comext-style
// cells that are neither number nor ':' ("KG") are kept with no value and the
// text as flags, so nothing is lost. The time dimension is always called
// "time" in the result, as in JSON-stat. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "model/dataset.h"

namespace omvarld {

// Caps that bound memory whatever the input (an SDMX-TSV row of a few bytes
// would otherwise cost tens of bytes of bookkeeping). Over a cap: kTooLarge.
struct TsvOptions {
  std::size_t max_decompressed_bytes = 256u << 20;  // gzip inflation stops here: 256 MiB
  uint64_t max_observations = kMaxObservations;     // cells with a value or flags
  std::size_t max_series = 2'000'000;               // rows (series keys)
  std::size_t max_codes = 1'000'000;                // distinct codes, all dimensions together
};

Result<Dataset> parse_sdmx_tsv(std::string_view body, const std::string& dataset_code,
                               const std::string& source, const TsvOptions& options = {});

// True when the bytes look like SDMX-TSV (or gzip): a tab in the first line
// and a backslash in its first cell.
bool looks_like_sdmx_tsv(std::string_view body);

}  // namespace omvarld
