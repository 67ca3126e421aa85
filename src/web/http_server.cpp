#include "web/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include "core/text.h"

namespace omvarld {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The handlers run here; the event thread only reads and writes sockets.
class WorkerPool {
 public:
  explicit WorkerPool(int n) {
    for (int i = 0; i < std::max(1, n); ++i) threads_.emplace_back([this] { run(); });
  }
  ~WorkerPool() { stop(); }

  void submit(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.push_back(std::move(task));
    }
    cv_.notify_one();
  }

  // Finishes what was submitted, then joins.
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

 private:
  void run() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// One request on a connection, from its headers to the completion callback.
struct Exchange {
  ServerRequest request;
  bool refused = false;     // a limit's answer is queued; the rest of the body is dropped
  bool over_limit = false;  // the body outgrew the limit while arriving (chunked)
  size_t dropped = 0;       // bytes of it dropped since
  bool handed_over = false;
};

std::string address_text(const sockaddr* sa) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (!sa) return "";
  if (sa->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
  } else if (sa->sa_family == AF_INET6) {
    const auto* a6 = reinterpret_cast<const sockaddr_in6*>(sa);
    if (IN6_IS_ADDR_V4MAPPED(&a6->sin6_addr))  // ::ffff:a.b.c.d is a.b.c.d
      inet_ntop(AF_INET, &a6->sin6_addr.s6_addr[12], buf, sizeof buf);
    else
      inet_ntop(AF_INET6, &a6->sin6_addr, buf, sizeof buf);
  }
  return buf;
}

MHD_Result collect(void* cls, MHD_ValueKind, const char* key, const char* value) {
  static_cast<std::vector<std::pair<std::string, std::string>>*>(cls)->emplace_back(
      key ? key : "", value ? value : "");
  return MHD_YES;
}

// Binds and listens without SO_REUSEPORT (SO_REUSEADDR only lets a restart
// reuse a port whose old connections linger in TIME_WAIT).
Result<int> listen_socket(const std::string& host, int port) {
  const std::string where = host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0)
    return make_error(ErrorKind::kIo,
                      "cannot listen on " + where + ": " + std::string(gai_strerror(rc)));
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> list(found, freeaddrinfo);
  const int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                          found->ai_protocol);
  if (fd < 0)
    return make_error(ErrorKind::kIo, "cannot listen on " + where + ": " + std::strerror(errno));
  const int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
    const int err = errno;
    ::close(fd);
    std::string why = std::strerror(err);
    if (err == EADDRINUSE) why = "address in use (another omvarld serve or program listens there)";
    if (err == EADDRNOTAVAIL) why = "not an address of this machine";
    if (err == EACCES) why = "permission denied (ports below 1024 need privileges)";
    return make_error(ErrorKind::kIo, "cannot listen on " + where + ": " + why);
  }
  return fd;
}

}  // namespace

std::string ServerRequest::header(std::string_view name) const {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it)
    if (iequals(it->first, name)) return it->second;
  return "";
}

size_t ServerRequest::header_count(std::string_view name) const {
  size_t n = 0;
  for (const auto& [k, v] : headers) n += iequals(k, name) ? 1 : 0;
  return n;
}

bool ServerRequest::has_param(std::string_view key) const {
  for (const auto& [k, v] : params)
    if (k == key) return true;
  return false;
}

std::string ServerRequest::param(std::string_view key) const {
  for (const auto& [k, v] : params)
    if (k == key) return v;
  return "";
}

void ServerResponse::set_header(const std::string& name, const std::string& value) {
  for (auto& [k, v] : headers)
    if (iequals(k, name)) {
      v = value;
      return;
    }
  headers.emplace_back(name, value);
}

void ServerResponse::add_header(const std::string& name, const std::string& value) {
  headers.emplace_back(name, value);
}

bool ServerResponse::has_header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return true;
  return false;
}

void ServerResponse::set_content(std::string text, const std::string& content_type) {
  body = std::move(text);
  set_header("Content-Type", content_type);
}

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string_view part : split(body, '&')) {
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      out.emplace_back(form_decode(part), "");
    else
      out.emplace_back(form_decode(part.substr(0, eq)), form_decode(part.substr(eq + 1)));
  }
  return out;
}

