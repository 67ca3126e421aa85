#include "demo/consultation_sample.h"

#include <httplib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/files.h"
#include "core/text.h"
#include "parse/csv_table.h"

namespace omvarld {

Result<std::vector<SampleConsultation>> parse_consultation_sample(const std::string& csv_text,
                                                                  const std::string& source) {
  auto t = parse_csv(csv_text, source);
  if (!t.ok()) return t.error();
  for (const char* c : {"id", "title", "topics", "opens", "closes"})
    if (!t->column(c)) return make_error(ErrorKind::kParse, source + ": no column " + c);
  std::vector<SampleConsultation> out;
  for (const auto& row : t->rows) {
    auto get = [&](const char* c) { return row[*t->column(c)].text; };
    SampleConsultation s{get("id"), get("title"), {}, get("opens"), get("closes")};
    const std::string topics = get("topics");  // split() views into it: keep it alive
    for (std::string_view topic : split(topics, ';'))
      if (!trim(topic).empty()) s.topics.emplace_back(trim(topic));
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<SampleConsultation>> load_consultation_sample(const std::string& path) {
  auto text = read_file(path, "the consultations sample");
  if (!text.ok()) return text.error();
  return parse_consultation_sample(*text, path);
}

std::string shipped_consultation_sample(const std::string& data_dir) {
  return data_dir + "/feeds/sample/consultations.csv";
}

std::string hys_page_json(const std::vector<SampleConsultation>& all, int page, int size,
                          const std::string& today) {
  size = std::max(size, 1);
  const int total = static_cast<int>(all.size());
  const int pages = (total + size - 1) / size;
  std::string j = "{\"initiativeResultDtoPage\":{\"totalPages\":" + std::to_string(pages) +
                  ",\"totalElements\":" + std::to_string(total) + ",\"content\":[";
  auto date = [](const std::string& iso, const char* time) {
    std::string d = iso;
    for (char& c : d)
      if (c == '-') c = '/';
    return d + " " + time;
  };
  for (int k = page * size, n = 0; k < total && n < size; ++k, ++n) {
    const SampleConsultation& c = all[static_cast<size_t>(k)];
    j += n ? "," : "";
    j += "{\"id\":";
    append_json_string(j, c.id);
    j += ",\"shortTitle\":";
    append_json_string(j, c.title);
    j += ",\"topics\":[";
    for (size_t t = 0; t < c.topics.size(); ++t) {
      j += t ? ",{\"label\":" : "{\"label\":";
      append_json_string(j, c.topics[t]);
      j += "}";
    }
    const bool open = c.opens <= today && today <= c.closes;
    j += "],\"currentStatuses\":[{\"isCurrent\":true,\"receivingFeedbackStatus\":";
    append_json_string(j, open ? "OPEN" : "CLOSED");
    j += ",\"feedbackStartDate\":";
    append_json_string(j, date(c.opens, "00:00:00"));
    j += ",\"feedbackEndDate\":";
    append_json_string(j, date(c.closes, "23:59:59"));
    j += "}]}";
  }
  return j + "]}}";
}

struct ConsultationMirror::Impl {
  std::vector<SampleConsultation> items;
  std::string today;
  httplib::Server server;
  std::thread thread;
  int port = 0;
};

ConsultationMirror::ConsultationMirror(std::vector<SampleConsultation> items, std::string today)
    : impl_(std::make_unique<Impl>()) {
  impl_->items = std::move(items);
  impl_->today = std::move(today);
}

ConsultationMirror::~ConsultationMirror() { stop(); }

Status ConsultationMirror::start() {
  Impl* impl = impl_.get();
  impl->server.set_keep_alive_max_count(1);  // stop() must not wait for an idle client
  impl->server.Get("/brpapi/searchInitiatives", [impl](const httplib::Request& req,
                                                       httplib::Response& res) {
    auto number = [&](const char* key, int fallback) {
      if (!req.has_param(key)) return fallback;
      auto v = parse_double(req.get_param_value(key));
      return v && *v >= 0 && *v < 1e6 ? static_cast<int>(*v) : fallback;
    };
    res.set_content(hys_page_json(impl->items, number("page", 0), number("size", 100), impl->today),
                    "application/json");
  });
  impl->port = impl->server.bind_to_any_port("127.0.0.1");
  if (impl->port <= 0)
    return make_error(ErrorKind::kNetwork, "cannot bind a loopback port for the consultations");
  impl->thread = std::thread([impl] { impl->server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !impl->server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!impl->server.is_running())
    return make_error(ErrorKind::kIo, "the consultations server did not start");
  return Status::Ok();
}

void ConsultationMirror::stop() {
  if (!impl_) return;
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string ConsultationMirror::first_page_url(int size) const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) +
         "/brpapi/searchInitiatives?page=0&size=" + std::to_string(size) + "&language=EN";
}

}  // namespace omvarld
