// Users of the review page when it listens beyond loopback: a users file of
// "name:hash" lines, the hashes made by libcrypt (yescrypt, salted), as
// /etc/shadow holds them. `omvarld serve --add-user NAME --users FILE` writes
// one. Lines starting with # and empty lines are ignored.
#pragma once

#include <map>
#include <string>

#include "core/result.h"

namespace omvarld {

class UsersFile {
 public:
  static Result<UsersFile> load(const std::string& path);
  static Result<UsersFile> parse(const std::string& text, const std::string& source);
  // True when the user exists and the password matches its hash.
  bool verify(const std::string& user, const std::string& password) const;
  size_t size() const { return hashes_.size(); }

 private:
  std::map<std::string, std::string> hashes_;
};

// A new salted hash of `password` (yescrypt).
Result<std::string> hash_password(const std::string& password);

// Adds or replaces NAME's line in the users file (created 0600 if missing).
Status set_user_password(const std::string& path, const std::string& user,
                         const std::string& password);

// Compares without an early exit, so the time taken does not tell how many
// leading bytes matched (passwords' hashes, CSRF tokens).
bool equal_in_constant_time(const std::string& a, const std::string& b);

// The user and password of an "Authorization: Basic ..." header.
bool parse_basic_auth(const std::string& header, std::string& user, std::string& password);

}  // namespace omvarld
