#include "eurostat/dataset.h"

#include <algorithm>

namespace omvarld {

size_t Dataset::time_dimension() const {
  for (size_t i = 0; i < dimensions.size(); ++i) {
    const std::string& id = dimensions[i].id;
    if (id == "time" || id == "TIME_PERIOD" || id == "TIME" || id == "time_period") return i;
  }
  return std::string::npos;
}

size_t Dataset::geo_dimension() const {
  for (size_t i = 0; i < dimensions.size(); ++i) {
    const std::string& id = dimensions[i].id;
    if (id == "geo" || id == "cities" || id == "GEO" || id == "CITIES") return i;
  }
  return std::string::npos;
}

uint64_t Dataset::cube_size() const {
  uint64_t n = 1;
  for (const auto& d : dimensions) n *= d.codes.size();
  return dimensions.empty() ? 0 : n;
}

void for_each_observation(const Dataset& ds, const std::function<void(const FlatObservation&)>& fn) {
  const size_t ndim = ds.dimensions.size();
  const size_t tdim = ds.time_dimension();
  std::vector<uint64_t> sizes(ndim);
  for (size_t i = 0; i < ndim; ++i) sizes[i] = ds.dimensions[i].codes.size();
  std::vector<uint32_t> coords(ndim, 0);
  static const std::string kNoPeriod;
  for (const Observation& o : ds.observations) {
    uint64_t rest = o.index();
    for (size_t i = ndim; i-- > 0;) {
      coords[i] = static_cast<uint32_t>(rest % sizes[i]);
      rest /= sizes[i];
    }
    uint64_t ordinal = 0;
    for (size_t i = 0; i < ndim; ++i) {
      if (i == tdim) continue;
      ordinal = ordinal * sizes[i] + coords[i];
    }
    FlatObservation f{ordinal,
                      &coords,
                      tdim == std::string::npos ? std::string_view(kNoPeriod)
                                                : std::string_view(ds.dimensions[tdim].codes[coords[tdim]]),
                      o.has_value(),
                      o.value,
                      ds.flags[o.flag_id()]};
    fn(f);
  }
}

std::string series_key(const Dataset& ds, const std::vector<uint32_t>& coords) {
  std::string key;
  const size_t tdim = ds.time_dimension();
  for (size_t i = 0; i < ds.dimensions.size(); ++i) {
    if (i == tdim) continue;
    if (!key.empty()) key.push_back('.');
    key += ds.dimensions[i].codes[coords[i]];
  }
  return key;
}

std::string series_dims(const Dataset& ds, const std::vector<uint32_t>& coords) {
  std::string out;
  const size_t tdim = ds.time_dimension();
  for (size_t i = 0; i < ds.dimensions.size(); ++i) {
    if (i == tdim) continue;
    if (!out.empty()) out.push_back(',');
    out += ds.dimensions[i].id;
    out.push_back('=');
    out += ds.dimensions[i].codes[coords[i]];
  }
  return out;
}

FlagInterner::FlagInterner(Dataset& ds) : ds_(ds) {
  for (uint32_t i = 0; i < ds_.flags.size(); ++i) ids_.emplace(ds_.flags[i], i);
}

uint32_t FlagInterner::intern(std::string_view flags) {
  auto it = ids_.find(flags);
  if (it != ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(ds_.flags.size());
  ds_.flags.emplace_back(flags);
  ids_.emplace(std::string(flags), id);
  return id;
}

void normalize_observations(Dataset& ds) {
  auto& obs = ds.observations;
  auto by_index = [](const Observation& a, const Observation& b) { return a.index() < b.index(); };
  if (!std::is_sorted(obs.begin(), obs.end(), by_index))
    std::stable_sort(obs.begin(), obs.end(), by_index);
  // Keep the last of equal indices.
  size_t out = 0;
  for (size_t i = 0; i < obs.size(); ++i) {
    if (out > 0 && obs[out - 1].index() == obs[i].index()) {
      obs[out - 1] = obs[i];
    } else {
      obs[out++] = obs[i];
    }
  }
  obs.resize(out);
}

}  // namespace omvarld
