#include "parse/jsonstat_parser.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "core/text.h"
#include "parse/eurostat_errors.h"
#include "parse/json_scanner.h"

namespace omvarld {
namespace {

enum class Section { kNone, kValue, kStatus, kId, kSize, kDimension, kRole, kExtension, kError };

struct Frame {
  bool array = false;
  uint64_t index = 0;  // next element position, for arrays
  std::string key;     // current key, for objects
};

struct DimensionDraft {
  std::string label;
  std::vector<std::pair<std::string, uint64_t>> index;  // code -> position
  std::unordered_map<std::string, std::string> labels;
};

bool parse_u64(std::string_view s, uint64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// A string value that is a number as JSON writes one ("453", "-1.5e3"),
// maybe padded with spaces; not "inf", "nan", "0x1F" or "1,5".
std::optional<double> numeric_string(std::string_view s) {
  s = trim(s);
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const size_t int_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == int_start) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    const size_t frac = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == frac) return std::nullopt;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t exp = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == exp) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return parse_double(s);
}

std::string count_of(uint64_t n, const char* one, const char* many) {
  return with_thousands(static_cast<long long>(n)) + " " + (n == 1 ? one : many);
}

// The handler of JsonScanner's events (see json_scanner.h).
class Handler {
 public:
  explicit Handler(Dataset& ds) : ds_(ds), flags_(ds) {}

  bool Null() { return scalar(Kind::kNull, {}); }
  bool Bool(bool) { return scalar(Kind::kOther, {}); }
  bool Number(std::string_view raw) { return scalar(Kind::kNumber, raw); }
  bool String(std::string_view s) { return scalar(Kind::kString, s); }
  bool StartObject() { return open(false); }
  bool StartArray() { return open(true); }
  bool EndObject() { return close(); }
  bool EndArray() { return close(); }
  bool Key(std::string_view k) {
    if (stack_.size() == 1) {
      section_ = k == "value"       ? Section::kValue
                 : k == "status"    ? Section::kStatus
                 : k == "id"        ? Section::kId
                 : k == "size"      ? Section::kSize
                 : k == "dimension" ? Section::kDimension
                 : k == "role"      ? Section::kRole
                 : k == "extension" ? Section::kExtension
                 : k == "error"     ? Section::kError
                                    : Section::kNone;
    }
    stack_.back().key.assign(k);
    return true;
  }

  // `value` and `status` are read in the scanner's tight indexed loop.
  bool WantsIndexed() const {
    return stack_.size() == 2 && (section_ == Section::kValue || section_ == Section::kStatus);
  }
  bool Indexed(uint64_t pos, JsonKind kind, std::string_view text) {
    const bool value = section_ == Section::kValue;
    if (stack_.back().array) (value ? value_len_ : status_len_) = pos + 1;
    if (kind == JsonKind::kNull) return true;
    if (pos > Observation::kIndexMask)
      return fail("index " + std::to_string(pos) + " out of range");
    if (ds_.observations.size() + statuses_.size() + value_texts_.size() >= kMaxObservations) {
      too_large = true;
      return fail("more than " + with_thousands(static_cast<long long>(kMaxObservations)) +
                  " cells; not read");
    }
    if (value) {
      std::optional<double> v;
      if (kind == JsonKind::kNumber) {
        v = parse_double(text);
      } else if (kind == JsonKind::kString) {
        // JSON-stat allows strings as values: a number written as text is
        // that number; other text ("...", ":") marks the cell as missing,
        // and is kept as its status unless `status` gives one.
        if (text.empty()) return true;
        v = numeric_string(text);
        if (!v) {
          value_texts_.emplace_back(pos, intern(text));
          return true;
        }
      }
      if (!v)
        return fail("`value` at " + std::to_string(pos) + " is " + std::string(text) +
                    "; JSON-stat values are numbers, strings or null");
      ds_.observations.push_back(Observation::make(pos, true, *v, 0));
      return true;
    }
    if (kind != JsonKind::kString || text.empty()) return true;
    statuses_.emplace_back(pos, intern(text));
    return true;
  }

  // Assembles the Dataset once the whole body has been read.
  Status finish(const std::string& source);

