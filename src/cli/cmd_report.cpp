// omvarld report benchmark|flags: the reports people open in a browser, and
// each committee's digest, written or mailed (docs/digests.md).
#include <filesystem>
#include <iostream>

#include "cli/cli_common.h"
#include "net/mail_curl.h"
#include "report/report_files.h"
#include "report/subscriber_digests.h"

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
    flags_->add_option("--committee", digest_.committee,
                       "the digest of one subscriber of the subscriptions file, or of a "
                       "committee of relevance.toml (its themes)");
    flags_->add_option("--subscriptions", digest_.subscriptions,
                       "the subscriptions file (default: subscriptions.toml of the feeds folder)");
    flags_->add_option("--smtp", smtp_.url,
                       "send the digests by mail through this server: smtp://HOST[:PORT] "
                       "(STARTTLS when offered) or smtps://HOST[:PORT]");
    flags_
        ->add_option("--mail-to", digest_.mail_to,
                     "send one digest (the whole one, or --committee's) to these addresses "
                     "instead of the subscribers'")
        ->delimiter(',');
    flags_->add_option("--mail-from", digest_.from, "the sender's address (needed with --smtp)");
    flags_->add_option("--smtp-credentials", credentials_,
                       "a file with user:password on its first line, for SMTP AUTH (sent only "
                       "over TLS)");
    flags_
        ->add_option("--smtp-ca", smtp_.ca_file,
                     "a PEM file of the certificate authority that signed the mail server's "
                     "certificate (a city's own CA; default, or empty: the system's)")
        ->check(CLI::Validator(
            [](std::string& v) {   // empty (an unset variable in a unit): the system's
              std::error_code ec;  // a file that cannot be looked at is no file
              return v.empty() || std::filesystem::is_regular_file(v, ec)
                         ? std::string()
                         : "no file " + v + " (a PEM file of certificates)";
            },
            "FILE"));
    flags_->add_flag("--smtp-insecure-auth", smtp_.insecure_auth,
                     "send the credentials even without TLS (a trusted local relay only)");
    flags_->add_option("--review-url", digest_.review_url,
                       "the review page's address: each item links to its page there");
    flags_->add_flag("--send-empty", digest_.send_empty,
                     "mail a digest with nothing new too (default: no mail then)");
    flags_->add_flag("--dry-run", digest_.dry_run,
                     "with --smtp: say what would be sent, send and record nothing");
    flags_->footer(
        "Without --smtp: writes the digest (of --committee, or of every flagged item). With\n"
        "--smtp: mails each subscriber of the subscriptions file its digest (one mail per\n"
        "address, text and HTML), or one digest to --mail-to. What is new is remembered per\n"
        "address; a digest with nothing new is not mailed unless --send-empty. A failed send is\n"
        "logged with the address, does not stop the others, and is tried again at the next run\n"
        "(exit code 1). See docs/digests.md.");
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
    } else if (auto mailing = mailing_mode(); !mailing.ok()) {
      return mailing.error();
    } else if (*mailing) {
      return send_digests(*settings, *lang, log);
    } else if (!digest_.committee.empty() || !digest_.review_url.empty() ||
               !digest_.subscriptions.empty()) {
      digest_.lang = *lang;
      digest_.everyone = digest_.committee.empty();
      digest_.out = flags_opts_.out;
      digest_.markdown = flags_opts_.markdown;
      digest_.since = flags_opts_.since;
      digest_.feeds_dir = flags_opts_.feeds_dir;
      written = write_subscriber_digest(*settings, digest_, log);
    } else {
      flags_opts_.lang = *lang;
      written = write_flags_report(*settings, flags_opts_, log);
    }
    if (!written.ok()) return written.error();
    for (const auto& p : *written) std::cout << p << '\n';
    return 0;
  }

 private:
  // Whether the options ask for mail, or an Error for options that need
  // each other.
  Result<bool> mailing_mode() const {
    if (!digest_.review_url.empty() && digest_.review_url.rfind("https://", 0) != 0 &&
        digest_.review_url.rfind("http://", 0) != 0)
      return make_error(ErrorKind::kUsage,
                        "--review-url " + digest_.review_url + " is not an http(s) address");
    const bool mail_options = !digest_.mail_to.empty() || !credentials_.empty() ||
                              smtp_.insecure_auth || !smtp_.ca_file.empty() || digest_.send_empty ||
                              !digest_.from.empty();
    if (smtp_.url.empty() && !digest_.dry_run) {
      if (mail_options)
        return make_error(
                   ErrorKind::kUsage,
                   "--mail-to, --mail-from, --smtp-credentials, "
                   "--smtp-insecure-auth, --smtp-ca and --send-empty are for mail: give --smtp URL")
            .with_hint("to write a committee's digest to a file, use --committee NAME");
      if (!digest_.subscriptions.empty() && digest_.committee.empty())
        return make_error(ErrorKind::kUsage,
                          "--subscriptions: give --smtp URL to mail its subscribers, or "
                          "--committee NAME to write one subscriber's digest");
      return false;
    }
    if (digest_.from.empty())
      return make_error(ErrorKind::kUsage, "mail needs a sender: give --mail-from ADDRESS");
    return true;
  }

  Result<int> send_digests(const Settings& settings, Lang lang, const Log& log) {
    SmtpOptions smtp = smtp_;
    if (!credentials_.empty()) {
      ASSIGN_OR_RETURN(SmtpCredentials c, read_smtp_credentials(credentials_));
      smtp.username = c.username;
      smtp.password = c.password;
    }
    digest_.lang = lang;
    digest_.since = flags_opts_.since;
    digest_.feeds_dir = flags_opts_.feeds_dir;
    CurlMailSender sender(smtp);
    ASSIGN_OR_RETURN(MailOutcome outcome, mail_digests(settings, digest_, sender, log));
    std::cout << outcome.sent << " sent, " << outcome.skipped << " with nothing new, "
              << outcome.failed.size() << " failed\n";
    if (outcome.failed.empty()) return 0;
    Error e = outcome.failed.front();
    if (outcome.failed.size() > 1)
      e.message =
          std::to_string(outcome.failed.size()) + " digests were not sent; the first: " + e.message;
    return e.with_hint("the others were sent; these are tried again at the next run");
  }

  CLI::App* bench_ = nullptr;
  CLI::App* flags_ = nullptr;
  BenchmarkReportOptions bench_opts_{default_report_request()};
  FlagsReportOptions flags_opts_;
  SubscriberDigestOptions digest_;
  SmtpOptions smtp_;
  std::string credentials_;
  CommonOptions bench_common_, flags_common_;
  std::string lang_ = "sv";
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

}  // namespace omvarld::cli
