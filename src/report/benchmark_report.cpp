#include "report/benchmark_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "analysis/statistics.h"
#include "core/text.h"
#include "report/markup.h"
#include "report/page.h"
#include "report/svg_charts.h"

namespace omvarld {
namespace {

struct Texts {
  const char *lang_code, *report, *among, *ranks, *of, *on, *sure_mc, *sure_scen, *not_ranked,
      *per_dimension, *thin, *thin_focus, *ranking, *rank, *city, *score, *median_rank, *interval,
      *interval_legend, *nominal_legend, *dimensions, *dim_chart, *peer_median, *profile,
      *profile_intro, *below, *above, *strengths, *weaknesses, *none, *trends, *trends_none,
      *availability, *avail_intro, *missing, *imputed, *earlier, *methodology, *choices, *notes,
      *uncertainty, *no_uncertainty, *coherence, *alpha, *flags_redundant, *flags_negative,
      *vintages, *dataset, *updated, *harvested, *flags_title, *sources, *attribution, *generated,
      *no_data, *framework_file, *data_from, *value_col, *period_col, *since, *coherence_small;
};

const Texts kEn = {
    "en",
    "Benchmark report",
    "among",
    "ranks",
    "of",
    "on",
    "In %d Monte Carlo runs over the methodological choices, 90% of its ranks lie between %s and "
    "%s.",
    "Over %d scenarios its ranks lie between %s and %s (5th-95th percentile).",
    "has no score on the index: too little of its data is available.",
    "Per dimension",
    "The data are thin: %d of %d indicators have no value for these cities and are left out.",
    "%s has values for %d of the %d indicators.",
    "Ranking",
    "Rank",
    "City",
    "Score",
    "Median rank",
    "90% interval",
    "ranks of 90% of the runs",
    "nominal rank",
    "Dimensions",
    "%s: scores of the cities (0-100)",
    "peer median",
    "Strengths and weaknesses",
    "Each indicator's normalised score for %s minus the median of the other cities.",
    "below the peer median",
    "above",
    "Strengths",
    "Weaknesses",
    "none",
    "Trends",
    "No indicator has a time series long enough to draw (3 years or more) for %s.",
    "Data availability",
    "The value used for each city and indicator: its year, and a flag where Eurostat gave one. "
    "A dash is a missing value; \"imp.\" a value imputed by the method; an earlier year than the "
    "reference period means the latest available value was used.",
    "missing",
    "imputed",
    "earlier year",
    "Methodology",
    "Choices",
    "Notes",
    "Uncertainty",
    "No uncertainty analysis was run.",
    "Coherence",
    "Cronbach's alpha per dimension (internal consistency; above 0.7 is usually read as "
    "consistent)",
    "very strongly correlated (|r| > 0.9): one may be redundant",
    "negatively correlated: they pull against each other",
    "Data vintages",
    "Dataset",
    "Last updated at source",
    "Harvested",
    "Eurostat flags",
    "Sources",
    "",
    "Generated",
    "no data",
    "Framework",
    "Data",
    "Value",
    "Period",
    "Change since",
    "Correlations between parts are not judged with fewer than 8 cities with both values: with "
    "so few, strong correlations arise by chance."};

const Texts kSv = {
    "sv",
    "Jämförelserapport",
    "bland",
    "rankas",
    "av",
    "på",
    "I %d Monte Carlo-körningar över metodvalen hamnar 90 % av placeringarna mellan %s och %s.",
    "Över %d scenarier hamnar placeringarna mellan %s och %s (5:e-95:e percentilen).",
    "får inget indexvärde: för lite av dess data finns.",
    "Per dimension",
    "Underlaget är tunt: %d av %d indikatorer saknar värden för dessa städer och är utelämnade.",
    "%s har värden för %d av de %d indikatorerna.",
    "Rangordning",
    "Plats",
    "Stad",
    "Poäng",
    "Medianplats",
    "90 %-intervall",
    "placeringar i 90 % av körningarna",
    "nominell placering",
    "Dimensioner",
    "%s: städernas poäng (0-100)",
    "median för jämförelsestäderna",
    "Styrkor och svagheter",
    "Varje indikators normaliserade poäng för %s minus medianen för de andra städerna.",
    "under medianen",
    "över",
    "Styrkor",
    "Svagheter",
    "inga",
    "Utveckling över tid",
    "Ingen indikator har en tidsserie som är lång nog att rita (3 år eller fler) för %s.",
    "Datatillgång",
    "Värdet som används för varje stad och indikator: dess år, och en flagga där Eurostat "
    "angav en. Ett streck är ett saknat värde; \"imp.\" ett imputerat värde; ett tidigare år "
    "än referensperioden betyder att det senaste tillgängliga värdet användes.",
    "saknas",
    "imputerat",
    "tidigare år",
    "Metod",
    "Val",
    "Anmärkningar",
    "Osäkerhet",
    "Ingen osäkerhetsanalys kördes.",
    "Samstämmighet",
    "Cronbachs alfa per dimension (inre konsistens; över 0,7 brukar läsas som samstämmigt)",
    "mycket starkt korrelerade (|r| > 0,9): en av dem kan vara överflödig",
    "negativt korrelerade: de drar åt olika håll",
    "Dataårgångar",
    "Dataset",
    "Senast uppdaterat hos källan",
    "Hämtat",
    "Eurostats flaggor",
    "Källor",
    "",
    "Skapad",
    "data saknas",
    "Ramverk",
    "Data",
    "Värde",
    "Period",
    "Förändring sedan",
    "Korrelationer mellan delarna bedöms inte med färre än 8 städer med båda värdena: med så få "
    "uppstår starka samband av en slump."};

const Texts& texts(Lang l) { return l == Lang::kSv ? kSv : kEn; }

std::string num1(double v, Lang lang = Lang::kEn) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (lang == Lang::kSv)
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

std::string num2(double v, Lang lang) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  if (lang == Lang::kSv)
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

std::string rank_text(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, v == std::floor(v) ? "%.0f" : "%.1f", v);
  return buf;
}

std::string h(const std::string& s) { return xml_escape(s); }

// Eurostat's flags (the codes of its "obs_status" and "obs_flag" lists).
const std::pair<char, std::pair<const char*, const char*>> kFlags[] = {
    {'b', {"break in time series", "tidsseriebrott"}},
    {'c', {"confidential", "konfidentiellt"}},
    {'d', {"definition differs", "avvikande definition"}},
    {'e', {"estimated", "uppskattat"}},
    {'f', {"forecast", "prognos"}},
    {'n', {"not significant", "inte signifikant"}},
    {'p', {"provisional", "preliminärt"}},
    {'r', {"revised", "reviderat"}},
    {'s', {"Eurostat estimate", "Eurostats uppskattning"}},
    {'u', {"low reliability", "låg tillförlitlighet"}},
    {'z', {"not applicable", "ej tillämpligt"}}};

}  // namespace