Result<ListenAddress> parse_listen_address(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return make_error(ErrorKind::kUsage, "--listen wants address:port, got \"" + text + "\"");
  ListenAddress a;
  a.host = text.substr(0, colon);
  if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']')
    a.host = a.host.substr(1, a.host.size() - 2);
  const std::string port = text.substr(colon + 1);
  const bool digits = !port.empty() && port.size() <= 5 &&
                      port.find_first_not_of("0123456789") == std::string::npos;
  int value = -1;
  if (digits) std::from_chars(port.data(), port.data() + port.size(), value);
  if (!digits || value > 65535)
    return make_error(ErrorKind::kUsage,
                      "--listen: \"" + port + "\" is not a port (a whole number 0-65535)");
  a.port = value;
  return a;
}

bool is_ip_address(const std::string& text) {
  in_addr a4{};
  in6_addr a6{};
  return inet_pton(AF_INET, text.c_str(), &a4) == 1 || inet_pton(AF_INET6, text.c_str(), &a6) == 1;
}

bool same_ip_address(const std::string& a, const std::string& b) {
  auto canonical = [](const std::string& s) -> std::string {
    in_addr a4{};
    in6_addr a6{};
    if (inet_pton(AF_INET, s.c_str(), &a4) == 1)
      return std::string(reinterpret_cast<const char*>(&a4), sizeof a4);
    if (inet_pton(AF_INET6, s.c_str(), &a6) == 1) {
      if (IN6_IS_ADDR_V4MAPPED(&a6)) return std::string(reinterpret_cast<char*>(&a6) + 12, 4);
      return std::string(reinterpret_cast<const char*>(&a6), sizeof a6);
    }
    return "";
  };
  const std::string ca = canonical(a);
  return !ca.empty() && ca == canonical(b);
}

struct HttpServer::Impl {
  HttpServerOptions o;
  HttpHandler handler;
  MHD_Daemon* daemon = nullptr;
  std::unique_ptr<WorkerPool> pool;
  int port = 0;
  // Requests handed to a worker and not yet answered; while any is, the
  // daemon must not stop (their connections are suspended).
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};

  static MHD_Result answer_now(MHD_Connection* c, int status, const std::string& text) {
    MHD_Response* r = MHD_create_response_from_buffer(text.size(), const_cast<char*>(text.data()),
                                                      MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
    MHD_add_response_header(r, "Connection", "close");
    const MHD_Result ok = MHD_queue_response(c, static_cast<unsigned>(status), r);
    MHD_destroy_response(r);
    return ok;
  }

  std::string too_large() const {
    return "the request body is over " + std::to_string(o.max_body_bytes / 1024) + " KiB\n";
  }

  MHD_Result refuse(Exchange& ex, MHD_Connection* c, int status, const std::string& text) {
    ex.refused = true;
    return answer_now(c, status, text);
  }

  // Runs on a worker: the handler, then the answer back to the suspended connection.
  void handle(MHD_Connection* c, Exchange* ex) {
    ServerResponse res;
    try {
      handler(ex->request, res);
    } catch (...) {  // a handler's bug costs its request, not the server
      res = ServerResponse();
      res.status = 500;
      res.set_content("internal error\n", "text/plain; charset=utf-8");
    }
    MHD_Response* r = MHD_create_response_from_buffer(
        res.body.size(), const_cast<char*>(res.body.data()), MHD_RESPMEM_MUST_COPY);
    if (r) {
      for (const auto& [k, v] : res.headers) MHD_add_response_header(r, k.c_str(), v.c_str());
      MHD_queue_response(c, static_cast<unsigned>(res.status), r);
      MHD_destroy_response(r);
    }
    MHD_resume_connection(c);  // the last touch: the exchange may be gone after it
    in_flight.fetch_sub(1);
  }

  static MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method,
                               const char*, const char* upload, size_t* upload_size,
                               void** req_cls) {
    Impl& self = *static_cast<Impl*>(cls);
    auto* ex = static_cast<Exchange*>(*req_cls);
    if (!ex) {  // the head has arrived (MHD bounds its bytes)
      ex = new Exchange();
      *req_cls = ex;
      const int fields = MHD_get_connection_values(c, MHD_HEADER_KIND, nullptr, nullptr);
      if (fields > self.o.max_headers)
        return self.refuse(
            *ex, c, 431,
            "too many header fields (at most " + std::to_string(self.o.max_headers) + ")\n");
      if (const char* cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length")) {
        uint64_t length = 0;
        const auto [p, err] = std::from_chars(cl, cl + std::strlen(cl), length);
        if (err != std::errc() || length > self.o.max_body_bytes)
          return self.refuse(*ex, c, 413, self.too_large());
      }
      return MHD_YES;
    }
    if (ex->refused) {  // drop what still comes of a refused body
      *upload_size = 0;
      return MHD_YES;
    }
    if (*upload_size > 0) {
      // libmicrohttpd takes an answer only before the body or after it: a
      // body that outgrows the limit is dropped as it comes (up to a bound,
      // then the connection is closed) and answered 413 at its end.
      if (ex->over_limit || ex->request.body.size() + *upload_size > self.o.max_body_bytes) {
        ex->over_limit = true;
        ex->dropped += *upload_size;
        *upload_size = 0;
        ex->request.body.clear();
        ex->request.body.shrink_to_fit();
        return ex->dropped > 4 * self.o.max_body_bytes ? MHD_NO : MHD_YES;
      }
      ex->request.body.append(upload, *upload_size);
      *upload_size = 0;
      return MHD_YES;
    }
    if (ex->over_limit) return self.refuse(*ex, c, 413, self.too_large());
    if (ex->handed_over) return MHD_YES;  // resumed: the answer is queued
    ServerRequest& req = ex->request;
    req.method = method ? method : "";
    req.path = url ? url : "";
    MHD_get_connection_values(c, MHD_HEADER_KIND, collect, &req.headers);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, &req.params);
    if (const MHD_ConnectionInfo* info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS))
      req.remote_addr = address_text(info->client_addr);
    const std::string type = to_lower(req.header("Content-Type"));
    if (type.rfind("application/x-www-form-urlencoded", 0) == 0)
      for (auto& kv : parse_form(req.body)) req.params.push_back(std::move(kv));
    ex->handed_over = true;
    // Counted before `stopping` is read, so that stop() waits for this one
    // or this one sees stop().
    self.in_flight.fetch_add(1);
    if (self.stopping.load()) {
      self.in_flight.fetch_sub(1);
      return answer_now(c, 503, "the server is stopping\n");
    }
    MHD_suspend_connection(c);
    self.pool->submit([&self, c, ex] { self.handle(c, ex); });
    return MHD_YES;
  }

  static void on_completed(void*, MHD_Connection*, void** req_cls, MHD_RequestTerminationCode) {
    delete static_cast<Exchange*>(*req_cls);
    *req_cls = nullptr;
  }
};

