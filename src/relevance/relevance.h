// Relevance for påverkan: which EU items touch what the city does, and why.
// (Weak terms count a third: kWeakTermValue.)
//
// Rules (feeds/relevance.toml) name themes, each with English and Swedish
// terms and phrases, a weight, negative terms and the committee (nämnd)
// that usually handles it. Scoring is pure (a function of the rules and the
// item): an item's title, topics and summary are tokenised and stemmed once; each theme earns
// points per field where its terms match (title above topics above summary), more for several
// distinct terms; context ("weak") words count a third; a negative term in the item cancels the
// theme. The score is the sum over themes, 0-100. An item is flagged when the score reaches the
// threshold and at least one theme matched one of its own terms, not only context words. Every
// match is kept so an officer sees why.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "model/urgency.h"
#include "relevance/stemmer.h"

namespace omvarld {

struct Theme {
  std::string id;
  std::string label_en;
  std::string label_sv;
  std::string committee;
  double weight = 1.0;
  // English and Swedish terms (matched on stems; "municipal*" by prefix,
  // "=city" as written).
  std::vector<std::string> terms, terms_sv;
  // Context words: a third of a term's weight, so they flag only together.
  std::vector<std::string> weak, weak_sv;
  std::vector<std::string> negative;  // English; a match in the item cancels the theme
};

inline constexpr double kWeakTermValue = 1.0 / 3.0;

// The three grades an item gets (RELEVANCE-POLICY.md): flagged (the rules
// are confident it is clearly relevant), worth a look (it may be: an officer
// glances at the title), not. Horizon scanning is recall first, so the
// inbox, `omvarld flags` and the digest show the first two.
enum class Grade { kNone, kLook, kFlag };
// "none", "look", "flag": the words in the database, CSV and JSON.
const char* grade_name(Grade g);
std::optional<Grade> parse_grade(std::string_view word);

// A funding programme, known by the pattern of its calls' identifiers (the
// Funding & Tenders topic id, e.g. "LIFE-2026-SAP-CLIMA-CCA"; '*' matches
// any text). Where RELEVANCE-POLICY.md says cities are typical applicants,
// the call gets `theme` as if a term of it stood in `field` ("title" or
// "topics"); where they never are (defence, third-country aid, ...), `none`
// cancels every theme of the call.
struct Programme {
  std::string pattern;
  std::string theme;  // a theme id; "" with none
  int field = 1;      // 0 title, 1 topics
  bool none = false;
  std::string label;  // for people: "LIFE", "Cities mission"
};

struct RelevanceRules {
  std::vector<Theme> themes;
  std::vector<Programme> programmes;  // the first that matches counts
  double title_weight = 3.0;
  double topics_weight = 2.0;
  double summary_weight = 1.0;
  int flag_threshold = 30;  // score at or above which an item is flagged
  int look_threshold = 10;  // score at or above which an item not flagged is worth a look
  int urgent_days = kDefaultUrgentDays;  // deadline within this many days: urgent (model/urgency.h)
  std::string version;                   // a hash of the rules, stored with each score
};

// The urgency rule at `now` with the rules' window, or the default window
// when there are no rules (they could not be read).
Urgency urgency_at(int64_t now, const RelevanceRules* rules);

Result<RelevanceRules> load_relevance_rules(const std::string& path);
Result<RelevanceRules> parse_relevance_rules(const std::string& toml_text, const std::string& name);

struct ThemeMatch {
  std::string theme;
  double points = 0;
  std::vector<std::string> title_terms, topic_terms, summary_terms;
};

struct Relevance {
  int score = 0;
  bool flagged = false;
  Grade grade = Grade::kNone;      // kFlag exactly when flagged
  std::vector<ThemeMatch> themes;  // matched themes, most points first
  std::string committee;           // of the top theme
  // "transport (title: mobility, urban; summary: public transport); housing (topics: housing)"
  std::string why() const;
  std::string theme_ids() const;  // one per line
};

// Compiled rules: build once, score many items. Terms are matched on Snowball
// stems (stemmer.h): English terms on the English stems of the item's words;
// Swedish terms on the Swedish stems when the item reads as Swedish (more
// Swedish function words than English ones) and on the words as written
// otherwise, so that the Swedish stemmer's guesses about English words ("date"
// -> "dat", like "data") cannot match. "=word" in the rules matches the word
// as written (lower-cased) only; "word*" matches by prefix.
//
// Not thread-safe: the scorer owns its stemmers and a cache of stemmed words,
// both changed by score() (const: the result depends only on the rules and
// the item); use one scorer per thread.
class RelevanceScorer {
 public:
  explicit RelevanceScorer(RelevanceRules rules);
  // `identifiers`: the item's own ids, separated by spaces (a call's topic
  // id and reference), matched against the rules' programmes.
  Relevance score(std::string_view title, std::string_view topics, std::string_view summary,
                  std::string_view identifiers = {}) const;
  const RelevanceRules& rules() const { return rules_; }