// ---------------------------------------------------------------------------

namespace {

class BenchmarkPage {
 public:
  BenchmarkPage(const BenchmarkOutcome& o, const IndicatorCatalogue& cat, const ReportContext& ctx)
      : o_(o), cat_(cat), ctx_(ctx), t_(texts(ctx.lang)), r_(o.result) {
    top_ = r_.layout.ranked_column();
    for (size_t i = 0; i < r_.units.size(); ++i)
      if (o_.focus && r_.units[i] == o_.focus->unit) focus_ = i;
    if (const PeerGroup* g = cat_.find_group(o_.group))
      group_label_ = ctx_.lang == Lang::kSv ? g->label_sv : g->label_en;
  }

  std::string title() const {
    std::string focus = o_.focus ? o_.focus->name : std::string();
    std::string fw = ctx_.lang == Lang::kSv && !o_.label_sv.empty() ? o_.label_sv : o_.label_en;
    if (!focus.empty() && !group_label_.empty())
      return focus + " " + t_.among + " " +
             (ctx_.lang == Lang::kSv ? lower_first(group_label_) : group_label_) + ": " + fw;
    return std::string(t_.report) + ": " + fw;
  }

  std::string name(Eigen::Index column) const {
    const size_t c = static_cast<size_t>(column);
    const std::string& code = r_.layout.codes[c];
    if (ctx_.lang == Lang::kSv) {
      if (const Indicator* ind = cat_.find_indicator(code); ind && !ind->label_sv.empty())
        return ind->label_sv;
      if (const FrameworkNode* n = o_.framework.find(code); n && !n->name_sv.empty())
        return n->name_sv;
    }
    return r_.layout.names[c];
  }

