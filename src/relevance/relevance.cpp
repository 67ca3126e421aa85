#include "relevance/relevance.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "core/files.h"
#include "core/text.h"
#include "parse/toml.h"

namespace omvarld {

void tokenize_into(std::string_view text, std::string& buf, std::vector<std::string_view>& words) {
  buf.clear();
  words.clear();
  buf.reserve(text.size() + 1);
  // Lowered words separated by one space in buf; views are taken at the end
  // (buf does not reallocate after the reserve, but views are cheap to make).
  std::vector<std::pair<size_t, size_t>> spans;
  size_t start = std::string::npos;
  auto end_word = [&] {
    if (start != std::string::npos) spans.emplace_back(start, buf.size() - start);
    start = std::string::npos;
  };
  auto begin_word = [&] {
    if (start == std::string::npos) start = buf.size();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        begin_word();
        buf.push_back(static_cast<char>(c));
      } else if (c >= 'A' && c <= 'Z') {
        begin_word();
        buf.push_back(static_cast<char>(c + 32));
      } else {
        end_word();
      }
      continue;
    }
    // UTF-8: C3 80-9E are the Latin-1 capitals (but C3 97, ×); lower them by +0x20.
    if (c == 0xC3 && i + 1 < text.size()) {
      unsigned char n = static_cast<unsigned char>(text[i + 1]);
      if (n >= 0x80 && n <= 0x9E && n != 0x97) n += 0x20;
      begin_word();
      buf.push_back(static_cast<char>(c));
      buf.push_back(static_cast<char>(n));
      ++i;
      continue;
    }
    // Punctuation from U+2000-U+206F (dashes, quotes) separates words.
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      end_word();
      i += 2;
      continue;
    }
    begin_word();
    buf.push_back(static_cast<char>(c));  // other letters, kept as they are
  }
  end_word();
  for (const auto& [off, len] : spans) words.emplace_back(buf.data() + off, len);
}

std::vector<std::string> tokenize(std::string_view text) {
  std::string buf;
  std::vector<std::string_view> words;
  tokenize_into(text, buf, words);
  return std::vector<std::string>(words.begin(), words.end());
}

Result<RelevanceRules> parse_relevance_rules(const std::string& text, const std::string& name) {
  auto parsed = parse_toml(text, name);
  if (!parsed.ok()) return parsed.error();
  toml::table& t = *parsed;
  RelevanceRules r;
  r.title_weight = t["fields"]["title"].value_or(r.title_weight);
  r.topics_weight = t["fields"]["topics"].value_or(r.topics_weight);
  r.summary_weight = t["fields"]["summary"].value_or(r.summary_weight);
  r.flag_threshold = t["flag_threshold"].value_or(r.flag_threshold);
  r.look_threshold = t["look_threshold"].value_or(r.look_threshold);
  if (r.look_threshold < 1 || r.look_threshold > r.flag_threshold)
    return make_error(ErrorKind::kUsage, name +
                                             ": look_threshold must be between 1 and "
                                             "flag_threshold");
  r.urgent_days = t["urgent_days"].value_or(r.urgent_days);
  const toml::array* themes = t["theme"].as_array();
  if (!themes || themes->empty())
    return make_error(ErrorKind::kUsage, name + ": no [[theme]] entries");
  std::set<std::string> ids;
  for (size_t k = 0; k < themes->size(); ++k) {
    const toml::table* th = (*themes)[k].as_table();
    std::string ctx = name + ": theme " + std::to_string(k + 1);
    if (!th) return make_error(ErrorKind::kUsage, ctx + " is not a table");
    Theme theme;
    theme.id = (*th)["id"].value_or(std::string());
    if (theme.id.empty()) return make_error(ErrorKind::kUsage, ctx + " has no id");
    if (!ids.insert(theme.id).second)
      return make_error(ErrorKind::kUsage, ctx + ": id " + theme.id + " used twice");
    theme.label_en = (*th)["label_en"].value_or(theme.id);
    theme.label_sv = (*th)["label_sv"].value_or(theme.label_en);
    theme.committee = (*th)["committee"].value_or(std::string());
    theme.weight = (*th)["weight"].value_or(1.0);
    for (auto [key, list] : {std::pair{"terms_en", &theme.terms},
                             {"terms_sv", &theme.terms_sv},
                             {"weak_en", &theme.weak},
                             {"weak_sv", &theme.weak_sv}})
      if (const toml::array* a = (*th)[key].as_array())
        for (const auto& e : *a)
          if (auto s = e.value<std::string>()) list->push_back(*s);
    if (const toml::array* a = (*th)["negative"].as_array())
      for (const auto& e : *a)
        if (auto s = e.value<std::string>()) theme.negative.push_back(*s);
    if (theme.terms.empty() && theme.terms_sv.empty())
      return make_error(ErrorKind::kUsage, ctx + " (" + theme.id + ") has no terms");
    r.themes.push_back(std::move(theme));
  }
  if (const toml::array* progs = t["programme"].as_array()) {
    for (size_t k = 0; k < progs->size(); ++k) {
      const toml::table* p = (*progs)[k].as_table();
      const std::string ctx = name + ": programme " + std::to_string(k + 1);
      if (!p) return make_error(ErrorKind::kUsage, ctx + " is not a table");
      Programme prog;
      prog.pattern = (*p)["pattern"].value_or(std::string());
      prog.label = (*p)["label"].value_or(prog.pattern);
      prog.none = (*p)["none"].value_or(false);
      prog.theme = (*p)["theme"].value_or(std::string());
      const std::string field = (*p)["field"].value_or(std::string("topics"));
      if (prog.pattern.empty()) return make_error(ErrorKind::kUsage, ctx + " has no pattern");
      if (field != "title" && field != "topics")
        return make_error(ErrorKind::kUsage, ctx + ": field is title or topics");
      prog.field = field == "title" ? 0 : 1;
      if (!prog.none && !ids.count(prog.theme))
        return make_error(ErrorKind::kUsage,
                          ctx + " (" + prog.pattern + "): no theme \"" + prog.theme + "\"");
      r.programmes.push_back(std::move(prog));
    }
  }
  r.version = fnv1a_hex(text);
  return r;
}

