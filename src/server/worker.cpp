#include "worker.h"

#include "access_log.h"
#include "metrics.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>

#include "partnerapi/api_error.h"
#include "partnerapi/soap/glue.h"
#include "partnerapi/soap/service.h"
#include <soapPartnerAPISoapBindingService.h>

namespace partnerapi::server {

namespace {
// How long a worker waits for the next request on a keep-alive connection
// before handing it to the idle connections: a client sending one request
// after another is served without the hand-over; an idle one does not hold
// the worker. (Nor does one whose request is still arriving: see SocketIo.)
constexpr std::chrono::milliseconds kIdleAfter{50};

std::string refusal_text(int status) {
  switch (status) {
    case 411: return "Некорректный запрос: не указана длина тела запроса (Content-Length)";
    case 413: return "Слишком большой запрос";
    case 431: return "Слишком большой заголовок запроса";
    case 501: return "Некорректный запрос: кодирование передачи не поддерживается (допустимо только chunked)";
    default: break;
  }
  return "Некорректный запрос: нарушено HTTP-кадрирование запроса";
}
}  // namespace

Worker::Worker(struct soap* master, const Config& config, db::Pool& pool, Authenticator& auth, IdleConnections& idle,
               RateLimiter& limits, int index)
    : service_(make_service(soap_copy(master))),
      io_(config.recv_timeout, config.send_timeout, config.transfer_timeout, kIdleAfter),
      idle_(idle) {
  state_.pool = &pool;
  state_.config = &config;
  access_format_ = access_log_format(config.access_log);
  state_.auth = &auth;
  if (!limits.empty())
    state_.rate_limited = [&limits, this](std::string_view op) { return limits.admit(state_.login, op); };
  state_.rate_limit_status = config.rate_limit_status;
  state_.worker_tag = "w" + std::to_string(index) + "-" + Uid::random().str().substr(0, 8);
  install_hooks(service_->soap, state_);
  io_.install(service_->soap, FramingLimits{service_->soap->recv_maxlength});
}

Worker::~Worker() {
  struct soap* s = service_->soap;
  service_->destroy();
  service_.reset();
  soap_free(s);
}

void Worker::interrupt() {
  const SOAP_SOCKET sock = current_.load();
  if (soap_valid_socket(sock)) ::shutdown(sock, SHUT_RD);
}

void Worker::serve(Accepted conn) {
  struct soap* s = service_->soap;
  s->socket = conn.socket;
  s->bufidx = s->buflen = 0;  // a connection goes idle with nothing of it buffered
  io_.attach(conn.socket, std::move(conn.preread));
  current_.store(conn.socket);
  s->keep_alive = conn.keep_alive < 0 ? s->max_keep_alive + 1 : conn.keep_alive;
  bool idle = false;
  try {
    do {
      conn.keep_alive = s->keep_alive;  // as it was before this request counted
      if (s->keep_alive > 0 && s->max_keep_alive > 0) s->keep_alive--;
      if (serve_request(conn.peer)) continue;
      idle = io_.went_idle();
      break;
    } while (s->keep_alive);
  } catch (const std::exception& e) {
    // Never lose the worker, nor the process, to one connection.
    spdlog::error("[{}] connection dropped: {}", state_.request_id, e.what());
  }
  current_.store(SOAP_INVALID_SOCKET);
  service_->destroy();
  if (idle) {
    s->socket = SOAP_INVALID_SOCKET;  // the idle connections own it now
    conn.preread = io_.take_received();
    idle_.hold(std::move(conn));
    return;
  }
  soap_force_closesock(s);
}

bool Worker::serve_request(const std::string& peer) {
  struct soap* s = service_->soap;
  state_.begin_request();
  s->omode = soapglue::kOutputMode;  // the glue may have switched a large answer to length-counted
  const auto started = std::chrono::steady_clock::now();
  switch (io_.next_request(s)) {
    case SocketIo::Next::Request: break;
    case SocketIo::Next::Refused:
      refuse_framing();
      log_request(peer, started);
      soapglue::free_request(s);
      return false;
    case SocketIo::Next::Idle:
    case SocketIo::Next::Closed: return false;
  }
  busy_ = true;
  state_.http10 = io_.http10();
  Metrics::global().request_started();
  struct NotBusyAtReturn {
    std::atomic<bool>& busy;
    ~NotBusyAtReturn() {
      busy = false;
      Metrics::global().request_ended();
    }
  } idle_again{busy_};
  bool keep = true;
  if (soap_begin_recv(s) || soap_envelope_begin_in(s) || soap_recv_header(s) || soap_body_begin_in(s)) {
    keep = s->error == SOAP_STOP;  // a GET answered by handle_get
    if (state_.body_text.failed()) s->error = SOAP_UTF_ERROR;  // whatever gSOAP made of it
    if (s->error == SOAP_POST) {   // gSOAP's word for a POST whose body is not XML
      refuse(code::kBadRequest, "Некорректный запрос: тело запроса не является SOAP-конвертом");
    } else if (s->error < SOAP_STOP) {
      send_fault();
    }
  } else {
    state_.soap_version = s->version == 2 ? 2 : 1;  // an envelope of neither namespace is answered in SOAP 1.1
    if (!authenticate_or_fault()) {
      keep = false;
    } else if (service_->dispatch() && s->error && s->error < SOAP_STOP) {
      keep = answer_fault();
    }
  }
  if (io_.flush(s) != SOAP_OK) keep = false;
  log_request(peer, started);
  soapglue::free_request(s);
  return keep && state_.headers_seen;
}

bool Worker::authenticate_or_fault() {
  struct soap* s = service_->soap;
  try {
    if (authenticate(s)) return true;
    send_unauthorized();
  } catch (const std::exception& e) {
    spdlog::error("[{}] authentication unavailable: {}", state_.request_id, e.what());
    refuse(code::kUnavailable);
  }
  return false;
}

// As 1C's own web servers answer: a short text, no SOAP envelope, so a SOAP
// client reports an HTTP 401 (bad credentials), not a Fault (a bad operand).
void Worker::send_unauthorized() {
  static const std::string kText = "401 Unauthorized: неверный логин или пароль\n";
  static const std::string kResponse =
      "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"PartnerAPI\"\r\n"
      "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " +
      std::to_string(kText.size()) + "\r\nConnection: close\r\n\r\n" + kText;
  state_.fault_code = code::kUnauthorized.name;
  io_.respond(service_->soap, kResponse);
  service_->soap->error = 401;
}

void Worker::refuse(const FaultCode& code, const std::string& message, int http_status) {
  struct soap* s = service_->soap;
  soap_set_version(s, state_.soap_version);
  soapglue::fault(s, code, message);
  s->error = http_status ? http_status : state_.fault_status == 400 ? 400 : SOAP_FAULT;
  soap_send_fault(s);
}

void Worker::refuse_framing() {
  const Frame& refusal = io_.refusal();
  state_.headers_seen = true;  // for the access log
  spdlog::warn("[{}] request refused with {}: {}", state_.request_id, refusal.status, refusal.why);
  refuse(code::kBadRequest, refusal_text(refusal.status), refusal.status);
}

bool Worker::answer_fault() {
  struct soap* s = service_->soap;
  if (state_.answer_broken) return false;  // a streamed answer cut short: its end is the connection's
  // An operation's fault (ApiError) on a request read whole leaves the
  // connection clean: a client checking many records keeps its connection.
  if (s->error == SOAP_FAULT && io_.whole()) {
    const int status = s->error;
    if (soapglue::send_fault_keeping_connection(s) != SOAP_OK) return false;
    s->error = status;  // for the access log
    return true;
  }
  send_fault();
  return false;
}

void Worker::send_fault() {
  struct soap* s = service_->soap;
  spdlog::debug("[{}] fault for error {} (socket {})", state_.request_id, s->error, s->socket);
  if (!state_.headers_seen) return;  // the peer went away between requests
  soap_set_version(s, state_.soap_version);
  const int status = soapglue::explain_protocol_error(s);
  s->error = status == 500 ? SOAP_FAULT : status;
  soap_send_fault(s);
}

void Worker::log_request(const std::string& peer, std::chrono::steady_clock::time_point started) {
  struct soap* s = service_->soap;
  if (!state_.headers_seen) return;  // idle keep-alive closed
  const auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  spdlog::debug("[{}] {} {} {} error={} {} {}us", state_.request_id, peer, state_.login,
                state_.operation.empty() ? "-" : state_.operation, s->error, state_.fault_code, us);
  const int status = http_status();
  Metrics::global().request_done(state_.operation.empty() ? "none" : state_.operation, status,
                                 std::chrono::microseconds(us));
  AccessLog::global().write({state_.request_id, peer, state_.login, state_.operation, state_.soap_version, status,
                    state_.fault_code, std::chrono::microseconds(us), io_.bytes_in(), io_.bytes_out()},
                   access_format_);
}

int Worker::http_status() const {
  const struct soap* s = service_->soap;
  if (state_.fault_code == code::kUnauthorized) return 401;
  if (state_.sent_status) return state_.sent_status;  // a GET endpoint's own answer (503: not ready)
  if (s->error == SOAP_OK || s->error == SOAP_STOP) return 200;  // SOAP_STOP: a GET answered
  if (s->error == SOAP_FAULT) return state_.fault_status < 500 ? state_.fault_status : 500;
  if (s->error >= 100 && s->error < 600) return s->error;  // refused with that status
  return 500;
}

}  // namespace partnerapi::server
