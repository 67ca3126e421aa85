// Writers for the two Eurostat formats, from a Dataset: JSON-stat 2.0 as API
// Statistics sends it, and SDMX-TSV as the bulk download sends it. Used by
// the offline mirror (which serves the bundled sample to the real
// collectors), by tests and by the benchmark generators. Pure.
#pragma once

#include <string>

#include "model/dataset.h"

namespace omvarld {

struct JsonStatWriteOptions {
  bool arrays = false;  // `value`/`status` as dense arrays instead of objects keyed by index
};

std::string write_jsonstat(const Dataset& ds, const JsonStatWriteOptions& options = {});

// Header "dim1,dim2\TIME_PERIOD<TAB>2019 <TAB>2020 ", rows "A,B<TAB>1.5 e<TAB>: ",
// CRLF line ends as Eurostat sends them.
std::string write_sdmx_tsv(const Dataset& ds);

}  // namespace omvarld
