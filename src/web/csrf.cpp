#include "web/csrf.h"

#include "core/random.h"
#include "web/auth.h"
#include "web/hmac_sha256.h"

namespace omvarld {
namespace {
constexpr size_t kNonceHex = 32;
constexpr size_t kMacHex = 64;
}  // namespace

std::string CsrfTokens::mac(const std::string& nonce_hex, const std::string& user) const {
  // NULs separate the fields, so that no (nonce, user) pair can be
  // mistaken for another.
  std::string message = "omvarld-csrf";
  message += '\0';
  message += nonce_hex;
  message += '\0';
  message += user;
  return to_hex(hmac_sha256(secret_, message));
}

std::string CsrfTokens::issue(const std::string& user) const {
  // No token rather than a guessable one: without random bytes every form
  // fails its check, which the officer sees as a refused decision.
  auto nonce = random_hex(kNonceHex / 2);
  if (!nonce.ok()) return "";
  return *nonce + mac(*nonce, user);
}

bool CsrfTokens::valid(const std::string& token, const std::string& user) const {
  if (token.size() != kNonceHex + kMacHex || secret_.empty()) return false;
  const std::string nonce = token.substr(0, kNonceHex);
  return equal_in_constant_time(token.substr(kNonceHex), mac(nonce, user));
}

}  // namespace omvarld
