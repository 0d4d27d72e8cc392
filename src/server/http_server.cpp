#include "http_server.h"

#include <spdlog/spdlog.h>

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "auth.h"
#include "partnerapi/api_error.h"
#include "partnerapi/text.h"
#include "soap/glue.h"
#include "soap/service.h"
#include "soap/session.h"
#include <soapPartnerAPISoapBindingService.h>
#include "socket_io.h"
#include "wsdl_document.h"

namespace partnerapi::server {
namespace {

using soapglue::Session;

constexpr const char* kServicePath = "/cus/ws/PartnerAPI";

struct Accepted {
  SOAP_SOCKET socket;
  std::string peer;
};

// Accepted connections waiting for a worker; bounded, so a flood waits in the
// kernel's backlog instead of in our memory.
class ConnectionQueue {
 public:
  explicit ConnectionQueue(std::size_t capacity) : capacity_(capacity) {}
  void push(Accepted a) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(a));
    ready_.notify_one();
  }
  Accepted pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !items_.empty(); });
    Accepted a = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return a;
  }

 private:
  std::size_t capacity_;
  std::deque<Accepted> items_;
  std::mutex mu_;
  std::condition_variable ready_, space_;
};

// Per-context data the gSOAP callbacks reach through soap->user.
struct WorkerState : Session {
  const Config* config = nullptr;
  Authenticator* auth = nullptr;
  std::string host;
  int (*default_parse_header)(struct soap*, const char*, const char*) = nullptr;
  int (*default_parse)(struct soap*) = nullptr;
  std::uint64_t requests = 0;
  bool headers_seen = false;   // a request arrived (else: idle keep-alive closed)
  bool too_large = false;      // Content-Length over the limit: 413
  std::uint64_t declared_length = 0;  // the refused body's Content-Length
  bool in_body = false;        // the HTTP header is read; what follows is checked as UTF-8
  text::Utf8Stream body_text;
  std::string worker_tag;

  static WorkerState& of(struct soap* s) { return *static_cast<WorkerState*>(s->user); }
  void begin_request() {
    partner.reset();
    login.clear();
    operation.clear();
    fault_code.clear();
    forwarded_proto.clear();
    forwarded_host.clear();
    host.clear();
    headers_seen = false;
    too_large = false;
    declared_length = 0;
    in_body = false;
    body_text.reset();
    soap_version = 1;
    request_id = worker_tag + "-" + std::to_string(++requests);
  }
};

bool header_is(const char* key, const char* name) { return soap_tag_cmp(key, name) == 0; }

// Keeps the headers the WSDL address needs, then lets gSOAP parse as usual.
int parse_header(struct soap* s, const char* key, const char* val) {
  auto& st = WorkerState::of(s);
  st.headers_seen = true;
  if (header_is(key, "Content-Length") && std::strtoull(val, nullptr, 10) > s->recv_maxlength) {
    st.too_large = true;  // refuse before reading a byte of the body
    st.declared_length = std::strtoull(val, nullptr, 10);
    return 413;
  }
  if (header_is(key, "Host")) st.host = val;
  else if (header_is(key, "X-Forwarded-Proto")) st.forwarded_proto = val;
  else if (header_is(key, "X-Forwarded-Host")) st.forwarded_host = val;
  return st.default_parse_header(s, key, val);
}

// The body must be UTF-8: gSOAP would read a stray byte as Latin-1 and pass
// on a different text. Checked as the bytes arrive (after de-chunking).
int check_body_text(struct soap* s, const char* data, size_t n) {
  auto& st = WorkerState::of(s);
  if (!st.in_body || st.body_text.feed({data, n})) return SOAP_OK;
  return SOAP_UTF_ERROR;
}

// After the HTTP header: the body bytes read along with it are checked here;
// a chunked body is checked chunk by chunk as gSOAP decodes it.
int parse_http(struct soap* s) {
  auto& st = WorkerState::of(s);
  if (const int rc = st.default_parse(s)) return rc;
  st.in_body = true;
  if (s->imode & SOAP_IO_CHUNK) return SOAP_OK;
  return check_body_text(s, s->buf + s->bufidx, s->buflen - s->bufidx);
}

bool authenticate(struct soap* s) {
  auto& st = WorkerState::of(s);
  if (!s->userid || !s->passwd) return false;
  st.login = s->userid;
  st.partner = st.auth->check(s->userid, s->passwd);
  return st.partner.has_value();
}

int send_text(struct soap* s, int status, const char* content_type, const std::string& body) {
  s->http_content = content_type;
  if (soap_response(s, status) || soap_send_raw(s, body.data(), body.size()) || soap_end_send(s)) return s->error;
  return SOAP_OK;
}

int serve_wsdl(struct soap* s) {
  auto& st = WorkerState::of(s);
  if (st.config->wsdl_auth && !authenticate(s)) return 401;
  const auto fallback = st.config->listen_host + ":" + std::to_string(st.config->listen_port);
  const auto url = endpoint_url({st.config->public_url, st.forwarded_proto, st.forwarded_host, st.host, fallback});
  return send_text(s, SOAP_FILE, "text/xml; charset=utf-8", wsdl_for(url));
}

