// Snowball stemming (Debian's libstemmer) for the two languages the rules are
// written in, so that one entry matches the forms of a word: "vehicles" and
// "vehicle" stem to "vehicl", "charging" and "charge" to "charg",
// "kommunerna" and "kommuner" to "kommun". Snowball strips suffixes only:
// "recharging" stays "recharg".
//
// A Stemmer owns its sb_stemmer handle (RAII; movable, not copyable). Not
// thread-safe: the handle keeps the last stem in its own buffer, so each
// thread needs its own Stemmer (RelevanceScorer holds one per language).
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct sb_stemmer;

namespace omvarld {

enum class StemLanguage { kEnglish, kSwedish };

class Stemmer {
 public:
  // Throws std::bad_alloc when libstemmer cannot allocate the handle (the
  // two algorithms are built into the library, so that is the only failure).
  explicit Stemmer(StemLanguage language);
  // REQUIRES: `word` is lower-cased UTF-8 (tokenize()'s words).
  std::string stem(std::string_view word) const;

 private:
  struct Delete {
    void operator()(sb_stemmer* s) const;
  };
  std::unique_ptr<sb_stemmer, Delete> handle_;
};

}  // namespace omvarld
