#include "model/dataset.h"

#include <algorithm>

namespace omvarld {

size_t Dataset::time_dimension() const {
  if (!time_role.empty())
    for (size_t i = 0; i < dimensions.size(); ++i)
      if (dimensions[i].id == time_role) return i;
  for (size_t i = 0; i < dimensions.size(); ++i) {
    const std::string& id = dimensions[i].id;
    if (id == "time" || id == "TIME_PERIOD" || id == "TIME" || id == "time_period") return i;
  }
  // Then a "year" (JSON-stat files written by others often call it so and
  // give no role).
  for (size_t i = 0; i < dimensions.size(); ++i) {
    const std::string& id = dimensions[i].id;
    if (id == "year" || id == "YEAR" || id == "Year") return i;
  }
  return std::string::npos;
}

size_t Dataset::geo_dimension() const {
  if (!geo_role.empty())
    for (size_t i = 0; i < dimensions.size(); ++i)
      if (dimensions[i].id == geo_role) return i;
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
