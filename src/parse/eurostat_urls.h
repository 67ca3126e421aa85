// URLs of Eurostat's dissemination API. The base is everything before
// `/statistics/1.0/...`, `/sdmx/2.1/...` and `/catalogue/...`; by default
// https://ec.europa.eu/eurostat/api/dissemination, overridable so that tests
// and offline mirrors walk the same code. Pure.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace omvarld {

inline constexpr const char* kDefaultEurostatBase =
    "https://ec.europa.eu/eurostat/api/dissemination";

// A query against API Statistics: the dataset, dimension filters (a
// dimension may repeat, e.g. several cities) and optional time filters.
struct DataQuery {
  std::string dataset;  // "urb_cpop1"
  std::vector<std::pair<std::string, std::string>>
      filters;               // {"indic_ur","DE1001V"}, {"cities","SE001C"}
  std::string since_period;  // sinceTimePeriod; empty: none
  std::string until_period;  // untilTimePeriod
  int last_periods = 0;      // lastTimePeriod; 0: none

  // "urb_cpop1 [indic_ur=DE1001V,cities=SE001C,SE002C; since 2010]" for messages.
  std::string describe() const;
};

std::string statistics_url(const std::string& base, const DataQuery& query);
std::string sdmx_tsv_url(const std::string& base, const std::string& dataset);
std::string catalogue_toc_url(const std::string& base);

}  // namespace omvarld