  // Whether the root object describes a dataset at all (it may be a
  // bundle, a collection or a dimension instead).
  bool is_dataset() const {
    return !ids_.empty() || !sizes_.empty() || !dims_.empty() || !ids_1x_.empty() || saw_value_ ||
           doc_class == "dataset";
  }
  // "1.x" or "2.0", from `version` and the shape (1.x keeps `id` and `size`
  // inside `dimension`).
  std::string version() const {
    return doc_version.empty() || doc_version.front() == '1' ? "1.x" : doc_version;
  }

  std::string failure;
  bool too_large = false;  // failure is the cell cap, not malformed JSON
  bool saw_error_section = false;
  JsonStatErrorBody error_body;
  std::string doc_class, doc_version;  // the root's `class` and `version`

 private:
  enum class Kind { kNull, kNumber, kString, kOther };

  bool fail(std::string why) {
    if (failure.empty()) failure = std::move(why);
    return false;
  }

  uint32_t intern(std::string_view text) {
    if (text != last_flag_) {
      last_flag_.assign(text);
      last_flag_id_ = flags_.intern(text);
    }
    return last_flag_id_;
  }

  bool open(bool array) {
    if (!stack_.empty() && stack_.back().array) stack_.back().index++;
    if (stack_.size() == 1 && section_ == Section::kValue) {
      value_array_ = array;
      saw_value_ = true;
    }
    if (stack_.size() == 1 && section_ == Section::kStatus) status_array_ = array;
    if (section_ == Section::kExtension && stack_.size() == 3) {
      annotation_type_.clear();  // a new extension.annotation[] entry
      annotation_date_.clear();
    }
    stack_.push_back(Frame{array, 0, {}});
    if (stack_.size() > 64) return fail("JSON nesting deeper than 64 levels");
    return true;
  }
  bool close() {
    stack_.pop_back();
    if (stack_.size() == 1) section_ = Section::kNone;
    return true;
  }

  const std::string& key_at(size_t depth) const { return stack_[depth - 1].key; }

  bool scalar(Kind kind, std::string_view text);

  Dataset& ds_;
  FlagInterner flags_;
  std::string last_flag_;
  uint32_t last_flag_id_ = 0;
  std::vector<Frame> stack_;
  Section section_ = Section::kNone;

  std::vector<std::string> ids_, ids_1x_;   // 1.x: dimension.id
  std::vector<uint64_t> sizes_, sizes_1x_;  // 1.x: dimension.size
  std::vector<std::string> role_time_, role_geo_;
  std::unordered_map<std::string, DimensionDraft> dims_;
  std::vector<std::pair<uint64_t, uint32_t>> statuses_;
  std::vector<std::pair<uint64_t, uint32_t>> value_texts_;  // text values: status of a missing cell
  bool saw_value_ = false, value_array_ = false, status_array_ = false;
  uint64_t value_len_ = 0, status_len_ = 0;  // entries of `value` / `status` when arrays
  std::string status_all_;                   // `status` as a plain string
  std::string annotation_type_, annotation_date_, update_data_;
};

