#include "eurostat/jsonstat_parser.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>

#include "core/text.h"
#include "eurostat/eurostat_errors.h"

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

// The SAX handler. Its events follow RapidJSON's Handler concept.
class Handler {
 public:
  explicit Handler(Dataset& ds) : ds_(ds), flags_(ds) {}

  bool Null() { return scalar(Kind::kNull, {}); }
  bool Bool(bool) { return scalar(Kind::kOther, {}); }
  bool Int(int) { return fail("unexpected integer event"); }
  bool Uint(unsigned) { return fail("unexpected integer event"); }
  bool Int64(int64_t) { return fail("unexpected integer event"); }
  bool Uint64(uint64_t) { return fail("unexpected integer event"); }
  bool Double(double) { return fail("unexpected number event"); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    return scalar(Kind::kNumber, std::string_view(s, n));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return scalar(Kind::kString, std::string_view(s, n));
  }
  bool StartObject() { return open(false); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    std::string_view k(s, n);
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
    if (stack_.size() == 2 && (section_ == Section::kValue || section_ == Section::kStatus)) {
      if (!parse_u64(k, pending_index_))
        return fail("`" + std::string(section_ == Section::kValue ? "value" : "status") +
                    "` has a key that is not an index: \"" + std::string(k) + "\"");
      return true;
    }
    stack_.back().key.assign(k);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(true); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  // Assembles the Dataset once the whole body has been read.
  Status finish(const std::string& source);

  std::string failure;
  bool saw_error_section = false;
  JsonStatErrorBody error_body;

 private:
  enum class Kind { kNull, kNumber, kString, kOther };

  bool fail(std::string why) {
    if (failure.empty()) failure = std::move(why);
    return false;
  }

  // Position of the current element within its container and advances it.
  uint64_t take_position() {
    Frame& f = stack_.back();
    if (f.array) return f.index++;
    return pending_index_;
  }

  bool open(bool array) {
    if (!stack_.empty() && stack_.back().array) stack_.back().index++;
    if (section_ == Section::kExtension && stack_.size() == 3) {
      annotation_type_.clear();  // a new extension.annotation[] entry
      annotation_date_.clear();
    }
    stack_.push_back(Frame{array, 0, {}});
    if (stack_.size() > 64) return fail("JSON nested too deeply");
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
  std::vector<Frame> stack_;
  Section section_ = Section::kNone;
  uint64_t pending_index_ = 0;

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
    case Section::kValue: {
      if (depth != 2) return fail("`value` holds a nested container");
      uint64_t pos = take_position();
      if (kind == Kind::kNull) return true;
      std::optional<double> v = parse_double(text);
      if (!v) return fail("`value` at " + std::to_string(pos) + " is not a number");
      if (pos > Observation::kIndexMask) return fail("`value` index out of range");
      ds_.observations.push_back(Observation::make(pos, true, *v, 0));
      return true;
    }
    case Section::kStatus: {
      if (depth != 2) return fail("`status` holds a nested container");
      uint64_t pos = take_position();
      if (kind != Kind::kString || text.empty()) return true;
      if (pos > Observation::kIndexMask) return fail("`status` index out of range");
      statuses_.emplace_back(pos, flags_.intern(text));
      return true;
    }
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
      } else if (depth == 4 && key_at(2) == "status" && key_at(3) == "label" && kind == Kind::kString) {
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
  auto err = [&](const std::string& why) { return make_error(ErrorKind::kParse, source + ": " + why); };
  if (ids_.empty() && sizes_.empty() && dims_.empty())
    return err("not a JSON-stat dataset (no `id`, `size` or `dimension`)");
  if (ids_.size() != sizes_.size())
    return err("`id` has " + std::to_string(ids_.size()) + " entries but `size` has " +
               std::to_string(sizes_.size()));
  uint64_t cube = 1;
  for (size_t i = 0; i < ids_.size(); ++i) {
    auto it = dims_.find(ids_[i]);
    if (it == dims_.end()) return err("dimension `" + ids_[i] + "` is listed in `id` but not described");
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
        return err("dimension `" + d.id + "` has a bad or repeated category index for `" + code + "`");
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
    auto by_pos = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(statuses_.begin(), statuses_.end(), by_pos))
      std::stable_sort(statuses_.begin(), statuses_.end(), by_pos);
    std::vector<Observation> merged;
    merged.reserve(ds_.observations.size() + statuses_.size());
    size_t i = 0, j = 0;
    auto& obs = ds_.observations;
    while (i < obs.size() || j < statuses_.size()) {
      if (j == statuses_.size() || (i < obs.size() && obs[i].index() < statuses_[j].first)) {
        merged.push_back(obs[i++]);
      } else if (i == obs.size() || statuses_[j].first < obs[i].index()) {
        merged.push_back(Observation::make(statuses_[j].first, false, 0, statuses_[j].second));
        ++j;
      } else {
        merged.push_back(Observation::make(obs[i].index(), true, obs[i].value, statuses_[j].second));
        ++i;
        ++j;
      }
    }
    obs.swap(merged);
    statuses_.clear();
    statuses_.shrink_to_fit();
  }
  if (!ds_.observations.empty() && ds_.observations.back().index() >= cube)
    return err("`value` or `status` index " + std::to_string(ds_.observations.back().index()) +
               " is outside the cube of " + std::to_string(cube) + " cells");
  return Status::Ok();
}

}  // namespace

Result<Dataset> parse_jsonstat(std::string_view body, const std::string& source) {
  std::string_view s = trim(strip_bom(body));
  if (s.empty()) return make_error(ErrorKind::kParse, source + ": empty body where JSON-stat was expected");
  if (looks_like_html(s))
    return make_error(ErrorKind::kParse,
                      source + ": got an HTML page where JSON-stat was expected (" +
                          describe_html(s) + ")");
  if (s.front() == '<') {
    if (auto fault = parse_soap_fault(s)) return fault_to_error(*fault, source);
    return make_error(ErrorKind::kParse, source + ": got XML where JSON-stat was expected");
  }
  Dataset ds;
  Handler handler(ds);
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(s.data(), s.size());
  constexpr unsigned kFlags = rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag;
  rapidjson::ParseResult pr = reader.Parse<kFlags>(stream, handler);
  if (handler.saw_error_section && (handler.error_body.status || !handler.error_body.label.empty()))
    return error_body_to_error(handler.error_body, source);
  if (!pr) {
    std::string why = !handler.failure.empty()
                          ? handler.failure
                          : std::string(rapidjson::GetParseError_En(pr.Code())) + " at byte " +
                                std::to_string(pr.Offset());
    if (pr.Code() == rapidjson::kParseErrorObjectMissCommaOrCurlyBracket ||
        pr.Code() == rapidjson::kParseErrorArrayMissCommaOrSquareBracket ||
        pr.Code() == rapidjson::kParseErrorObjectMissName ||
        pr.Code() == rapidjson::kParseErrorStringMissQuotationMark ||
        pr.Code() == rapidjson::kParseErrorValueInvalid) {
      if (pr.Offset() >= s.size()) why += " (the body looks truncated)";
    }
    return make_error(ErrorKind::kParse, source + ": malformed JSON-stat: " + why);
  }
  Status st = handler.finish(source);
  if (!st.ok()) return st.error();
  return ds;
}

}  // namespace omvarld
