// Reads a framework's indicator observations for a set of cities from the
// store: for each indicator (and denominator) of the framework, the series
// its indicators.toml entry names (dataset + filter), for the given cities.
#pragma once

#include <string>
#include <vector>

#include "analysis/observations.h"
#include "parse/indicator_catalogue.h"
#include "store/store.h"

namespace omvarld {

struct StoredObservations {
  ObservationSet observations;
  std::vector<DatasetState> datasets;  // the datasets read, with their harvest dates
};

Result<StoredObservations> observations_from_store(Store& store,
                                                   const IndicatorCatalogue& catalogue,
                                                   const Framework& framework,
                                                   const std::vector<std::string>& cities);

}  // namespace omvarld