HttpServer::HttpServer() : impl_(std::make_unique<Impl>()) {}

Result<std::unique_ptr<HttpServer>> HttpServer::start(const HttpServerOptions& options,
                                                      HttpHandler handler) {
  // Each connection is a file descriptor: lift the soft limit (1024 under
  // systemd) towards the hard one so that max_connections can be reached.
  rlimit files{};
  const rlim_t wanted = static_cast<rlim_t>(options.max_connections) + 256;
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < wanted) {
    files.rlim_cur = std::min(wanted, files.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &files);
  }
  auto fd = listen_socket(options.host, options.port);
  if (!fd.ok()) return fd.error();
  std::unique_ptr<HttpServer> s(new HttpServer());
  Impl& i = *s->impl_;
  i.o = options;
  i.handler = std::move(handler);
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(*fd, reinterpret_cast<sockaddr*>(&bound), &len);
  i.port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                             : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  i.pool = std::make_unique<WorkerPool>(options.workers);
  i.daemon = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME, 0, nullptr,
      nullptr, &Impl::on_request, &i, MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(*fd),
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<size_t>(options.max_head_bytes),
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(options.max_connections),
      MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(options.idle_timeout_s),
      MHD_OPTION_NOTIFY_COMPLETED, &Impl::on_completed, nullptr, MHD_OPTION_STRICT_FOR_CLIENT, 1,
      MHD_OPTION_END);
  if (!i.daemon) {
    ::close(*fd);
    i.pool->stop();
    return make_error(ErrorKind::kIo, "cannot start the HTTP server (libmicrohttpd) on " +
                                          options.host + ":" + std::to_string(i.port));
  }
  return s;
}

HttpServer::~HttpServer() {
  Impl& i = *impl_;
  i.stopping.store(true);
  // Every suspended connection must be resumed before the daemon stops.
  while (i.in_flight.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (i.daemon) MHD_stop_daemon(i.daemon);  // also closes the listening socket
  i.pool->stop();
}

int HttpServer::port() const { return impl_->port; }

}  // namespace omvarld
