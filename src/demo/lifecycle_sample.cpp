#include "demo/lifecycle_sample.h"

#include <httplib.h>

#include <chrono>
#include <thread>

#include "core/files.h"

namespace omvarld {

std::string shipped_lifecycle_sample(const std::string& data_dir) {
  return data_dir + "/feeds/sample/lifecycle";
}

struct LifecycleMirror::Impl {
  std::string folder;
  httplib::Server server;
  std::thread thread;
  int port = 0;
};

LifecycleMirror::LifecycleMirror(std::string folder) : impl_(std::make_unique<Impl>()) {
  impl_->folder = std::move(folder);
}

LifecycleMirror::~LifecycleMirror() { stop(); }

Status LifecycleMirror::start() {
  Impl* impl = impl_.get();
  impl->server.set_keep_alive_max_count(1);  // stop() must not wait for an idle client
  // The ids are digits and dashes only (the patterns), so no path leaves the folder.
  auto serve = [impl](const std::string& file, const char* type, httplib::Response& res) {
    auto body = read_file(impl->folder + "/" + file);
    if (!body.ok()) {
      res.status = 404;
      res.set_content("{\"error\":\"not in the sample\"}", "application/json");
      return;
    }
    res.set_content(*body, type);
  };
  impl->server.Get(R"(/brpapi/groupInitiatives/(\d{1,9}))",
                   [serve](const httplib::Request& req, httplib::Response& res) {
                     serve("hys-" + req.matches[1].str() + ".json", "application/json", res);
                   });
  impl->server.Get(R"(/api/v2/procedures/(\d{4}-\d{4}))",
                   [serve](const httplib::Request& req, httplib::Response& res) {
                     serve("ep-" + req.matches[1].str() + ".json", "application/ld+json", res);
                   });
  impl->port = impl->server.bind_to_any_port("127.0.0.1");
  if (impl->port <= 0)
    return make_error(ErrorKind::kNetwork, "cannot bind a loopback port for the followed sample");
  impl->thread = std::thread([impl] { impl->server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !impl->server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!impl->server.is_running())
    return make_error(ErrorKind::kIo, "the followed-initiatives sample server did not start");
  return Status::Ok();
}

void LifecycleMirror::stop() {
  if (!impl_) return;
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string LifecycleMirror::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port);
}

}  // namespace omvarld