  const RankStats* stats() const { return o_.rank_stats(); }

  int ranked(Eigen::Index column) const {
    return static_cast<int>(r_.scores.rows() - r_.scores.col(column).array().isNaN().count());
  }

  std::vector<Eigen::Index> dimensions() const {
    std::vector<Eigen::Index> d;
    for (const auto& node : r_.layout.aggregates)
      if (node.column != top_ && node.level == r_.layout.top_level - 1) d.push_back(node.column);
    return d;
  }

  std::string summary() const {
    std::string s = "<section id=\"summary\">\n";
    if (!focus_) {
      s += "<p class=\"lead\">" + h(fw_label()) + "</p>\n";
    } else {
      const auto fi = static_cast<Eigen::Index>(*focus_);
      const std::string& city = r_.names[*focus_];
      const double rank = r_.ranks(fi, top_);
      s += "<p class=\"lead\">";
      if (std::isnan(rank)) {
        s += "<strong>" + h(city) + "</strong> " + t_.not_ranked;
      } else {
        s += "<strong>" + h(city) + "</strong> " + t_.ranks + " <strong>" + rank_text(rank) +
             "</strong> " + t_.of + " " + std::to_string(ranked(top_)) + " " + t_.on + " " +
             h(name(top_)) + " (" + num1(r_.scores(fi, top_), ctx_.lang) + ").";
        if (const RankStats* st = stats(); st && std::isfinite(st->q05[fi]))
          s += " " +
               h(fill(o_.monte_carlo ? t_.sure_mc : t_.sure_scen,
                      {std::to_string(st->runs), rank_text(st->q05[fi]), rank_text(st->q95[fi])}));
      }
      s += "</p>\n";
      s += "<h3>" + std::string(t_.per_dimension) + "</h3>\n<ul>\n";
      for (Eigen::Index d : dimensions()) {
        const double dr = r_.ranks(fi, d);
        s += "<li>" + h(name(d)) + ": " +
             (std::isnan(dr) ? std::string(t_.no_data)
                             : rank_text(dr) + " " + t_.of + " " + std::to_string(ranked(d)) +
                                   " (" + num1(r_.scores(fi, d), ctx_.lang) + ")") +
             "</li>\n";
      }
      s += "</ul>\n";
    }
    const auto dropped = r_.record.dropped_indicators.size();
    const auto total = static_cast<size_t>(r_.layout.indicator_count);
    if (dropped > 0 || (focus_ && focus_values() * 10 < static_cast<int>(total) * 6)) {
      s += "<p class=\"warn\">";
      if (dropped > 0)
        s += h(fill(t_.thin, {std::to_string(dropped), std::to_string(total)})) + " ";
      if (focus_)
        s += h(fill(t_.thin_focus,
                    {r_.names[*focus_], std::to_string(focus_values()), std::to_string(total)}));
      s += "</p>\n";
    }
    return s + "</section>\n";
  }

  int focus_values() const {
    if (!focus_) return 0;
    int n = 0;
    for (Eigen::Index j = 0; j < r_.layout.indicator_count; ++j)
      n += !std::isnan(r_.raw(static_cast<Eigen::Index>(*focus_), j));
    return n;
  }

  std::vector<size_t> order_by(Eigen::Index column) const {
    std::vector<size_t> order(r_.units.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const double ra = r_.ranks(static_cast<Eigen::Index>(a), column),
                   rb = r_.ranks(static_cast<Eigen::Index>(b), column);
      if (std::isnan(ra)) return false;
      if (std::isnan(rb)) return true;
      return ra < rb;
    });
    return order;
  }

