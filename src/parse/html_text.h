// Plain text from the HTML that feeds put in titles and descriptions: tags
// dropped (script and style with their content), entities decoded, white
// space collapsed. For matching and for display as text, never as markup.
// Pure.
#pragma once

#include <string>
#include <string_view>

namespace omvarld {

std::string html_to_text(std::string_view html, size_t max_bytes = 65536);

// For titles, which RSS defines as text: entities decoded and white space
// collapsed, but '<' kept as a character. A title holding "<script>" is
// stored as that text; whatever shows it must escape it.
std::string text_with_entities_decoded(std::string_view text, size_t max_bytes = 65536);

}  // namespace omvarld
