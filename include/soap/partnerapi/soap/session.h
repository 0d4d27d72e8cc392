#pragma once
// What the server knows about the connection and request being served,
// reached from gSOAP code through soap->user.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <string>

#include "partnerapi/row_source.h"
#include "partnerapi/soap/streamed_rows.h"
#include "partnerapi/uid.h"

struct soap;

namespace partnerapi::db {
class Pool;
}

namespace partnerapi::soapglue {

struct Session : StreamedRows {
  virtual ~Session() = default;
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
  bool http10 = false;         // an HTTP/1.0 request: its answer cannot be chunked
  // Set by the server when limits are configured: 0 when this login may call
  // `operation` now (the call counted), else the seconds to wait.
  std::function<std::int64_t(std::string_view operation)> rate_limited;
  int rate_limit_status = 429;  // of a RATE_LIMITED fault: 429, or 400 as configured

  // A table answer still being read from the database (see table() in glue.h):
  // the stand-in string its serializer is given, the rows read so far, the rest.
  struct Streamed {
    const std::string* stand_in;
    Table batch;  // the rows read, not yet written
    bool more;    // whether `rest` has rows still
    TableStream rest;
  };
  std::optional<Streamed> streamed;
  bool answer_broken = false;  // a streamed answer stopped midway: not one more byte on this connection

  // Ends what a request holds beyond gSOAP's memory (a stream's connection).
  void end_request() {
    streamed.reset();
  }

  // Makes this the request state of `soap` (its soap->user).
  void attach(struct soap* soap);
  static Session& of(struct soap* soap);

  // The rows of a streamed answer, as the serializer asks for them (glue.cpp).
  bool write_streamed_rows(struct soap* soap, const std::string* table, int* error) override;
};

}  // namespace partnerapi::soapglue
