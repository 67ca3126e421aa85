#include "generated_data.h"

#include <random>

#include "parse/jsonstat_writer.h"

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

std::string generate_rss(double megabytes) {
  static const char* words[] = {"urban",       "mobility",  "climate",   "energy",     "housing",
                                "procurement", "municipal", "transport", "water",      "waste",
                                "digital",     "cohesion",  "funding",   "innovation", "social",
                                "education",   "health",    "cities"};
  std::mt19937_64 rng(42);
  auto sentence = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      if (i) s += ' ';
      s += words[rng() % 18];
    }
    return s;
  };
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>EU Funding "
      "Calls</title>"
      "<link>https://ec.europa.eu/info/funding-tenders/opportunities/portal</link>\n";
  size_t target = static_cast<size_t>(megabytes * 1e6);
  for (int i = 0; out.size() < target; ++i) {
    std::string id = "HORIZON-CL5-2026-D" + std::to_string(i % 7) + "-" + std::to_string(i);
    out += "<item><title>" + sentence(8) + " &amp; " + sentence(3) +
           "</title><link>https://ec.europa.eu/info/" +
           "funding-tenders/opportunities/portal/screen/opportunities/topic-details/" + id +
           "?a=1&amp;b=2</link>" + "<guid>" + id +
           "</guid><pubDate>Tue, 06 Oct 2026 13:00:00 GMT</pubDate><category>" + sentence(2) +
           "</category><description>&lt;p&gt;" + sentence(60) + "&amp;nbsp;" + sentence(40) +
           " &hellip;&lt;/p&gt;</description></item>\n";
  }
  return out + "</channel></rss>\n";
}

}  // namespace omvarld::bench
