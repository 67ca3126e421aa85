// Dataset: what every Eurostat parser returns and the store ingests.
//
// It mirrors the JSON-stat cube: an ordered list of dimensions, each with its
// category codes, and a sparse list of observations addressed by their flat
// (row-major) index into the cube. A cell may carry a value, flags, or both
// (Eurostat sends confidential cells as flags without a value). The SDMX-TSV
// parser produces the same shape, so one store path serves both formats.
//
// Memory: 16 bytes per observation, plus the dimension codes. The parsers
// refuse datasets of more than kMaxObservations cells (256 MiB of
// observations), so memory is bounded whatever the input. Plain data;
// copyable; no I/O.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace omvarld {

// Cells one parsed dataset may hold; the largest Eurostat responses we know
// of have under 5 million.
constexpr uint64_t kMaxObservations = 16'000'000;

struct Dimension {
  std::string id;                   // "geo", "cities", "indic_ur", "time", ...
  std::string label;                // "Geopolitical entity (reporting)"; may be empty
  std::vector<std::string> codes;   // category codes in index order
  std::vector<std::string> labels;  // same order as codes; empty strings where unknown
};

// One cell. `packed` holds the flat index (low 40 bits), the flag id (next
// 23 bits, an index into Dataset::flags; 0 means no flags) and whether there
// is a value (top bit).
struct Observation {
  uint64_t packed = 0;
  double value = 0;

  static constexpr uint64_t kIndexBits = 40;
  static constexpr uint64_t kIndexMask = (uint64_t{1} << kIndexBits) - 1;
  static constexpr uint64_t kMaxFlagId = (uint64_t{1} << 23) - 1;

  static Observation make(uint64_t index, bool has_value, double value, uint32_t flag_id) {
    return Observation{
        index | (uint64_t{flag_id} << kIndexBits) | (has_value ? uint64_t{1} << 63 : 0), value};
  }
  uint64_t index() const { return packed & kIndexMask; }
  uint32_t flag_id() const { return static_cast<uint32_t>((packed >> kIndexBits) & kMaxFlagId); }
  bool has_value() const { return (packed >> 63) != 0; }
};

struct Dataset {
  std::string code;     // Eurostat dataset code, lower case: "urb_cpop1"
  std::string label;    // "Population on 1 January by age groups and sex - cities ..."
  std::string updated;  // the source's own "updated" stamp, ISO 8601; may be empty
  std::vector<Dimension> dimensions;
  std::vector<std::string> flags{""};              // flag strings; flags[0] is "no flags"
  std::map<std::string, std::string> flag_labels;  // "ep" -> "estimated, provisional"
  std::vector<Observation> observations;           // sorted by index, unique
  // The dimension ids the source itself names as time and geography
  // (JSON-stat's `role.time`, `role.geo`); empty when it names none.
  std::string time_role, geo_role;

  // Position of the time dimension: the one `time_role` names, else one
  // called "time" or "TIME_PERIOD" (the name Eurostat gives it), else one
  // called "year"; npos when there is none (the cells are then stored
  // without a period).
  size_t time_dimension() const;
  // Position of the geographic dimension: `geo_role`, else "geo" or
  // "cities"; or npos.
  size_t geo_dimension() const;
  // Number of cells in the full cube (product of sizes); 0 if any size is 0.
  uint64_t cube_size() const;
};

// One observation with its coordinates resolved: what the store writes.
struct FlatObservation {
  uint64_t series_ordinal;              // the flat index with the time coordinate removed
  const std::vector<uint32_t>* coords;  // category position per dimension
  std::string_view period;
  bool has_value;
  double value;
  std::string_view flags;
};

// Walks the observations in index order, decoding each flat index into
// coordinates, and calls fn(const FlatObservation&) for each. Cheap: no
// allocation per observation; a template so the call inlines.
template <typename Fn>
void for_each_observation(const Dataset& ds, Fn&& fn) {
  const size_t ndim = ds.dimensions.size();
  const size_t tdim = ds.time_dimension();
  std::vector<uint64_t> sizes(ndim);
  for (size_t i = 0; i < ndim; ++i) sizes[i] = ds.dimensions[i].codes.size();
  std::vector<uint32_t> coords(ndim, 0);
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
                      tdim == std::string::npos
                          ? std::string_view("")  // no period: '', never NULL
                          : std::string_view(ds.dimensions[tdim].codes[coords[tdim]]),
                      o.has_value(),
                      o.value,
                      ds.flags[o.flag_id()]};
    fn(static_cast<const FlatObservation&>(f));
  }
}

// The series key: the non-time dimension codes of `coords` joined by '.', in
// dimension order ("A.DE1001V.SE001C"), and the readable form
// "freq=A,indic_ur=DE1001V,cities=SE001C".
std::string series_key(const Dataset& ds, const std::vector<uint32_t>& coords);
std::string series_dims(const Dataset& ds, const std::vector<uint32_t>& coords);

// Interns a flag string into ds.flags and returns its id.
class FlagInterner {
 public:
  explicit FlagInterner(Dataset& ds);
  uint32_t intern(std::string_view flags);

 private:
  Dataset& ds_;
  std::map<std::string, uint32_t, std::less<>> ids_;
};

// Sorts observations by index; where an index repeats, the later one wins
// (later parts of a split query override earlier ones).
void normalize_observations(Dataset& ds);

}  // namespace omvarld