bool Handler::scalar(Kind kind, std::string_view text) {
  const size_t depth = stack_.size();
  if (depth == 0) return fail("the body is a bare value, not a JSON object");
  switch (section_) {
    case Section::kStatus:
      // A plain string is the status of every value.
      if (depth == 1 && kind == Kind::kString) {
        status_all_.assign(text);
        return true;
      }
      if (depth == 1 && kind == Kind::kNull) return true;
      return fail("`status` must be an object, an array or a string");
    case Section::kValue:
      if (depth == 1) saw_value_ = true;
      return fail("`value` must be an object or an array of numbers, strings or null");
    case Section::kRole:
      // role.time = ["year"], role.geo = [...], role.metric = [...]
      if (depth == 3 && stack_.back().array && kind == Kind::kString) {
        if (key_at(2) == "time") role_time_.emplace_back(text);
        if (key_at(2) == "geo") role_geo_.emplace_back(text);
      }
      if (stack_.back().array) stack_.back().index++;
      return true;
    case Section::kId:
      if (depth == 2 && kind == Kind::kString) ids_.emplace_back(text);
      if (depth == 2) stack_.back().index++;
      return true;
    case Section::kSize: {
      if (depth == 2) {
        // A whole number; CSO Ireland writes it as a string ("37"), which is
        // read too (JSON-stat asks for numbers).
        uint64_t n = 0;
        if ((kind != Kind::kNumber && kind != Kind::kString) || !parse_u64(text, n))
          return fail("`size` holds something other than a whole number");
        sizes_.push_back(n);
        stack_.back().index++;
      }
      return true;
    }
    case Section::kDimension: {
      // dimension.{dim}.label | dimension.{dim}.category.index.{code} = n
      // | dimension.{dim}.category.index[n] = code | ...category.label.{code}
      // JSON-stat 1.x keeps `id`, `size` and `role` inside `dimension`.
      if (depth == 3 && stack_.back().array && key_at(2) == "id") {
        if (kind == Kind::kString) ids_1x_.emplace_back(text);
        stack_.back().index++;
      } else if (depth == 3 && stack_.back().array && key_at(2) == "size") {
        uint64_t n = 0;
        if ((kind != Kind::kNumber && kind != Kind::kString) || !parse_u64(text, n))
          return fail("`dimension.size` holds something other than a whole number");
        sizes_1x_.push_back(n);
        stack_.back().index++;
      } else if (depth == 4 && stack_.back().array && key_at(2) == "role") {
        if (kind == Kind::kString && key_at(3) == "time") role_time_.emplace_back(text);
        if (kind == Kind::kString && key_at(3) == "geo") role_geo_.emplace_back(text);
        stack_.back().index++;
      } else if (depth == 3 && key_at(3) == "label" && kind == Kind::kString) {
        dims_[key_at(2)].label.assign(text);
      } else if (depth == 5 && key_at(3) == "category" && key_at(4) == "index") {
        DimensionDraft& d = dims_[key_at(2)];
        if (stack_.back().array) {
          d.index.emplace_back(std::string(text), stack_.back().index++);
        } else {
          uint64_t n = 0;
          if (kind != Kind::kNumber || !parse_u64(text, n))
            return fail("dimension `" + key_at(2) + "` has a non-numeric category index");
          d.index.emplace_back(key_at(5), n);
        }
      } else if (depth == 5 && key_at(3) == "category" && key_at(4) == "label" &&
                 kind == Kind::kString) {
        dims_[key_at(2)].labels[key_at(5)] = std::string(text);
      } else if (stack_.back().array) {
        stack_.back().index++;
      }
      return true;
    }
    case Section::kExtension: {
      if (depth == 2 && key_at(2) == "id" && kind == Kind::kString) {
        ds_.code = to_lower(text);
      } else if (depth == 4 && key_at(2) == "status" && key_at(3) == "label" &&
                 kind == Kind::kString) {
        ds_.flag_labels[key_at(4)] = std::string(text);
      } else if (depth == 4 && key_at(2) == "annotation" && !stack_.back().array) {
        if (key_at(4) == "type") annotation_type_.assign(text);
        if (key_at(4) == "date") annotation_date_.assign(text);
        if (annotation_type_ == "UPDATE_DATA" && !annotation_date_.empty() && update_data_.empty())
          update_data_ = annotation_date_;
      } else if (stack_.back().array) {
        stack_.back().index++;
      }
      return true;
    }
    case Section::kError: {
      saw_error_section = true;
      // {"error":[{...}]} (depth 3) or {"error":{...}} (depth 2)
      if ((depth == 3 || depth == 2) && !stack_.back().array) {
        const std::string& k = stack_.back().key;
        if (k == "status") error_body.status = static_cast<int>(parse_double(text).value_or(0));
        if (k == "id") error_body.id = static_cast<int>(parse_double(text).value_or(0));
        if (k == "label") error_body.label.assign(text);
      } else if (stack_.back().array) {
        stack_.back().index++;
      }
      return true;
    }
    case Section::kNone:
      if (depth == 1) {
        const std::string& k = stack_.back().key;
        if (k == "label" && kind == Kind::kString) ds_.label.assign(text);
        if (k == "updated" && kind == Kind::kString) ds_.updated.assign(text);
        if (k == "class" && kind == Kind::kString) doc_class.assign(text);
        if (k == "version" && kind == Kind::kString) doc_version.assign(text);
      }
      return true;
  }
  return true;
}

