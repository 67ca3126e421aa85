#include "relevance/relevance.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
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
  r.profiles_file = t["profiles"]["file"].value_or(std::string());
  r.profile_points = t["profiles"]["points"].value_or(r.profile_points);
  r.profile_min = t["profiles"]["min_cosine"].value_or(r.profile_min);
  r.model_file = t["model"]["file"].value_or(std::string());
  r.model_flag = t["model"]["flag"].value_or(r.model_flag);
  r.model_look = t["model"]["look"].value_or(r.model_look);
  if (!(r.model_look > 0 && r.model_look <= r.model_flag && r.model_flag < 1))
    return make_error(ErrorKind::kUsage, name + ": [model] needs 0 < look <= flag < 1");
  for (const std::string* file : {&r.profiles_file, &r.model_file})
    if (file->find('/') != std::string::npos || *file == "..")
      return make_error(ErrorKind::kUsage, name + ": \"" + *file +
                                               "\": profiles and model files are named beside "
                                               "the rules, without a folder");
  if (r.profile_points < 0 || r.profile_min < 0 || r.profile_min > 1)
    return make_error(ErrorKind::kUsage,
                      name + ": [profiles] points must be >= 0 and min_cosine in 0-1");
  const toml::array* themes = t["theme"].as_array();
  if (!themes || themes->empty())
    return make_error(ErrorKind::kUsage, name + ": no [[theme]] entries");
  // Contexts that cancel every theme (RELEVANCE-POLICY.md: work outside the
  // EU is no city's), appended to each theme's own negatives.
  std::vector<std::string> everywhere;
  if (const toml::array* a = t["negative_everywhere"].as_array())
    for (const auto& e : *a)
      if (auto s = e.value<std::string>()) everywhere.push_back(*s);
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
    theme.negative.insert(theme.negative.end(), everywhere.begin(), everywhere.end());
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
      prog.weight = (*p)["weight"].value_or(1.0);
      if (prog.weight < 0 || prog.weight > 1)
        return make_error(ErrorKind::kUsage, ctx + ": weight is between 0 and 1");
      const std::string field = (*p)["field"].value_or(std::string("topics"));
      if (prog.pattern.empty()) return make_error(ErrorKind::kUsage, ctx + " has no pattern");
      if (field != "title" && field != "topics")
        return make_error(ErrorKind::kUsage, ctx + ": field is title or topics");
      prog.field = field == "title" ? 0 : 1;
      if (!prog.none && !(prog.theme.empty() && prog.weight < 1) && !ids.count(prog.theme))
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

Result<std::vector<CommitteeProfile>> parse_committee_profiles(
    const std::string& text, const std::string& name, const std::vector<std::string>& theme_ids) {
  auto parsed = parse_toml(text, name);
  if (!parsed.ok()) return parsed.error();
  std::vector<CommitteeProfile> out;
  const toml::array* list = (*parsed)["committee"].as_array();
  if (!list || list->empty())
    return make_error(ErrorKind::kUsage, name + ": no [[committee]] entries");
  for (size_t k = 0; k < list->size(); ++k) {
    const toml::table* c = (*list)[k].as_table();
    const std::string ctx = name + ": committee " + std::to_string(k + 1);
    if (!c) return make_error(ErrorKind::kUsage, ctx + " is not a table");
    CommitteeProfile p;
    p.name = (*c)["name"].value_or(std::string());
    p.theme = (*c)["theme"].value_or(std::string());
    p.remit_en = (*c)["remit_en"].value_or(std::string());
    p.remit_sv = (*c)["remit_sv"].value_or(std::string());
    p.source = (*c)["source"].value_or(std::string());
    if (p.name.empty()) return make_error(ErrorKind::kUsage, ctx + " has no name");
    if (p.remit_en.empty() || p.remit_sv.empty())
      return make_error(ErrorKind::kUsage, ctx + " (" + p.name + ") needs remit_en and remit_sv");
    if (std::find(theme_ids.begin(), theme_ids.end(), p.theme) == theme_ids.end())
      return make_error(ErrorKind::kUsage,
                        ctx + " (" + p.name + "): no theme \"" + p.theme + "\" in the rules");
    out.push_back(std::move(p));
  }
  return out;
}