  std::string ranking() const {
    std::string s = "<section id=\"ranking\">\n<h2>" + std::string(t_.ranking) + "</h2>\n";
    const RankStats* st = stats();
    s += "<div class=\"wide\"><table>\n<thead><tr><th>" + std::string(t_.rank) + "</th><th>" +
         t_.city + "</th><th>" + h(name(top_)) + "</th>";
    if (st) s += "<th>" + std::string(t_.median_rank) + "</th><th>" + t_.interval + "</th>";
    if (!o_.since_period.empty())
      s += "<th>" + std::string(t_.since) + " " + h(o_.since_period) + "</th>";
    for (Eigen::Index d : dimensions()) s += "<th>" + h(name(d)) + "</th>";
    s += "</tr></thead>\n<tbody>\n";
    for (size_t i : order_by(top_)) {
      const auto ii = static_cast<Eigen::Index>(i);
      s += std::string("<tr") + (focus_ && *focus_ == i ? " class=\"focus\"" : "") +
           "><td class=\"n\">" + rank_text(r_.ranks(ii, top_)) + "</td><td>" + h(r_.names[i]) +
           "</td><td class=\"n\">" + num1(r_.scores(ii, top_), ctx_.lang) + "</td>";
      if (st)
        s += "<td class=\"n\">" + rank_text(st->median[ii]) + "</td><td class=\"n\">" +
             (std::isfinite(st->q05[ii]) ? rank_text(st->q05[ii]) + "-" + rank_text(st->q95[ii])
                                         : std::string()) +
             "</td>";
      if (!o_.since_period.empty()) {
        const double ch = o_.rank_change(ii, top_);
        s += "<td class=\"n\">" +
             (std::isnan(ch) ? std::string() : (ch > 0 ? "+" : "") + rank_text(ch)) + "</td>";
      }
      for (Eigen::Index d : dimensions())
        s += "<td class=\"n\">" + num1(r_.scores(ii, d), ctx_.lang) + "</td>";
      s += "</tr>\n";
    }
    s += "</tbody></table></div>\n";
    if (st) {
      std::vector<IntervalDatum> rows;
      for (size_t i : order_by(top_)) {
        const auto ii = static_cast<Eigen::Index>(i);
        if (std::isnan(r_.ranks(ii, top_))) continue;
        rows.push_back({r_.names[i], st->nominal[ii], st->median[ii], st->q05[ii], st->q95[ii],
                        focus_ && *focus_ == i});
      }
      s += "<figure>" +
           rank_interval_svg(std::string(t_.ranking) + ": " + t_.interval, rows, ranked(top_),
                             t_.interval_legend, t_.nominal_legend) +
           "</figure>\n";
    }
    return s + "</section>\n";
  }

  std::string dimension_charts() const {
    std::string s = "<section id=\"dimensions\">\n<h2>" + std::string(t_.dimensions) + "</h2>\n";
    for (Eigen::Index d : dimensions()) {
      std::vector<BarDatum> bars;
      std::vector<double> peers;
      for (size_t i : order_by(d)) {
        const double v = r_.scores(static_cast<Eigen::Index>(i), d);
        bars.push_back({r_.names[i], v, focus_ && *focus_ == i});
        if (!(focus_ && *focus_ == i) && !std::isnan(v)) peers.push_back(v);
      }
      const double med = median_of(peers);
      s += "<h3>" + h(name(d)) + "</h3>\n<figure>" +
           bar_chart_svg(fill(t_.dim_chart, {name(d)}), bars, 100, t_.peer_median, med,
                         !std::isnan(med), t_.no_data) +
           "</figure>\n";
    }
    return s + "</section>\n";
  }