Status Handler::finish(const std::string& source) {
  auto err = [&](const std::string& why) {
    return make_error(ErrorKind::kParse, source + ": " + why);
  };
  if (ids_.empty() && sizes_.empty()) {  // JSON-stat 1.x
    ids_ = std::move(ids_1x_);
    sizes_ = std::move(sizes_1x_);
  }
  if (ids_.empty() && sizes_.empty() && dims_.empty())
    return err("not a JSON-stat dataset (no `id`, `size` or `dimension`)");
  if (ids_.size() != sizes_.size())
    return err("`id` has " + std::to_string(ids_.size()) + " entries but `size` has " +
               std::to_string(sizes_.size()));
  // Without them no value has a place (found by fuzz_jsonstat: a value was
  // kept in a cube of no dimensions).
  if (ids_.empty()) return err("no `id` and `size`: the dataset names no dimension");
  if (!saw_value_) return err("no `value`: a JSON-stat dataset must have one (`{}` when empty)");
  uint64_t cube = 1;
  for (size_t i = 0; i < ids_.size(); ++i) {
    auto it = dims_.find(ids_[i]);
    if (it == dims_.end())
      return err("dimension `" + ids_[i] + "` is listed in `id` but not described");
    DimensionDraft& draft = it->second;
    Dimension d;
    d.id = ids_[i];
    d.label = draft.label;
    if (draft.index.empty() && sizes_[i] == 1 && draft.labels.size() == 1) {
      // JSON-stat allows omitting `index` for a single category.
      draft.index.emplace_back(draft.labels.begin()->first, 0);
    }
    if (draft.index.size() != sizes_[i])
      return err("dimension `" + d.id + "` has " + std::to_string(draft.index.size()) +
                 " categories but size " + std::to_string(sizes_[i]));
    d.codes.assign(sizes_[i], std::string());
    d.labels.assign(sizes_[i], std::string());
    size_t labelled = 0;
    for (auto& [code, pos] : draft.index) {
      if (pos >= sizes_[i] || !d.codes[pos].empty())
        return err("dimension `" + d.id + "` has a bad or repeated category index for `" + code +
                   "`");
      auto lab = draft.labels.find(code);
      if (lab != draft.labels.end()) {
        d.labels[pos] = lab->second;
        ++labelled;
      }
      d.codes[pos] = std::move(code);
    }
    if (labelled != draft.labels.size())  // rare: the search below runs only then
      for (const auto& [code, label] : draft.labels)
        if (std::find(d.codes.begin(), d.codes.end(), code) == d.codes.end())
          return err("dimension `" + d.id + "` has a label for `" + code +
                     "`, which is not one of its categories");
    if (sizes_[i] != 0 && cube > Observation::kIndexMask / sizes_[i])
      return err("cube too large to address (" + std::to_string(ids_.size()) + " dimensions)");
    cube *= sizes_[i];
    ds_.dimensions.push_back(std::move(d));
  }
  if (ds_.updated.empty()) ds_.updated = update_data_;
  for (auto [role, ids, name] : {std::tuple{&ds_.time_role, &role_time_, "time"},
                                 std::tuple{&ds_.geo_role, &role_geo_, "geo"}}) {
    for (const std::string& id : *ids)
      if (std::find(ids_.begin(), ids_.end(), id) == ids_.end())
        return err(std::string("`role.") + name + "` names `" + id +
                   "`, which is not a dimension of the dataset");
    if (!ids->empty()) *role = ids->front();
  }
  // Dense arrays must cover the cube exactly (the format's rule; a shorter
  // one would silently drop the last cells).
  if (value_array_ && value_len_ != cube)
    return err("`value` has " + count_of(value_len_, "entry", "entries") + " but the cube has " +
               count_of(cube, "cell", "cells") + " (the product of `size`)");
  if (status_array_ && status_len_ != cube && status_len_ != 1)
    return err("`status` has " + count_of(status_len_, "entry", "entries") + " but the cube has " +
               count_of(cube, "cell", "cells") +
               "; a status array has one entry per cell, or a single one for all");
  // One status for every value: a plain string, or an array of one.
  uint32_t status_all = 0;
  if (!status_all_.empty()) status_all = intern(status_all_);
  if (status_array_ && status_len_ == 1 && cube != 1) {
    if (!statuses_.empty()) status_all = statuses_.front().second;
    statuses_.clear();
  }
  if (!value_texts_.empty()) {
    // Text values go first so that a status given for the same cell wins.
    statuses_.insert(statuses_.begin(), value_texts_.begin(), value_texts_.end());
    value_texts_.clear();
    value_texts_.shrink_to_fit();
  }

  normalize_observations(ds_);
  if (status_all != 0)
    for (Observation& o : ds_.observations)
      if (o.has_value()) o = Observation::make(o.index(), true, o.value, status_all);
  if (!statuses_.empty()) {
    // Merge the flags into the observations in place: flags on cells that
    // have a value are set where they stand; flag-only cells are appended,
    // then everything is merged from the back (no second array).
    auto by_pos = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(statuses_.begin(), statuses_.end(), by_pos))
      std::stable_sort(statuses_.begin(), statuses_.end(), by_pos);
    auto& obs = ds_.observations;
    const size_t n = obs.size();
    size_t i = 0;
    std::vector<Observation> flag_only;
    for (const auto& [pos, flag] : statuses_) {
      while (i < n && obs[i].index() < pos) ++i;
      if (i < n && obs[i].index() == pos) {
        obs[i] = Observation::make(pos, obs[i].has_value(), obs[i].value, flag);
      } else if (!flag_only.empty() && flag_only.back().index() == pos) {
        flag_only.back() =
            Observation::make(pos, false, 0, flag);  // a repeated key: the later one wins
      } else {
        flag_only.push_back(Observation::make(pos, false, 0, flag));
      }
    }
    statuses_.clear();
    statuses_.shrink_to_fit();
    if (!flag_only.empty()) {
      obs.resize(n + flag_only.size());
      size_t a = n, b = flag_only.size(), out = obs.size();
      while (b > 0) {
        if (a > 0 && obs[a - 1].index() > flag_only[b - 1].index())
          obs[--out] = obs[--a];
        else
          obs[--out] = flag_only[--b];
      }
    }
  }
  if (!ds_.observations.empty() && ds_.observations.back().index() >= cube)
    return err("`value` or `status` index " + std::to_string(ds_.observations.back().index()) +
               " is outside the cube of " + std::to_string(cube) + " cells");
  return Status::Ok();
}

