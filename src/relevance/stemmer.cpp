#include "relevance/stemmer.h"

#include <libstemmer.h>

#include <new>

namespace omvarld {

void Stemmer::Delete::operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }

Stemmer::Stemmer(StemLanguage language)
    : handle_(sb_stemmer_new(language == StemLanguage::kEnglish ? "english" : "swedish", "UTF_8")) {
  if (!handle_) throw std::bad_alloc();
}

std::string Stemmer::stem(std::string_view word) const {
  const sb_symbol* s =
      sb_stemmer_stem(handle_.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (!s) throw std::bad_alloc();  // libstemmer's only failure: growing its buffer
  return std::string(reinterpret_cast<const char*>(s),
                     static_cast<size_t>(sb_stemmer_length(handle_.get())));
}

}  // namespace omvarld
