// gzip/zlib decoding for Eurostat's compressed=true downloads. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace omvarld {

// True when the bytes start with the gzip magic number.
bool is_gzip(std::string_view bytes);

// Inflates a gzip or zlib stream. A truncated or corrupt stream is a kParse
// Error; output beyond `max_bytes` is a kTooLarge Error, raised while
// inflating: no more than `max_bytes` is ever held.
Result<std::string> gunzip(std::string_view bytes, std::size_t max_bytes,
                           const std::string& source);

// Compresses to gzip (used by the sample mirror and the tests).
std::string gzip_compress(std::string_view bytes);

}  // namespace omvarld
