// Other projects' JSON-stat files against an independent reading (issue #14).
//
// OMVARLD_JSONSTAT_CORPUS names a folder of .json files (the toolkits'
// samples and test data; scripts/collect_jsonstat_corpus.sh gathers them,
// outside the repository). Each file is read twice: by parse_jsonstat_document
// and here, with RapidJSON's DOM and the format's rules written out again
// (https://json-stat.org/format/). A file the DOM reading finds valid must
// come out with every cell and status exact; one it finds invalid must be
// refused. Without the variable the test is skipped, saying so.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <regex>

#include "parse/jsonstat_parser.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

using rapidjson::Value;

struct Cell {
  bool has_value = false;
  double value = 0;
  std::string flags;
  bool operator==(const Cell& o) const {
    return has_value == o.has_value && (!has_value || value == o.value) && flags == o.flags;
  }
};
using Cells = std::map<uint64_t, Cell>;

// What the DOM reading expects of one dataset: its cells, or why it is invalid.
struct Expected {
  std::string invalid;  // empty when valid
  Cells cells;
};

std::optional<double> number_text(const std::string& s) {
  static const std::regex kNumber(R"(\s*-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\s*)");
  if (!std::regex_match(s, kNumber)) return std::nullopt;
  return std::strtod(s.c_str(), nullptr);
}

