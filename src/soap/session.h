#pragma once
// What the server knows about the connection and request being served,
// reached from gSOAP code through soap->user.
#include <optional>
#include <string>

#include "partnerapi/uid.h"

struct soap;

namespace partnerapi::db {
class Pool;
}

namespace partnerapi::soapglue {

struct Session {
  db::Pool* pool = nullptr;
  std::optional<Uid> partner;  // set by authentication, before dispatch
  std::string login;
  std::string request_id;
  std::string operation;       // for the access log
  short soap_version = 1;      // of the request's envelope; the answer uses it
  std::string forwarded_proto; // X-Forwarded-Proto / X-Forwarded-Host, for ?wsdl
  std::string forwarded_host;
  std::string fault_code;      // detail/code of the fault sent, for the log
  int fault_status = 500;      // its HTTP status: 400 for what the client sent, 500 for ours

  static Session& of(struct soap* soap);
};

}  // namespace partnerapi::soapglue
