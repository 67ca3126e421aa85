#include "generated_data.h"

#include <random>

#include "eurostat/jsonstat_writer.h"

namespace omvarld::bench {

Dataset generate_city_dataset(int indicators, int cities, int years) {
  Dataset ds;
  ds.code = "urb_bench";
  ds.label = "Generated city statistics";
  ds.dimensions.push_back({"freq", "Time frequency", {"A"}, {"Annual"}});
  Dimension ind{"indic_ur", "Urban audit indicator", {}, {}};
  for (int i = 0; i < indicators; ++i) ind.codes.push_back("DE" + std::to_string(1000 + i) + "V");
  ind.labels.assign(ind.codes.size(), "");
  ds.dimensions.push_back(ind);
  Dimension city{"cities", "Geopolitical entity (declaring)", {}, {}};
  for (int c = 0; c < cities; ++c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%c%03dC", 'A' + c / 1000 % 26, 'A' + c / 26 % 26, c % 1000);
    city.codes.push_back(buf);
  }
  city.labels.assign(city.codes.size(), "");
  ds.dimensions.push_back(city);
  Dimension time{"time", "Time", {}, {}};
  for (int y = 0; y < years; ++y) time.codes.push_back(std::to_string(1990 + y));
  time.labels.assign(time.codes.size(), "");
  ds.dimensions.push_back(time);
  ds.flags = {"", "e", "p", "ep", "c"};
  ds.flag_labels = {{"e", "estimated"},
                    {"p", "provisional"},
                    {"ep", "estimated, provisional"},
                    {"c", "confidential"}};
  std::mt19937_64 rng(20261128);
  std::uniform_int_distribution<int> pct(0, 99);
  std::uniform_int_distribution<int> tenths(0, 9999999);
  uint64_t n = static_cast<uint64_t>(indicators) * cities * years;
  for (uint64_t i = 0; i < n; ++i) {
    int p = pct(rng);
    if (p < 10) continue;  // missing
    if (p < 11) {
      ds.observations.push_back(Observation::make(i, false, 0, 4));  // confidential
      continue;
    }
    uint32_t flag = p < 14 ? 1 + static_cast<uint32_t>(p - 11) : 0;
    ds.observations.push_back(Observation::make(i, true, tenths(rng) / 10.0, flag));
  }
  return ds;
}

std::string generate_jsonstat(double megabytes) {
  // About 17.5 bytes per cell on the wire.
  int cities = static_cast<int>(megabytes * 1e6 / 17.5 / (100 * 30));
  return write_jsonstat(generate_city_dataset(100, cities, 30));
}

std::string generate_tsv(double megabytes) {
  // About 9.5 bytes per cell.
  int cities = static_cast<int>(megabytes * 1e6 / 9.5 / (100 * 30));
  return write_sdmx_tsv(generate_city_dataset(100, cities, 30));
}

}  // namespace omvarld::bench
