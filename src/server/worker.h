#pragma once
// One worker: a gSOAP context, run by a fiber of a FiberLoop, serving one
// keep-alive connection at a time, request by request, with each request's
// memory freed after it. A connection whose next request does not begin soon
// is handed to the idle connections, and the worker takes the next one.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "access_log.h"
#include "auth.h"
#include "config.h"
#include "connection_queue.h"
#include "idle_connections.h"
#include "partnerapi/api_error.h"
#include "partnerapi/db/pool.h"
#include "request_hooks.h"
#include "socket_io.h"

class PartnerAPISoapBindingService;

namespace partnerapi::server {

class Worker {
 public:
  // `limits` (shared by the workers) may be empty: no limits.
  Worker(struct soap* master, const Config& config, db::Pool& pool, Authenticator& auth, IdleConnections& idle,
         RateLimiter& limits, int index);
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker();

  // Wakes a connection idling in keep-alive so a stop does not wait for its timeout.
  void interrupt();
  // A request is being served (for the log of a stop that runs out of time).
  bool busy() const { return busy_.load(); }
  const std::string& tag() const { return state_.worker_tag; }

  // Serves the connection request by request until it closes (then closes it),
  // goes idle or has a request still arriving (then hands it, with the bytes
  // read of that request, to the idle connections).
  void serve(Accepted conn);

 private:
  // One request on the connection; false when the connection is done.
  bool serve_request(const std::string& peer);

  // False when the request must not run: a 401, or a fault if the logins
  // cannot be checked (the database is down).
  bool authenticate_or_fault();

  // 401 with WWW-Authenticate; nothing of the request was executed.
  void send_unauthorized();

  // A fault in the request's SOAP version, after which gSOAP closes the
  // connection; `http_status` (401, 413) replaces the fault's own status.
  void refuse(const FaultCode& code, const std::string& message = {}, int http_status = 0);

  // The status and fault for a request its framing refused; the connection closes.
  void refuse_framing();

  // The fault for a request the operation refused; true when the connection
  // stays open for the next request.
  bool answer_fault();

  // The fault for a request gSOAP could not read.
  void send_fault();

  void log_request(const std::string& peer, std::chrono::steady_clock::time_point started);
  // The HTTP status the request's answer went with.
  int http_status() const;
  AccessLogFormat access_format_ = AccessLogFormat::Json;

  std::unique_ptr<PartnerAPISoapBindingService> service_;
  SocketIo io_;
  IdleConnections& idle_;
  WorkerState state_;
  std::atomic<SOAP_SOCKET> current_{SOAP_INVALID_SOCKET};
  std::atomic<bool> busy_{false};
};


}  // namespace partnerapi::server
