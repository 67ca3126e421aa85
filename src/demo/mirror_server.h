// MirrorServer: an HTTP server that answers like Eurostat's dissemination API
// from data held in memory, on a loopback port. `omvarld demo` and the tests
// use it to run the real collectors offline, through the same code as a real
// harvest. It serves:
//   GET /catalogue/toc/txt                  the table of contents
//   GET /statistics/1.0/data/{ds}?...       JSON-stat, filtered by dimension
//                                           codes and
//                                           sinceTimePeriod/untilTimePeriod/lastTimePeriod
//   GET /sdmx/2.1/data/{ds}?format=TSV&compressed=true   gzip SDMX-TSV
// An unknown dataset gets Eurostat's 404 error body; a query whose result
// holds more than `max_cells` cells gets Eurostat's 413 EXTRACTION_TOO_BIG.
// Thread-safe: requests are served on the server's own threads.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "core/result.h"
#include "demo/sample_data.h"

namespace omvarld {

struct MirrorOptions {
  uint64_t max_cells = 5000000;  // Eurostat's limit on API Statistics extractions
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
};

class MirrorServer {
 public:
  MirrorServer(SampleData data, MirrorOptions options = {});
  ~MirrorServer();
  MirrorServer(const MirrorServer&) = delete;
  MirrorServer& operator=(const MirrorServer&) = delete;

  // Binds and starts serving in a background thread.
  Status start();
  void stop();
  // Serves in the calling thread until stop() (for `omvarld mirror`).
  Status run();
  int port() const { return port_; }
  std::string base_url() const;
  int requests() const { return requests_.load(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> requests_{0};
};

}  // namespace omvarld