int serve_health(struct soap* s) {
  auto& st = WorkerState::of(s);
  if (!st.pool->healthy(std::chrono::seconds(2))) return 503;
  return send_text(s, SOAP_FILE, "text/plain; charset=utf-8", "ok\n");
}

int handle_get(struct soap* s) {
  const std::string path = s->path;
  const std::string base = kServicePath;
  if (path == base + "?wsdl" || path == base + "?WSDL" || path == base + "?singleWsdl") return serve_wsdl(s);
  if (path == "/health") return serve_health(s);
  return 404;
}

// Frees what the listening context allocated (accept timeouts leave a fault
// structure in it) and closes it.
void release(struct soap* master) {
  soap_destroy(master);
  soap_end(master);
  soap_done(master);
}

// Answers are stored whole, then sent with their Content-Length.
constexpr soap_mode kOutputMode = SOAP_IO_KEEPALIVE | SOAP_IO_STORE | SOAP_C_UTFSTRING;

void configure(struct soap* s, const Config& c) {
  s->recv_timeout = c.recv_timeout;
  s->send_timeout = c.send_timeout;
  s->transfer_timeout = c.transfer_timeout;
  s->accept_timeout = 1;
  s->max_keep_alive = c.max_keep_alive;
  s->recv_maxlength = static_cast<ULONG64>(c.max_body_mb) * 1024 * 1024;
  s->maxlevel = 64;
  s->maxlength = 65536;  // characters of any one string value
  s->maxoccurs = 100000;
  s->authrealm = "PartnerAPI";
  s->bind_flags = SO_REUSEADDR;
}

class Worker {
 public:
  Worker(struct soap* master, const Config& config, db::Pool& pool, Authenticator& auth, int index)
      : service_(make_service(soap_copy(master))),
        io_(config.recv_timeout, config.send_timeout, config.transfer_timeout) {
    state_.pool = &pool;
    state_.config = &config;
    state_.auth = &auth;
    state_.worker_tag = "w" + std::to_string(index) + "-" + Uid::random().str().substr(0, 8);
    struct soap* s = service_->soap;
    s->user = &state_;
    state_.default_parse_header = s->fparsehdr;
    s->fparsehdr = parse_header;
    state_.default_parse = s->fparse;
    s->fparse = parse_http;
    s->fpreparerecv = check_body_text;
    s->fget = handle_get;
    io_.install(s);
  }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker() {
    struct soap* s = service_->soap;
    service_->destroy();
    service_.reset();
    soap_free(s);
  }

  // Wakes a connection idling in keep-alive so a stop does not wait for its timeout.
  void interrupt() {
    const SOAP_SOCKET sock = current_.load();
    if (soap_valid_socket(sock)) ::shutdown(sock, SHUT_RD);
  }

  void serve(const Accepted& conn) {
    struct soap* s = service_->soap;
    s->socket = conn.socket;
    io_.attach(conn.socket);
    current_.store(conn.socket);
    s->keep_alive = s->max_keep_alive + 1;
    try {
      do {
        if (s->keep_alive > 0 && s->max_keep_alive > 0) s->keep_alive--;
        if (!serve_request(conn.peer)) break;
      } while (s->keep_alive);
    } catch (const std::exception& e) {
      // Never lose the worker, nor the process, to one connection.
      spdlog::error("[{}] connection dropped: {}", state_.request_id, e.what());
    }
    current_.store(SOAP_INVALID_SOCKET);
    service_->destroy();
    soap_force_closesock(s);
  }

 private:
  // One request on the connection; false when the connection is done.
  bool serve_request(const std::string& peer) {
    struct soap* s = service_->soap;
    state_.begin_request();
    io_.begin_request();
    s->omode = kOutputMode;  // the glue may have switched a large answer to length-counted
    const auto started = std::chrono::steady_clock::now();
    bool keep = true;
    if (soap_begin_recv(s) || soap_envelope_begin_in(s) || soap_recv_header(s) || soap_body_begin_in(s)) {
      keep = s->error == SOAP_STOP;  // a GET answered by handle_get
      if (state_.body_text.failed()) s->error = SOAP_UTF_ERROR;  // whatever gSOAP made of it
      if (s->error == SOAP_POST) {   // gSOAP's word for a POST whose body is not XML
        soap_set_version(s, state_.soap_version);
        soapglue::fault(s, false, "Некорректный запрос: тело запроса не является SOAP-конвертом", code::kBadRequest);
        soap_send_fault(s);
      } else if (s->error < SOAP_STOP) {
        send_fault();
      }
    } else {
      state_.soap_version = s->version;
      if (!authenticate_or_fault()) {
        keep = false;
      } else if (service_->dispatch() && s->error && s->error < SOAP_STOP) {
        send_fault();
        keep = false;
      }
    }
    if (io_.flush(s) != SOAP_OK) keep = false;
    log_request(peer, started);
    service_->destroy();
    return keep && state_.headers_seen;
  }

