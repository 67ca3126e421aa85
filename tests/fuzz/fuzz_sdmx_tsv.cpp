// libFuzzer target: SDMX-TSV / bulk TSV parser (plain and gzip).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parse/sdmx_tsv_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  omvarld::TsvOptions options;
  options.max_decompressed_bytes = 64u << 20;  // keep gzip bombs inside the fuzzer's memory limit
  auto r = omvarld::parse_sdmx_tsv(std::string_view(reinterpret_cast<const char*>(data), size),
                                   "fuzz", "fuzz", options);
  if (r.ok()) {
    const uint64_t cube = r->cube_size();
    for (const auto& o : r->observations)
      if (o.index() >= cube || o.flag_id() >= r->flags.size()) std::abort();
    size_t n = 0;
    omvarld::for_each_observation(*r,
                                  [&](const omvarld::FlatObservation& f) { n += f.flags.size(); });
  }
  return 0;
}
