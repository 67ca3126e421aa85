// Random bytes from the kernel (getrandom), for secrets and ids: the CSRF
// nonces, the review server's secret, the pairing id of a database's files.
// Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace omvarld {

// `n` random bytes; an Error (kIo) when the kernel gives none, never weak or
// partial bytes.
Result<std::string> random_bytes(size_t n);

// `n` random bytes as 2n lower-case hex digits.
Result<std::string> random_hex(size_t n);

}  // namespace omvarld
