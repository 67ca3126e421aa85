#include "demo/mirror_server.h"

#include <httplib.h>

#include "core/text.h"
#include "harvest/eurostat_collector.h"
#include "parse/gzip.h"
#include "parse/jsonstat_writer.h"

namespace omvarld {

struct MirrorServer::Impl {
  SampleData data;
  MirrorOptions options;
  httplib::Server server;
};

MirrorServer::MirrorServer(SampleData data, MirrorOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->data = std::move(data);
  impl_->options = std::move(options);
  auto& srv = impl_->server;
  Impl* impl = impl_.get();
  // One request per connection: stop() then returns at once instead of
  // waiting out a client's keep-alive.
  srv.set_keep_alive_max_count(1);

  auto not_found = [](httplib::Response& res, const std::string& ds) {
    std::string upper = ds;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    res.status = 404;
    res.set_content("{\"error\":[{\"status\":404,\"id\":100,\"label\":\"ERR_NOT_FOUND_4: " + upper +
                        " (DATA_FLOW:ALL,1.0) is not available for dissemination.\"}]}",
                    "application/json");
  };

  srv.Get("/catalogue/toc/txt", [this, impl](const httplib::Request&, httplib::Response& res) {
    ++requests_;
    if (impl->data.catalogue_toc.empty()) {
      res.status = 404;
      return;
    }
    res.set_content(impl->data.catalogue_toc, "text/plain; charset=utf-8");
  });

  srv.Get(R"(/statistics/1\.0/data/([^/?]+))", [this, impl, not_found](const httplib::Request& req,
                                                                       httplib::Response& res) {
    ++requests_;
    std::string code = to_lower(req.matches[1].str());
    auto it = impl->data.datasets.find(code);
    if (it == impl->data.datasets.end()) return not_found(res, code);
    DataQuery q;
    q.dataset = code;
    for (const auto& [k, v] : req.params) {
      if (k == "format" || k == "lang") continue;
      if (k == "sinceTimePeriod")
        q.since_period = v;
      else if (k == "untilTimePeriod")
        q.until_period = v;
      else if (k == "lastTimePeriod")
        q.last_periods = std::atoi(v.c_str());
      else
        q.filters.emplace_back(k, v);
    }
    // A filter on a dimension the dataset does not have is Eurostat's 400.
    for (const auto& [k, v] : q.filters) {
      bool known = false;
      for (const auto& d : it->second.dimensions) known |= d.id == k;
      if (!known) {
        res.status = 400;
        res.set_content(
            "{\"error\":[{\"status\":400,\"id\":150,\"label\":\"INVALID_QUERY_DIMENSION: Dimension "
            "\\\"" +
                k + "\\\" is not defined\"}]}",
            "application/json");
        return;
      }
    }
    Dataset filtered = filter_dataset(it->second, q);
    // Eurostat estimates the extraction from the filtered cube, not the cells present.
    uint64_t cube = 1;
    std::map<std::string, size_t> per_dim;
    for (const auto& [k, v] : q.filters) per_dim[k]++;
    for (const auto& d : filtered.dimensions) {
      auto pd = per_dim.find(d.id);
      cube *= pd == per_dim.end() ? d.codes.size() : pd->second;
    }
    if (cube > impl->options.max_cells) {
      res.status = 413;
      res.set_content(
          "{\"error\":[{\"status\":413,\"id\":413,\"label\":\"EXTRACTION_TOO_BIG: The requested "
          "extraction is too big, estimated " +
              std::to_string(cube) + " rows, max authorised is " +
              std::to_string(impl->options.max_cells) +
              ", please change your filters to reduce the extraction size\"}]}",
          "application/json");
      return;
    }
    res.set_content(write_jsonstat(filtered), "application/json");
  });

  srv.Get(R"(/sdmx/2\.1/data/([^/?]+))",
          [this, impl, not_found](const httplib::Request& req, httplib::Response& res) {
            ++requests_;
            std::string code = to_lower(req.matches[1].str());
            auto it = impl->data.datasets.find(code);
            if (it == impl->data.datasets.end()) return not_found(res, code);
            std::string tsv = write_sdmx_tsv(it->second);
            if (req.get_param_value("compressed") == "true")
              res.set_content(gzip_compress(tsv), "application/octet-stream");
            else
              res.set_content(tsv, "text/tab-separated-values");
          });
}

MirrorServer::~MirrorServer() { stop(); }

Status MirrorServer::start() {
  auto& srv = impl_->server;
  port_ =
      impl_->options.port == 0
          ? srv.bind_to_any_port(impl_->options.host)
          : (srv.bind_to_port(impl_->options.host, impl_->options.port) ? impl_->options.port : -1);
  if (port_ <= 0)
    return make_error(ErrorKind::kIo, "cannot listen on " + impl_->options.host + ":" +
                                          std::to_string(impl_->options.port));
  thread_ = std::thread([&srv] { srv.listen_after_bind(); });
  for (int i = 0; i < 5000 && !srv.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!srv.is_running()) return make_error(ErrorKind::kIo, "the mirror server did not start");
  return Status::Ok();
}

Status MirrorServer::run() {
  auto& srv = impl_->server;
  if (port_ == 0) {
    port_ = impl_->options.port == 0
                ? srv.bind_to_any_port(impl_->options.host)
                : (srv.bind_to_port(impl_->options.host, impl_->options.port) ? impl_->options.port
                                                                              : -1);
    if (port_ <= 0)
      return make_error(ErrorKind::kIo, "cannot listen on " + impl_->options.host + ":" +
                                            std::to_string(impl_->options.port));
  }
  srv.listen_after_bind();
  return Status::Ok();
}

void MirrorServer::stop() {
  if (impl_) impl_->server.stop();
  if (thread_.joinable()) thread_.join();
}

std::string MirrorServer::base_url() const {
  return "http://" + impl_->options.host + ":" + std::to_string(port_);
}

}  // namespace omvarld