// Finds the datasets a bundle or collection embeds, as byte ranges of the
// body, so that each is then read by Handler as if it stood alone. A bundle
// (JSON-stat 1.x, or the 2.0 response without `class`) holds datasets as the
// root's members; a collection holds them in `link.item[]`, embedded when
// they carry `dimension` or `value`. Nothing deeper is looked at (a
// collection inside a collection is counted, not opened).
class Locator {
 public:
  struct Part {
    size_t begin = 0, end = 0;
    bool item = false;      // link.item[] of a collection; else a root member
    bool has_data = false;  // holds `dimension` or `value`
    std::string name, cls, href, label;
  };
  std::vector<Part> parts;
  std::string root_class, root_version;
  const JsonScanner<Locator>* scanner = nullptr;

  bool StartObject() { return open(false); }
  bool StartArray() { return open(true); }
  bool EndObject() { return close(); }
  bool EndArray() { return close(); }
  bool Key(std::string_view k) {
    Frame& f = stack_.back();
    f.key.assign(k);
    if (f.part >= 0 && (k == "dimension" || k == "value")) parts[f.part].has_data = true;
    return true;
  }
  bool String(std::string_view s) {
    Frame& f = stack_.back();
    if (f.array) return true;
    if (stack_.size() == 1 && f.key == "class") root_class.assign(s);
    if (stack_.size() == 1 && f.key == "version") root_version.assign(s);
    if (f.part >= 0) {
      Part& p = parts[f.part];
      if (f.key == "class") p.cls.assign(s);
      if (f.key == "href") p.href.assign(s);
      if (f.key == "label") p.label.assign(s);
    }
    return true;
  }
  bool Number(std::string_view) { return true; }
  bool Bool(bool) { return true; }
  bool Null() { return true; }
  // The values of an embedded dataset are skipped in the tight loop.
  bool WantsIndexed() const {
    return stack_.size() >= 2 && stack_[stack_.size() - 2].part >= 0 &&
           (stack_[stack_.size() - 2].key == "value" || stack_[stack_.size() - 2].key == "status");
  }
  bool Indexed(uint64_t, JsonKind, std::string_view) { return true; }

