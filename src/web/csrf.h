// CSRF tokens the review server issues: 16 random bytes and their
// HMAC-SHA256 under the database's secret, bound to the user they were
// issued to, as 96 hex digits. A token made anywhere else (another page on
// the same host planting a cookie and a form field that match) does not
// verify. Thread-safe (const after construction).
#pragma once

#include <string>

namespace omvarld {

class CsrfTokens {
 public:
  explicit CsrfTokens(std::string secret) : secret_(std::move(secret)) {}
  // "" when the kernel gives no random bytes (then every POST fails).
  std::string issue(const std::string& user) const;
  bool valid(const std::string& token, const std::string& user) const;

 private:
  std::string mac(const std::string& nonce_hex, const std::string& user) const;
  std::string secret_;
};

}  // namespace omvarld
