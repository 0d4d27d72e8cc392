#pragma once
// What a worker's gSOAP context does around the generated code: the request's
// state (reached through soap->user), the HTTP header hooks (the headers the
// WSDL address needs, the UTF-8 check of the body),
// Basic authentication, and the GET endpoints (?wsdl, /health).
#include <cstdint>
#include <string>

#include "auth.h"
#include "config.h"
#include "partnerapi/text.h"
#include "partnerapi/soap/session.h"

#include <stdsoap2.h>

namespace partnerapi::server {

inline constexpr const char* kServicePath = "/cus/ws/PartnerAPI";

// Per-context data the gSOAP callbacks reach through soap->user.
struct WorkerState : soapglue::Session {
  const Config* config = nullptr;
  Authenticator* auth = nullptr;
  std::string host;
  int (*default_parse_header)(struct soap*, const char*, const char*) = nullptr;
  int (*default_parse)(struct soap*) = nullptr;
  std::uint64_t requests = 0;
  bool headers_seen = false;   // a request arrived (else: idle keep-alive closed)
  bool in_body = false;        // the HTTP header is read; what follows is checked as UTF-8
  text::Utf8Stream body_text;
  std::string worker_tag;
  int sent_status = 0;         // an answer a GET endpoint wrote itself with this status (0: none or 200)

  static WorkerState& of(struct soap* s) { return static_cast<WorkerState&>(Session::of(s)); }
  void begin_request() {
    partner.reset();
    login.clear();
    operation.clear();
    fault_code.clear();
    forwarded_proto.clear();
    forwarded_host.clear();
    host.clear();
    headers_seen = false;
    in_body = false;
    body_text.reset();
    soap_version = 1;
    sent_status = 0;
    http10 = false;
    answer_broken = false;
    streamed.reset();
    request_id = worker_tag + "-" + std::to_string(++requests);
  }
};

// Installs the hooks on a worker's context; `state` must outlive it.
void install_hooks(struct soap* s, WorkerState& state);
// The request's Basic credentials checked; sets state.login and state.partner.
bool authenticate(struct soap* s);

}  // namespace partnerapi::server
