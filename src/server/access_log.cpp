#include "access_log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "partnerapi/moscow_time.h"

namespace partnerapi::server {
namespace {

// Moscow time with milliseconds, as the service speaks of time.
std::string now_text() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms % 1000));
  return MoscowTime::from_unix(ms / 1000).str() + frac + "+03:00";
}

std::shared_ptr<spdlog::logger> access_logger() {
  static const auto logger = [] {
    auto l = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    l->set_pattern("%v");
    l->set_level(spdlog::level::info);
    return l;
  }();
  return logger;
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace

AccessLogFormat access_log_format(const std::string& name) {
  if (name == "json") return AccessLogFormat::Json;
  if (name == "text") return AccessLogFormat::Text;
  if (name == "off") return AccessLogFormat::Off;
  throw std::runtime_error("config: access_log must be json, text or off, not " + name);
}

std::string access_line(const AccessRecord& r, AccessLogFormat format) {
  const double ms = static_cast<double>(r.took.count()) / 1000.0;
  const std::string soap = r.soap_version == 2 ? "1.2" : "1.1";
  if (format == AccessLogFormat::Text) {
    char took[32];
    std::snprintf(took, sizeof took, "%.3fms", ms);
    return now_text() + " " + r.request_id + " " + or_dash(r.peer) + " " + or_dash(r.login) + " " +
           or_dash(r.operation) + " soap" + soap + " " + std::to_string(r.status) + " " + or_dash(r.fault_code) + " " +
           took + " in=" + std::to_string(r.bytes_in) + " out=" + std::to_string(r.bytes_out);
  }
  nlohmann::ordered_json j = {{"time", now_text()},
                      {"request_id", r.request_id},
                      {"peer", r.peer},
                      {"login", r.login},
                      {"operation", r.operation},
                      {"soap", soap},
                      {"status", r.status},
                      {"fault", r.fault_code},
                      {"ms", std::round(ms * 1000.0) / 1000.0},
                      {"bytes_in", r.bytes_in},
                      {"bytes_out", r.bytes_out}};
  // Whatever a client sent as its login, the line stays one valid JSON line.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void write_access_log(const AccessRecord& r, AccessLogFormat format) {
  if (format == AccessLogFormat::Off) return;
  access_logger()->info(access_line(r, format));
}

bool acceptable_request_id(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '-')) return false;
  return true;
}

}  // namespace partnerapi::server
