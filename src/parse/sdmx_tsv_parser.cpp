#include "parse/sdmx_tsv_parser.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "core/text.h"
#include "parse/gzip.h"

namespace omvarld {

bool looks_like_sdmx_tsv(std::string_view body) {
  if (is_gzip(body)) return true;
  body = strip_bom(body);
  std::string_view first = body.substr(0, body.find('\n'));
  size_t tab = first.find('\t');
  return tab != std::string_view::npos && first.substr(0, tab).find('\\') != std::string_view::npos;
}

namespace {

// Iterates lines, tolerating CRLF and a missing final newline.
class Lines {
 public:
  explicit Lines(std::string_view s) : s_(s) {}
  bool next(std::string_view& line) {
    if (pos_ >= s_.size()) return false;
    size_t nl = s_.find('\n', pos_);
    size_t end = nl == std::string_view::npos ? s_.size() : nl;
    line = s_.substr(pos_, end - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = nl == std::string_view::npos ? s_.size() : nl + 1;
    ++number_;
    return true;
  }
  size_t number() const { return number_; }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  size_t number_ = 0;
};

struct Cell {
  bool has_value;
  double value;
  std::string_view flags;
};

Cell parse_cell(std::string_view cell) {
  cell = trim(cell);
  if (cell.empty()) return {false, 0, {}};
  if (cell.front() == ':') return {false, 0, trim(cell.substr(1))};
  size_t sp = cell.find(' ');
  std::string_view num = sp == std::string_view::npos ? cell : cell.substr(0, sp);
  std::string_view flags =
      sp == std::string_view::npos ? std::string_view() : trim(cell.substr(sp + 1));
  if (auto v = parse_double(num)) return {true, *v, flags};
  return {false, 0, cell};
}

}  // namespace

Result<Dataset> parse_sdmx_tsv(std::string_view body, const std::string& dataset_code,
                               const std::string& source, const TsvOptions& options) {
  std::string inflated;
  if (is_gzip(body)) {
    auto r = gunzip(body, options.max_decompressed_bytes, source);
    if (!r.ok()) return r.error();
    inflated = std::move(r).value();
    body = inflated;
  }
  body = strip_bom(body);
  auto err = [&](size_t line, const std::string& why) {
    return make_error(
        ErrorKind::kParse,
        source + (line ? ": line " + std::to_string(line) : std::string()) + ": " + why);
  };
  if (trim(body).empty()) return err(0, "empty body where SDMX-TSV was expected");
  if (looks_like_html(body)) return err(0, "got an HTML page where SDMX-TSV was expected");

  Lines lines(body);
  std::string_view header;
  lines.next(header);
  std::vector<std::string_view> head = split(header, '\t');
  size_t bs = head[0].find('\\');
  if (head.size() < 2 || bs == std::string_view::npos)
    return err(1, "not an SDMX-TSV header (expected \"dim1,dim2\\time<TAB>period...\")");

  Dataset ds;
  ds.code = dataset_code;
  for (std::string_view id : split(head[0].substr(0, bs), ',')) {
    Dimension d;
    d.id = std::string(trim(id));
    if (d.id.empty()) return err(1, "empty dimension name in header");
    ds.dimensions.push_back(std::move(d));
  }
  const size_t nkey = ds.dimensions.size();
  const size_t ncols = head.size() - 1;

  // Periods: ascending, whatever order the header has.
  std::vector<std::string> periods;
  for (size_t c = 1; c < head.size(); ++c) periods.emplace_back(trim(head[c]));
  std::vector<uint32_t> order(ncols);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return periods[a] < periods[b]; });
  std::vector<uint32_t> period_pos(ncols);
  Dimension time;
  time.id = "time";
  time.label = "Time";
  for (uint32_t i = 0; i < ncols; ++i) {
    period_pos[order[i]] = i;
    time.codes.push_back(periods[order[i]]);
  }
  for (size_t i = 1; i < time.codes.size(); ++i)
    if (time.codes[i] == time.codes[i - 1])
      return err(1, "period " + time.codes[i] + " appears twice");