  std::string profile() const {
    if (!o_.focus) return "";
    std::string s = "<section id=\"profile\">\n<h2>" + std::string(t_.profile) + "</h2>\n<p>" +
                    h(fill(t_.profile_intro, {o_.focus->name})) + "</p>\n";
    std::vector<DivergingDatum> rows;
    std::vector<FocusLine> lines;
    for (const auto& l : o_.focus->lines)
      if (l.level == 1) lines.push_back(l);
    std::stable_sort(lines.begin(), lines.end(), [](const FocusLine& a, const FocusLine& b) {
      return a.difference > b.difference;
    });
    for (const auto& l : lines) rows.push_back({column_name(l.code), l.difference});
    if (!rows.empty())
      s += "<figure>" + diverging_svg(t_.profile, rows, t_.below, t_.above) + "</figure>\n";
    auto list = [&](const char* title, const std::vector<FocusLine>& v) {
      std::string out = "<h3>" + std::string(title) + "</h3>\n";
      if (v.empty()) return out + "<p>" + t_.none + "</p>\n";
      out += "<ul>\n";
      for (const auto& l : v)
        out += "<li>" + h(column_name(l.code)) + ": " + num1(l.score, ctx_.lang) + " (" +
               t_.peer_median + " " + num1(l.peer_median, ctx_.lang) + "; " + t_.rank + " " +
               rank_text(l.rank) + " " + t_.of + " " + std::to_string(l.ranked) + ")</li>\n";
      return out + "</ul>\n";
    };
    s += list(t_.strengths, o_.focus->strengths) + list(t_.weaknesses, o_.focus->weaknesses);
    return s + "</section>\n";
  }

  std::string column_name(const std::string& code) const {
    for (size_t c = 0; c < r_.layout.codes.size(); ++c)
      if (r_.layout.codes[c] == code) return name(static_cast<Eigen::Index>(c));
    return code;
  }

  std::string trends() const {
    std::string s = "<section id=\"trends\">\n<h2>" + std::string(t_.trends) + "</h2>\n";
    if (!o_.focus) return s + "</section>\n";
    // Key indicators: those where the focus city has 3 or more years, most
    // points first; indicators divided by a denominator are shown per city as
    // stored, so they are skipped here.
    std::map<std::string, std::map<std::string, std::vector<std::pair<double, double>>>> by_ind;
    for (const auto& ob : o_.observations.rows) {
      auto y = period_year(ob.period);
      if (y) by_ind[ob.indicator][ob.unit].emplace_back(*y, ob.value);
    }
    std::vector<std::pair<size_t, Eigen::Index>> candidates;
    for (Eigen::Index j = 0; j < r_.layout.indicator_count; ++j) {
      const std::string& code = r_.layout.codes[static_cast<size_t>(j)];
      if (const FrameworkNode* n = o_.framework.find(code); n && !n->denominator.empty()) continue;
      auto it = by_ind.find(code);
      if (it == by_ind.end()) continue;
      auto f = it->second.find(o_.focus->unit);
      if (f == it->second.end() || f->second.size() < 3) continue;
      size_t points = 0;
      for (const auto& [u, pts] : it->second) points += pts.size();
      candidates.emplace_back(points, j);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (candidates.empty())
      return s + "<p>" + h(fill(t_.trends_none, {o_.focus->name})) + "</p>\n</section>\n";
    for (size_t k = 0; k < candidates.size() && k < 4; ++k) {
      const Eigen::Index j = candidates[k].second;
      const std::string& code = r_.layout.codes[static_cast<size_t>(j)];
      std::vector<LineSeries> series;
      for (size_t i = 0; i < r_.units.size(); ++i) {
        auto it = by_ind[code].find(r_.units[i]);
        if (it == by_ind[code].end() || it->second.size() < 2) continue;
        auto pts = it->second;
        std::sort(pts.begin(), pts.end());
        series.push_back({r_.names[i], pts, focus_ && *focus_ == i});
      }
      const Indicator* ind = cat_.find_indicator(code);
      s += "<h3>" + h(name(j)) + "</h3>\n<figure>" +
           line_chart_svg(name(j), ind ? ind->unit : std::string(), series) + "</figure>\n";
    }
    return s + "</section>\n";
  }

  std::string availability() const {
    std::string s = "<section id=\"availability\">\n<h2>" + std::string(t_.availability) +
                    "</h2>\n<p>" + h(t_.avail_intro) +
                    "</p>\n<div class=\"wide\"><table>\n<thead><tr><th>" + t_.city + "</th>";
    for (Eigen::Index j = 0; j < r_.layout.indicator_count; ++j)
      s += "<th title=\"" + h(name(j)) + "\">" + h(r_.layout.codes[static_cast<size_t>(j)]) +
           "</th>";
    s += "</tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < r_.units.size(); ++i) {
      const size_t row = static_cast<size_t>(r_.rows[i]);
      s += std::string("<tr") + (focus_ && *focus_ == i ? " class=\"focus\"" : "") + "><td>" +
           h(r_.names[i]) + "</td>";
      for (Eigen::Index j = 0; j < r_.layout.indicator_count; ++j) {
        const size_t jj = static_cast<size_t>(j);
        const std::string& period = o_.selection.value_period[row][jj];
        const std::string& flags = o_.selection.flags[row][jj];
        if (r_.imputed[i][jj])
          s += "<td class=\"cell-imputed\">imp.</td>";
        else if (period.empty() && std::isnan(r_.raw(static_cast<Eigen::Index>(i), j)))
          s += "<td class=\"cell-missing\">-</td>";
        else
          s += std::string("<td") +
               (o_.selection.origin[row][jj] != ValueOrigin::kObserved ? " class=\"cell-earlier\""
                                                                       : "") +
               ">" + h(period) + (flags.empty() ? "" : " " + h(flags)) + "</td>";
      }
      s += "</tr>\n";
    }
    return s + "</tbody></table></div>\n</section>\n";
  }

