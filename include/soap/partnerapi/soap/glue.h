#pragma once
// The error boundary between the generated SOAP code and the operations: runs
// an operation from the table and writes its result into the generated
// response, or turns what it threw into a SOAP fault. The one place where
// ApiError becomes a fault and where unexpected exceptions stop.
#include <initializer_list>
#include <string>
#include <string_view>

#include "partnerapi/api_error.h"
#include "partnerapi/request.h"
#include <soapH.h>

namespace partnerapi::soapglue {

// How answers are written: stored whole, then sent with their Content-Length;
// table() switches an answer over 256 KB to length-counted output so it is
// not held twice. The server sets this mode again before every request.
inline constexpr soap_mode kOutputMode = SOAP_IO_KEEPALIVE | SOAP_IO_STORE | SOAP_C_UTFSTRING;

int table(struct soap* soap, std::string_view op, std::initializer_list<Field> fields, std::string*& out);
int boolean(struct soap* soap, std::string_view op, std::initializer_list<Field> fields, std::string*& out);
int binary(struct soap* soap, std::string_view op, std::initializer_list<Field> fields, xsd__base64Binary*& out);

// Frees what one request allocated, for the next request on the connection:
// cheaper than soap_destroy + soap_end (request_memory.cpp), which are still
// due when the connection is done.
void free_request(struct soap* soap);

// Turns any failure gSOAP detected itself (bad XML, unknown element, too
// deep, unknown operation, an HTTP error) into the contract's fault with a
// detail/code; returns the HTTP status to send it with: the error's own for
// an HTTP error, 400 for anything else the client sent, 500 for ours.
int explain_protocol_error(struct soap* soap);
// A Client or Server fault carrying `code` in detail/code; a Client fault is
// sent with HTTP 400 (never a 5xx for what the client sent), a Server one with 500.
int fault(struct soap* soap, bool server_side, const std::string& message, const std::string& code);
// The same for one of the table's codes, on its side; `message` empty: its own text.
int fault(struct soap* soap, const FaultCode& code, const std::string& message = {});
// Sends the fault set by fault() and keeps the connection open, for a request
// that was read whole (gSOAP's soap_send_fault always closes it). SOAP_OK or
// the error that stopped the send.
int send_fault_keeping_connection(struct soap* soap);

}  // namespace partnerapi::soapglue
