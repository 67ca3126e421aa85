// What every report is written with, besides its data: the language, when
// and by which version it was made.
#pragma once

#include <string>

#include "core/lang.h"

namespace omvarld {

struct ReportContext {
  Lang lang = Lang::kSv;
  std::string generated_at;      // ISO 8601 UTC
  std::string version;           // omvarld's
  std::string uncertainty_spec;  // how the rank intervals were drawn, for the methodology
};

}  // namespace omvarld