  std::string methodology() const {
    std::string s = "<section id=\"methodology\">\n<h2>" + std::string(t_.methodology) + "</h2>\n";
    s += "<p>" + std::string(t_.framework_file) + ": " + h(o_.framework_id) +
         (o_.description.empty() ? "" : " - " + h(o_.description)) + "<br/>" + t_.data_from + ": " +
         h(o_.data_source) + (o_.selection.period.empty() ? "" : ", " + h(o_.selection.period)) +
         "</p>\n";
    s += "<h3>" + std::string(t_.choices) + "</h3>\n<ul>\n";
    for (const auto& c : r_.record.choices) s += "<li>" + h(c) + "</li>\n";
    s += "</ul>\n";
    std::vector<std::string> notes = o_.notes;
    for (const auto& x : r_.record.screened_units) notes.push_back("screened out: " + x);
    for (const auto& x : r_.record.dropped_indicators) notes.push_back("left out: " + x);
    for (const auto& x : r_.record.notes) notes.push_back(x);
    for (const auto& tr : r_.record.outliers)
      notes.push_back("outliers: " + r_.layout.codes[static_cast<size_t>(tr.column)] +
                      (tr.log_transformed ? " log-transformed"
                                          : " winsorised (" + std::to_string(tr.winsorised) + ")"));
    if (!notes.empty()) {
      s += "<h3>" + std::string(t_.notes) + "</h3>\n<ul>\n";
      for (const auto& n : notes) s += "<li>" + h(n) + "</li>\n";
      s += "</ul>\n";
    }
    s += "<h3>" + std::string(t_.uncertainty) + "</h3>\n<p>" +
         h(stats() ? ctx_.uncertainty_spec : std::string(t_.no_uncertainty)) + "</p>\n";
    if (o_.sensitivity) {
      s += "<ul>\n";
      for (size_t k = 0; k < o_.sensitivity->factors.size(); ++k)
        s += "<li>" + h(o_.sensitivity->factors[k]) + ": S1 " +
             num1(o_.sensitivity->first_order[k] * 100, ctx_.lang) + "%, ST " +
             num1(o_.sensitivity->total_order[k] * 100, ctx_.lang) + "%</li>\n";
      s += "</ul>\n";
    }
    s += "<h3>" + std::string(t_.coherence) + "</h3>\n<p>" + t_.alpha + ":</p>\n<ul>\n";
    for (size_t k = 0; k < o_.coherence.alpha_codes.size(); ++k)
      s += "<li>" + h(column_name(o_.coherence.alpha_codes[k])) + ": " +
           (std::isnan(o_.coherence.alpha[k]) ? std::string("-")
                                              : num2(o_.coherence.alpha[k], ctx_.lang)) +
           "</li>\n";
    s += "</ul>\n";
    if (o_.coherence.skipped_small > 0)
      s += "<p class=\"muted\">" + std::string(t_.coherence_small) + "</p>\n";
    if (!o_.coherence.flags.empty()) {
      s += "<ul>\n";
      for (const auto& f : o_.coherence.flags)
        s += "<li>" + h(column_name(f.a)) + " / " + h(column_name(f.b)) +
             " (r = " + num1(f.r, ctx_.lang) +
             "): " + (f.kind == "redundant" ? t_.flags_redundant : t_.flags_negative) + "</li>\n";
      s += "</ul>\n";
    }
    if (!o_.datasets.empty()) {
      s += "<h3>" + std::string(t_.vintages) + "</h3>\n<table><thead><tr><th>" + t_.dataset +
           "</th><th>" + t_.updated + "</th><th>" + t_.harvested + "</th></tr></thead><tbody>\n";
      for (const auto& d : o_.datasets)
        s += "<tr><td>" + h(d.code) + (d.label.empty() ? "" : " - " + h(d.label)) + "</td><td>" +
             h(d.source_updated.empty() ? d.catalogue_updated : d.source_updated) + "</td><td>" +
             h(d.last_stored_at) + "</td></tr>\n";
      s += "</tbody></table>\n";
    }
    s += "<h3>" + std::string(t_.flags_title) + "</h3>\n<ul>\n";
    for (const auto& [c, labels] : kFlags)
      s += "<li><strong>" + std::string(1, c) + "</strong> " +
           (ctx_.lang == Lang::kSv ? labels.second : labels.first) + "</li>\n";
    s += "</ul>\n";
    if (o_.datasets.empty()) return s + "</section>\n";  // not Eurostat data: the file says it
    s += "<h3>" + std::string(t_.sources) + "</h3>\n<p>" +
         (ctx_.lang == Lang::kSv
              ? "Eurostat: Statistik för städer (Urban Audit) och Perception survey on quality of "
                "life in European cities. © Europeiska unionen, 1995-2026. Vidareutnyttjande är "
                "tillåtet med angivande av källan (Eurostats upphovsrättsmeddelande: "
                "https://ec.europa.eu/eurostat/about-us/policies/copyright)."
              : "Eurostat: City statistics (Urban Audit) and the Perception survey on quality of "
                "life in European cities. © European Union, 1995-2026. Reuse is authorised "
                "provided the source is acknowledged (Eurostat's copyright notice: "
                "https://ec.europa.eu/eurostat/about-us/policies/copyright).") +
         "</p>\n";
    return s + "</section>\n";
  }

