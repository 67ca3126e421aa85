// Writing the two reports to files, shared by `omvarld report`, `omvarld
// demo` and the review page: run the benchmark or read the flagged items,
// render, write atomically, and say where the files are. Side effects: reads
// the database and configuration, writes the files.
#pragma once

#include <string>
#include <vector>

#include "core/log.h"
#include "report/benchmark_report.h"
#include "services/benchmark_run.h"
#include "services/settings.h"

namespace omvarld {

struct BenchmarkReportOptions {
  BenchmarkRequest request;
  Lang lang = Lang::kSv;
  std::string out = "benchmark.html";  // the HTML; .md and .csv beside it on request
  bool markdown = false, csv = false;
};
// The request's Monte Carlo defaults for reports: 1000 replications over
// ±25% weight noise, min-max 1-100 or rank normalisation, arithmetic or
// geometric aggregation.
BenchmarkRequest default_report_request();
struct WrittenBenchmark {
  std::vector<std::string> paths;
  BenchmarkOutcome outcome;
};
Result<WrittenBenchmark> write_benchmark_report(const Settings& settings,
                                                const BenchmarkReportOptions& o, const Log& log);

struct FlagsReportOptions {
  std::string since;  // ISO date or time; "" = since the last digest
  Lang lang = Lang::kSv;
  std::string out = "flags.html";
  bool markdown = false;
  bool record = true;     // remember this digest, so the next one says what is new since
  std::string feeds_dir;  // holds relevance.toml (theme labels); "" = the default
};
Result<std::vector<std::string>> write_flags_report(const Settings& settings,
                                                    const FlagsReportOptions& o, const Log& log);

}  // namespace omvarld
