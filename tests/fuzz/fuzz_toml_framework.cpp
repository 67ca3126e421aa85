// libFuzzer target: TOML (toml++ behind parse_toml's size and depth checks)
// and the benchmark-framework reader over it, against the project's own
// indicator catalogue. Any input gives a FrameworkFile or an Error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/framework_toml.h"
#include "parse/indicator_catalogue.h"

namespace {
const omvarld::IndicatorCatalogue& catalogue() {
  static const omvarld::IndicatorCatalogue c = [] {
    auto r = omvarld::load_indicator_catalogue(OMVARLD_SOURCE_DIR "/indicators");
    return r.ok() ? *r : omvarld::IndicatorCatalogue{};
  }();
  return c;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)omvarld::parse_framework_toml(text, "fuzz", catalogue());
  return 0;
}
