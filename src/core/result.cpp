#include "core/result.h"

namespace omvarld {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
      return "usage";
    case ErrorKind::kNotFound:
      return "not found";
    case ErrorKind::kNetwork:
      return "network";
    case ErrorKind::kHttp:
      return "http";
    case ErrorKind::kSource:
      return "source error";
    case ErrorKind::kTooLarge:
      return "too large";
    case ErrorKind::kParse:
      return "parse";
    case ErrorKind::kDatabase:
      return "database";
    case ErrorKind::kBusy:
      return "busy";
    case ErrorKind::kIo:
      return "io";
  }
  return "error";
}

}  // namespace omvarld
