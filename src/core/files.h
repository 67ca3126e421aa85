// Reading and writing whole files. Writing is such that a reader never sees
// half of a file: the text goes to a temporary file beside the target, is
// flushed to disk, and replaces the target in one rename.
#pragma once

#include <string>

#include "core/result.h"

namespace omvarld {

// Creates the parent directory if it is missing.
Status write_file_atomic(const std::string& path, const std::string& content);

// The whole file; a kNotFound Error "cannot read WHAT PATH: reason" when it
// cannot be opened or read (`what` says what the file is for people, e.g.
// "the users file"; may be empty).
Result<std::string> read_file(const std::string& path, const std::string& what = "");

}  // namespace omvarld
