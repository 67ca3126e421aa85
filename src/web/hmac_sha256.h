// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for the review server's
// signed CSRF tokens. Small and self-contained: the project has no crypto
// library among its dependencies. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace omvarld {

using Sha256Digest = std::array<uint8_t, 32>;

Sha256Digest sha256(std::string_view message);
Sha256Digest hmac_sha256(std::string_view key, std::string_view message);

// Lower-case hex of the bytes.
std::string to_hex(const uint8_t* bytes, size_t size);
inline std::string to_hex(const Sha256Digest& d) { return to_hex(d.data(), d.size()); }

}  // namespace omvarld
