#include "core/lang.h"

namespace omvarld {

Result<Lang> parse_lang(const std::string& text) {
  if (text == "sv") return Lang::kSv;
  if (text == "en") return Lang::kEn;
  return make_error(ErrorKind::kUsage, "--lang must be sv or en, not \"" + text + "\"");
}

}  // namespace omvarld
