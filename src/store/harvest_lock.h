// HarvestLock: at most one harvest per database. An advisory flock(2) on
// "<database>.lock", held for the life of the object; the kernel drops it
// when the process dies, even by SIGKILL, so a crash never leaves a stale
// lock behind.
#pragma once

#include <string>

#include "core/result.h"

namespace omvarld {

class HarvestLock {
 public:
  // Takes the lock without waiting. kBusy when another process holds it;
  // the message names the database and the holder's pid when known.
  static Result<HarvestLock> acquire(const std::string& db_path);
  ~HarvestLock();
  HarvestLock(HarvestLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  HarvestLock(const HarvestLock&) = delete;
  HarvestLock& operator=(const HarvestLock&) = delete;
  HarvestLock& operator=(HarvestLock&&) = delete;

 private:
  explicit HarvestLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace omvarld
