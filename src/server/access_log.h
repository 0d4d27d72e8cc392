#pragma once
// The access log: one line per request on standard error, JSON (the default)
// or plain text (access_log = "text"), or none ("off"). It holds who asked
// what and how it went, never a password or an operand's value.
#include <chrono>
#include <cstdint>
#include <string>

namespace partnerapi::server {

struct AccessRecord {
  std::string request_id, peer, login, operation;
  int soap_version = 1;  // 1: SOAP 1.1, 2: SOAP 1.2
  int status = 0;        // HTTP
  std::string fault_code;
  std::chrono::microseconds took{0};
  std::uint64_t bytes_in = 0, bytes_out = 0;
};

enum class AccessLogFormat { Json, Text, Off };

// "json", "text" or "off"; throws std::runtime_error otherwise.
AccessLogFormat access_log_format(const std::string& name);
// The line for `r` (without its newline), in `format` (not Off).
std::string access_line(const AccessRecord& r, AccessLogFormat format);
void write_access_log(const AccessRecord& r, AccessLogFormat format);

// A request ID the client sent in X-Request-Id, if it is one we keep: 1 to 128
// of letters, digits and . _ : - (anything else: ours is used).
bool acceptable_request_id(const std::string& id);

}  // namespace partnerapi::server