  // Pass 1: series keys. Codes are numbered in order of first appearance.
  std::vector<std::unordered_map<std::string, uint32_t>> code_ids(nkey);
  // Rows come sorted, so most key parts repeat the previous row's: compare
  // with it before hashing.
  std::vector<std::string_view> prev_text(nkey);
  std::vector<uint32_t> prev_id(nkey, 0);
  std::vector<uint32_t> row_coords;
  std::vector<std::string_view> row_cells;  // the rest of each line after the key
  std::vector<size_t> row_line;
  std::string_view line;
  size_t codes_total = 0;
  auto too_large = [&](const std::string& what) {
    return make_error(ErrorKind::kTooLarge, source + ": more than " + what + "; not read");
  };
  while (lines.next(line)) {
    if (trim(line).empty()) continue;
    if (row_line.size() >= options.max_series)
      return too_large(with_thousands(static_cast<long long>(options.max_series)) + " series");
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return err(lines.number(), "no tab: not an SDMX-TSV row");
    std::vector<std::string_view> key = split(line.substr(0, tab), ',');
    if (key.size() != nkey)
      return err(lines.number(), "series key has " + std::to_string(key.size()) +
                                     " parts, header has " + std::to_string(nkey));
    for (size_t d = 0; d < nkey; ++d) {
      std::string_view text = trim(key[d]);
      if (row_line.empty() || text != prev_text[d]) {
        std::string code(text);
        auto [it, inserted] =
            code_ids[d].emplace(code, static_cast<uint32_t>(ds.dimensions[d].codes.size()));
        if (inserted) {
          if (++codes_total > options.max_codes)
            return too_large(with_thousands(static_cast<long long>(options.max_codes)) +
                             " distinct codes");
          ds.dimensions[d].codes.push_back(std::move(code));
        }
        prev_text[d] = text;
        prev_id[d] = it->second;
      }
      row_coords.push_back(prev_id[d]);
    }
    row_cells.push_back(line.substr(tab + 1));
    row_line.push_back(lines.number());
  }
  for (auto& d : ds.dimensions) d.labels.assign(d.codes.size(), std::string());
  time.labels.assign(time.codes.size(), std::string());
  ds.dimensions.push_back(std::move(time));

  uint64_t cube = 1;
  for (const auto& d : ds.dimensions) {
    if (!d.codes.empty() && cube > Observation::kIndexMask / d.codes.size())
      return err(0, "cube too large to address");
    cube *= d.codes.size();
  }

  // Pass 2: cells. Rows times periods bounds the count; pages of the reserve
  // that stay unwritten (missing cells) are never touched.
  ds.observations.reserve(static_cast<size_t>(
      std::min<uint64_t>(uint64_t{row_cells.size()} * ncols, options.max_observations)));
  FlagInterner flags(ds);
  std::string_view last_flag;
  uint32_t last_flag_id = 0;
  const uint64_t nper = ncols;
  std::vector<std::string_view> cells;
  for (size_t r = 0; r < row_cells.size(); ++r) {
    uint64_t base = 0;
    for (size_t d = 0; d < nkey; ++d)
      base = base * ds.dimensions[d].codes.size() + row_coords[r * nkey + d];
    base *= nper;
    std::string_view rest = row_cells[r];
    size_t c = 0, start = 0;
    for (;;) {
      size_t tab = rest.find('\t', start);
      std::string_view cell =
          rest.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
      if (c >= ncols)
        return err(row_line[r],
                   "more cells than the header has periods (" + std::to_string(ncols) + ")");
      Cell parsed = parse_cell(cell);
      if (parsed.has_value || !parsed.flags.empty()) {
        if (ds.observations.size() >= options.max_observations)
          return too_large(with_thousands(static_cast<long long>(options.max_observations)) +
                           " cells");
        if (parsed.flags != last_flag) {
          last_flag = parsed.flags;
          last_flag_id = flags.intern(parsed.flags);
        }
        ds.observations.push_back(
            Observation::make(base + period_pos[c], parsed.has_value, parsed.value, last_flag_id));
      }
      ++c;
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (c != ncols)
      return err(row_line[r], "row has " + std::to_string(c) + " cells, header has " +
                                  std::to_string(ncols) + " periods (truncated body?)");
  }
  normalize_observations(ds);
  return ds;
}

}  // namespace omvarld
