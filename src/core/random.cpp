#include "core/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>

namespace omvarld {

Result<std::string> random_bytes(size_t n) {
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    const ssize_t r = ::getrandom(out.data() + got, n - got, 0);
    if (r > 0) {
      got += static_cast<size_t>(r);
    } else if (r < 0 && errno != EINTR) {
      return make_error(ErrorKind::kIo,
                        std::string("no random bytes from the kernel: ") + std::strerror(errno));
    }
  }
  return out;
}

Result<std::string> random_hex(size_t n) {
  auto bytes = random_bytes(n);
  if (!bytes.ok()) return bytes.error();
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (unsigned char c : *bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace omvarld