  // False when the request must not run: a 401, or a fault if the logins
  // cannot be checked (the database is down).
  bool authenticate_or_fault() {
    struct soap* s = service_->soap;
    try {
      if (authenticate(s)) return true;
      send_unauthorized();
    } catch (const std::exception& e) {
      spdlog::error("[{}] authentication unavailable: {}", state_.request_id, e.what());
      soap_set_version(s, state_.soap_version);
      soapglue::fault(s, true, "Учетная система временно недоступна", code::kUnavailable);
      soap_send_fault(s);
    }
    return false;
  }

  // 401 with WWW-Authenticate; nothing of the request was executed.
  void send_unauthorized() {
    struct soap* s = service_->soap;
    soap_set_version(s, state_.soap_version);
    soapglue::fault(s, false, "Требуется авторизация: неверный логин или пароль", "UNAUTHORIZED");
    s->authrealm = "PartnerAPI";
    s->error = 401;
    soap_send_fault(s);
  }

  void send_fault() {
    struct soap* s = service_->soap;
    spdlog::debug("[{}] fault for error {} (socket {})", state_.request_id, s->error, s->socket);
    if (!state_.headers_seen) return;  // the peer went away between requests
    if (state_.too_large) {
      drain();
      soap_set_version(s, state_.soap_version);
      soapglue::fault(s, false, "Слишком большой запрос", code::kBadRequest);
      s->error = 413;
      soap_send_fault(s);
      return;
    }
    soap_set_version(s, state_.soap_version);
    soapglue::explain_protocol_error(s);
    soap_send_fault(s);
  }

  // Reads and drops the refused body (bounded), so a client that sends it all
  // before reading can read our answer instead of a connection reset.
  void drain() {
    struct soap* s = service_->soap;
    constexpr std::uint64_t kMaxDrained = 64ull * 1024 * 1024;
    const std::uint64_t buffered = s->buflen - s->bufidx;
    std::uint64_t left = std::min(state_.declared_length, kMaxDrained);
    left = left > buffered ? left - buffered : 0;
    char buf[65536];
    io_.override_recv_timeout(s->socket, 2);
    while (left > 0) {
      const auto n = ::recv(s->socket, buf, static_cast<std::size_t>(std::min<std::uint64_t>(left, sizeof buf)), 0);
      if (n <= 0) break;
      left -= static_cast<std::uint64_t>(n);
    }
    io_.override_recv_timeout(s->socket, 0);
  }

  void log_request(const std::string& peer, std::chrono::steady_clock::time_point started) {
    struct soap* s = service_->soap;
    if (!state_.headers_seen) return;  // idle keep-alive closed
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    spdlog::debug("[{}] {} {} {} error={} {} {}us", state_.request_id, peer, state_.login,
                  state_.operation.empty() ? "-" : state_.operation, s->error, state_.fault_code, us);
  }

  std::unique_ptr<PartnerAPISoapBindingService> service_;
  SocketIo io_;
  WorkerState state_;
  std::atomic<SOAP_SOCKET> current_{SOAP_INVALID_SOCKET};
};

}  // namespace

HttpServer::HttpServer(const Config& config, db::Pool& pool) : config_(config), pool_(pool) {}

int HttpServer::run(const std::atomic<bool>& stop) {
  std::signal(SIGPIPE, SIG_IGN);
  struct soap master;
  soap_init2(&master, SOAP_IO_KEEPALIVE | SOAP_XML_STRICT | SOAP_XML_TREE | SOAP_C_UTFSTRING, kOutputMode);
  configure(&master, config_);
  if (!soap_valid_socket(soap_bind(&master, config_.listen_host.c_str(), config_.listen_port, 1024))) {
    spdlog::critical("cannot listen on {}:{}: {}", config_.listen_host, config_.listen_port,
                     master.errnum ? std::strerror(master.errnum) : "bind failed");
    release(&master);
    return 1;
  }
  Authenticator auth(pool_, std::chrono::seconds(config_.auth_cache_seconds));
  ConnectionQueue queue(static_cast<std::size_t>(config_.workers) * 2);
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < config_.workers; ++i)
    workers.push_back(std::make_unique<Worker>(&master, config_, pool_, auth, i));
  std::vector<std::thread> threads;
  for (auto& w : workers) {
    threads.emplace_back([&queue, worker = w.get()] {
      for (Accepted c = queue.pop(); soap_valid_socket(c.socket); c = queue.pop()) worker->serve(c);
    });
  }
  spdlog::info("serving http://{}:{}{} with {} workers", config_.listen_host, config_.listen_port, kServicePath,
               config_.workers);
  while (!stop.load()) {
    const SOAP_SOCKET sock = soap_accept(&master);
    if (!soap_valid_socket(sock)) continue;  // accept_timeout: look at `stop` again
    queue.push({sock, master.host});
  }
  spdlog::info("stopping: finishing requests in progress");
  for (std::size_t i = 0; i < threads.size(); ++i) queue.push({SOAP_INVALID_SOCKET, {}});
  for (auto& w : workers) w->interrupt();
  for (auto& t : threads) t.join();
  release(&master);
  return 0;
}

}  // namespace partnerapi::server
