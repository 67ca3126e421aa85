// Dates as feeds write them, to UTC. Pure.
//
// Understood: RFC 822/1123 (pubDate) with named zones (GMT, UTC, EST/EDT ...,
// MET/MEST, military letters, "Etc/GMT", "GMT+01:00"), two-digit years,
// missing seconds or time, a missing day name or comma, full month names;
// ISO 8601 / W3DTF (Atom, dc:date) with or without a zone, fractions,
// "T" or a space; asctime ("Sun Jan  4 16:29:06 2004", also with a zone
// before the year); Perforce ("Fri, 2006/09/15 08:19:53 EDT").
// A date that cannot be read is nullopt: the caller keeps it as unknown and
// never invents one. Non-English month names (Greek, Hungarian, Korean) are
// not understood.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/civil_time.h"  // days_from_civil, used with these dates

namespace omvarld {

// Seconds since 1970-01-01T00:00:00Z (negative before), or nullopt.
std::optional<int64_t> parse_feed_date(std::string_view text);

}  // namespace omvarld