Expected read_dataset(const Value& d) {
  Expected e;
  const bool v1 = !d.HasMember("id");
  const Value* dims = d.HasMember("dimension") ? &d["dimension"] : nullptr;
  if (!dims || !dims->IsObject()) return {"no dimension", {}};
  const Value* ids = v1 ? (dims->HasMember("id") ? &(*dims)["id"] : nullptr) : &d["id"];
  const Value* sizes = v1 ? (dims->HasMember("size") ? &(*dims)["size"] : nullptr)
                          : (d.HasMember("size") ? &d["size"] : nullptr);
  if (!ids || !sizes || !ids->IsArray() || !sizes->IsArray() || ids->Size() != sizes->Size())
    return {"id/size", {}};
  uint64_t cube = 1;
  std::vector<std::string> id_list;
  for (rapidjson::SizeType i = 0; i < ids->Size(); ++i) {
    std::string id = (*ids)[i].GetString();
    id_list.push_back(id);
    // Sizes as digit strings ("37", CSO Ireland) are read as numbers.
    const Value& sv = (*sizes)[i];
    const bool digits =
        sv.IsString() && sv.GetStringLength() > 0 &&
        std::string(sv.GetString()).find_first_not_of("0123456789") == std::string::npos;
    if (!sv.IsUint64() && !digits) return {"size", {}};
    uint64_t n = digits ? std::stoull(sv.GetString()) : sv.GetUint64();
    if (!dims->HasMember(id.c_str())) return {"dimension " + id + " not described", {}};
    const Value& dim = (*dims)[id.c_str()];
    if (!dim.HasMember("category")) return {"no category", {}};
    const Value& cat = dim["category"];
    uint64_t count = 0;
    if (cat.HasMember("index")) {
      const Value& ix = cat["index"];
      count = ix.IsArray() ? ix.Size() : ix.MemberCount();
      if (ix.IsObject()) {
        std::vector<bool> seen(count, false);
        for (auto& m : ix.GetObject()) {
          if (!m.value.IsUint64() || m.value.GetUint64() >= count || seen[m.value.GetUint64()])
            return {"index positions", {}};
          seen[m.value.GetUint64()] = true;
        }
      }
    } else if (cat.HasMember("label") && cat["label"].MemberCount() == 1) {
      count = 1;
    }
    if (count != n) return {"index count", {}};
    if (cat.HasMember("index") && cat.HasMember("label"))
      for (auto& l : cat["label"].GetObject()) {
        const Value& ix = cat["index"];
        bool known = ix.IsObject() ? ix.HasMember(l.name) : false;
        if (ix.IsArray())
          for (auto& c : ix.GetArray()) known = known || c == l.name;
        if (!known) return {"label for no category", {}};
      }
    cube *= n;
  }
  const Value* role = v1 ? (dims->HasMember("role") ? &(*dims)["role"] : nullptr)
                         : (d.HasMember("role") ? &d["role"] : nullptr);
  if (role && role->IsObject())
    for (auto& m : role->GetObject())
      if (m.value.IsArray())
        for (auto& r : m.value.GetArray())
          if (std::find(id_list.begin(), id_list.end(), r.GetString()) == id_list.end())
            return {"role names no dimension", {}};

  auto each = [&](const Value& v, auto fn) -> bool {
    if (v.IsArray()) {
      for (rapidjson::SizeType i = 0; i < v.Size(); ++i) fn(i, v[i]);
      return true;
    }
    for (auto& m : v.GetObject()) {
      const std::string key = m.name.GetString();
      if (key.empty() || key.find_first_not_of("0123456789") != std::string::npos) return false;
      uint64_t i = std::stoull(key);
      if (i >= cube) return false;
      fn(i, m.value);
    }
    return true;
  };
  if (!d.HasMember("value")) return {"no value", {}};
  const Value& value = d["value"];
  if (value.IsArray() && value.Size() != cube) return {"value length", {}};
  std::map<uint64_t, std::string> texts;
  bool bad_value = false;
  if (!each(value, [&](uint64_t i, const Value& v) {
        if (v.IsNumber()) {
          e.cells[i] = Cell{true, v.GetDouble(), ""};
        } else if (v.IsString() && v.GetStringLength() > 0) {
          if (auto n = number_text(v.GetString()))
            e.cells[i] = Cell{true, *n, ""};
          else
            e.cells[i] = Cell{false, 0, v.GetString()};
        } else if (!v.IsNull() && !v.IsString()) {
          bad_value = true;
        }
      }))
    return {"value key not a cell of the cube", {}};
  if (bad_value) return {"value not number/string/null", {}};
  if (d.HasMember("status")) {
    const Value& st = d["status"];
    std::optional<std::string> all;
    if (st.IsString()) all = st.GetString();
    if (st.IsArray() && st.Size() == 1 && cube != 1)
      all = st[0].IsString() ? st[0].GetString() : "";
    if (all) {
      for (auto& [i, c] : e.cells)
        if (c.has_value) c.flags = *all;
    } else if (st.IsArray() || st.IsObject()) {
      if (st.IsArray() && st.Size() != cube) return {"status length", {}};
      if (!each(st, [&](uint64_t i, const Value& v) {
            if (v.IsString() && v.GetStringLength() > 0) e.cells[i].flags = v.GetString();
          }))
        return {"status key outside the cube", {}};
    }
  }
  return e;
}

// Every dataset of a document, as the DOM reading sees it.
std::vector<Expected> read_document(const Value& d) {
  std::vector<Expected> out;
  std::string cls = d.HasMember("class") && d["class"].IsString() ? d["class"].GetString() : "";
  if (cls == "dataset" || d.HasMember("id") || d.HasMember("value")) {
    out.push_back(read_dataset(d));
  } else if (cls == "collection") {
    if (d.HasMember("link") && d["link"].HasMember("item"))
      for (auto& item : d["link"]["item"].GetArray())
        if ((item.HasMember("value") || item.HasMember("dimension")) &&
            !(item.HasMember("class") && std::string(item["class"].GetString()) == "collection"))
          out.push_back(read_dataset(item));
  } else if (cls.empty() || cls == "bundle") {
    for (auto& m : d.GetObject())
      if (m.value.IsObject() && m.value.HasMember("dimension"))
        out.push_back(read_dataset(m.value));
  }
  return out;
}

Cells cells_of(const Dataset& ds) {
  Cells out;
  for (const auto& o : ds.observations)
    out[o.index()] = Cell{o.has_value(), o.value, ds.flags[o.flag_id()]};
  return out;
}

