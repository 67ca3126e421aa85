// Relevance for påverkan: which EU items touch what the city does, and why.
// (Weak terms count a third: kWeakTermValue.)
//
// Rules (feeds/relevance.toml) name themes, each with English and Swedish
// terms and phrases, a weight, negative terms and the committee (nämnd)
// that usually handles it. Scoring is pure: an item's title, topics and
// summary are tokenised once; each theme earns points per field where its
// terms match (title above topics above summary), more for several distinct
// terms; context ("weak") words count a third; a negative term in the item
// cancels the theme. The score is the sum over themes, 0-100. An item is
// flagged when the score reaches the threshold and at least one theme matched
// one of its own terms, not only context words. Every match is kept so an
// officer sees why.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "model/urgency.h"

namespace omvarld {

struct Theme {
  std::string id;
  std::string label_en;
  std::string label_sv;
  std::string committee;
  double weight = 1.0;
  std::vector<std::string> terms;  // English and Swedish; "municipal*" matches by prefix
  std::vector<std::string>
      weak;  // context words: a third of a term's weight, so they flag only together
  std::vector<std::string> negative;  // a match in the item cancels the theme
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

// Compiled rules: build once, score many items. Thread-compatible.
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
    std::vector<std::string> words;
    bool prefix;  // the last word matches by prefix
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
  // The first programme whose pattern matches one of `identifiers`.
  const Programme* programme(std::string_view identifiers) const;
  // Appends a Hit for every term found in `text`.
  void match(std::string_view text, int field, std::vector<Hit>& hits) const;
  // FNV-1a over a word: words are short, and std::hash's general-purpose
  // hash dominated the profile.
  struct WordHash {
    size_t operator()(std::string_view w) const {
      uint32_t h = 2166136261u;
      for (unsigned char c : w) h = (h ^ c) * 16777619u;
      return h;
    }
  };
  using WordMap = std::unordered_map<std::string_view, std::vector<int>, WordHash>;
  RelevanceRules rules_;
  std::vector<Term> terms_;
  WordMap by_first_word_;            // keys view into terms_
  WordMap prefix_by_head_;           // one-word prefix terms by their first 3 bytes
  std::vector<int> short_prefixes_;  // prefixes under 3 bytes
};

// Lower-cases ASCII and the Latin-1 range of UTF-8 (Å, Ä, Ö, É, ...) and
// splits into words of letters and digits. Pure.
std::vector<std::string> tokenize(std::string_view text);

// The same, into `buffer` (the lowered text) and views of it, without an
// allocation per word.
void tokenize_into(std::string_view text, std::string& buffer,
                   std::vector<std::string_view>& words);

}  // namespace omvarld
