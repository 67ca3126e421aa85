// Generated Eurostat-shaped data for the benchmarks: a city dataset of
// `indicators` x `cities` x `years` cells, 90% with a value, one in ten
// flagged ("e", "p", "ep", "c" without value), values with one decimal like
// Urban Audit counts and rates. Deterministic for a given size.
#pragma once

#include <string>

#include "eurostat/dataset.h"

namespace omvarld::bench {

Dataset generate_city_dataset(int indicators, int cities, int years);

// About `megabytes` MB of JSON-stat (value/status objects keyed by index, as
// Eurostat sends) and of SDMX-TSV.
std::string generate_jsonstat(double megabytes);
std::string generate_tsv(double megabytes);

}  // namespace omvarld::bench
