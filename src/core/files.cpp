#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>

namespace omvarld {

Result<std::string> read_file(const std::string& path, const std::string& what,
                              std::size_t max_bytes) {
  const std::string name = what.empty() ? path : what + " " + path;
  // O_NONBLOCK: opening a FIFO with no writer must not hang; it is refused
  // below anyway, and regular files ignore the flag.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return make_error(ErrorKind::kNotFound, "cannot read " + name + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return make_error(ErrorKind::kIo, "cannot read " + name + ": " + std::strerror(errno));
  if (S_ISDIR(st.st_mode))
    return make_error(ErrorKind::kNotFound, "cannot read " + name + ": it is a folder");
  if (!S_ISREG(st.st_mode))
    return make_error(ErrorKind::kIo, "cannot read " + name + ": not a regular file (" +
                                          (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                           : S_ISFIFO(st.st_mode)                     ? "a FIFO"
                                           : S_ISSOCK(st.st_mode)                     ? "a socket"
                                                                  : "not a file") +
                                          "); only regular files are read");
  auto too_large = [&] {
    return make_error(ErrorKind::kTooLarge, "cannot read " + name + ": larger than the cap of " +
                                                std::to_string(max_bytes) + " bytes");
  };
  if (static_cast<uint64_t>(st.st_size) > max_bytes) return too_large();
  std::string out(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return make_error(ErrorKind::kIo, "cannot read " + name + ": " + std::strerror(errno));
    if (n == 0) break;  // it shrank
    done += static_cast<size_t>(n);
  }
  out.resize(done);
  // It may have grown since fstat (or be a /proc file of size 0): read on in
  // small steps, never past the cap.
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return make_error(ErrorKind::kIo, "cannot read " + name + ": " + std::strerror(errno));
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > max_bytes) return too_large();
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

Status write_file_atomic(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  if (ec)
    return make_error(ErrorKind::kIo, "cannot create the folder of " + path + ": " + ec.message());
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return make_error(ErrorKind::kIo, "cannot write " + tmp + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return make_error(ErrorKind::kIo, "cannot write " + tmp + ": " + why);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return make_error(ErrorKind::kIo, "cannot flush " + tmp + ": " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return make_error(ErrorKind::kIo, "cannot replace " + path + ": " + why);
  }
  return Status::Ok();
}

}  // namespace omvarld