  std::string page() const {
    std::string body = "<header>\n<p class=\"muted\">omvarld " + h(ctx_.version) + " - " +
                       t_.report + "</p>\n<h1>" + h(title()) + "</h1>\n</header>\n<main>\n";
    body += summary() + ranking() + dimension_charts() + profile() + trends() + availability() +
            methodology();
    body += "</main>\n<footer>" + std::string(t_.generated) + " " + h(ctx_.generated_at) +
            " - omvarld " + h(ctx_.version) + "</footer>\n";
    return html_page(title(), t_.lang_code, body);
  }

  std::string fw_label() const {
    return ctx_.lang == Lang::kSv && !o_.label_sv.empty() ? o_.label_sv : o_.label_en;
  }

  static std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
  }

  const BenchmarkOutcome& o_;
  const IndicatorCatalogue& cat_;
  const ReportContext& ctx_;
  const Texts& t_;
  const IndexResult& r_;
  Eigen::Index top_ = 0;
  std::optional<size_t> focus_;
  std::string group_label_;
};

}  // namespace

std::string benchmark_html(const BenchmarkOutcome& o, const IndicatorCatalogue& catalogue,
                           const ReportContext& ctx) {
  return BenchmarkPage(o, catalogue, ctx).page();
}

std::string benchmark_markdown(const BenchmarkOutcome& o, const IndicatorCatalogue& catalogue,
                               const ReportContext& ctx) {
  BenchmarkPage p(o, catalogue, ctx);
  const Texts& t = texts(ctx.lang);
  const IndexResult& r = o.result;
  // Data text in Markdown: shown as text, never as markup (markup.h).
  auto md = [](const std::string& in) { return markdown_text(in); };
  std::string s = "# " + md(p.title()) + "\n\n";
  const RankStats* st = p.stats();
  s += "| " + std::string(t.rank) + " | " + t.city + " | " + md(p.name(p.top_)) + " |";
  if (st) s += " " + std::string(t.median_rank) + " | " + t.interval + " |";
  for (Eigen::Index d : p.dimensions()) s += " " + md(p.name(d)) + " |";
  s += "\n|---|---|---|";
  if (st) s += "---|---|";
  for (size_t k = 0; k < p.dimensions().size(); ++k) s += "---|";
  s += "\n";
  for (size_t i : p.order_by(p.top_)) {
    const auto ii = static_cast<Eigen::Index>(i);
    s += "| " + rank_text(r.ranks(ii, p.top_)) + " | " + md(r.names[i]) + " | " +
         num1(r.scores(ii, p.top_), ctx.lang) + " |";
    if (st)
      s += " " + rank_text(st->median[ii]) + " | " +
           (std::isfinite(st->q05[ii]) ? rank_text(st->q05[ii]) + "-" + rank_text(st->q95[ii])
                                       : "") +
           " |";
    for (Eigen::Index d : p.dimensions()) s += " " + num1(r.scores(ii, d), ctx.lang) + " |";
    s += "\n";
  }
  if (o.focus) {
    auto list = [&](const char* title, const std::vector<FocusLine>& v) {
      std::string out = "\n## " + std::string(title) + "\n\n";
      if (v.empty()) return out + t.none + "\n";
      for (const auto& l : v)
        out += "- " + md(p.column_name(l.code)) + ": " + num1(l.score, ctx.lang) + " (" +
               t.peer_median + " " + num1(l.peer_median, ctx.lang) + ")\n";
      return out;
    };
    s += list(t.strengths, o.focus->strengths) + list(t.weaknesses, o.focus->weaknesses);
  }
  s += "\n## " + std::string(t.methodology) + "\n\n";
  for (const auto& c : r.record.choices) s += "- " + md(c) + "\n";
  for (const auto& n : o.notes) s += "- " + md(n) + "\n";
  for (const auto& n : r.record.dropped_indicators) s += "- left out: " + md(n) + "\n";
  if (st) s += "- " + md(ctx.uncertainty_spec) + "\n";
  if (!o.datasets.empty())
    s += "\n" + std::string(ctx.lang == Lang::kSv ? "Källa" : "Source") +
         ": Eurostat. © European Union, 1995-2026.\n";
  else
    s += "\n" + std::string(t.data_from) + ": " + md(o.data_source) + "\n";
  return s;
}

