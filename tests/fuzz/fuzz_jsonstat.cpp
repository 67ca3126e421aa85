// libFuzzer target: JSON-stat parser. Any input must give datasets (a bundle or
// collection may hold several) or an Error, never a crash, a hang or undefined behaviour; a Dataset
// must be internally consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parse/jsonstat_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = omvarld::parse_jsonstat_document(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!doc.ok()) return 0;
  if (doc->datasets.empty()) std::abort();
  for (const omvarld::Dataset& ds : doc->datasets) {
    const omvarld::Dataset* r = &ds;
    const uint64_t cube = r->cube_size();
    uint64_t last = 0;
    bool first = true;
    for (const auto& o : r->observations) {
      if (o.index() >= cube || o.flag_id() >= r->flags.size() || (!first && o.index() <= last))
        std::abort();
      last = o.index();
      first = false;
    }
    size_t n = 0;
    omvarld::for_each_observation(*r,
                                  [&](const omvarld::FlatObservation& f) { n += f.period.size(); });
  }
  return 0;
}
