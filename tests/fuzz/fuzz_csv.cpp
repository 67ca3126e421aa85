// libFuzzer target: the CSV reader (benchmark and consultation inputs).
// Any input gives a table whose rows all have the header's width, or an
// Error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parse/csv_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = omvarld::parse_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  if (r.ok())
    for (const auto& row : r->rows)
      if (row.size() != r->header.size()) std::abort();
  return 0;
}
