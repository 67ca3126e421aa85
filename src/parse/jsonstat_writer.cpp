#include "parse/jsonstat_writer.h"

#include <charconv>
#include <unordered_map>

#include "core/text.h"

namespace omvarld {
namespace {

void append_escaped(std::string& out, std::string_view s) { append_json_string(out, s); }

void append_number(std::string& out, double v) {
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, p);
}

void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, p);
}

}  // namespace

std::string write_jsonstat(const Dataset& ds, const JsonStatWriteOptions& options) {
  std::string out;
  out.reserve(ds.observations.size() * 20 + 4096);
  out += "{\"version\":\"2.0\",\"class\":\"dataset\",\"label\":";
  append_escaped(out, ds.label);
  out += ",\"source\":\"ESTAT\",\"updated\":";
  append_escaped(out, ds.updated);
  out += ",\"value\":";
  if (options.arrays) {
    out.push_back('[');
    uint64_t cube = ds.cube_size();
    size_t k = 0;
    for (uint64_t i = 0; i < cube; ++i) {
      if (i) out.push_back(',');
      if (k < ds.observations.size() && ds.observations[k].index() == i) {
        if (ds.observations[k].has_value())
          append_number(out, ds.observations[k].value);
        else
          out += "null";
        ++k;
      } else {
        out += "null";
      }
    }
    out.push_back(']');
  } else {
    out.push_back('{');
    bool first = true;
    for (const Observation& o : ds.observations) {
      if (!o.has_value()) continue;
      if (!first) out.push_back(',');
      first = false;
      out.push_back('"');
      append_uint(out, o.index());
      out += "\":";
      append_number(out, o.value);
    }
    out.push_back('}');
  }
  out += ",\"status\":{";
  bool first = true;
  for (const Observation& o : ds.observations) {
    if (o.flag_id() == 0) continue;
    if (!first) out.push_back(',');
    first = false;
    out.push_back('"');
    append_uint(out, o.index());
    out += "\":";
    append_escaped(out, ds.flags[o.flag_id()]);
  }
  out += "},\"id\":[";
  for (size_t i = 0; i < ds.dimensions.size(); ++i) {
    if (i) out.push_back(',');
    append_escaped(out, ds.dimensions[i].id);
  }
  out += "],\"size\":[";
  for (size_t i = 0; i < ds.dimensions.size(); ++i) {
    if (i) out.push_back(',');
    append_uint(out, ds.dimensions[i].codes.size());
  }
  out += "],\"dimension\":{";
  for (size_t i = 0; i < ds.dimensions.size(); ++i) {
    const Dimension& d = ds.dimensions[i];
    if (i) out.push_back(',');
    append_escaped(out, d.id);
    out += ":{\"label\":";
    append_escaped(out, d.label.empty() ? d.id : d.label);
    out += ",\"category\":{\"index\":{";
    for (size_t c = 0; c < d.codes.size(); ++c) {
      if (c) out.push_back(',');
      append_escaped(out, d.codes[c]);
      out.push_back(':');
      append_uint(out, c);
    }
    out += "},\"label\":{";
    for (size_t c = 0; c < d.codes.size(); ++c) {
      if (c) out.push_back(',');
      append_escaped(out, d.codes[c]);
      out.push_back(':');
      append_escaped(out, c < d.labels.size() && !d.labels[c].empty() ? d.labels[c] : d.codes[c]);
    }
    out += "}}}";
  }
  out += "},\"extension\":{\"lang\":\"EN\",\"id\":";
  std::string upper = ds.code;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  append_escaped(out, upper);
  out += ",\"agencyId\":\"ESTAT\",\"status\":{\"label\":{";
  first = true;
  for (const auto& [flag, label] : ds.flag_labels) {
    if (!first) out.push_back(',');
    first = false;
    append_escaped(out, flag);
    out.push_back(':');
    append_escaped(out, label);
  }
  out += "}}}}";
  return out;
}

std::string write_sdmx_tsv(const Dataset& ds) {
  const size_t tdim = ds.time_dimension();
  std::string out;
  std::vector<size_t> key_dims;
  for (size_t i = 0; i < ds.dimensions.size(); ++i)
    if (i != tdim) key_dims.push_back(i);
  for (size_t k = 0; k < key_dims.size(); ++k) {
    if (k) out.push_back(',');
    out += ds.dimensions[key_dims[k]].id;
  }
  out += "\\TIME_PERIOD";
  const std::vector<std::string> no_time{""};
  const std::vector<std::string>& periods =
      tdim == std::string::npos ? no_time : ds.dimensions[tdim].codes;
  for (const auto& p : periods) {
    out.push_back('\t');
    out += p;
    out.push_back(' ');
  }
  out += "\r\n";
  // Group observations by series ordinal, in order of first appearance.
  std::unordered_map<uint64_t, size_t> row_of;
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> cells;
  for_each_observation(ds, [&](const FlatObservation& o) {
    auto [it, inserted] = row_of.emplace(o.series_ordinal, keys.size());
    if (inserted) {
      std::string key;
      for (size_t k = 0; k < key_dims.size(); ++k) {
        if (k) key.push_back(',');
        key += ds.dimensions[key_dims[k]].codes[(*o.coords)[key_dims[k]]];
      }
      keys.push_back(std::move(key));
      cells.emplace_back(periods.size(), std::string(": "));
    }
    std::string cell;
    if (o.has_value)
      append_number(cell, o.value);
    else
      cell = ":";
    cell.push_back(' ');
    cell.append(o.flags);
    size_t col = tdim == std::string::npos ? 0 : (*o.coords)[tdim];
    cells[it->second][col] = std::move(cell);
  });
  for (size_t r = 0; r < keys.size(); ++r) {
    out += keys[r];
    for (const auto& c : cells[r]) {
      out.push_back('\t');
      out += c;
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace omvarld
