// libFuzzer target: Eurostat table-of-contents parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parse/catalogue.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)omvarld::parse_catalogue_toc(std::string_view(reinterpret_cast<const char*>(data), size),
                                     "fuzz");
  return 0;
}
