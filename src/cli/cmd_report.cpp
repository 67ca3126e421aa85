// omvarld report benchmark|flags: the reports people open in a browser.
#include <iostream>

#include "cli/cli_common.h"
#include "report/report_files.h"

namespace omvarld::cli {
namespace {

class ReportCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    app.require_subcommand(1);
    bench_ = app.add_subcommand("benchmark", "where Stockholm stands among its peers (HTML)");
    bench_->add_option("--group", bench_opts_.request.group,
                       "peer group of peers.toml: nordic, europe or sweden as shipped (default: "
                       "the framework's)");
    bench_->add_option("--framework", bench_opts_.request.framework,
                       "framework in indicators/frameworks/ (default: sustainability)");
    bench_->add_option("--meta", bench_opts_.request.meta_path,
                       "framework as a COINr iMeta CSV instead of --framework");
    bench_->add_option("--input", bench_opts_.request.input_path,
                       "data CSV instead of the database (as `omvarld rank --input`)");
    bench_->add_option("--units", bench_opts_.request.units, "units to rank, comma-separated")
        ->delimiter(',');
    bench_->add_option("--period", bench_opts_.request.period,
                       "reference period (default: latest)");
    bench_->add_option("--focus", bench_opts_.request.focus, "city in focus (default: Stockholm)");
    bench_
        ->add_option("--uncertainty", bench_opts_.request.replications,
                     "Monte Carlo replications for the rank intervals (default 1000; 0 = none)")
        ->check(CLI::NonNegativeNumber);
    bench_->add_option("--seed", bench_opts_.request.uncertainty.seed, "random seed (default 1)");
    bench_->add_option("--since", bench_opts_.request.since, "show rank changes since this period");
    bench_->add_option("--lang", lang_, "sv or en (default sv)");
    bench_->add_option("--out", bench_opts_.out, "the HTML file (default benchmark.html)");
    bench_->add_flag("--markdown", bench_opts_.markdown, "also write a Markdown version beside it");
    bench_->add_flag("--csv", bench_opts_.csv, "also write every score and rank as CSV beside it");
    bench_->add_flag("-q,--quiet", bench_common_.quiet, "print only warnings and errors");
    bench_common_.add_db(*bench_);
    bench_common_.add_config(*bench_);
    bench_->footer(
        "One self-contained HTML file (inline CSS and SVG; nothing is fetched): summary with rank\n"
        "intervals, ranking table, a chart per dimension, strengths and weaknesses, time series,\n"
        "data availability, methodology. Options of `omvarld rank` not listed here keep their\n"
        "defaults; use `omvarld rank` for other methodological choices. With SOURCE_DATE_EPOCH\n"
        "set, the report states that time as its date (reproducible output).");

    flags_ = app.add_subcommand("flags", "digest of the EU items flagged for påverkan (HTML)");
    flags_->add_option("--since", flags_opts_.since,
                       "mark items first seen after this date as new (default: since the last "
                       "digest)");
    flags_->add_option("--lang", lang_, "sv or en (default sv)");
    flags_->add_option("--out", flags_opts_.out, "the HTML file (default flags.html)");
    flags_->add_flag("--markdown", flags_opts_.markdown, "also write a Markdown version beside it");
    flags_->add_option("--feeds", flags_opts_.feeds_dir, "folder with relevance.toml");
    flags_->add_flag("-q,--quiet", flags_common_.quiet, "print only warnings and errors");
    flags_common_.add_db(*flags_);
    flags_common_.add_config(*flags_);
  }

  Result<int> run() override {
    auto lang = parse_lang(lang_);
    if (!lang.ok()) return lang.error();
    const bool bench = bench_->parsed();
    CommonOptions& common = bench ? bench_common_ : flags_common_;
    auto settings = common.settings();
    if (!settings.ok()) return settings.error();
    Log log = make_cli_log(common.quiet);
    Result<std::vector<std::string>> written = std::vector<std::string>{};
    if (bench) {
      bench_opts_.lang = *lang;
      auto w = write_benchmark_report(*settings, bench_opts_, log);
      if (!w.ok()) return w.error();
      written = std::move(w->paths);
    } else {
      flags_opts_.lang = *lang;
      written = write_flags_report(*settings, flags_opts_, log);
    }
    if (!written.ok()) return written.error();
    for (const auto& p : *written) std::cout << p << '\n';
    return 0;
  }

 private:
  CLI::App* bench_ = nullptr;
  CLI::App* flags_ = nullptr;
  BenchmarkReportOptions bench_opts_{default_report_request()};
  FlagsReportOptions flags_opts_;
  CommonOptions bench_common_, flags_common_;
  std::string lang_ = "sv";
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

}  // namespace omvarld::cli
