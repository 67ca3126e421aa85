// libFuzzer target: the Have your say and Funding & Tenders (SEDIA) JSON
// page parsers. Any input gives an ApiPage or an Error; every text field of
// an item is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parse/eu_api_parsers.h"
#include "parse/feed_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  for (int which = 0; which < 2; ++which) {
    auto r = which == 0 ? omvarld::parse_hys_page(json, "fuzz")
                        : omvarld::parse_sedia_page(json, 50, "fuzz");
    if (!r.ok()) continue;
    if (r->total_pages < 0) std::abort();
    for (const auto& item : r->items)
      if (!omvarld::is_valid_utf8(item.title) || !omvarld::is_valid_utf8(item.summary))
        std::abort();
  }
  return 0;
}