 private:
  struct Frame {
    bool array = false;
    int part = -1;  // index into parts when this object is a candidate
    std::string key;
  };

  bool open(bool array) {
    Frame f{array, -1, {}};
    const size_t depth = stack_.size();  // of the parent
    const bool member = depth == 1 && !stack_[0].array;
    const bool item =
        depth == 3 && stack_[0].key == "link" && stack_[1].key == "item" && stack_[2].array;
    if (!array && (member || item)) {
      Part p;
      p.begin = scanner->offset() - 1;  // the '{' was just read
      p.item = item;
      if (member) p.name = stack_[0].key;
      f.part = static_cast<int>(parts.size());
      parts.push_back(std::move(p));
    }
    stack_.push_back(std::move(f));
    return true;
  }
  bool close() {
    if (stack_.back().part >= 0) parts[stack_.back().part].end = scanner->offset();
    stack_.pop_back();
    return true;
  }

  std::vector<Frame> stack_;
};

// What one dataset object yields: the dataset, or (for a root that is not
// one) what the root says it is.
struct RootRead {
  bool is_dataset = false;
  std::string cls, version;
};

// The scanner's error. Valid JSON that the indexed loop cannot take is
// invalid JSON-stat, not malformed JSON.
Error scan_error(const std::string& source, const std::string& why) {
  if (why.rfind("nested container", 0) == 0)
    return make_error(ErrorKind::kParse, source +
                                             ": not valid JSON-stat: `value` or `status` holds "
                                             "an object or array (" +
                                             why + ")");
  if (why.rfind("member name is not an index", 0) == 0)
    return make_error(ErrorKind::kParse, source +
                                             ": not valid JSON-stat: `value` or `status` is an "
                                             "object whose keys are not cell positions (" +
                                             why + ")");
  return make_error(ErrorKind::kParse, source + ": malformed JSON: " + why);
}

Result<Dataset> read_dataset(std::string_view s, const std::string& source, RootRead& root) {
  Dataset ds;
  // A JSON-stat value takes at least 6 bytes ("1":1,), so this never
  // reallocates; pages of the reserve that are not written stay virtual.
  ds.observations.reserve(std::min<size_t>(s.size() / 6 + 1, kMaxObservations));
  Handler handler(ds);
  JsonScanner<Handler> scanner(s, handler);
  bool scanned = scanner.scan();
  if (handler.saw_error_section && (handler.error_body.status || !handler.error_body.label.empty()))
    return error_body_to_error(handler.error_body, source);
  if (!scanned && handler.too_large)
    return make_error(ErrorKind::kTooLarge, source + ": " + handler.failure);
  if (!scanned && !handler.failure.empty())
    return make_error(ErrorKind::kParse, source + ": not valid JSON-stat: " + handler.failure);
  if (!scanned) return scan_error(source, scanner.error());
  root.cls = handler.doc_class;
  root.version = handler.version();
  root.is_dataset = handler.is_dataset();
  if (!root.is_dataset) return ds;
  Status st = handler.finish(source);
  if (!st.ok()) return st.error();
  return ds;
}

// "https://json-stat.org/samples/oecd.json?x=1" -> "oecd".
std::string code_from_href(std::string_view href) {
  href = href.substr(0, std::min(href.find('?'), href.find('#')));
  while (!href.empty() && href.back() == '/') href.remove_suffix(1);
  href = href.substr(href.find_last_of('/') + 1);
  href = href.substr(0, href.find('.'));
  return to_lower(href);
}

}  // namespace

