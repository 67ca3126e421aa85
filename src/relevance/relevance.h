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
//
// Two more readings join the rules when the rules file names them
// (load_relevance_rules reads the files beside it):
//  - committee profiles (feeds/committees.toml): what each nämnd does, in a
//    paragraph of English and Swedish; the item's TF-IDF cosine with the
//    closest remit, over Snowball stems, adds points to that committee's
//    theme, so an item close to a remit scores without a listed term (it
//    alone never flags; the why names the committee);
//  - the policy model (policy_model.h, feeds/relevance_model.tsv): its
//    probability is put on the rules' scale (model.flag -> flag_threshold,
//    model.look -> look_threshold) and the score is the higher of the two, so
//    an item is flagged when either is confident; the why shows the rules'
//    terms and the model's strongest words for the item.
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
#include "relevance/policy_model.h"
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
                                      // (with the rules' negative_everywhere appended)
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
// A programme with `weight` below 1 and no theme weakens the call instead:
// every theme's points are multiplied by it (Horizon Europe research
// clusters, where a city is rarely a typical applicant, count half).
struct Programme {
  std::string pattern;
  std::string theme;  // a theme id; "" with none or a weight
  int field = 1;      // 0 title, 1 topics
  bool none = false;
  double weight = 1.0;  // multiplies the call's theme points
  std::string label;    // for people: "LIFE", "Cities mission"
};

// What a committee (nämnd) does, from its public remit: compared with items.
struct CommitteeProfile {
  std::string name;   // "Trafiknämnden"
  std::string theme;  // the theme its points go to
  std::string remit_en, remit_sv;
  std::string source;  // where the remit was read
};

// feeds/committees.toml. `name` names the file in errors; `theme_ids` are
// the rules' themes, each profile's theme must be one.
Result<std::vector<CommitteeProfile>> parse_committee_profiles(
    const std::string& toml_text, const std::string& name,
    const std::vector<std::string>& theme_ids);

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
  // [profiles]: committee remits; points for a cosine of 1, and the lowest
  // cosine that counts.
  std::vector<CommitteeProfile> profiles;
  std::string profiles_file;  // as the rules name it, beside the rules
  double profile_points = 40;
  double profile_min = 0.15;
  // [model]: the policy model, and the probabilities at which it flags and
  // finds an item worth a look.
  PolicyModel model;
  std::string model_file;  // as the rules name it, beside the rules
  double model_flag = 0.85;
  double model_look = 0.5;
};

// The urgency rule at `now` with the rules' window, or the default window
// when there are no rules (they could not be read).
Urgency urgency_at(int64_t now, const RelevanceRules* rules);

// Reads the rules and the profile and model files they name (beside them);
// the version then covers all three.
Result<RelevanceRules> load_relevance_rules(const std::string& path);
// The rules alone: profiles_file and model_file are set but not read.
Result<RelevanceRules> parse_relevance_rules(const std::string& toml_text, const std::string& name);

struct ThemeMatch {
  std::string theme;
  double points = 0;
  std::vector<std::string> title_terms, topic_terms, summary_terms;
  std::string profile;                     // the committee whose remit the item is close to
  std::vector<std::string> profile_words;  // the item's words that made it close
};

struct Relevance {
  int score = 0;
  bool flagged = false;
  Grade grade = Grade::kNone;      // kFlag exactly when flagged
  std::vector<ThemeMatch> themes;  // matched themes, most points first
  std::string committee;           // of the top theme
  int rule_score = 0;              // the rules' (and profiles') own score, 0-100
  bool rule_term = false;          // some theme matched one of its own terms (not only context)
  double model_p = -1;             // the policy model's probability; -1 without a model
  double programme_weight = 1;     // a weakened programme's weight (Horizon research: 0.5)
  // The item's words that pushed the model hardest (up to 3), kept when the
  // model finds the item at least worth a look.
  std::vector<std::string> model_words;
  std::string programme;  // the call's programme, when one matched
  // "transport (title: mobility, urban; summary: public transport); housing (topics: housing);
  // model 0.91 (cycling, streets)"
  std::string why() const;
  std::string theme_ids() const;  // one per line
};

// The grade and score from the readings already in `r` (rule_score,
// rule_term, model_p, programme_weight) under `rules`' thresholds: flagged
// when the rules are confident (rule_score >= flag_threshold with a term) or
// the model is (model_p >= model.flag, on the score's scale); the score is the
// higher of the two; worth a look from look_threshold. Pure: the
// cross-validation that chose the thresholds calls it with other rules.
void combine_readings(const RelevanceRules& rules, Relevance& r);

// Compiled rules: build once, score many items. Terms are matched on Snowball
// stems (stemmer.h): English terms on the English stems of the item's words;
// Swedish terms on the Swedish stems when the item reads as Swedish (more
// Swedish function words than English ones) and on the words as written
// otherwise, so that the Swedish stemmer's guesses about English words ("date"
// -> "dat", like "data") cannot match. "=word" in the rules matches the word
// as written (lower-cased) only; "word*" matches by prefix.
//
// Not thread-safe: the scorer owns its stemmers and a cache of stemmed words,
// The `identifiers` text score() reads for a feed item: its guid and its
// reference, separated by a space (a call's topic id and its reference).
std::string item_identifiers(std::string_view guid, std::string_view reference);

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
    int model_feature = -1;        // index into model_weights_, -1 none
    // Per language: the word's IDF in the profiles (0 a stop word) and its
    // weight in each profile that has it.
    float idf[2] = {0, 0};
    const std::vector<std::pair<int, float>>* profile[2] = {nullptr, nullptr};
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
  // The closest profile's points and words, into `out`'s themes.
  double add_profile(bool swedish, Relevance& out) const;
  // The model's probability for the item's words (fields_) and identifiers.
  double model_probability(std::string_view identifiers, std::vector<std::string>& words) const;
  void build_profiles();
  RelevanceRules rules_;
  std::unordered_map<std::string, int> model_index_;  // stem -> index into model_weights_
  std::vector<double> model_weights_;
  // Per language: stem -> (profile, weight), and the IDF of every profile stem.
  std::unordered_map<std::string, std::vector<std::pair<int, float>>> profile_postings_[2];
  std::unordered_map<std::string, float> profile_idf_[2];
  float unknown_idf_ = 0;  // the IDF of a word no profile has
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
  mutable std::vector<std::pair<int, std::string_view>> model_scratch_;
  mutable std::vector<double> profile_dot_;
};

// Lower-cases ASCII and the Latin-1 range of UTF-8 (Å, Ä, Ö, É, ...) and
// splits into words of letters and digits. Pure.
std::vector<std::string> tokenize(std::string_view text);

// The same, into `buffer` (the lowered text) and views of it, without an
// allocation per word.
void tokenize_into(std::string_view text, std::string& buffer,
                   std::vector<std::string_view>& words);

}  // namespace omvarld