 private:
  struct Term {
    std::vector<std::string> words;  // lower-cased, as written
    std::vector<std::string> stems;  // the words' stems in `language`
    bool prefix;                     // the last word matches by prefix (as written)
    bool exact;                      // "=word": as written only
    int language;                    // 0 English, 1 Swedish
    int theme;
    bool negative;
    double value;  // 1 for a term, kWeakTermValue for a weak one
    std::string text;
  };
  struct Hit {
    int field;
    int term;
    int position;  // word index where the term starts
  };
  // A word of an item, looked up once and kept (words repeat across items).
  struct WordInfo {
    std::string stem[2];  // English, Swedish
    // Terms whose first word this is, by how they match: English stems,
    // Swedish stems, Swedish terms as written, exact terms; and one-word
    // prefix terms by the word's first 3 bytes.
    const std::vector<int>* first[4] = {nullptr, nullptr, nullptr, nullptr};
    const std::vector<int>* prefix = nullptr;
    int function_word = 0;  // +1 an English one ("the", "of"), -1 a Swedish one ("och", "av")
    bool swedish_letters = false;  // å, ä or ö
  };
  struct Field {
    std::string buffer;
    std::vector<std::string_view> words;
    std::vector<const WordInfo*> info;
  };
  // FNV-1a over a word: words are short, and std::hash's general-purpose
  // hash dominated the profile.
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view w) const {
      uint32_t h = 2166136261u;
      for (unsigned char c : w) h = (h ^ c) * 16777619u;
      return h;
    }
  };
  using WordMap = std::unordered_map<std::string, std::vector<int>, WordHash, std::equal_to<>>;
  // The first programme whose pattern matches one of `identifiers`.
  const Programme* programme(std::string_view identifiers) const;
  const WordInfo& word_info(std::string_view word) const;
  // Appends a Hit for every term found in `f`.
  void match(const Field& f, int field, bool swedish, std::vector<Hit>& hits) const;
  RelevanceRules rules_;
  Stemmer stemmers_[2];
  std::vector<Term> terms_;
  WordMap by_first_[4];              // see WordInfo::first
  WordMap prefix_by_head_;           // one-word prefix terms by their first 3 bytes
  std::vector<int> short_prefixes_;  // prefixes under 3 bytes
  // Scratch of score(), kept to save allocations; the cache is emptied when
  // it passes kMaxCachedWords.
  static constexpr size_t kMaxCachedWords = 200000;
  mutable std::unordered_map<std::string, WordInfo, WordHash, std::equal_to<>> words_;
  mutable Field fields_[3];
  mutable std::vector<Hit> hits_;
};

// Lower-cases ASCII and the Latin-1 range of UTF-8 (Å, Ä, Ö, É, ...) and
// splits into words of letters and digits. Pure.
std::vector<std::string> tokenize(std::string_view text);

// The same, into `buffer` (the lowered text) and views of it, without an
// allocation per word.
void tokenize_into(std::string_view text, std::string& buffer,
                   std::vector<std::string_view>& words);

}  // namespace omvarld
