#include "store/observation_source.h"

#include <set>

namespace omvarld {

Result<StoredObservations> observations_from_store(Store& store,
                                                   const IndicatorCatalogue& catalogue,
                                                   const Framework& framework,
                                                   const std::vector<std::string>& cities) {
  StoredObservations out;
  ObservationSet& set = out.observations;
  set.units = cities;
  for (const std::string& c : cities) {
    auto it = catalogue.city_names.find(c);
    set.names[c] = it != catalogue.city_names.end() ? it->second : c;
  }
  std::vector<std::string> codes;
  for (const auto& i : framework.indicators) codes.push_back(i.code);
  for (const auto& d : framework.denominators) codes.push_back(d);
  std::set<std::string> datasets;
  for (const std::string& code : codes) {
    const Indicator* ind = catalogue.find_indicator(code);
    if (!ind)
      return make_error(ErrorKind::kUsage, "indicator " + code + " is not in indicators.toml");
    SeriesQuery q;
    q.dataset = ind->dataset;
    q.dims = ind->filter;
    q.geos = cities;
    auto rows = store.query_series(q);
    if (!rows.ok()) return rows.error();
    for (const SeriesRow& r : *rows) {
      if (!r.value) continue;  // a flag without a value: nothing to rank on
      set.rows.push_back(UnitObservation{r.geo, code, r.period, *r.value, r.flags});
    }
    datasets.insert(ind->dataset);
  }
  for (const std::string& d : datasets) {
    auto state = store.dataset_state(d);
    if (!state.ok()) return state.error();
    if (*state) out.datasets.push_back(**state);
  }
  return out;
}

}  // namespace omvarld
