#include "report/benchmark_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "analysis/statistics.h"
#include "core/text.h"
#include "report/dashboard.h"
#include "report/markup.h"
#include "report/page.h"
#include "report/svg_charts.h"

namespace omvarld {
namespace {

std::string h(const std::string& s) { return xml_escape(s); }

// Eurostat's flags (the codes of its "obs_status" and "obs_flag" lists).
constexpr std::pair<char, Tr> kFlags[] = {
    {'b', {.en = "break in time series", .sv = "tidsseriebrott"}},
    {'c', {.en = "confidential", .sv = "konfidentiellt"}},
    {'d', {.en = "definition differs", .sv = "avvikande definition"}},
    {'e', {.en = "estimated", .sv = "uppskattat"}},
    {'f', {.en = "forecast", .sv = "prognos"}},
    {'n', {.en = "not significant", .sv = "inte signifikant"}},
    {'p', {.en = "provisional", .sv = "preliminärt"}},
    {'r', {.en = "revised", .sv = "reviderat"}},
    {'s', {.en = "Eurostat estimate", .sv = "Eurostats uppskattning"}},
    {'u', {.en = "low reliability", .sv = "låg tillförlitlighet"}},
    {'z', {.en = "not applicable", .sv = "ej tillämpligt"}}};

// The data-availability table's own texts.
constexpr Tr kIndicator{.en = "Indicator", .sv = "Indikator"};
constexpr Tr kAvailReference{.en = "\xE2\x9C\x93 marks a value from the reference period, %s.",
                             .sv = "\xE2\x9C\x93 markerar ett värde från referensperioden, %s."};

// Decimals that show a raw value without false precision or lost digits.
int decimals_for(double v) {
  const double a = std::abs(v);
  if (a >= 100) return 0;
  if (a >= 1) return 1;
  if (a >= 0.1) return 2;
  return 3;
}

}  // namespace

std::string join_names(const std::vector<std::string>& names, Lang lang) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? bt::kAnd[lang] : ", ";
    out += names[i];
  }
  return out;
}

std::string headline_text(const HeadlineInput& in, Lang lang) {
  const Placing& p = in.placing;
  const std::string n = std::to_string(p.ranked);
  auto rank = [&](double v) { return format_rank(v, lang); };
  std::string s;
  switch (p.standing) {
    case Standing::kNoIndex:
      return fill(bt::kNoIndex[lang],
                  {in.focus, in.index, in.period, std::to_string(in.dimensions_present),
                   std::to_string(in.dimensions), std::to_string(in.dimensions_needed)});
    case Standing::kNoIntervals:
      return fill(bt::kPlaceNoIntervals[lang], {in.focus, rank(p.rank), n, in.index, in.period});
    case Standing::kSharedFirst:
    case Standing::kSharedLast: {
      std::vector<std::string> names{in.focus};
      for (const auto& o : in.shared) names.push_back(o);
      s = fill((p.standing == Standing::kSharedFirst ? bt::kSharedFirst : bt::kSharedLast)[lang],
               {join_names(names, lang), n, in.index, in.period});
      break;
    }
    case Standing::kClearFirst:
      s = fill(bt::kClearFirst[lang], {in.focus, n, in.index, in.period});
      break;
    case Standing::kClearLast:
      s = fill(bt::kClearLast[lang], {in.focus, n, n, in.index, in.period});
      break;
    case Standing::kPlace:
      s = in.not_separated.empty()
              ? fill(bt::kPlaceClear[lang], {in.focus, rank(p.rank), n, in.index, in.period})
              : fill(bt::kPlaceShared[lang], {in.focus, rank(p.rank), n, in.index, in.period,
                                              join_names(in.not_separated, lang)});
      break;
  }
  const std::string span = p.lo == p.hi ? fill(bt::kSpanOne[lang], {rank(p.lo)})
                                        : fill(bt::kSpanBetween[lang], {rank(p.lo), rank(p.hi)});
  s += " " + fill((in.scenarios ? bt::kScenariosSpan : bt::kRunsSpan)[lang],
                  {format_number(in.runs, 0, lang), in.focus, span});
  return s;
}

std::string format_rank(double v, Lang lang) {
  if (std::isnan(v)) return "";
  const double tenths = std::round(v * 10) / 10;  // a quantile between ranks: one decimal
  return format_number(tenths, tenths == std::floor(tenths) ? 0 : 1, lang);
}

// ---------------------------------------------------------------------------

namespace {

std::string percent_text(double share, Lang lang) {
  return format_number(share * 100, 0, lang) + (lang == Lang::kSv ? "\xC2\xA0%" : "%");
}

class BenchmarkPage {
 public:
  BenchmarkPage(const BenchmarkOutcome& o, const IndicatorCatalogue& cat, const ReportContext& ctx)
      : o_(o), cat_(cat), ctx_(ctx), L_(ctx.lang), r_(o.result) {
    top_ = r_.layout.ranked_column();
    for (size_t i = 0; i < r_.units.size(); ++i)
      if (o_.focus && r_.units[i] == o_.focus->unit) focus_ = i;
    if (const PeerGroup* g = cat_.find_group(o_.group))
      group_label_ = L_ == Lang::kSv ? g->label_sv : g->label_en;
  }

  // ---- Names, values and units ---------------------------------------------

  std::string t(const Tr& tr) const { return tr[L_]; }
  std::string num(double v, int decimals = 1) const {
    return std::isnan(v) ? t(bt::kNa) : format_number(v, decimals, L_);
  }
  std::string rank(double v) const { return format_rank(v, L_); }

