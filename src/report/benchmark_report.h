// The benchmark report: one self-contained HTML page (inline CSS and SVG, no
// scripts, nothing fetched, prints well) that says where the city in focus
// stands and how sure that is, plus the same in Markdown and the full results
// as CSV. Swedish or English. Pure: a BenchmarkOutcome in, text out.
#pragma once

#include <string>

#include "benchmark/benchmark_run.h"
#include "config/indicator_catalogue.h"

namespace omvarld {

enum class Lang { kSv, kEn };
Result<Lang> parse_lang(const std::string& text);

struct ReportContext {
  Lang lang = Lang::kSv;
  std::string generated_at;      // ISO 8601 UTC
  std::string version;           // omvarld's
  std::string uncertainty_spec;  // how the rank intervals were drawn, for the methodology
};

std::string benchmark_html(const BenchmarkOutcome& o, const IndicatorCatalogue& catalogue,
                           const ReportContext& ctx);
std::string benchmark_markdown(const BenchmarkOutcome& o, const IndicatorCatalogue& catalogue,
                               const ReportContext& ctx);
// One row per unit and framework element: unit,name,level,code,score,rank,
// value,period,imputed[,rank_change][,rank_nominal,rank_mean,rank_median,
// rank_q05,rank_q95] (the rank statistics on the index rows).
std::string benchmark_csv(const BenchmarkOutcome& o);

// The shared page frame of the reports (head with inline CSS, header, footer).
std::string html_page(const std::string& title, const std::string& lang_code,
                      const std::string& body);

}  // namespace omvarld