TEST(JsonStatCorpus, EveryValidDatasetExactEveryInvalidOneRefused) {
  const char* dir = std::getenv("OMVARLD_JSONSTAT_CORPUS");
  if (!dir || !std::filesystem::is_directory(dir))
    GTEST_SKIP() << "OMVARLD_JSONSTAT_CORPUS is not set to a folder; skipping the toolkits' "
                    "corpus (scripts/collect_jsonstat_corpus.sh gathers it)";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  int n_files = 0, not_json = 0, no_dataset = 0, valid_files = 0, valid_exact = 0;
  int datasets = 0, datasets_exact = 0, invalid_files = 0, invalid_refused = 0;
  int v2_datasets = 0, v2_exact = 0;
  std::vector<std::string> validator_invalid_read;  // metadata omvarld does not read
  for (const auto& path : files) {
    ++n_files;
    std::string body = test::read_file(path.string());
    rapidjson::Document d;
    d.Parse<rapidjson::kParseFullPrecisionFlag>(body.c_str());
    if (d.HasParseError() || !d.IsObject()) {
      ++not_json;
      EXPECT_FALSE(parse_jsonstat_document(body, path.string()).ok()) << path;
      continue;
    }
    std::vector<Expected> want = read_document(d);
    auto got = parse_jsonstat_document(body, path.string());
    const std::string rel = std::filesystem::relative(path, dir).string();
    if (want.empty()) {
      ++no_dataset;
      EXPECT_FALSE(got.ok()) << rel << " holds no dataset, yet was read";
      if (!got.ok()) std::cout << "  no dataset: " << got.error().message << "\n";
      continue;
    }
    bool invalid = false;
    for (const auto& w : want) invalid = invalid || !w.invalid.empty();
    // The validator's cases named invalid/ whose rule concerns metadata
    // omvarld does not read (units, coordinates, notes, hierarchy) are read.
    if (!invalid && rel.find("invalid__") != std::string::npos && got.ok()) {
      validator_invalid_read.push_back(rel);
      continue;
    }
    if (invalid) {
      ++invalid_files;
      EXPECT_FALSE(got.ok()) << rel << " is invalid, yet was read";
      if (!got.ok()) {
        ++invalid_refused;
        std::cout << "  refused as invalid: " << got.error().message << "\n";
      }
      continue;
    }
    ++valid_files;
    datasets += static_cast<int>(want.size());
    if (!got.ok()) {
      ADD_FAILURE() << rel << ": " << got.error().message;
      continue;
    }
    if (got->datasets.size() != want.size()) {
      ADD_FAILURE() << rel << ": " << got->datasets.size() << " datasets, expected " << want.size();
      continue;
    }
    bool file_exact = true;
    for (size_t i = 0; i < want.size(); ++i) {
      Cells c = cells_of(got->datasets[i]);
      bool exact = c == want[i].cells;
      EXPECT_TRUE(exact) << rel << " dataset " << i << ": " << c.size() << " cells, expected "
                         << want[i].cells.size();
      datasets_exact += exact;
      const bool v2 = got->what.find(" 2.0 ") != std::string::npos;
      v2_datasets += v2;
      v2_exact += v2 && exact;
      file_exact = file_exact && exact;
    }
    valid_exact += file_exact;
  }
  std::cout << "JSON-stat corpus: " << n_files << " files; " << valid_files << " valid files with "
            << datasets << " datasets: " << valid_exact << " files and " << datasets_exact
            << " datasets exact; " << invalid_files << " invalid, " << invalid_refused
            << " refused; " << no_dataset << " hold no dataset; " << not_json
            << " not JSON; of the datasets " << v2_datasets << " JSON-stat 2.0 (" << v2_exact
            << " exact)\n";
  for (const auto& f : validator_invalid_read)
    std::cout << "  read, though the validator calls it invalid (metadata omvarld does not read, "
                 "or deprecation): "
              << f << "\n";
}

}  // namespace
}  // namespace omvarld