Result<RelevanceRules> load_relevance_rules(const std::string& path) {
  auto text = read_file(path, "relevance rules");
  if (!text.ok()) return text.error();
  auto rules = parse_relevance_rules(*text, path);
  if (!rules.ok()) return rules.error();
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
  std::string hashed = *text;
  if (!rules->profiles_file.empty()) {
    const std::string file = dir + "/" + rules->profiles_file;
    auto profiles_text = read_file(file, "committee profiles");
    if (!profiles_text.ok()) return profiles_text.error();
    std::vector<std::string> ids;
    for (const Theme& th : rules->themes) ids.push_back(th.id);
    auto profiles = parse_committee_profiles(*profiles_text, file, ids);
    if (!profiles.ok()) return profiles.error();
    rules->profiles = std::move(profiles).value();
    hashed += *profiles_text;
  }
  if (!rules->model_file.empty()) {
    const std::string file = dir + "/" + rules->model_file;
    auto model_text = read_file(file, "relevance model");
    if (!model_text.ok()) return model_text.error();
    auto model = parse_policy_model(*model_text, file);
    if (!model.ok()) return model.error();
    rules->model = std::move(model).value();
    hashed += *model_text;
  }
  rules->version = fnv1a_hex(hashed);
  return rules;
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

// Words a remit and an item share without saying anything about the city's
// work: function words and the EU's own boilerplate, in both languages.
bool profile_stop_word(std::string_view w) {
  static constexpr std::string_view kStop[] = {"the",
                                               "of",
                                               "and",
                                               "to",
                                               "for",
                                               "on",
                                               "in",
                                               "with",
                                               "by",
                                               "from",
                                               "or",
                                               "an",
                                               "a",
                                               "as",
                                               "at",
                                               "is",
                                               "are",
                                               "be",
                                               "its",
                                               "it",
                                               "that",
                                               "this",
                                               "which",
                                               "such",
                                               "other",
                                               "their",
                                               "into",
                                               "under",
                                               "about",
                                               "new",
                                               "all",
                                               "also",
                                               "who",
                                               "what",
                                               "how",
                                               "eu",
                                               "european",
                                               "europe",
                                               "union",
                                               "commission",
                                               "regulation",
                                               "directive",
                                               "proposal",
                                               "revision",
                                               "review",
                                               "evaluation",
                                               "initiative",
                                               "rules",
                                               "amendment",
                                               "amending",
                                               "framework",
                                               "member",
                                               "states",
                                               "state",
                                               "decision",
                                               "implementing",
                                               "delegated",
                                               "act",
                                               "acts",
                                               "report",
                                               "call",
                                               "calls",
                                               "topic",
                                               "action",
                                               "actions",
                                               "2021",
                                               "2022",
                                               "2023",
                                               "2024",
                                               "2025",
                                               "2026",
                                               "2027",
                                               "2028",
                                               "och",
                                               "att",
                                               "för",
                                               "av",
                                               "på",
                                               "med",
                                               "som",
                                               "till",
                                               "om",
                                               "inte",
                                               "är",
                                               "det",
                                               "den",
                                               "ett",
                                               "en",
                                               "från",
                                               "eller",
                                               "vid",
                                               "samt",
                                               "inom",
                                               "mot",
                                               "efter",
                                               "genom",
                                               "de",
                                               "i",
                                               "så",
                                               "har",
                                               "ansvarar",
                                               "nämnden",
                                               "stadens",
                                               "staden",
                                               "stockholms",
                                               "stockholm",
                                               "city",
                                               "city's",
                                               "committee",
                                               "responsible",
                                               "responsibility",
                                               "including",
                                               "work",
                                               "arbete",
                                               "frågor",
                                               "questions",
                                               "matters"};
  for (std::string_view e : kStop)
    if (w == e) return true;
  return false;
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
  for (const auto& [feature, weight] : rules_.model.weights)
    if (feature.compare(0, 2, "s:") == 0) {
      model_index_[feature.substr(2)] = static_cast<int>(model_weights_.size());
      model_weights_.push_back(weight);
    }
  build_profiles();
}

void RelevanceScorer::build_profiles() {
  const int n = static_cast<int>(rules_.profiles.size());
  if (n == 0) return;
  // IDF over the remits (each a document): log((N + 1) / (df + 0.5)); a word
  // no remit has gets the largest, as if its df were 0.
  unknown_idf_ = static_cast<float>(std::log((n + 1) / 0.5));
  for (int l = 0; l < 2; ++l) {
    std::vector<std::unordered_map<std::string, int>> tf(static_cast<size_t>(n));
    std::unordered_map<std::string, int> df;
    for (int p = 0; p < n; ++p) {
      const CommitteeProfile& prof = rules_.profiles[static_cast<size_t>(p)];
      for (const std::string& w : tokenize(l == 0 ? prof.remit_en : prof.remit_sv)) {
        if (profile_stop_word(w) || !policy_word(w)) continue;
        if (tf[static_cast<size_t>(p)][stemmers_[l].stem(w)]++ == 0) df[stemmers_[l].stem(w)]++;
      }
    }
    for (const auto& [stem, d] : df)
      profile_idf_[l][stem] = static_cast<float>(std::log((n + 1) / (d + 0.5)));
    for (int p = 0; p < n; ++p) {
      // (1 + log tf) * idf, normalised to length 1.
      double norm = 0;
      std::vector<std::pair<std::string, double>> weights;
      for (const auto& [stem, count] : tf[static_cast<size_t>(p)]) {
        const double w = (1 + std::log(count)) * profile_idf_[l][stem];
        weights.emplace_back(stem, w);
        norm += w * w;
      }
      norm = std::sqrt(norm);
      if (norm == 0) continue;
      for (const auto& [stem, w] : weights)
        profile_postings_[l][stem].emplace_back(p, static_cast<float>(w / norm));
    }
  }
  profile_dot_.assign(static_cast<size_t>(n), 0);
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
  if (policy_word(word)) {
    auto m = model_index_.find(info.stem[0]);
    if (m != model_index_.end()) info.model_feature = m->second;
  }
  if (!rules_.profiles.empty() && !profile_stop_word(word) && policy_word(word))
    for (int l = 0; l < 2; ++l) {
      auto idf = profile_idf_[l].find(info.stem[l]);
      info.idf[l] = idf == profile_idf_[l].end() ? unknown_idf_ : idf->second;
      auto post = profile_postings_[l].find(info.stem[l]);
      if (post != profile_postings_[l].end()) info.profile[l] = &post->second;
    }
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

double RelevanceScorer::add_profile(bool swedish, Relevance& out) const {
  const int l = swedish ? 1 : 0;
  std::fill(profile_dot_.begin(), profile_dot_.end(), 0.0);
  double norm = 0;
  // Term counts are linear (each occurrence adds its IDF) and the title counts
  // twice: titles are short and say what the item is.
  for (int f = 0; f < 3; ++f) {
    const double fw = f == 0 ? 2.0 : 1.0;
    for (const WordInfo* info : fields_[f].info) {
      if (info->idf[l] == 0) continue;
      const double w = fw * info->idf[l];
      norm += w * w;
      if (info->profile[l])
        for (const auto& [p, pw] : *info->profile[l])
          profile_dot_[static_cast<size_t>(p)] += w * pw;
    }
  }
  if (norm == 0) return 0;
  const auto best = std::max_element(profile_dot_.begin(), profile_dot_.end());
  const double cosine = *best / std::sqrt(norm);
  if (cosine < rules_.profile_min) return 0;
  const int p = static_cast<int>(best - profile_dot_.begin());
  const CommitteeProfile& prof = rules_.profiles[static_cast<size_t>(p)];
  auto it = std::find_if(out.themes.begin(), out.themes.end(),
                         [&](const ThemeMatch& m) { return m.theme == prof.theme; });
  if (it == out.themes.end()) {
    out.themes.push_back(ThemeMatch{prof.theme, 0, {}, {}, {}, {}, {}});
    it = out.themes.end() - 1;
  }
  it->profile = prof.name;
  for (int f = 0; f < 3; ++f)
    for (size_t k = 0; k < fields_[f].info.size(); ++k) {
      const WordInfo* info = fields_[f].info[k];
      if (!info->profile[l]) continue;
      if (it->profile_words.size() >= 4) break;
      bool has = false;
      for (const auto& post : *info->profile[l]) has |= post.first == p;
      const std::string_view word = fields_[f].words[k];
      if (has && std::find(it->profile_words.begin(), it->profile_words.end(), word) ==
                     it->profile_words.end())
        it->profile_words.emplace_back(word);
    }
  const double points = rules_.profile_points * cosine;
  it->points += points;
  return points;
}

double RelevanceScorer::model_probability(std::string_view identifiers,
                                          std::vector<std::string>& words) const {
  auto& seen = model_scratch_;
  seen.clear();
  for (int f = 0; f < 3; ++f)
    for (size_t k = 0; k < fields_[f].info.size(); ++k)
      if (fields_[f].info[k]->model_feature >= 0)
        seen.emplace_back(fields_[f].info[k]->model_feature, fields_[f].words[k]);
  // One count per feature (the model was trained on presence), the first word kept.
  std::stable_sort(seen.begin(), seen.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  seen.erase(std::unique(seen.begin(), seen.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first; }),
             seen.end());
  double z = rules_.model.bias;
  // The three strongest pushes towards relevant, kept without a copy.
  std::pair<double, std::string_view> top[3] = {};
  auto keep = [&](double w, std::string_view word) {  // `top` stays sorted, strongest first
    if (w <= top[2].first) return;
    top[2] = {w, word};
    std::sort(std::begin(top), std::end(top),
              [](const auto& a, const auto& b) { return a.first > b.first; });
  };
  for (const auto& [feature, word] : seen) {
    const double w = model_weights_[static_cast<size_t>(feature)];
    z += w;
    if (w > 0) keep(w, word);
  }
  std::vector<std::string> programme;  // kept: its views go into `top`
  if (!identifiers.empty()) {
    for (std::string_view id : split(identifiers, ' '))
      if (!id.empty()) programme_features(id, programme);
    std::sort(programme.begin(), programme.end());
    programme.erase(std::unique(programme.begin(), programme.end()), programme.end());
    for (const std::string& f : programme) {
      auto it = rules_.model.weights.find(f);
      if (it == rules_.model.weights.end()) continue;
      z += it->second;
      if (it->second > 0) keep(it->second, std::string_view(f).substr(2));
    }
  }
  for (const auto& [w, word] : top)
    if (w > 0) words.emplace_back(word);
  return 1 / (1 + std::exp(-z));
}

// The model's probability on the rules' scale: look -> look_threshold,
// flag -> flag_threshold, 1 -> 100, linear between.
static double model_points(double p, const RelevanceRules& r) {
  const double look = r.look_threshold, flag = r.flag_threshold;
  if (p < r.model_look) return look * p / r.model_look;
  if (p < r.model_flag)
    return look + (flag - look) * (p - r.model_look) / (r.model_flag - r.model_look);
  return flag + (100 - flag) * (p - r.model_flag) / (1 - r.model_flag);
}

void combine_readings(const RelevanceRules& rules, Relevance& r) {
  r.score = r.rule_score;
  r.flagged = r.rule_score >= rules.flag_threshold && r.rule_term;
  if (r.model_p >= 0) {
    // A weakened programme (Horizon research) weakens the model's points too:
    // the city is no more a typical applicant for it whatever the words.
    const double points = model_points(r.model_p, rules) * r.programme_weight;
    r.score = std::max(r.score, static_cast<int>(std::lround(std::min(100.0, points))));
    r.flagged |= points >= rules.flag_threshold;
  }
  r.grade = r.flagged                         ? Grade::kFlag
            : r.score >= rules.look_threshold ? Grade::kLook
                                              : Grade::kNone;
}

Relevance RelevanceScorer::score(std::string_view title, std::string_view topics,
                                 std::string_view summary, std::string_view identifiers) const {
  const Programme* prog = rules_.programmes.empty() ? nullptr : programme(identifiers);
  if (prog && prog->none) {
    Relevance none;
    none.programme = prog->label;
    return none;
  }
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
  if (prog) out.programme = prog->label;
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
  std::vector<int> cancelled;  // themes a negative term cancelled
  for (size_t i = 0; i < hits.size();) {
    const int theme = terms_[hits[i].term].theme;
    ThemeMatch m;
    m.theme = rules_.themes[theme].id;
    bool negative = false, has_term = false;
    double points = 0;
    std::vector<double> values[3];
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
    if (negative) cancelled.push_back(theme);
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
  auto theme_index = [&](const std::string& id) {
    for (int t = 0; t < static_cast<int>(rules_.themes.size()); ++t)
      if (rules_.themes[static_cast<size_t>(t)].id == id) return t;
    return -1;
  };
  if (prog && !prog->theme.empty()) {
    // The programme counts as one term of its theme in its field, beside
    // what the text matched (a negative of the theme still cancels it).
    const int t = theme_index(prog->theme);
    if (std::find(cancelled.begin(), cancelled.end(), t) == cancelled.end()) {
      auto it = std::find_if(out.themes.begin(), out.themes.end(),
                             [&](const ThemeMatch& m) { return m.theme == prog->theme; });
      const double points = (prog->field == 0 ? weights[0] : weights[1]) *
                            rules_.themes[static_cast<size_t>(t)].weight * 10.0;
      if (it == out.themes.end()) {
        out.themes.push_back(ThemeMatch{prog->theme, 0, {}, {}, {}, {}, {}});
        it = out.themes.end() - 1;
      }
      it->points += points;
      (prog->field == 0 ? it->title_terms : it->topic_terms).push_back("programme " + prog->label);
      total += points;
      any_term = true;
    }
  }
  if (!rules_.profiles.empty()) {
    // A remit close to the item adds to its committee's theme, unless a
    // negative term cancelled that theme; it never flags alone.
    const size_t before = out.themes.size();
    const double points = add_profile(swedish, out);
    if (points > 0) {
      const int t = theme_index(out.themes.size() > before ? out.themes.back().theme : "");
      const bool theme_cancelled =
          t >= 0 && std::find(cancelled.begin(), cancelled.end(), t) != cancelled.end();
      if (theme_cancelled) {
        out.themes.pop_back();
      } else {
        total += points;
      }
    }
  }
  if (prog && prog->weight < 1) {
    total *= prog->weight;
    for (ThemeMatch& m : out.themes) m.points *= prog->weight;
  }
  std::stable_sort(out.themes.begin(), out.themes.end(),
                   [](const ThemeMatch& a, const ThemeMatch& b) { return a.points > b.points; });
  out.rule_score = static_cast<int>(std::lround(std::min(100.0, total)));
  out.rule_term = any_term;
  out.programme_weight = prog ? prog->weight : 1.0;
  if (!model_weights_.empty() || !rules_.model.weights.empty()) {
    out.model_p = model_probability(identifiers, out.model_words);
    if (out.model_p < rules_.model_look) out.model_words.clear();  // the why shows a leaning model
  }
  combine_readings(rules_, out);
  if (!out.themes.empty())
    for (const Theme& th : rules_.themes)
      if (th.id == out.themes[0].theme) out.committee = th.committee;
  if (out.committee.empty() && out.grade != Grade::kNone && !profile_dot_.empty()) {
    // Shown by the model alone: the committee whose remit is closest, however
    // far (add_profile left the item's dot products with each remit).
    const auto best = std::max_element(profile_dot_.begin(), profile_dot_.end());
    if (*best > 0)
      out.committee = rules_.profiles[static_cast<size_t>(best - profile_dot_.begin())].name;
  }
  return out;
}

std::string item_identifiers(std::string_view guid, std::string_view reference) {
  std::string out(guid);
  out += ' ';
  out += reference;
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
    if (!m.profile.empty()) {
      if (!first) out += "; ";
      out += "close to the remit of " + m.profile + ": ";
      for (size_t i = 0; i < m.profile_words.size(); ++i)
        out += (i ? ", " : "") + m.profile_words[i];
    }
    out += ")";
  }
  if (!model_words.empty()) {
    char p[16];
    std::snprintf(p, sizeof p, "%.2f", model_p);
    if (!out.empty()) out += "; ";
    out += std::string("model ") + p + " (";
    for (size_t i = 0; i < model_words.size(); ++i) out += (i ? ", " : "") + model_words[i];
    out += ")";
  }
  if (!programme.empty() && out.find("programme " + programme) == std::string::npos)
    out += (out.empty() ? "" : "; ") + std::string("programme ") + programme;
  return out;
}

std::string Relevance::theme_ids() const {
  std::string out;
  for (const ThemeMatch& m : themes) out += (out.empty() ? "" : "\n") + m.theme;
  return out;
}

}  // namespace omvarld
