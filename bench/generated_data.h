// Generated Eurostat-shaped data for the benchmarks: a city dataset of
// `indicators` x `cities` x `years` cells, 90% with a value, one in ten
// flagged ("e", "p", "ep", "c" without value), values with one decimal like
// Urban Audit counts and rates. Deterministic for a given size.
#pragma once

#include <string>

#include "model/dataset.h"

namespace omvarld::bench {

Dataset generate_city_dataset(int indicators, int cities, int years);

// About `megabytes` MB of JSON-stat (value/status objects keyed by index, as
// Eurostat sends) and of SDMX-TSV.
std::string generate_jsonstat(double megabytes);
std::string generate_tsv(double megabytes);

// About `megabytes` MB of RSS 2.0 shaped like the EU calls feed: titles,
// links, guids, RFC 822 dates, categories and entity-escaped HTML
// descriptions, with some `&hellip;`-style HTML entities.
std::string generate_rss(double megabytes);

}  // namespace omvarld::bench
