#include "parse/jsonstat_parser.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>

#include "core/text.h"
#include "parse/eurostat_errors.h"
#include "parse/json_scanner.h"

namespace omvarld {
namespace {

enum class Section { kNone, kValue, kStatus, kId, kSize, kDimension, kExtension, kError };

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
    if (kind == JsonKind::kNull) return true;
    if (pos > Observation::kIndexMask)
      return fail("index " + std::to_string(pos) + " out of range");
    if (ds_.observations.size() + statuses_.size() >= kMaxObservations) {
      too_large = true;
      return fail("more than " + with_thousands(static_cast<long long>(kMaxObservations)) +
                  " cells; not read");
    }
    if (section_ == Section::kValue) {
      std::optional<double> v;
      if (kind == JsonKind::kNumber) v = parse_double(text);
      if (!v) return fail("`value` at " + std::to_string(pos) + " is not a number");
      ds_.observations.push_back(Observation::make(pos, true, *v, 0));
      return true;
    }
    if (kind != JsonKind::kString || text.empty()) return true;
    if (text != last_flag_) {
      last_flag_.assign(text);
      last_flag_id_ = flags_.intern(text);
    }
    statuses_.emplace_back(pos, last_flag_id_);
    return true;
  }

  // Assembles the Dataset once the whole body has been read.
  Status finish(const std::string& source);

  std::string failure;
  bool too_large = false;  // failure is the cell cap, not malformed JSON
  bool saw_error_section = false;
  JsonStatErrorBody error_body;

 private:
  enum class Kind { kNull, kNumber, kString, kOther };

  bool fail(std::string why) {
    if (failure.empty()) failure = std::move(why);
    return false;
  }

  bool open(bool array) {
    if (!stack_.empty() && stack_.back().array) stack_.back().index++;
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

  std::vector<std::string> ids_;
  std::vector<uint64_t> sizes_;
  std::unordered_map<std::string, DimensionDraft> dims_;
  std::vector<std::pair<uint64_t, uint32_t>> statuses_;
  std::string annotation_type_, annotation_date_, update_data_;
};

bool Handler::scalar(Kind kind, std::string_view text) {
  const size_t depth = stack_.size();
  if (depth == 0) return fail("the body is a bare value, not a JSON object");
  switch (section_) {
    case Section::kValue:
    case Section::kStatus:
      return fail("`value` and `status` must be objects or arrays of plain values");
    case Section::kId:
      if (depth == 2 && kind == Kind::kString) ids_.emplace_back(text);
      if (depth == 2) stack_.back().index++;
      return true;
    case Section::kSize: {
      if (depth == 2) {
        uint64_t n = 0;
        if (kind != Kind::kNumber || !parse_u64(text, n))
          return fail("`size` holds something other than a whole number");
        sizes_.push_back(n);
        stack_.back().index++;
      }
      return true;
    }
    case Section::kDimension: {
      // dimension.{dim}.label | dimension.{dim}.category.index.{code} = n
      // | dimension.{dim}.category.index[n] = code | ...category.label.{code}
      if (depth == 3 && key_at(3) == "label" && kind == Kind::kString) {
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
        if (k == "class" && kind == Kind::kString && text != "dataset")
          return fail("JSON-stat class is \"" + std::string(text) + "\", expected \"dataset\"");
      }
      return true;
  }
  return true;
}

Status Handler::finish(const std::string& source) {
  auto err = [&](const std::string& why) {
    return make_error(ErrorKind::kParse, source + ": " + why);
  };
  if (ids_.empty() && sizes_.empty() && dims_.empty())
    return err("not a JSON-stat dataset (no `id`, `size` or `dimension`)");
  if (ids_.size() != sizes_.size())
    return err("`id` has " + std::to_string(ids_.size()) + " entries but `size` has " +
               std::to_string(sizes_.size()));
  // Without them no value has a place (found by fuzz_jsonstat: a value was
  // kept in a cube of no dimensions).
  if (ids_.empty()) return err("no `id` and `size`: the dataset names no dimension");
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
    for (auto& [code, pos] : draft.index) {
      if (pos >= sizes_[i] || !d.codes[pos].empty())
        return err("dimension `" + d.id + "` has a bad or repeated category index for `" + code +
                   "`");
      auto lab = draft.labels.find(code);
      if (lab != draft.labels.end()) d.labels[pos] = lab->second;
      d.codes[pos] = std::move(code);
    }
    if (sizes_[i] != 0 && cube > Observation::kIndexMask / sizes_[i])
      return err("cube too large to address (" + std::to_string(ids_.size()) + " dimensions)");
    cube *= sizes_[i];
    ds_.dimensions.push_back(std::move(d));
  }
  if (ds_.updated.empty()) ds_.updated = update_data_;

  normalize_observations(ds_);
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

}  // namespace

Result<Dataset> parse_jsonstat(std::string_view body, const std::string& source) {
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
  if (!scanned) {
    std::string why = !handler.failure.empty() ? handler.failure : scanner.error();
    return make_error(ErrorKind::kParse, source + ": malformed JSON-stat: " + why);
  }
  Status st = handler.finish(source);
  if (!st.ok()) return st.error();
  return ds;
}

}  // namespace omvarld
