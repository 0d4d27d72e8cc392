#pragma once
// The SOAP server: one accept loop, a fixed pool of workers each owning a
// gSOAP context, keep-alive connections served request by request with the
// request's memory freed after each and held without a worker while idle or
// while a request is still arriving;
// Basic authentication before dispatch; GET ?wsdl and /health.
#include <atomic>
#include <string>

#include "config.h"
#include "partnerapi/db/pool.h"

namespace partnerapi::server {

class HttpServer {
 public:
  HttpServer(const Config& config, db::Pool& pool);
  // Binds and serves until `stop` becomes true; returns the exit status.
  int run(const std::atomic<bool>& stop);

 private:
  const Config& config_;
  db::Pool& pool_;
};

}  // namespace partnerapi::server