  // A unit's name in the report's language: the language's own name
  // (peers.toml [names_sv]/[names_en]), else the data's, else its code.
  std::string unit_name(const std::string& code) const {
    const auto& own = L_ == Lang::kSv ? cat_.city_names_sv : cat_.city_names_en;
    if (auto it = own.find(code); it != own.end()) return it->second;
    for (size_t i = 0; i < r_.units.size(); ++i)
      if (r_.units[i] == code && !r_.names[i].empty()) return r_.names[i];
    if (auto it = o_.observations.names.find(code); it != o_.observations.names.end())
      return it->second;
    if (auto it = cat_.city_names.find(code); it != cat_.city_names.end()) return it->second;
    return code;
  }
  std::string city(size_t i) const { return unit_name(r_.units[i]); }
  std::string focus_name() const { return focus_ ? city(*focus_) : std::string(); }

  std::string title() const {
    const std::string fw = fw_label();
    if (focus_ && !group_label_.empty())
      return fill(bt::kTitle[L_],
                  {focus_name(), L_ == Lang::kSv ? lower_first(group_label_) : group_label_,
                   L_ == Lang::kSv ? lower_first(fw) : fw});
    return t(bt::kReport) + ": " + fw;
  }

  std::string name(Eigen::Index column) const {
    const size_t c = static_cast<size_t>(column);
    const std::string& code = r_.layout.codes[c];
    if (L_ == Lang::kSv) {
      if (const Indicator* ind = cat_.find_indicator(code); ind && !ind->label_sv.empty())
        return ind->label_sv;
      if (const FrameworkNode* n = o_.framework.find(code); n && !n->name_sv.empty())
        return n->name_sv;
    }
    return r_.layout.names[c];
  }

  Eigen::Index column_of(const std::string& code) const {
    for (size_t c = 0; c < r_.layout.codes.size(); ++c)
      if (r_.layout.codes[c] == code) return static_cast<Eigen::Index>(c);
    return -1;
  }
  std::string column_name(const std::string& code) const {
    const Eigen::Index c = column_of(code);
    return c >= 0 ? name(c) : code;
  }
  std::string indicator_name(const std::string& code) const {
    if (const Indicator* ind = cat_.find_indicator(code))
      return L_ == Lang::kSv && !ind->label_sv.empty() ? ind->label_sv : ind->label_en;
    return column_name(code);
  }

  // "per 1,000 inhabitants" for an indicator divided by a denominator.
  std::string per_text(const FrameworkNode& n) const {
    const std::string of = n.denominator == "population"
                               ? t(bt::kInhabitants)
                               : lower_first(indicator_name(n.denominator));
    return fill(bt::kPer[L_], {format_number(n.per, 0, L_), of});
  }

  // The unit an indicator's values are shown in (as ranked: after denomination).
  std::string unit_of(Eigen::Index j) const {
    const std::string& code = r_.layout.codes[static_cast<size_t>(j)];
    const FrameworkNode* n = o_.framework.find(code);
    if (n && !n->denominator.empty() && o_.engine.denominate) return per_text(*n);
    const Indicator* ind = cat_.find_indicator(code);
    if (!ind) return "";
    if (L_ == Lang::kSv)
      for (const auto& u : kUnitsSv)
        if (u.en == ind->unit) return u.sv;
    return ind->unit;
  }

  std::string value_text(Eigen::Index j, double v) const {
    std::string value = format_number(v, decimals_for(v), L_);
    const std::string unit = unit_of(j);
    if (unit.empty()) return value;
    if (unit[0] == '%') return value + (L_ == Lang::kSv ? "\xC2\xA0" : "") + unit;
    return value + " " + unit;
  }

  // The year of unit i's value of indicator j, marked when it is old.
  std::string year_text(size_t i, Eigen::Index j) const {
    const auto jj = static_cast<size_t>(j);
    if (r_.imputed[i][jj]) return t(bt::kImputedShort);
    const Comparability& c = o_.comparability;
    std::string y;
    if (i < c.year.size() && c.year[i][jj] > 0)
      y = std::to_string(c.year[i][jj]);
    else
      y = o_.selection.value_period[static_cast<size_t>(r_.rows[i])][jj];
    if (i < c.old.size() && c.old[i][jj])
      y += "; " + fill(bt::kOldYear[L_], {std::to_string(c.latest_year[jj])});
    return y;
  }

  std::string index_phrase() const {
    const std::string& own = L_ == Lang::kSv ? o_.index_sv : o_.index_en;
    return own.empty() ? fill(bt::kIndexFallback[L_], {name(top_)}) : own;
  }
  std::string period_phrase() const {
    return o_.selection.period.empty() ? "" : fill(bt::kInPeriod[L_], {o_.selection.period});
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
  int dimensions_present(size_t i) const {
    int n = 0;
    for (Eigen::Index d : dimensions())
      n += !std::isnan(r_.scores(static_cast<Eigen::Index>(i), d));
    return n;
  }
  double index_share() const {
    return o_.engine.index_min_share >= 0 ? o_.engine.index_min_share : o_.engine.min_share;
  }
  int dimensions_needed() const {
    const auto d = static_cast<double>(dimensions().size());
    return std::max(1, static_cast<int>(std::ceil(index_share() * d - 1e-9)));
  }
  bool partial(size_t i) const {
    return !dimensions().empty() && !std::isnan(r_.scores(static_cast<Eigen::Index>(i), top_)) &&
           dimensions_present(i) < static_cast<int>(dimensions().size());
  }
  std::string partial_text(size_t i) const {
    return fill(bt::kPartial[L_],
                {std::to_string(dimensions_present(i)), std::to_string(dimensions().size())});
  }

  // ---- Summary ---------------------------------------------------------------

  HeadlineInput headline_input() const {
    HeadlineInput in;
    const auto fi = *focus_;
    in.placing = placing(r_.ranks.col(top_), stats(), fi);
    in.focus = city(fi);
    in.index = index_phrase();
    in.period = period_phrase();
    for (size_t k : in.placing.shared) in.shared.push_back(city(k));
    for (size_t k : in.placing.not_separated) in.not_separated.push_back(city(k));
    in.dimensions = static_cast<int>(dimensions().size());
    in.dimensions_present = dimensions_present(fi);
    in.dimensions_needed = dimensions_needed();
    if (const RankStats* st = stats()) in.runs = st->runs;
    in.scenarios = !o_.monte_carlo && o_.scenarios;
    return in;
  }

  // Who is not ranked, and why.
  std::vector<std::string> not_ranked() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < r_.units.size(); ++i)
      if (std::isnan(r_.ranks(static_cast<Eigen::Index>(i), top_)))
        out.push_back(city(i) + " (" +
                      fill(bt::kReasonDimensions[L_], {std::to_string(dimensions_present(i)),
                                                       std::to_string(dimensions().size()),
                                                       std::to_string(dimensions_needed())}) +
                      ")");
    for (const auto& s : r_.record.screened)
      out.push_back(unit_name(s.code) + " (" +
                    fill(bt::kReasonScreened[L_], {percent_text(s.share, L_)}) + ")");
    for (const auto& u : o_.selection.missing_units)
      out.push_back(unit_name(u) + " (" + t(bt::kReasonNoData) + ")");
    return out;
  }

