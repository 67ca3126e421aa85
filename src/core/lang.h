// The languages of what omvarld writes for people: the reports, the digest
// and the review page. Swedish is the default (the city's working language).
#pragma once

#include <string>

#include "core/result.h"

namespace omvarld {

enum class Lang { kSv, kEn };

// "sv" or "en"; anything else is a kUsage Error that says so.
Result<Lang> parse_lang(const std::string& text);

// One message in both languages, by name, for catalogues written with
// designated initialisers:
//
//   struct Texts { Tr title, intro; };
//   constexpr Texts kTexts = {
//       .title = {.en = "Inbox", .sv = "Inkorg"},
//       .intro = {.en = "...", .sv = "..."},
//   };
//   kTexts.title[lang]
//
// Both languages must be given, and neither may be empty: a message or a
// language left out (En and Sv have no default) or an empty text (their
// constructors run at compile time) does not compile. Designated
// initialisers must follow the declaration order, so two swapped lines do
// not compile either.
struct En {
  consteval En(const char* t) : text(t) {  // NOLINT: implicit by design
    if (t == nullptr || *t == '\0') throw "a message without its English text";
  }
  const char* text;
};
struct Sv {
  consteval Sv(const char* t) : text(t) {  // NOLINT: implicit by design
    if (t == nullptr || *t == '\0') throw "a message without its Swedish text";
  }
  const char* text;
};
struct Tr {
  En en;
  Sv sv;
  constexpr const char* operator[](Lang lang) const {
    return lang == Lang::kSv ? sv.text : en.text;
  }
};

}  // namespace omvarld
