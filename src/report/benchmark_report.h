// The benchmark report: one self-contained HTML page (inline CSS and SVG, no
// scripts, nothing fetched, prints well) that says where the city in focus
// stands and how sure that is, plus the same in Markdown and the full results
// as CSV. Swedish or English. Pure: a BenchmarkOutcome in, text out.
#pragma once

#include <string>
#include <vector>

#include "analysis/focus.h"
#include "parse/indicator_catalogue.h"
#include "report/benchmark_texts.h"
#include "report/report_context.h"
#include "services/benchmark_run.h"

namespace omvarld {

// The headline: where the city in focus stands, in one or two sentences
// that follow placing()'s rule (analysis/focus.h): shared first or last
// place when the rank intervals do not separate the cities, the period
// named, and how wide the city's own interval is.
struct HeadlineInput {
  Placing placing;
  std::string focus;                       // the city's name
  std::string index;                       // "the sustainable city index"
  std::string period;                      // " in 2019" / " 2019", or ""
  std::vector<std::string> shared;         // names of placing.shared
  std::vector<std::string> not_separated;  // names of placing.not_separated
  int dimensions = 0, dimensions_present = 0, dimensions_needed = 0;  // for kNoIndex
  int runs = 0;            // Monte Carlo runs (or scenarios)
  bool scenarios = false;  // the intervals come from scenarios
};
std::string headline_text(const HeadlineInput& in, Lang lang);

// "A, B and C" / "A, B och C".
std::string join_names(const std::vector<std::string>& names, Lang lang);
// A rank as the language writes it: "2", "2.5" / "2,5"; "" for NaN.
std::string format_rank(double v, Lang lang);

std::string benchmark_html(const BenchmarkOutcome& o, const IndicatorCatalogue& catalogue,
                           const ReportContext& ctx);
std::string benchmark_markdown(const BenchmarkOutcome& o, const IndicatorCatalogue& catalogue,
                               const ReportContext& ctx);
// One row per unit and framework element: unit,name,level,code,score,rank,
// value,period,imputed[,rank_change][,rank_nominal,rank_mean,rank_median,
// rank_q05,rank_q95] (the rank statistics on the index rows).
std::string benchmark_csv(const BenchmarkOutcome& o);

}  // namespace omvarld
