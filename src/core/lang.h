// The languages of what omvarld writes for people: the reports, the digest
// and the review page. Swedish is the default (the city's working language).
#pragma once

#include <string>

#include "core/result.h"

namespace omvarld {

enum class Lang { kSv, kEn };

// "sv" or "en"; anything else is a kUsage Error that says so.
Result<Lang> parse_lang(const std::string& text);

}  // namespace omvarld