Result<JsonStatDocument> parse_jsonstat_document(std::string_view body, const std::string& source) {
  std::string_view s = trim(strip_bom(body));
  if (s.empty())
    return make_error(ErrorKind::kParse, source + ": empty body where JSON-stat was expected");
  if (looks_like_html(s))
    return make_error(
        ErrorKind::kParse,
        source + ": got an HTML page where JSON-stat was expected (" + describe_html(s) + ")");
  if (s.front() == '<') {
    if (auto fault = parse_soap_fault(s)) return fault_to_error(*fault, source);
    return make_error(ErrorKind::kParse, source + ": got XML where JSON-stat was expected");
  }
  JsonStatDocument doc;
  RootRead root;
  auto first = read_dataset(s, source, root);
  if (!first.ok()) return first.error();
  if (root.is_dataset) {
    doc.what = "a JSON-stat " + root.version + " dataset";
    doc.datasets.push_back(std::move(first).value());
    return doc;
  }
  if (root.cls == "dimension")
    return make_error(ErrorKind::kParse,
                      source + ": a JSON-stat dimension, not a dataset: it holds no values");
  if (!root.cls.empty() && root.cls != "collection" && root.cls != "bundle")
    return make_error(ErrorKind::kParse, source + ": JSON-stat class is \"" + root.cls +
                                             "\"; expected \"dataset\" or \"collection\"");

  // A bundle or a collection: a second pass finds its datasets.
  Locator loc;
  JsonScanner<Locator> scanner(s, loc);
  loc.scanner = &scanner;
  if (!scanner.scan()) return scan_error(source, scanner.error());
  const bool collection = root.cls == "collection";
  size_t items = 0, nested = 0;
  std::vector<const Locator::Part*> found;
  for (const Locator::Part& p : loc.parts) {
    if (p.item != collection) continue;
    ++items;
    if (p.cls == "collection") ++nested;
    if (p.has_data && p.cls != "collection") found.push_back(&p);
  }
  if (collection) {
    doc.what = "a JSON-stat " + root.version + " collection of " +
               count_of(items, "item", "items") + ", " +
               (found.empty() ? std::string("none") : std::to_string(found.size())) +
               (found.size() == 1 ? " of them an embedded dataset" : " of them embedded datasets");
    if (nested) doc.what += " (" + count_of(nested, "collection", "collections") + " not opened)";
  } else {
    doc.what = "a JSON-stat 1.x bundle of " + count_of(found.size(), "dataset", "datasets");
  }
  if (found.empty() && !collection)
    return make_error(ErrorKind::kParse,
                      source + ": not a JSON-stat dataset (no `id`, `size` or `dimension`)");
  if (found.empty())
    return make_error(ErrorKind::kParse,
                      source + ": " + doc.what +
                          ": nothing to import (the items are links; fetch them one by one)");
  uint64_t cells = 0;
  for (size_t i = 0; i < found.size(); ++i) {
    const Locator::Part& p = *found[i];
    const std::string name = !p.name.empty()    ? p.name
                             : !p.label.empty() ? p.label
                                                : "item " + std::to_string(i + 1);
    const std::string where = source + " (" + doc.what + "; dataset \"" + name + "\")";
    RootRead inner;
    auto ds = read_dataset(s.substr(p.begin, p.end - p.begin), where, inner);
    if (!ds.ok()) return ds.error();
    if (!inner.is_dataset)
      return make_error(ErrorKind::kParse, where + ": not a JSON-stat dataset");
    if (ds->code.empty()) ds->code = to_lower(p.name.empty() ? code_from_href(p.href) : p.name);
    cells += ds->observations.size();
    if (cells > kMaxObservations)
      return make_error(ErrorKind::kTooLarge,
                        source + ": more than " +
                            with_thousands(static_cast<long long>(kMaxObservations)) +
                            " cells in all; not read");
    doc.datasets.push_back(std::move(ds).value());
  }
  return doc;
}

Result<Dataset> parse_jsonstat(std::string_view body, const std::string& source) {
  auto doc = parse_jsonstat_document(body, source);
  if (!doc.ok()) return doc.error();
  if (doc->datasets.size() != 1)
    return make_error(
        ErrorKind::kParse,
        source + ": " + doc->what + ", not one dataset; `omvarld import FILE` stores each of them");
  return std::move(doc->datasets.front());
}

}  // namespace omvarld