std::string benchmark_csv(const BenchmarkOutcome& o) {
  const IndexResult& r = o.result;
  const RankStats* st = o.rank_stats();
  const Eigen::Index top = r.layout.ranked_column();
  const bool change = !o.since_period.empty();
  auto num = [](double v) { return std::isnan(v) ? std::string() : format_double(v); };
  // Names and codes from the data files are text from outside (csv_text).
  auto field = [](const std::string& s) { return csv_text(s); };
  std::string out = "unit,name,level,code,score,rank,value,period,imputed";
  if (change) out += ",rank_change";
  if (st) out += ",rank_nominal,rank_mean,rank_median,rank_q05,rank_q95";
  out += '\n';
  for (size_t i = 0; i < r.units.size(); ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    for (size_t c = 0; c < r.layout.codes.size(); ++c) {
      const auto cc = static_cast<Eigen::Index>(c);
      const bool indicator = cc < r.layout.indicator_count;
      out += field(r.units[i]) + ',' + field(r.names[i]) + ',' +
             std::to_string(r.layout.levels[c]) + ',' + field(r.layout.codes[c]) + ',' +
             num(r.scores(ii, cc)) + ',' + num(r.ranks(ii, cc)) + ',' +
             (indicator ? num(r.raw(ii, cc)) : "") + ',' +
             (indicator ? field(o.selection.value_period[static_cast<size_t>(r.rows[i])][c]) : "") +
             ',' + (indicator ? (r.imputed[i][c] ? "yes" : "no") : "");
      if (change) out += ',' + num(o.rank_change(ii, cc));
      if (st) {
        if (cc == top)
          out += ',' + num(st->nominal[ii]) + ',' + num(st->mean[ii]) + ',' + num(st->median[ii]) +
                 ',' + num(st->q05[ii]) + ',' + num(st->q95[ii]);
        else
          out += ",,,,,";
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace omvarld
