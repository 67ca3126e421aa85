#include "parse/eurostat_urls.h"

#include <map>

#include "core/url.h"

namespace omvarld {

std::string DataQuery::describe() const {
  std::string out = dataset;
  std::map<std::string, std::string> grouped;
  std::vector<std::string> order;
  for (const auto& [k, v] : filters) {
    if (!grouped.count(k)) order.push_back(k);
    auto& g = grouped[k];
    if (!g.empty()) g += ",";
    g += v;
  }
  std::string parts;
  for (const auto& k : order) {
    if (!parts.empty()) parts += "; ";
    parts += k + "=" + grouped[k];
  }
  if (!since_period.empty())
    parts += (parts.empty() ? "" : "; ") + std::string("since ") + since_period;
  if (!until_period.empty())
    parts += (parts.empty() ? "" : "; ") + std::string("until ") + until_period;
  if (last_periods)
    parts += (parts.empty() ? "" : "; ") + std::string("last ") + std::to_string(last_periods);
  if (!parts.empty()) out += " [" + parts + "]";
  return out;
}

std::string statistics_url(const std::string& base, const DataQuery& q) {
  std::vector<std::pair<std::string, std::string>> params = {{"format", "JSON"}, {"lang", "EN"}};
  for (const auto& f : q.filters) params.push_back(f);
  if (!q.since_period.empty()) params.emplace_back("sinceTimePeriod", q.since_period);
  if (!q.until_period.empty()) params.emplace_back("untilTimePeriod", q.until_period);
  if (q.last_periods > 0) params.emplace_back("lastTimePeriod", std::to_string(q.last_periods));
  return join_url(base, "statistics/1.0/data/" + url_encode(q.dataset)) + "?" +
         query_string(params);
}

std::string sdmx_tsv_url(const std::string& base, const std::string& dataset) {
  return join_url(base, "sdmx/2.1/data/" + url_encode(dataset)) + "?format=TSV&compressed=true";
}

std::string catalogue_toc_url(const std::string& base) {
  return join_url(base, "catalogue/toc/txt") + "?lang=en";
}

}  // namespace omvarld
