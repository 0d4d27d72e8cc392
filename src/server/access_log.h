#pragma once
// The access log: one line per request on standard error, JSON (the default)
// or plain text (access_log = "text"), or none ("off"). It holds who asked
// what and how it went, never a password or an operand's value.
//
// Written the way nginx writes its (`access_log … buffer=64k flush=1s`): a
// request appends its line to its thread's buffer; a writer thread of its
// own writes a buffer when it holds 64 KB, and every buffer at least once a
// second. A request never waits for the sink: when the writer falls behind
// by more than a few MB, lines are dropped and counted (a metric, and one
// warning), not queued without end. stop() writes every line still held.
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

class AccessLog {
 public:
  // The process's, writing to standard error; never destroyed.
  static AccessLog& global();
  // One writing to `fd` (the tests').
  explicit AccessLog(int fd);
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;
  ~AccessLog();
  // Appends `r`'s line to this thread's buffer (nothing for Off).
  void write(const AccessRecord& r, AccessLogFormat format);
  // Writes every line held and stops the writer; later lines go straight out.
  void stop();
  // Lines dropped because the sink could not keep up.
  std::uint64_t dropped() const;

  class Impl;

 private:
  Impl* impl_;
};

// A request ID the client sent in X-Request-Id, if it is one we keep: 1 to 128
// of letters, digits and . _ : - (anything else: ours is used).
bool acceptable_request_id(const std::string& id);

}  // namespace partnerapi::server
