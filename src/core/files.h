// Writing output files so that a reader never sees half of one: the text goes
// to a temporary file beside the target, is flushed to disk, and replaces the
// target in one rename. Creates the parent directory if it is missing.
#pragma once

#include <string>

#include "core/result.h"

namespace omvarld {

Status write_file_atomic(const std::string& path, const std::string& content);

}  // namespace omvarld
