#include "web/auth.h"

#include <crypt.h>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/files.h"
#include "core/text.h"

namespace omvarld {
namespace {

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

Result<UsersFile> UsersFile::parse(const std::string& text, const std::string& source) {
  UsersFile f;
  int line_no = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == line.size())
      return make_error(ErrorKind::kParse,
                        source + ": line " + std::to_string(line_no) + " is not name:hash");
    f.hashes_[std::string(line.substr(0, colon))] = std::string(line.substr(colon + 1));
  }
  if (f.hashes_.empty()) return make_error(ErrorKind::kParse, source + ": no users");
  return f;
}

Result<UsersFile> UsersFile::load(const std::string& path) {
  auto text = read_file(path, "the users file");
  if (!text.ok()) return text.error();
  return parse(*text, path);
}

bool UsersFile::verify(const std::string& user, const std::string& password) const {
  auto it = hashes_.find(user);
  // Hash even for an unknown user, so that timing does not reveal names.
  const std::string& setting = it != hashes_.end() ? it->second : hashes_.begin()->second;
  crypt_data data;
  std::memset(&data, 0, sizeof data);
  const char* out = crypt_r(password.c_str(), setting.c_str(), &data);
  return it != hashes_.end() && out && out[0] != '*' && equal_in_constant_time(out, it->second);
}

Result<std::string> hash_password(const std::string& password) {
  if (password.empty()) return make_error(ErrorKind::kUsage, "an empty password");
  std::unique_ptr<char, void (*)(void*)> salt(crypt_gensalt_ra("$y$", 0, nullptr, 0), std::free);
  if (!salt) return make_error(ErrorKind::kIo, "cannot make a salt (libcrypt)");
  crypt_data data;
  std::memset(&data, 0, sizeof data);
  const char* out = crypt_r(password.c_str(), salt.get(), &data);
  if (!out || out[0] == '*')
    return make_error(ErrorKind::kIo, "cannot hash the password (libcrypt)");
  return std::string(out);
}

Status set_user_password(const std::string& path, const std::string& user,
                         const std::string& password) {
  if (user.empty() || user.find_first_of(":\n\r") != std::string::npos)
    return make_error(ErrorKind::kUsage, "a user name must not be empty or hold ':' or newlines");
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  std::string text, kept;
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {  // a new file is fine; an unreadable one is not
    auto old = read_file(path, "the users file");
    if (!old.ok()) return old.error();
    text = std::move(*old);
  }
  for (std::string_view line : split(text, '\n')) {
    if (line.empty()) continue;
    if (line.substr(0, line.find(':')) == user) continue;
    kept.append(line);
    kept += '\n';
  }
  kept += user + ":" + *hash + "\n";
  if (Status s = write_file_atomic(path, kept); !s.ok()) return s;
  ::chmod(path.c_str(), 0600);
  return Status::Ok();
}

bool equal_in_constant_time(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool parse_basic_auth(const std::string& header, std::string& user, std::string& password) {
  std::string_view h = trim(header);
  if (h.size() < 6 || to_lower(std::string(h.substr(0, 6))) != "basic ") return false;
  std::string_view b64 = trim(h.substr(6));
  std::string decoded;
  int buffer = 0, bits = 0;
  for (char c : b64) {
    if (c == '=') break;
    const int v = base64_value(c);
    if (v < 0) return false;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      decoded += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  size_t colon = decoded.find(':');
  if (colon == std::string::npos) return false;
  user = decoded.substr(0, colon);
  password = decoded.substr(colon + 1);
  return !user.empty();
}

}  // namespace omvarld
