#include "demo/sample_data.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "core/files.h"
#include "core/text.h"

namespace omvarld {

std::string shipped_sample_dir(const std::string& data_dir) {
  return data_dir + "/indicators/sample/eurostat";
}

Result<Dataset> parse_sample_csv(std::string_view text, const std::string& code,
                                 const std::string& source) {
  Dataset ds;
  ds.code = code;
  text = strip_bom(text);
  std::vector<std::string_view> lines = split(text, '\n');
  size_t li = 0;
  auto err = [&](size_t line, const std::string& why) {
    return make_error(ErrorKind::kParse, source + ": line " + std::to_string(line) + ": " + why);
  };
  while (li < lines.size() && !trim(lines[li]).empty() && trim(lines[li]).front() == '#') {
    std::string_view l = trim(lines[li]);
    if (l.rfind("# label:", 0) == 0) ds.label = std::string(trim(l.substr(8)));
    if (l.rfind("# updated:", 0) == 0) ds.updated = std::string(trim(l.substr(10)));
    ++li;
  }
  if (li >= lines.size()) return err(li, "no header");
  std::vector<std::string_view> head = split(trim(lines[li]), ',');
  size_t header_line = ++li;
  if (head.size() < 4 || head[head.size() - 3] != "time" || head[head.size() - 2] != "value" ||
      head.back() != "flags")
    return err(header_line, "header must be dim1,...,time,value,flags");
  const size_t nkey = head.size() - 3;
  for (size_t d = 0; d < nkey; ++d)
    ds.dimensions.push_back(Dimension{std::string(head[d]), {}, {}, {}});
  std::vector<std::unordered_map<std::string, uint32_t>> ids(nkey + 1);
  struct Row {
    std::vector<uint32_t> coords;
    bool has_value;
    double value;
    uint32_t flag;
  };
  std::vector<Row> rows;
  FlagInterner flags(ds);
  Dimension time{"time", "Time", {}, {}};
  for (; li < lines.size(); ++li) {
    std::string_view l = trim(lines[li]);
    if (l.empty()) continue;
    std::vector<std::string_view> f = split(l, ',');
    if (f.size() != head.size())
      return err(li + 1, "expected " + std::to_string(head.size()) + " fields");
    Row r;
    for (size_t d = 0; d <= nkey; ++d) {
      Dimension& dim = d < nkey ? ds.dimensions[d] : time;
      std::string c(trim(f[d]));
      auto [it, ins] = ids[d].emplace(c, static_cast<uint32_t>(dim.codes.size()));
      if (ins) dim.codes.push_back(c);
      r.coords.push_back(it->second);
    }
    std::string_view v = trim(f[nkey + 1]);
    r.has_value = !v.empty();
    r.value = 0;
    if (r.has_value) {
      auto d = parse_double(v);
      if (!d) return err(li + 1, "value is not a number: " + std::string(v));
      r.value = *d;
    }
    r.flag = flags.intern(trim(f[nkey + 2]));
    rows.push_back(std::move(r));
  }
  // Periods ascending.
  std::vector<uint32_t> order(time.codes.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return time.codes[a] < time.codes[b]; });
  std::vector<uint32_t> pos(order.size());
  Dimension sorted_time{"time", "Time", {}, {}};
  for (uint32_t i = 0; i < order.size(); ++i) {
    pos[order[i]] = i;
    sorted_time.codes.push_back(time.codes[order[i]]);
  }
  for (auto& d : ds.dimensions) d.labels.assign(d.codes.size(), "");
  sorted_time.labels.assign(sorted_time.codes.size(), "");
  ds.dimensions.push_back(std::move(sorted_time));
  for (const Row& r : rows) {
    uint64_t idx = 0;
    for (size_t d = 0; d < nkey; ++d) idx = idx * ds.dimensions[d].codes.size() + r.coords[d];
    idx = idx * ds.dimensions[nkey].codes.size() + pos[r.coords[nkey]];
    ds.observations.push_back(Observation::make(idx, r.has_value, r.value, r.flag));
  }
  normalize_observations(ds);
  return ds;
}

Result<SampleData> load_sample(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return make_error(ErrorKind::kNotFound, "sample folder " + dir + " not found");
  SampleData out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::path& p = entry.path();
    if (p.extension() != ".csv" && p.filename() != "catalogue.txt") continue;
    auto text = read_file(p.string());
    if (!text.ok()) return text.error();
    if (p.extension() == ".csv") {
      auto ds = parse_sample_csv(*text, p.stem().string(), p.string());
      if (!ds.ok()) return ds.error();
      out.datasets.emplace(p.stem().string(), std::move(ds).value());
    } else if (p.filename() == "catalogue.txt") {
      out.catalogue_toc = std::move(*text);
    }
  }
  if (out.datasets.empty())
    return make_error(ErrorKind::kNotFound, "sample folder " + dir + " holds no datasets");
  return out;
}

}  // namespace omvarld
