// A CSV table in memory (RFC 4180: quoted fields, doubled quotes, CRLF or
// LF). An empty unquoted field is "missing" (R's NA in COINr's exports), an
// empty quoted field is an empty string. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace omvarld {

struct CsvCell {
  std::string text;
  bool missing = false;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<CsvCell>> rows;
  // Position of a column, or nullopt.
  std::optional<size_t> column(std::string_view name) const;
};

// Cells one table may hold: each costs about 40 bytes, so a file of commas
// would otherwise cost 40 times its size. The parse is a loop over the bytes
// (no recursion), so no input can exhaust the stack.
constexpr size_t kMaxCsvCells = 4'000'000;

// Header names are trimmed (SDSN's CSV keeps trailing spaces in two). More
// than kMaxCsvCells cells is a kTooLarge Error.
Result<CsvTable> parse_csv(std::string_view text, const std::string& source);

}  // namespace omvarld