  std::string summary() const {
    std::string s = "<section id=\"summary\">\n";
    if (!focus_) {
      s += "<p class=\"lead\">" + h(fw_label()) + "</p>\n";
    } else {
      const auto fi = static_cast<Eigen::Index>(*focus_);
      s += "<p class=\"lead\" id=\"headline\">" + h(headline_text(headline_input(), L_)) + "</p>\n";
      if (auto nr = not_ranked(); !nr.empty())
        s += "<p id=\"not-ranked\">" + h(fill(bt::kNotRanked[L_], {join_names(nr, L_)})) + "</p>\n";
      s += "<h3>" + t(bt::kPerDimension) + "</h3>\n<ul>\n";
      for (Eigen::Index d : dimensions()) {
        const double dr = r_.ranks(fi, d);
        s += "<li>" + h(name(d)) + ": " +
             (std::isnan(dr) ? t(bt::kNa)
                             : fill(bt::kRankOf[L_], {rank(dr), std::to_string(ranked(d))}) + " (" +
                                   num(r_.scores(fi, d)) + ")") +
             "</li>\n";
      }
      s += "</ul>\n";
    }
    const auto dropped = r_.record.dropped.size();
    const auto total = static_cast<size_t>(r_.layout.indicator_count);
    if (dropped > 0 || (focus_ && focus_values() * 10 < static_cast<int>(total) * 6)) {
      s += "<p class=\"warn\">";
      if (dropped > 0)
        s += h(fill(bt::kThin[L_], {std::to_string(dropped), std::to_string(total)})) + " ";
      if (focus_)
        s += h(fill(bt::kThinFocus[L_],
                    {focus_name(), std::to_string(focus_values()), std::to_string(total)}));
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

  std::string interval_text(Eigen::Index i) const {
    const RankStats* st = stats();
    if (!st || !std::isfinite(st->q05[i])) return "";
    return rank(st->q05[i]) + "\xE2\x80\x93" + rank(st->q95[i]);  // an en dash
  }

  // The index score of unit i, with "3 of 4 dimensions" when it has fewer than all.
  std::string index_cell(size_t i, bool html) const {
    std::string v = num(r_.scores(static_cast<Eigen::Index>(i), top_));
    if (!partial(i)) return v;
    return v + (html ? " <span class=\"muted\">(" + h(partial_text(i)) + ")</span>"
                     : " (" + partial_text(i) + ")");
  }

  std::string index_rule() const {
    return fill(bt::kIndexRule[L_],
                {std::to_string(dimensions_needed()), std::to_string(dimensions().size()),
                 percent_text(index_share(), L_)});
  }

  std::string ranking() const {
    std::string s = "<section id=\"ranking\">\n<h2>" + t(bt::kRanking) + "</h2>\n";
    const RankStats* st = stats();
    s += "<div class=\"wide\"><table>\n<thead><tr><th>" + t(bt::kRank) + "</th><th>" +
         t(bt::kCity) + "</th><th>" + h(name(top_)) + "</th>";
    if (st) s += "<th>" + t(bt::kMedianRank) + "</th><th>" + t(bt::kInterval) + "</th>";
    if (!o_.since_period.empty())
      s += "<th>" + h(fill(bt::kChangeSince[L_], {o_.since_period})) + "</th>";
    for (Eigen::Index d : dimensions()) s += "<th>" + h(name(d)) + "</th>";
    s += "</tr></thead>\n<tbody>\n";
    for (size_t i : order_by(top_)) {
      const auto ii = static_cast<Eigen::Index>(i);
      const double rk = r_.ranks(ii, top_);
      s += std::string("<tr") + (focus_ && *focus_ == i ? " class=\"focus\"" : "") +
           "><td class=\"n\">" + (std::isnan(rk) ? "-" : rank(rk)) + "</td><td>" + h(city(i)) +
           "</td><td class=\"n\">" + index_cell(i, true) + "</td>";
      if (st)
        s += "<td class=\"n\">" + rank(st->median[ii]) + "</td><td class=\"n\">" +
             interval_text(ii) + "</td>";
      if (!o_.since_period.empty()) {
        const double ch = o_.rank_change(ii, top_);
        s += "<td class=\"n\">" +
             (std::isnan(ch) ? std::string() : (ch > 0 ? "+" : "") + rank(ch)) + "</td>";
      }
      for (Eigen::Index d : dimensions()) s += "<td class=\"n\">" + num(r_.scores(ii, d)) + "</td>";
      s += "</tr>\n";
    }
    s += "</tbody></table></div>\n";
    if (!dimensions().empty()) s += "<p class=\"muted\">" + h(index_rule()) + "</p>\n";
    if (st) {
      std::vector<IntervalDatum> rows;
      for (size_t i : order_by(top_)) {
        const auto ii = static_cast<Eigen::Index>(i);
        if (std::isnan(r_.ranks(ii, top_))) continue;
        rows.push_back({city(i), st->nominal[ii], st->median[ii], st->q05[ii], st->q95[ii],
                        focus_ && *focus_ == i});
      }
      s += "<figure>" +
           rank_interval_svg(t(bt::kRanking) + ": " + t(bt::kInterval), rows, ranked(top_),
                             t(bt::kIntervalLegend), t(bt::kNominalLegend), L_) +
           "</figure>\n";
    }
    return s + "</section>\n";
  }

  std::string dimension_charts() const {
    std::string s = "<section id=\"dimensions\">\n<h2>" + t(bt::kDimensions) + "</h2>\n";
    for (Eigen::Index d : dimensions()) {
      std::vector<BarDatum> bars;
      std::vector<double> peers;
      for (size_t i : order_by(d)) {
        const double v = r_.scores(static_cast<Eigen::Index>(i), d);
        bars.push_back({city(i), v, focus_ && *focus_ == i});
        if (!(focus_ && *focus_ == i) && !std::isnan(v)) peers.push_back(v);
      }
      const double med = median_of(peers);
      s += "<h3>" + h(name(d)) + "</h3>\n<figure>" +
           bar_chart_svg(fill(bt::kDimChart[L_], {name(d)}), bars, 100, med,
                         {.reference_label = t(bt::kPeerMedian), .no_data = t(bt::kNa)}, L_) +
           "</figure>\n";
    }
    return s + "</section>\n";
  }

  // ---- Strengths and weaknesses ----------------------------------------------

  // "33.0% of respondents (2019), rank 1 of 4; score 100.0 against the peer median 41.5"
  std::string finding(const FocusLine& l) const {
    const Eigen::Index j = column_of(l.code);
    const size_t i = *focus_;
    return fill(bt::kFinding[L_],
                {value_text(j, r_.raw(static_cast<Eigen::Index>(i), j)), year_text(i, j),
                 rank(l.rank), std::to_string(l.ranked), num(l.score), num(l.peer_median)});
  }
  std::string not_compared_line(const FocusLine& l) const {
    const Eigen::Index j = column_of(l.code);
    const size_t i = *focus_;
    return fill(bt::kNotComparedLine[L_], {value_text(j, r_.raw(static_cast<Eigen::Index>(i), j)),
                                           year_text(i, j), std::to_string(l.known)});
  }

  std::string profile() const {
    if (!o_.focus || !focus_) return "";
    std::string s = "<section id=\"profile\">\n<h2>" + t(bt::kProfile) + "</h2>\n<p>" +
                    h(fill(bt::kProfileIntro[L_], {focus_name(), focus_name()})) + "</p>\n";
    std::vector<DivergingDatum> rows;
    std::vector<FocusLine> lines;
    std::set<std::string> not_compared;
    for (const auto& l : o_.focus->not_compared) not_compared.insert(l.code);
    for (const auto& l : o_.focus->lines)
      if (l.level == 1 && !not_compared.count(l.code)) lines.push_back(l);
    std::stable_sort(lines.begin(), lines.end(), [](const FocusLine& a, const FocusLine& b) {
      return a.difference > b.difference;
    });
    for (const auto& l : lines) rows.push_back({column_name(l.code), l.difference});
    if (!rows.empty())
      s += "<figure>" + diverging_svg(t(bt::kProfile), rows, t(bt::kBelow), t(bt::kAbove), L_) +
           "</figure>\n";
    auto list = [&](const Tr& title, const char* id, const std::vector<FocusLine>& v) {
      std::string out = "<h3>" + t(title) + "</h3>\n";
      if (v.empty()) return out + "<p>" + t(bt::kNone) + "</p>\n";
      out += std::string("<ul id=\"") + id + "\">\n";
      for (const auto& l : v)
        out += "<li><strong>" + h(column_name(l.code)) + "</strong>: " + h(finding(l)) + "</li>\n";
      return out + "</ul>\n";
    };
    s += list(bt::kStrengths, "strengths", o_.focus->strengths) +
         list(bt::kWeaknesses, "weaknesses", o_.focus->weaknesses);
    if (!o_.focus->not_compared.empty()) {
      s += "<h3>" + t(bt::kNotCompared) + "</h3>\n<p>" +
           h(fill(bt::kNotComparedIntro[L_], {std::to_string(o_.comparability.rule.min_units)})) +
           "</p>\n<ul id=\"not-compared\">\n";
      for (const auto& l : o_.focus->not_compared)
        s += "<li><strong>" + h(column_name(l.code)) + "</strong>: " + h(not_compared_line(l)) +
             "</li>\n";
      s += "</ul>\n";
    }
    return s + "</section>\n";
  }

  // ---- Trends and availability -------------------------------------------------

  std::string trends() const {
    std::string s = "<section id=\"trends\">\n<h2>" + t(bt::kTrends) + "</h2>\n";
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
      return s + "<p>" + h(fill(bt::kTrendsNone[L_], {focus_name()})) + "</p>\n</section>\n";
    for (size_t k = 0; k < candidates.size() && k < 4; ++k) {
      const Eigen::Index j = candidates[k].second;
      const std::string& code = r_.layout.codes[static_cast<size_t>(j)];
      std::vector<LineSeries> series;
      for (size_t i = 0; i < r_.units.size(); ++i) {
        auto it = by_ind[code].find(r_.units[i]);
        if (it == by_ind[code].end() || it->second.size() < 2) continue;
        auto pts = it->second;
        std::sort(pts.begin(), pts.end());
        series.push_back({city(i), pts, focus_ && *focus_ == i});
      }
      s += "<h3>" + h(name(j)) + "</h3>\n<figure>" +
           line_chart_svg(name(j), unit_of(j), series, t(bt::kPeerMedian), L_) + "</figure>\n";
    }
    return s + "</section>\n";
  }

  // The dimension indicator j belongs to (its ancestor one level below the
  // index); -1 without dimensions.
  Eigen::Index dimension_of(Eigen::Index j) const {
    const std::vector<Eigen::Index> dims = dimensions();
    for (Eigen::Index c = j; c >= 0; c = r_.layout.parent[static_cast<size_t>(c)])
      if (std::find(dims.begin(), dims.end(), c) != dims.end()) return c;
    return -1;
  }
  // The indicators, dimension by dimension (as the ranking table lists them).
  std::vector<Eigen::Index> indicators_by_dimension() const {
    std::vector<Eigen::Index> out;
    for (Eigen::Index d : dimensions())
      for (Eigen::Index j = 0; j < r_.layout.indicator_count; ++j)
        if (dimension_of(j) == d) out.push_back(j);
    for (Eigen::Index j = 0; j < r_.layout.indicator_count; ++j)
      if (std::find(out.begin(), out.end(), j) == out.end()) out.push_back(j);
    return out;
  }
  // The cities as the tables across show them: the focus city first, then
  // by rank on the index.
  std::vector<size_t> cities_focus_first() const {
    std::vector<size_t> out;
    if (focus_) out.push_back(*focus_);
    for (size_t i : order_by(top_))
      if (!(focus_ && *focus_ == i)) out.push_back(i);
    return out;
  }
  // A value as the dashboard shows it: the unit beside it when it is a
  // percentage, else in the row's heading.
  std::string cell_value(Eigen::Index j, double v) const {
    const std::string unit = unit_of(j);
    std::string value = format_number(v, decimals_for(v), L_);
    if (!unit.empty() && unit[0] == '%') value += L_ == Lang::kSv ? "\xC2\xA0%" : "%";
    return value;
  }

  std::string dashboard() const {
    auto d = dashboard_data();
    return d ? dashboard_html(*d, L_) : "";
  }
  std::string dashboard_md() const {
    auto d = dashboard_data();
    return d ? dashboard_markdown(*d, L_) : "";
  }
  std::optional<Dashboard> dashboard_data() const {
    if (r_.units.empty() || r_.layout.indicator_count == 0) return std::nullopt;
    Dashboard d;
    const std::vector<size_t> cities = cities_focus_first();
    for (size_t i : cities) d.cities.push_back(city(i));
    d.focus = 0;
    d.min_cities = o_.comparability.rule.min_units;
    const Comparability& c = o_.comparability;
    for (Eigen::Index j : indicators_by_dimension()) {
      const auto jj = static_cast<size_t>(j);
      DashboardRow row;
      row.label = name(j);
      row.unit = unit_of(j);
      if (const Eigen::Index dim = dimension_of(j); dim >= 0) row.group = name(dim);
      row.compared = jj >= c.known.size() || c.compared(jj);
      for (size_t i : cities) {
        const auto ii = static_cast<Eigen::Index>(i);
        DashboardCell cell;
        const double v = r_.raw(ii, j);
        if (!std::isnan(v)) {
          cell.value = cell_value(j, v);
          cell.imputed = r_.imputed[i][jj];
          const std::string& period =
              o_.selection.value_period[static_cast<size_t>(r_.rows[i])][jj];
          if (!cell.imputed && period != o_.selection.period) cell.year = period;
          cell.old = i < c.old.size() && c.old[i][jj];
          cell.rank = r_.ranks(ii, j);
          cell.ranked = ranked(j);
        }
        row.cells.push_back(cell);
      }
      d.rows.push_back(row);
    }
    return d;
  }

  // Indicators (rows, by their names, grouped by dimension) by cities
  // (columns, the focus city first): readable at A4 with 15 cities, since a
  // value from the reference period is a check mark and only other years are
  // written out.
  std::string availability() const {
    const std::vector<size_t> cities = cities_focus_first();
    const bool tall = cities.size() > 8;  // headings set vertically
    std::string s =
        "<section id=\"availability\">\n<h2>" + t(bt::kAvailability) + "</h2>\n<p>" +
        h(fill(bt::kAvailIntro[L_], {std::to_string(o_.comparability.rule.max_year_gap)})) +
        (o_.selection.period.empty() ? ""
                                     : " " + h(fill(kAvailReference[L_], {o_.selection.period}))) +
        "</p>\n<div class=\"wide\"><table class=\"availability" + (tall ? " tall" : "") +
        "\">\n<thead><tr><th>" + t(kIndicator) + "</th>";
    for (size_t i : cities)
      s += std::string("<th") + (focus_ && *focus_ == i ? " class=\"focus\"" : "") + "><span>" +
           h(city(i)) + "</span></th>";
    s += "</tr></thead>\n<tbody>\n";
    const Comparability& c = o_.comparability;
    Eigen::Index group = -2;
    for (Eigen::Index j : indicators_by_dimension()) {
      const size_t jj = static_cast<size_t>(j);
      if (const Eigen::Index dim = dimension_of(j); dim != group) {
        group = dim;
        if (dim >= 0)
          s += "<tr class=\"group\"><th colspan=\"" + std::to_string(cities.size() + 1) + "\">" +
               h(name(dim)) + "</th></tr>\n";
      }
      s += "<tr><th class=\"ind\">" + h(name(j)) + "</th>";
      for (size_t i : cities) {
        const size_t row = static_cast<size_t>(r_.rows[i]);
        const std::string& period = o_.selection.value_period[row][jj];
        const std::string& flags = o_.selection.flags[row][jj];
        const bool old = i < c.old.size() && c.old[i][jj];
        const std::string focus = focus_ && *focus_ == i ? " focus" : "";
        if (r_.imputed[i][jj]) {
          s += "<td class=\"cell-imputed" + focus + "\">" + t(bt::kImputedShort) + "</td>";
        } else if (period.empty() && std::isnan(r_.raw(static_cast<Eigen::Index>(i), j))) {
          s += "<td class=\"cell-missing" + focus + "\">-</td>";
        } else {
          const bool earlier = old || o_.selection.origin[row][jj] != ValueOrigin::kObserved;
          const bool reference = !o_.selection.period.empty() && period == o_.selection.period;
          const std::string cls = (earlier ? "cell-earlier" : "") + focus;
          s += "<td" +
               (cls.empty() ? std::string() : " class=\"" + cls.substr(cls[0] == ' ') + "\"") +
               ">" + (reference ? "\xE2\x9C\x93" : h(period)) +
               (flags.empty() ? "" : " " + h(flags)) + (old ? " (" + t(bt::kOldShort) + ")" : "") +
               "</td>";
        }
      }
      s += "</tr>\n";
    }
    return s + "</tbody></table></div>\n</section>\n";
  }

  // ---- Methodology -------------------------------------------------------------

  std::string normalisation_text(const NormaliseSpec& n, bool brief) const {
    auto f = [&](double v) { return format_number(v, v == std::floor(v) ? 0 : 2, L_); };
    switch (n.method) {
      case NormaliseMethod::kMinMax:
        return brief ? fill(bt::kNormMinMaxShort[L_], {f(n.a), f(n.b)})
                     : fill(bt::kNormMinMax[L_], {f(n.a), f(n.b), f(n.a), f(n.b)});
      case NormaliseMethod::kZScore:
        return fill(bt::kNormZScore[L_], {f(n.a), f(n.b)});
      case NormaliseMethod::kRank:
        return t(bt::kNormRank);
      case NormaliseMethod::kPercentile:
        return t(bt::kNormPercentile);
      case NormaliseMethod::kGoalposts:
        return fill(bt::kNormGoalposts[L_], {f(n.a), f(n.b)});
      case NormaliseMethod::kTarget:
        return fill(bt::kNormTarget[L_], {f(n.a), f(n.b)});
      case NormaliseMethod::kBest:
        return t(bt::kNormBest);
    }
    return n.text();
  }

  std::string aggregation_text(const AggregateSpec& a) const {
    switch (a.method) {
      case AggregateMethod::kArithmetic:
        return t(bt::kAggArithmetic);
      case AggregateMethod::kGeometric:
        return t(bt::kAggGeometric);
      case AggregateMethod::kHarmonic:
        return t(bt::kAggHarmonic);
      case AggregateMethod::kPower:
        return fill(bt::kAggPower[L_], {format_number(a.power, 1, L_)});
      case AggregateMethod::kCopeland:
        return t(bt::kAggCopeland);
    }
    return a.text();
  }

  std::string alternatives(const std::vector<std::string>& v) const {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? t(bt::kOr) : "") + v[i];
    return out;
  }

  std::vector<std::string> choices() const {
    const EngineOptions& e = o_.engine;
    std::vector<std::string> c;
    c.push_back(o_.latest_within > 0 ? fill(bt::kSelection[L_], {std::to_string(o_.latest_within)})
                                     : t(bt::kSelectionExact));
    std::vector<std::string> per, counted;
    for (const auto& n : o_.framework.indicators)
      if (!n.denominator.empty()) {
        per.push_back(lower_first(indicator_name(n.code)) + " " + per_text(n));
        counted.push_back(lower_first(indicator_name(n.code)));
      }
    if (!per.empty())
      c.push_back(e.denominate ? fill(bt::kDenominated[L_], {join_names(per, L_)})
                               : fill(bt::kDenominatedNot[L_], {join_names(counted, L_)}));
    c.push_back(e.screen_units <= 0 && e.screen_indicators <= 0
                    ? t(bt::kScreeningNone)
                    : fill(bt::kScreening[L_],
                           {percent_text(e.screen_units, L_), percent_text(e.screen_indicators, L_),
                            e.screen_after_impute ? t(bt::kScreenAfterImpute) : ""}));
    switch (e.impute) {
      case Imputation::kNone:
        c.push_back(t(bt::kImputeNone));
        break;
      case Imputation::kMean:
        c.push_back(fill(bt::kImpute[L_], {t(bt::kImputeMean)}));
        break;
      case Imputation::kMedian:
        c.push_back(fill(bt::kImpute[L_], {t(bt::kImputeMedian)}));
        break;
      case Imputation::kGroupMean:
        c.push_back(fill(bt::kImpute[L_], {fill(bt::kImputeGroupMean[L_], {e.group_column})}));
        break;
      case Imputation::kLatest:
        c.push_back(fill(bt::kImpute[L_], {t(bt::kImputeLatest)}));
        break;
      case Imputation::kLinear:
        c.push_back(fill(bt::kImpute[L_], {t(bt::kImputeLinear)}));
        break;
    }
    c.push_back(e.treat ? fill(bt::kOutliers[L_], {std::to_string(e.treat->winmax),
                                                   format_number(e.treat->skew_limit, 1, L_),
                                                   format_number(e.treat->kurt_limit, 1, L_)})
                        : t(bt::kOutliersNone));
    c.push_back(fill(bt::kNormalisation[L_], {normalisation_text(e.normalise, false)}));
    c.push_back(
        fill(bt::kWeights[L_], {t(e.weights == WeightMethod::kPca     ? bt::kWeightsPca
                                  : e.weights == WeightMethod::kEqual ? bt::kWeightsEqual
                                                                      : bt::kWeightsMeta)}));
    std::vector<std::string> agg;
    for (const auto& a : e.aggregate.empty() ? std::vector<AggregateSpec>{{}} : e.aggregate)
      agg.push_back(aggregation_text(a));
    c.push_back(fill(bt::kAggregation[L_], {join_names(agg, L_)}));
    if (!dimensions().empty())
      c.push_back(fill(bt::kMinShare[L_],
                       {percent_text(e.min_share, L_), percent_text(index_share(), L_),
                        std::to_string(dimensions_needed()), std::to_string(dimensions().size())}));
    c.push_back(fill(bt::kComparability[L_], {std::to_string(o_.comparability.rule.min_units),
                                              std::to_string(o_.comparability.rule.max_year_gap)}));
    if (stats()) c.push_back(t(bt::kHeadlineRule));
    return c;
  }

  std::vector<std::string> notes() const {
    std::vector<std::string> n;
    if (!o_.selection.missing_units.empty()) {
      std::vector<std::string> names;
      for (const auto& u : o_.selection.missing_units) names.push_back(unit_name(u));
      n.push_back(fill(bt::kNoteMissing[L_], {join_names(names, L_)}));
    }
    for (const auto& s : r_.record.screened)
      n.push_back(fill(bt::kNoteScreened[L_], {unit_name(s.code), percent_text(s.share, L_)}));
    for (const auto& d : r_.record.dropped)
      n.push_back(d.share <= 0 ? fill(bt::kNoteDroppedNone[L_], {indicator_name(d.code)})
                               : fill(bt::kNoteDropped[L_],
                                      {indicator_name(d.code), percent_text(d.share, L_)}));
    for (const auto& node : r_.layout.aggregates) {
      const auto missing = r_.scores.col(node.column).array().isNaN().count();
      if (missing > 0)
        n.push_back(fill(bt::kNoteNoScore[L_], {name(node.column), std::to_string(missing),
                                                std::to_string(r_.scores.rows())}));
    }
    if (r_.record.imputed_values > 0)
      n.push_back(fill(bt::kNoteImputed[L_], {std::to_string(r_.record.imputed_values)}));
    for (const auto& tr : r_.record.outliers)
      n.push_back(tr.log_transformed ? fill(bt::kNoteLog[L_], {name(tr.column)})
                                     : fill(bt::kNoteWinsorised[L_],
                                            {name(tr.column), std::to_string(tr.winsorised)}));
    if (!o_.since_failed.empty()) n.push_back(fill(bt::kNoteNoChange[L_], {o_.since_failed}));
    return n;
  }

  std::string uncertainty_text() const {
    if (o_.monte_carlo) {
      const UncertaintyOptions& u = o_.uncertainty;
      std::vector<std::string> norm, agg;
      for (const auto& n : u.normalise) norm.push_back(normalisation_text(n, true));
      for (const auto& a : u.aggregate) agg.push_back(aggregation_text(a));
      return fill(bt::kMonteCarlo[L_],
                  {format_number(o_.monte_carlo->runs, 0, L_), std::to_string(u.seed),
                   format_number(u.weight_noise * 100, 0, L_),
                   norm.empty() ? "" : fill(bt::kMcNormalise[L_], {alternatives(norm)}),
                   agg.empty() ? "" : fill(bt::kMcAggregate[L_], {alternatives(agg)})});
    }
    if (o_.scenarios) return fill(bt::kScenarios[L_], {std::to_string(o_.scenarios->names.size())});
    return t(bt::kNoUncertainty);
  }

  std::string factor_name(const std::string& f) const {
    if (f == "weights") return t(bt::kFactorWeights);
    if (f == "normalisation") return t(bt::kFactorNormalisation);
    if (f == "aggregation") return t(bt::kFactorAggregation);
    if (f == "imputation") return t(bt::kFactorImputation);
    return f;
  }

  std::string data_text() const {
    std::string s =
        o_.from_database ? t(bt::kDataEurostat) : fill(bt::kDataFile[L_], {o_.data_source});
    if (!o_.selection.period.empty()) s += fill(bt::kReferencePeriod[L_], {o_.selection.period});
    return s + ".";
  }

  std::string framework_text() const {
    const std::string& d =
        L_ == Lang::kSv && !o_.description_sv.empty() ? o_.description_sv : o_.description;
    return fill(bt::kFramework[L_], {fw_label()}) + (d.empty() ? "" : " - " + d);
  }

  std::string dataset_label(const DatasetState& d) const {
    if (L_ == Lang::kSv)
      for (const auto& x : kDatasetsSv)
        if (x.code == d.code) return x.sv;
    return d.label;
  }

  std::string methodology() const {
    std::string s = "<section id=\"methodology\">\n<h2>" + t(bt::kMethodology) + "</h2>\n";
    s += "<p>" + h(framework_text()) + "<br/>" + h(data_text()) + "</p>\n";
    s += "<h3>" + t(bt::kChoices) + "</h3>\n<ul>\n";
    for (const auto& c : choices()) s += "<li>" + h(c) + "</li>\n";
    s += "</ul>\n";
    if (auto n = notes(); !n.empty()) {
      s += "<h3>" + t(bt::kNotes) + "</h3>\n<ul>\n";
      for (const auto& x : n) s += "<li>" + h(x) + "</li>\n";
      s += "</ul>\n";
    }
    s += "<h3>" + t(bt::kUncertainty) + "</h3>\n<p>" + h(uncertainty_text()) + "</p>\n";
    if (o_.sensitivity) {
      s += "<ul>\n";
      for (size_t k = 0; k < o_.sensitivity->factors.size(); ++k)
        s += "<li>" +
             h(fill(bt::kSensitivity[L_], {factor_name(o_.sensitivity->factors[k]),
                                           percent_text(o_.sensitivity->first_order[k], L_),
                                           percent_text(o_.sensitivity->total_order[k], L_)})) +
             "</li>\n";
      s += "</ul>\n";
    }
    s += "<h3>" + t(bt::kCoherence) + "</h3>\n<p>" + t(bt::kAlpha) + ":</p>\n<ul>\n";
    for (size_t k = 0; k < o_.coherence.alpha_codes.size(); ++k)
      s += "<li>" + h(column_name(o_.coherence.alpha_codes[k])) + ": " +
           (std::isnan(o_.coherence.alpha[k]) ? std::string("-") : num(o_.coherence.alpha[k], 2)) +
           "</li>\n";
    s += "</ul>\n";
    if (o_.coherence.skipped_small > 0)
      s += "<p class=\"muted\">" + t(bt::kCoherenceSmall) + "</p>\n";
    if (!o_.coherence.flags.empty()) {
      s += "<ul>\n";
      for (const auto& f : o_.coherence.flags)
        s += "<li>" + h(column_name(f.a)) + " / " + h(column_name(f.b)) + " (r = " + num(f.r, 2) +
             "): " + t(f.kind == "redundant" ? bt::kRedundant : bt::kNegative) + "</li>\n";
      s += "</ul>\n";
    }
    if (!o_.datasets.empty()) {
      s += "<h3>" + t(bt::kVintages) + "</h3>\n<table><thead><tr><th>" + t(bt::kDataset) +
           "</th><th>" + t(bt::kUpdated) + "</th><th>" + t(bt::kHarvested) +
           "</th></tr></thead><tbody>\n";
      for (const auto& d : o_.datasets) {
        const std::string label = dataset_label(d);
        s += "<tr><td>" + h(d.code) + (label.empty() ? "" : " - " + h(label)) + "</td><td>" +
             h(d.source_updated.empty() ? d.catalogue_updated : d.source_updated) + "</td><td>" +
             h(d.last_stored_at) + "</td></tr>\n";
      }
      s += "</tbody></table>\n";
    }
    s += "<h3>" + t(bt::kFlagsTitle) + "</h3>\n<ul>\n";
    for (const auto& [c, label] : kFlags)
      s += "<li><strong>" + std::string(1, c) + "</strong> " + label[L_] + "</li>\n";
    s += "</ul>\n";
    if (o_.datasets.empty()) return s + "</section>\n";  // not Eurostat data: the file says it
    s += "<h3>" + t(bt::kSources) + "</h3>\n<p>" + h(t(bt::kAttribution)) + "</p>\n";
    return s + "</section>\n";
  }

  std::string page() const {
    std::string body = "<header>\n<p class=\"muted\">omvarld " + h(ctx_.version) + " - " +
                       t(bt::kReport) + "</p>\n<h1>" + h(title()) + "</h1>\n</header>\n<main>\n";
    body += summary() + ranking() + dashboard() + dimension_charts() + profile() + trends() +
            availability() + methodology();
    body += "</main>\n<footer>" + t(bt::kGenerated) + " " + h(ctx_.generated_at) + " - omvarld " +
            h(ctx_.version) + "</footer>\n";
    return html_page(title(), L_ == Lang::kSv ? "sv" : "en", body);
  }

  std::string fw_label() const {
    return L_ == Lang::kSv && !o_.label_sv.empty() ? o_.label_sv : o_.label_en;
  }

  static std::string lower_first(std::string s) {
    if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
      s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
  }

  const BenchmarkOutcome& o_;
  const IndicatorCatalogue& cat_;
  const ReportContext& ctx_;
  const Lang L_;
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
  const Lang L = ctx.lang;
  const IndexResult& r = o.result;
  // Data text in Markdown: shown as text, never as markup (markup.h).
  auto md = [](const std::string& in) { return markdown_text(in); };
  std::string s = "# " + md(p.title()) + "\n\n";
  if (p.focus_) {
    s += md(headline_text(p.headline_input(), L)) + "\n\n";
    if (auto nr = p.not_ranked(); !nr.empty())
      s += md(fill(bt::kNotRanked[L], {join_names(nr, L)})) + "\n\n";
  }
  const RankStats* st = p.stats();
  s += "| " + p.t(bt::kRank) + " | " + p.t(bt::kCity) + " | " + md(p.name(p.top_)) + " |";
  if (st) s += " " + p.t(bt::kMedianRank) + " | " + p.t(bt::kInterval) + " |";
  for (Eigen::Index d : p.dimensions()) s += " " + md(p.name(d)) + " |";
  s += "\n|---|---|---|";
  if (st) s += "---|---|";
  for (size_t k = 0; k < p.dimensions().size(); ++k) s += "---|";
  s += "\n";
  for (size_t i : p.order_by(p.top_)) {
    const auto ii = static_cast<Eigen::Index>(i);
    const double rk = r.ranks(ii, p.top_);
    s += "| " + (std::isnan(rk) ? std::string("-") : p.rank(rk)) + " | " + md(p.city(i)) + " | " +
         md(p.index_cell(i, false)) + " |";
    if (st) s += " " + p.rank(st->median[ii]) + " | " + p.interval_text(ii) + " |";
    for (Eigen::Index d : p.dimensions()) s += " " + p.num(r.scores(ii, d)) + " |";
    s += "\n";
  }
  if (!p.dimensions().empty()) s += "\n" + md(p.index_rule()) + "\n";
  if (const std::string dash = p.dashboard_md(); !dash.empty()) s += "\n" + dash;
  if (o.focus && p.focus_) {
    auto list = [&](const Tr& title, const std::vector<FocusLine>& v) {
      std::string out = "\n## " + p.t(title) + "\n\n";
      if (v.empty()) return out + p.t(bt::kNone) + "\n";
      for (const auto& l : v)
        out += "- **" + md(p.column_name(l.code)) + "**: " + md(p.finding(l)) + "\n";
      return out;
    };
    s += list(bt::kStrengths, o.focus->strengths) + list(bt::kWeaknesses, o.focus->weaknesses);
    if (!o.focus->not_compared.empty()) {
      s += "\n## " + p.t(bt::kNotCompared) + "\n\n" +
           md(fill(bt::kNotComparedIntro[L], {std::to_string(o.comparability.rule.min_units)})) +
           "\n\n";
      for (const auto& l : o.focus->not_compared)
        s += "- **" + md(p.column_name(l.code)) + "**: " + md(p.not_compared_line(l)) + "\n";
    }
  }
  s += "\n## " + p.t(bt::kMethodology) + "\n\n";
  s += md(p.framework_text()) + "\n\n" + md(p.data_text()) + "\n\n";
  for (const auto& c : p.choices()) s += "- " + md(c) + "\n";
  for (const auto& n : p.notes()) s += "- " + md(n) + "\n";
  s += "- " + md(p.uncertainty_text()) + "\n";
  if (!o.datasets.empty()) s += "\n" + p.t(bt::kSourceShort) + "\n";
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
