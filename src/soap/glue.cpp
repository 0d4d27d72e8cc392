#include "partnerapi/soap/glue.h"

#include <spdlog/spdlog.h>

#include <variant>

#include "partnerapi/api_error.h"
#include "partnerapi/ops/operation.h"
#include "partnerapi/table.h"
#include "partnerapi/soap/session.h"

namespace partnerapi::soapglue {
namespace {

constexpr std::size_t kStoredAnswerMax = 256 * 1024;
constexpr std::size_t kStreamedPiece = 32 * 1024;  // a streamed answer's XML goes out in pieces of about this

std::string xml_escaped(const std::string& s) {
  std::string out;
  append_escaped(out, s);
  return out;
}

// A Client fault with the time to wait, in its text and in Retry-After, sent
// with HTTP 429 (or 400, as configured).
int refuse_over_limit(struct soap* soap, std::string_view op, std::int64_t wait) {
  Session& session = Session::of(soap);
  spdlog::warn("[{}] {}: over the rate limit of {}, {} s to wait", session.request_id, op, session.login, wait);
  const int rc = fault(soap, code::kRateLimited,
                       "Превышен лимит вызовов " + std::string(op) + " для этого логина: повторите через " +
                           std::to_string(wait) + " с");
  session.fault_status = session.rate_limit_status;
  const std::string before = soap->http_extra_header ? std::string(soap->http_extra_header) + "\r\n" : "";
  soap->http_extra_header = soap_strdup(soap, (before + "Retry-After: " + std::to_string(wait)).c_str());
  return rc;
}

// Runs the operation; on any failure sends back a fault and returns its error.
template <class Write>
int invoke(struct soap* soap, std::string_view op, std::initializer_list<Field> fields, Write write) {
  Session& session = Session::of(soap);
  // The generated dispatch() re-initialises the namespaces, which resets the
  // SOAP version to 1.2: answer in the version of the request's envelope.
  soap_set_version(soap, session.soap_version);
  session.operation = std::string(op);
  if (session.rate_limited)
    if (const std::int64_t wait = session.rate_limited(op)) return refuse_over_limit(soap, op, wait);
  try {
    const Request request(op, std::vector<Field>(fields));
    return write(ops::execute(*session.pool, *session.partner, request));
  } catch (const ApiError& e) {
    const bool server = e.side() == FaultSide::Server;
    if (server)
      spdlog::error("[{}] {}: {} ({})", session.request_id, op, e.what(), e.code());
    else
      spdlog::warn("[{}] {}: {} ({})", session.request_id, op, e.what(), e.code());
    return fault(soap, server, e.what(), e.code());
  } catch (const std::exception& e) {
    spdlog::error("[{}] {}: internal error: {}", session.request_id, op, e.what());
    return fault(soap, code::kInternal, std::string(code::kInternal.message) + ", запрос " + session.request_id);
  }
}

}  // namespace

void Session::attach(struct soap* soap) { soap->user = static_cast<StreamedRows*>(this); }

Session& Session::of(struct soap* soap) { return static_cast<Session&>(*static_cast<StreamedRows*>(soap->user)); }

int fault(struct soap* soap, bool server_side, const std::string& message, const std::string& code) {
  Session::of(soap).fault_code = code;
  Session::of(soap).fault_status = server_side ? 500 : 400;
  const std::string detail = "<code>" + xml_escaped(code) + "</code>";
  const char* text = soap_strdup(soap, message.c_str());
  const char* det = soap_strdup(soap, detail.c_str());
  return server_side ? soap_receiver_fault(soap, text, det) : soap_sender_fault(soap, text, det);
}

int fault(struct soap* soap, const FaultCode& code, const std::string& message) {
  return fault(soap, code.side == FaultSide::Server, message.empty() ? code.message : message, code.name);
}

namespace {

int whole_table(struct soap* soap, const Table& table, std::string& out) {
  out = write_value_table(table);
  // See kOutputMode: a large table is length-counted, not stored again.
  if (out.size() > kStoredAnswerMax) soap->omode = (soap->omode & ~SOAP_IO) | SOAP_IO_BUFFER;
  return SOAP_OK;
}

// Its first batch is read before the answer starts, so that a query that
// fails is an ordinary fault. Rows that fit in one batch are answered whole,
// with a Content-Length; more are sent chunked as they come, except to an
// HTTP/1.0 client (no chunks there: read whole).
int table_stream(struct soap* soap, TableStream&& stream, std::string* out) {
  Table first(*stream.shape);
  const bool more = stream.rows->next(first);
  Session& session = Session::of(soap);
  if (!more || session.http10) {
    while (more && stream.rows->next(first)) {
    }
    return whole_table(soap, first, *out);
  }
  session.streamed.emplace(Session::Streamed{out, std::move(first), more, std::move(stream)});
  soap->omode = (soap->omode & ~SOAP_IO) | SOAP_IO_CHUNK;
  return SOAP_OK;
}

}  // namespace

// The ValueTable serializer's call for the rows of a streamed answer. Once
// the first chunk is out, a failure can no longer be a fault: the answer is
// cut short without its last chunk, and the connection closed, so that no
// client takes the rows it got for the whole table.
bool Session::write_streamed_rows(struct soap* soap, const std::string* table, int* error) {
  Session& session = *this;
  if (!session.streamed || session.streamed->stand_in != table) return false;
  auto& s = *session.streamed;
  std::string xml = s.rest.shape->header_xml();
  std::size_t rows = 0;
  try {
    for (;;) {
      append_value_rows(xml, s.batch);
      rows += s.batch.size();
      if (xml.size() >= kStreamedPiece || !s.more) {
        if (soap_send_raw(soap, xml.data(), xml.size())) return *error = soap->error, true;
        xml.clear();
      }
      if (!s.more) return *error = SOAP_OK, true;
      s.batch.clear();
      s.more = s.rest.rows->next(s.batch);
    }
  } catch (const std::exception& e) {
    spdlog::error("[{}] {}: answer cut short after {} rows: {}", session.request_id, session.operation, rows,
                  e.what());
  }
  session.answer_broken = true;
  session.fault_code = code::kUnavailable.name;
  session.fault_status = 500;
  return *error = soap->error = SOAP_EOF, true;
}

int table(struct soap* soap, std::string_view op, std::initializer_list<Field> fields, std::string*& out) {
  return invoke(soap, op, fields, [&](ops::Result&& r) {
    out = soap_new_std__string(soap);
    if (auto* stream = std::get_if<TableStream>(&r)) return table_stream(soap, std::move(*stream), out);
    return whole_table(soap, std::get<Table>(r), *out);
  });
}

int boolean(struct soap* soap, std::string_view op, std::initializer_list<Field> fields, std::string*& out) {
  return invoke(soap, op, fields, [&](ops::Result&& r) {
    out = soap_new_std__string(soap);
    *out = std::get<bool>(r) ? "true" : "false";
    return SOAP_OK;
  });
}

int binary(struct soap* soap, std::string_view op, std::initializer_list<Field> fields, xsd__base64Binary*& out) {
  return invoke(soap, op, fields, [&](ops::Result&& r) {
    const std::string& bytes = std::get<ops::Binary>(r).bytes;
    out = soap_new_xsd__base64Binary(soap);
    out->__size = static_cast<int>(bytes.size());
    out->__ptr = static_cast<unsigned char*>(soap_malloc(soap, bytes.size() + 1));
    std::copy(bytes.begin(), bytes.end(), out->__ptr);
    return SOAP_OK;
  });
}

int send_fault_keeping_connection(struct soap* soap) {
  const int fault_status = Session::of(soap).fault_status;  // 400 or 429 for the client's, else gSOAP's
  const int status = fault_status < 500 ? fault_status : soap->error;
  soap_set_fault(soap);
  soap->error = SOAP_OK;
  soap->encodingStyle = nullptr;  // faults are literal
  soap_serializeheader(soap);
  soap_serializefault(soap);
  // As the generated code sends an answer: counted first if the mode needs a length.
  const auto put = [&] {
    return soap_envelope_begin_out(soap) || soap_putheader(soap) || soap_body_begin_out(soap) ||
           soap_putfault(soap) || soap_body_end_out(soap) || soap_envelope_end_out(soap);
  };
  if (soap_begin_count(soap) || ((soap->mode & SOAP_IO_LENGTH) && put()) || soap_end_count(soap) ||
      soap_response(soap, status) || put() || soap_end_send(soap))
    return soap->error;
  return SOAP_OK;
}

int explain_protocol_error(struct soap* soap) {
  // Failures of our side, not of what the client sent.
  static const int kOurs[] = {SOAP_EOM, SOAP_FD_EXCEEDED, SOAP_SSL_ERROR, SOAP_PLUGIN_ERROR, SOAP_TCP_ERROR,
                              SOAP_UDP_ERROR, SOAP_FATAL_ERROR};
  const int err = soap->error;
  if (err == SOAP_FAULT) return Session::of(soap).fault_status;  // ours, with its code already
  if (err == SOAP_UTF_ERROR) {
    fault(soap, code::kBadValue, "Некорректный запрос: текст запроса не в кодировке UTF-8");
    return 400;
  }
  if (err == SOAP_NO_METHOD) {
    fault(soap, code::kUnknownOperation, "Неизвестная операция: " + std::string(soap->tag));
    return 400;
  }
  if (err >= 400 && err < 600) {  // an HTTP error (404, 405...): its status, with a fault
    fault(soap, code::kBadRequest, "Некорректный запрос: HTTP " + std::to_string(err));
    return err;
  }
  for (int ours : kOurs) {
    if (err != ours) continue;
    fault(soap, code::kInternal, std::string(code::kInternal.message) + ", запрос " + Session::of(soap).request_id);
    return 500;
  }
  soap_set_fault(soap);
  const char** text = soap_faultstring(soap);
  fault(soap, code::kBadRequest, "Некорректный запрос: " + std::string(text && *text ? *text : "ошибка разбора XML"));
  return 400;
}

}  // namespace partnerapi::soapglue