Urgency urgency_at(int64_t now, const RelevanceRules* rules) {
  return Urgency{now, rules ? rules->urgent_days : kDefaultUrgentDays};
}

Result<RelevanceRules> load_relevance_rules(const std::string& path) {
  auto text = read_file(path, "relevance rules");
  if (!text.ok()) return text.error();
  return parse_relevance_rules(*text, path);
}

namespace {

// Words that say which language an item is written in: English +1, Swedish -1.
int function_word(std::string_view w) {
  static constexpr std::string_view kEnglish[] = {"the", "of",   "and", "to",   "for", "on",
                                                  "in",  "with", "by",  "from", "or",  "an"};
  static constexpr std::string_view kSwedish[] = {
      "och", "att", "för", "av",   "på",    "med", "som",  "till", "om",  "inte",  "är",
      "det", "den", "ett", "från", "eller", "vid", "samt", "inom", "mot", "efter", "genom"};
  for (std::string_view e : kEnglish)
    if (w == e) return 1;
  for (std::string_view e : kSwedish)
    if (w == e) return -1;
  return 0;
}

bool starts_with(std::string_view word, std::string_view prefix) {
  return word.size() >= prefix.size() && word.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

RelevanceScorer::RelevanceScorer(RelevanceRules rules)
    : rules_(std::move(rules)),
      stemmers_{Stemmer(StemLanguage::kEnglish), Stemmer(StemLanguage::kSwedish)} {
  for (int t = 0; t < static_cast<int>(rules_.themes.size()); ++t) {
    const Theme& th = rules_.themes[t];
    // {list, language, kind}: kind 0 terms, 1 weak terms, 2 negative terms
    const std::tuple<const std::vector<std::string>*, int, int> lists[] = {{&th.terms, 0, 0},
                                                                           {&th.terms_sv, 1, 0},
                                                                           {&th.weak, 0, 1},
                                                                           {&th.weak_sv, 1, 1},
                                                                           {&th.negative, 0, 2}};
    for (const auto& [list, language, kind] : lists)
      for (const std::string& text : *list) {
        Term term;
        std::string s = text;
        term.exact = !s.empty() && s.front() == '=';
        if (term.exact) s.erase(0, 1);
        term.prefix = !s.empty() && s.back() == '*';
        if (term.prefix) s.pop_back();
        term.words = tokenize(s);
        if (term.words.empty()) continue;
        term.language = language;
        for (const std::string& w : term.words)
          term.stems.push_back(term.exact ? w : stemmers_[term.language].stem(w));
        term.theme = t;
        term.negative = kind == 2;
        term.value = kind == 1 ? kWeakTermValue : 1.0;
        term.text = term.exact ? s : text;
        terms_.push_back(std::move(term));
      }
  }
  for (int i = 0; i < static_cast<int>(terms_.size()); ++i) {
    const Term& term = terms_[i];
    if (term.prefix && term.words.size() == 1) {
      const std::string& w = term.words[0];
      if (w.size() < 3)
        short_prefixes_.push_back(i);
      else
        prefix_by_head_[w.substr(0, 3)].push_back(i);
      continue;
    }
    if (term.exact) {
      by_first_[3][term.words[0]].push_back(i);
    } else if (term.language == 0) {
      by_first_[0][term.stems[0]].push_back(i);
    } else {
      by_first_[1][term.stems[0]].push_back(i);
      by_first_[2][term.words[0]].push_back(i);
    }
  }
}

const RelevanceScorer::WordInfo& RelevanceScorer::word_info(std::string_view word) const {
  auto it = words_.find(word);
  if (it != words_.end()) return it->second;
  WordInfo info;
  for (int l = 0; l < 2; ++l) info.stem[l] = stemmers_[l].stem(word);
  auto lookup = [](const WordMap& map, std::string_view key) -> const std::vector<int>* {
    auto m = map.find(key);
    return m == map.end() ? nullptr : &m->second;
  };
  info.first[0] = lookup(by_first_[0], info.stem[0]);
  info.first[1] = lookup(by_first_[1], info.stem[1]);
  info.first[2] = lookup(by_first_[2], word);
  info.first[3] = lookup(by_first_[3], word);
  if (word.size() >= 3) info.prefix = lookup(prefix_by_head_, word.substr(0, 3));
  info.function_word = function_word(word);
  for (std::string_view letter : {"å", "ä", "ö"})
    info.swedish_letters |= word.find(letter) != std::string_view::npos;
  return words_.emplace(std::string(word), std::move(info)).first->second;
}

void RelevanceScorer::match(const Field& f, int field, bool swedish, std::vector<Hit>& hits) const {
  const auto& words = f.words;
  // Does the k-th word of `term` match the item's word at `w`?
  auto word_matches = [&](const Term& term, size_t k, size_t w) {
    if (term.prefix && k + 1 == term.words.size()) return starts_with(words[w], term.words[k]);
    if (term.exact || (term.language == 1 && !swedish)) return words[w] == term.words[k];
    return f.info[w]->stem[term.language] == term.stems[k];
  };
  for (size_t w = 0; w < words.size(); ++w) {
    const WordInfo& info = *f.info[w];
    // English stems; Swedish stems or words as written; exact words.
    const std::vector<int>* lists[3] = {info.first[0], info.first[swedish ? 1 : 2], info.first[3]};
    for (const std::vector<int>* list : lists) {
      if (!list) continue;
      for (int t : *list) {
        const Term& term = terms_[t];
        if (w + term.words.size() > words.size()) continue;
        bool ok = true;
        for (size_t k = 1; k < term.words.size() && ok; ++k) ok = word_matches(term, k, w + k);
        if (ok) hits.push_back(Hit{field, t, static_cast<int>(w)});
      }
    }
    if (info.prefix)
      for (int t : *info.prefix)
        if (starts_with(words[w], terms_[t].words[0]))
          hits.push_back(Hit{field, t, static_cast<int>(w)});
    for (int t : short_prefixes_)
      if (starts_with(words[w], terms_[t].words[0]))
        hits.push_back(Hit{field, t, static_cast<int>(w)});
  }
}

namespace {

// '*' matches any run of characters; everything else itself. Iterative.
bool glob_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

const Programme* RelevanceScorer::programme(std::string_view identifiers) const {
  for (std::string_view id : split(identifiers, ' '))
    if (!id.empty())
      for (const Programme& p : rules_.programmes)
        if (glob_match(p.pattern, id)) return &p;
  return nullptr;
}

Relevance RelevanceScorer::score(std::string_view title, std::string_view topics,
                                 std::string_view summary, std::string_view identifiers) const {
  const Programme* prog = rules_.programmes.empty() ? nullptr : programme(identifiers);
  if (prog && prog->none) return Relevance{};
  if (words_.size() > kMaxCachedWords) words_.clear();
  const std::string_view texts[3] = {title, topics, summary};
  int language = 0;  // > 0 English, < 0 Swedish
  bool swedish_letters = false;
  for (int f = 0; f < 3; ++f) {
    Field& field = fields_[f];
    tokenize_into(texts[f], field.buffer, field.words);
    field.info.clear();
    for (std::string_view w : field.words) {
      field.info.push_back(&word_info(w));
      language += field.info.back()->function_word;
      swedish_letters |= field.info.back()->swedish_letters;
    }
  }
  const bool swedish = language < 0 || (language == 0 && swedish_letters);
  std::vector<Hit>& hits = hits_;
  hits.clear();
  for (int f = 0; f < 3; ++f) match(fields_[f], f, swedish, hits);
  Relevance out;
  if (hits.empty() && !prog) return out;
  // Group by theme, field and word position: where several terms of a theme
  // start at the same word ("digital" and "digital*"), only the strongest counts.
  std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    int ta = terms_[a.term].theme, tb = terms_[b.term].theme;
    if (ta != tb) return ta < tb;
    if (a.field != b.field) return a.field < b.field;
    if (a.position != b.position) return a.position < b.position;
    if (terms_[a.term].negative != terms_[b.term].negative) return terms_[a.term].negative;
    return terms_[a.term].value > terms_[b.term].value;
  });
  const double weights[3] = {rules_.title_weight, rules_.topics_weight, rules_.summary_weight};
  double total = 0;
  bool any_term = false;
  for (size_t i = 0; i < hits.size();) {
    const int theme = terms_[hits[i].term].theme;
    ThemeMatch m;
    m.theme = rules_.themes[theme].id;
    bool negative = false, has_term = false;
    double points = 0;
    std::vector<double> values[3];
    std::vector<std::string> seen;  // term texts already listed for a field
    int last_field = -1, last_position = -1;
    for (; i < hits.size() && terms_[hits[i].term].theme == theme; ++i) {
      const Hit& h = hits[i];
      const Term& term = terms_[h.term];
      if (term.negative) {
        negative = true;
        continue;
      }
      if (h.field == last_field && h.position == last_position)
        continue;  // a weaker term at the same word
      last_field = h.field;
      last_position = h.position;
      has_term |= term.value >= 1.0;
      values[h.field].push_back(term.value);
      auto& list = h.field == 0 ? m.title_terms : h.field == 1 ? m.topic_terms : m.summary_terms;
      if (std::find(list.begin(), list.end(), term.text) == list.end()) list.push_back(term.text);
    }
    // Per field: the strongest match counts fully, the next two half each.
    for (int f = 0; f < 3; ++f) {
      std::sort(values[f].rbegin(), values[f].rend());
      for (size_t k = 0; k < values[f].size() && k < 3; ++k)
        points += weights[f] * values[f][k] * (k == 0 ? 1.0 : 0.5);
    }
    if (!negative && points > 0) any_term |= has_term;
    if (negative || points == 0) continue;
    m.points = points * rules_.themes[theme].weight * 10.0;
    total += m.points;
    out.themes.push_back(std::move(m));
  }
  if (prog) {
    // The programme counts as one term of its theme in its field, beside
    // what the text matched (a negative of the theme still cancels it).
    auto it = std::find_if(out.themes.begin(), out.themes.end(),
                           [&](const ThemeMatch& m) { return m.theme == prog->theme; });
    bool cancelled = false;
    for (const Hit& h : hits)
      cancelled |= terms_[h.term].negative && rules_.themes[terms_[h.term].theme].id == prog->theme;
    if (!cancelled) {
      double weight = 1.0;
      for (const Theme& th : rules_.themes)
        if (th.id == prog->theme) weight = th.weight;
      const double points = (prog->field == 0 ? weights[0] : weights[1]) * weight * 10.0;
      if (it == out.themes.end()) {
        out.themes.push_back(ThemeMatch{prog->theme, 0, {}, {}, {}});
        it = out.themes.end() - 1;
      }
      it->points += points;
      (prog->field == 0 ? it->title_terms : it->topic_terms).push_back("programme " + prog->label);
      total += points;
      any_term = true;
    }
  }
  std::stable_sort(out.themes.begin(), out.themes.end(),
                   [](const ThemeMatch& a, const ThemeMatch& b) { return a.points > b.points; });
  out.score = static_cast<int>(std::lround(std::min(100.0, total)));
  out.flagged = out.score >= rules_.flag_threshold && any_term;
  out.grade = out.flagged                          ? Grade::kFlag
              : out.score >= rules_.look_threshold ? Grade::kLook
                                                   : Grade::kNone;
  if (!out.themes.empty())
    for (const Theme& th : rules_.themes)
      if (th.id == out.themes[0].theme) out.committee = th.committee;
  return out;
}

const char* grade_name(Grade g) {
  switch (g) {
    case Grade::kFlag:
      return "flag";
    case Grade::kLook:
      return "look";
    case Grade::kNone:
      return "none";
  }
  return "none";
}

std::optional<Grade> parse_grade(std::string_view word) {
  for (Grade g : {Grade::kFlag, Grade::kLook, Grade::kNone})
    if (word == grade_name(g)) return g;
  return std::nullopt;
}

std::string Relevance::why() const {
  std::string out;
  for (const ThemeMatch& m : themes) {
    if (!out.empty()) out += "; ";
    out += m.theme + " (";
    bool first = true;
    for (auto [field, terms] :
         {std::pair<const char*, const std::vector<std::string>*>{"title", &m.title_terms},
          {"topics", &m.topic_terms},
          {"summary", &m.summary_terms}}) {
      if (terms->empty()) continue;
      if (!first) out += "; ";
      first = false;
      out += std::string(field) + ": ";
      for (size_t i = 0; i < terms->size(); ++i) out += (i ? ", " : "") + (*terms)[i];
    }
    out += ")";
  }
  return out;
}

std::string Relevance::theme_ids() const {
  std::string out;
  for (const ThemeMatch& m : themes) out += (out.empty() ? "" : "\n") + m.theme;
  return out;
}

}  // namespace omvarld
