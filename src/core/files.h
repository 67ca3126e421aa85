// Reading and writing whole files. Writing is such that a reader never sees
// half of a file: the text goes to a temporary file beside the target, is
// flushed to disk, and replaces the target in one rename.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace omvarld {

// Creates the parent directory if it is missing.
Status write_file_atomic(const std::string& path, const std::string& content);

// Default cap of read_file(): configuration, users, reports and samples are
// far smaller.
constexpr std::size_t kDefaultMaxFileBytes = 64u << 20;  // 64 MiB

// The whole file; a kNotFound Error "cannot read WHAT PATH: reason" when it
// cannot be opened or read (`what` says what the file is for people, e.g.
// "the users file"; may be empty). Only regular files are read: a folder, a
// device (/dev/zero), a FIFO or a socket is refused without reading (kIo).
// A file over `max_bytes` is refused (kTooLarge), also when it grows while
// being read: reading stops at the cap, so memory never exceeds it.
Result<std::string> read_file(const std::string& path, const std::string& what = "",
                              std::size_t max_bytes = kDefaultMaxFileBytes);

}  // namespace omvarld
