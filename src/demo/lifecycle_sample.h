// The bundled answers of followed initiatives (feeds/sample/lifecycle/, see
// its SOURCES.md) and a loopback server that answers as Have your say's
// groupInitiatives/{id} and the EP open data API's procedures/{id} would, so
// that `omvarld demo` runs the real follow collector offline. Serves
//   GET /brpapi/groupInitiatives/{id}     hys-{id}.json
//   GET /api/v2/procedures/{YYYY-NNNN}    ep-{YYYY-NNNN}.json
// of the folder given, and a 404 for anything else. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"

namespace omvarld {

// <data_dir>/feeds/sample/lifecycle.
std::string shipped_lifecycle_sample(const std::string& data_dir);

class LifecycleMirror {
 public:
  explicit LifecycleMirror(std::string folder);
  ~LifecycleMirror();
  LifecycleMirror(const LifecycleMirror&) = delete;
  LifecycleMirror& operator=(const LifecycleMirror&) = delete;
  Status start();
  void stop();
  // "http://127.0.0.1:PORT": the base for both --hys-base and --ep-base.
  std::string base_url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace omvarld
