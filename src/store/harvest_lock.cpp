#include "store/harvest_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace omvarld {

Result<HarvestLock> HarvestLock::acquire(const std::string& db_path) {
  std::string path = db_path + ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return make_error(ErrorKind::kIo,
                      "cannot open lock file " + path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    char buf[32] = {0};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    std::string pid(buf, n > 0 ? static_cast<size_t>(n) : 0);
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    std::string holder = pid.empty() ? "" : " (pid " + pid + ")";
    if (err == EWOULDBLOCK)
      return make_error(ErrorKind::kBusy, "another harvest is already running on " + db_path +
                                              holder +
                                              "; wait for it to finish, or check `omvarld runs`");
    return make_error(ErrorKind::kIo, "cannot lock " + path + ": " + std::strerror(err));
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
  return HarvestLock(fd);
}

HarvestLock::~HarvestLock() {
  if (fd_ >= 0) ::close(fd_);  // closing drops the flock
}

}  // namespace omvarld
