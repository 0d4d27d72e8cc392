#pragma once
// Server settings: defaults, then a TOML file (--config), then environment
// (PARTNERAPI_LISTEN, PARTNERAPI_DB). Every key is declared once in the table
// in config.cpp with its type, default and validation; unknown keys are errors.
#include <string>
#include <vector>

#include "rate_limits.h"

namespace partnerapi::server {

struct Config {
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  std::string db;                 // libpq conninfo
  int workers = 128;              // requests served at once (idle or slow connections hold none)
  int threads = 0;                // event loop threads serving them; 0: one per core
  int db_pool = 48;               // PostgreSQL connections
  int db_shared = 2;              // of each loop thread, shared by its reads; 0: none
  std::string public_url;         // fixed soap:address in ?wsdl; empty = from the request
  bool wsdl_auth = false;         // require Basic auth for ?wsdl too
  int recv_timeout = 30;          // seconds idle between reads (also keep-alive idle)
  int send_timeout = 30;
  int transfer_timeout = 60;      // seconds for a whole message
  int max_body_mb = 8;
  int max_keep_alive = 1000;      // requests per connection
  int auth_cache_seconds = 30;    // a changed password takes effect within this
  int aside_threads = 4;          // threads for work that must block (password hashes, DNS)
  int stop_grace = 20;            // seconds a stop waits for requests in flight
  int db_connect_timeout = 5;     // seconds for a new PostgreSQL connection, handshake included
  std::string log_level = "info";
  std::string access_log = "json";  // one line per request on standard error: json, text or off
  // The key ring sealing agents' passwords: a file of "<id>:<base64 key>"
  // lines, the first sealing. PARTNERAPI_AGENT_KEYS (the ring itself) or
  // PARTNERAPI_AGENT_KEYS_FILE override it.
  std::string agent_keys_file;
  std::string agent_keys;  // the ring's text, from PARTNERAPI_AGENT_KEYS only (never a file in the repository)
  // The SMTP servers callers name: networks reached on any port (by default
  // none), the ports of every other public address, the time limit, extra CAs.
  std::vector<std::string> smtp_allow;
  std::vector<int> smtp_ports = {25, 465, 587, 2525};
  int smtp_timeout = 30;
  std::string smtp_ca_file;
  // Calls per window, per login and operation ([[rate_limit]] tables; none:
  // no limit), and the HTTP status of the RATE_LIMITED fault (429 or 400).
  std::vector<RateRule> rate_limits;
  int rate_limit_status = 429;
};

// Throws std::runtime_error naming the key and the problem.
Config load_config(const std::string& path);
// "host:port" into the config; throws on a bad value.
void set_listen(Config& c, const std::string& value);

}  // namespace partnerapi::server
