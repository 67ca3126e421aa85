// The benchmark report: one self-contained HTML page (inline CSS and SVG, no
// scripts, nothing fetched, prints well) that says where the city in focus
// stands and how sure that is, plus the same in Markdown and the full results
// as CSV. Swedish or English. Pure: a BenchmarkOutcome in, text out.
#pragma once

#include <string>

#include "parse/indicator_catalogue.h"
#include "report/report_context.h"
#include "services/benchmark_run.h"

namespace omvarld {

std::string benchmark_html(const BenchmarkOutcome& o, const IndicatorCatalogue& catalogue,
                           const ReportContext& ctx);
std::string benchmark_markdown(const BenchmarkOutcome& o, const IndicatorCatalogue& catalogue,
                               const ReportContext& ctx);
// One row per unit and framework element: unit,name,level,code,score,rank,
// value,period,imputed[,rank_change][,rank_nominal,rank_mean,rank_median,
// rank_q05,rank_q95] (the rank statistics on the index rows).
std::string benchmark_csv(const BenchmarkOutcome& o);

}  // namespace omvarld
