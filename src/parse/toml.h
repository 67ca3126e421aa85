// The one way the project reads TOML (indicators/, feeds/, the settings
// file): toml++ behind the limits that keep a hostile or mistyped file from
// crashing it. Pure.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "core/result.h"

namespace omvarld {

// Parses TOML text; a syntax error is a kUsage Error naming `name`, line and column.
// Text over 8 MiB, or tables nested deeper than 64 levels (dotted keys,
// headers, inline tables and arrays together), is refused before toml++
// sees it, since toml++ walks and frees its tree by recursion.
Result<toml::table> parse_toml(const std::string& text, const std::string& name);

}  // namespace omvarld
