#include "config.h"

#include "access_log.h"
#include "partnerapi/ops/declaration.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <vector>

namespace partnerapi::server {
namespace {

struct Setting {
  const char* key;
  std::function<void(Config&, const toml::node&)> apply;
};

template <class T>
T get(const toml::node& n, const char* key) {
  auto v = n.value<T>();
  if (!v) throw std::runtime_error(std::string("config: wrong type for ") + key);
  return *v;
}

Setting integer(const char* key, int Config::*field, int lo, int hi) {
  return {key, [=](Config& c, const toml::node& n) {
            const auto v = get<int64_t>(n, key);
            if (v < lo || v > hi)
              throw std::runtime_error(std::string("config: ") + key + " must be in " + std::to_string(lo) + ".." +
                                       std::to_string(hi));
            c.*field = static_cast<int>(v);
          }};
}

Setting text(const char* key, std::string Config::*field) {
  return {key, [=](Config& c, const toml::node& n) { c.*field = get<std::string>(n, key); }};
}

Setting text_list(const char* key, std::vector<std::string> Config::*field) {
  return {key, [=](Config& c, const toml::node& n) {
            const auto* list = n.as_array();
            if (!list) throw std::runtime_error(std::string("config: ") + key + " must be a list of strings");
            (c.*field).clear();
            for (const auto& item : *list) (c.*field).push_back(get<std::string>(item, key));
          }};
}

Setting port_list(const char* key, std::vector<int> Config::*field) {
  return {key, [=](Config& c, const toml::node& n) {
            const auto* list = n.as_array();
            if (!list) throw std::runtime_error(std::string("config: ") + key + " must be a list of ports");
            (c.*field).clear();
            for (const auto& item : *list) {
              const auto v = get<int64_t>(item, key);
              if (v < 1 || v > 65535) throw std::runtime_error(std::string("config: ") + key + ": bad port");
              (c.*field).push_back(static_cast<int>(v));
            }
          }};
}

// [[rate_limit]] tables: operation and login ("*" or a name), limit, window.
Setting rate_limits() {
  return {"rate_limit", [](Config& c, const toml::node& n) {
            const auto* list = n.as_array();
            if (!list) throw std::runtime_error("config: rate_limit must be [[rate_limit]] tables");
            for (const auto& item : *list) {
              const auto* t = item.as_table();
              if (!t) throw std::runtime_error("config: rate_limit must be [[rate_limit]] tables");
              RateRule rule;
              for (const auto& [key, value] : *t) {
                if (key.str() == "operation") {
                  rule.operation = get<std::string>(value, "rate_limit.operation");
                  if (rule.operation != "*" && !ops::find_operation(rule.operation))
                    throw std::runtime_error("config: rate_limit.operation: no operation " + rule.operation);
                } else if (key.str() == "login") {
                  rule.login = get<std::string>(value, "rate_limit.login");
                } else if (key.str() == "limit") {
                  rule.limit = get<int64_t>(value, "rate_limit.limit");
                } else if (key.str() == "window") {
                  rule.window = get<int64_t>(value, "rate_limit.window");
                } else {
                  throw std::runtime_error("config: rate_limit: unknown key " + std::string(key.str()));
                }
              }
              if (rule.limit < 1) throw std::runtime_error("config: rate_limit.limit must be at least 1");
              if (rule.window < 1 || rule.window > 31 * 86400)
                throw std::runtime_error("config: rate_limit.window must be 1 s to 31 days");
              c.rate_limits.push_back(std::move(rule));
            }
          }};
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> kSettings = {
      {"listen", [](Config& c, const toml::node& n) { set_listen(c, get<std::string>(n, "listen")); }},
      text("db", &Config::db),
      integer("workers", &Config::workers, 1, 4096),
      integer("threads", &Config::threads, 0, 256),
      integer("db_pool", &Config::db_pool, 1, 1000),
      integer("db_shared", &Config::db_shared, 0, 64),
      text("public_url", &Config::public_url),
      {"wsdl_auth", [](Config& c, const toml::node& n) { c.wsdl_auth = get<bool>(n, "wsdl_auth"); }},
      integer("recv_timeout", &Config::recv_timeout, 1, 3600),
      integer("send_timeout", &Config::send_timeout, 1, 3600),
      integer("transfer_timeout", &Config::transfer_timeout, 1, 3600),
      integer("max_body_mb", &Config::max_body_mb, 1, 1024),
      integer("max_keep_alive", &Config::max_keep_alive, 1, 1000000),
      integer("auth_cache_seconds", &Config::auth_cache_seconds, 0, 3600),
      integer("aside_threads", &Config::aside_threads, 1, 256),
      integer("stop_grace", &Config::stop_grace, 1, 3600),
      integer("db_connect_timeout", &Config::db_connect_timeout, 1, 600),
      text("log_level", &Config::log_level),
      {"access_log",
       [](Config& c, const toml::node& n) {
         c.access_log = get<std::string>(n, "access_log");
         access_log_format(c.access_log);  // refused at start, not at the first request
       }},
      text("agent_keys_file", &Config::agent_keys_file),
      text_list("smtp_allow", &Config::smtp_allow),
      port_list("smtp_ports", &Config::smtp_ports),
      integer("smtp_timeout", &Config::smtp_timeout, 1, 30),
      text("smtp_ca_file", &Config::smtp_ca_file),
      rate_limits(),
      {"rate_limit_status",
       [](Config& c, const toml::node& n) {
         c.rate_limit_status = static_cast<int>(get<int64_t>(n, "rate_limit_status"));
         if (c.rate_limit_status != 429 && c.rate_limit_status != 400)
           throw std::runtime_error("config: rate_limit_status must be 429 or 400");
       }},
  };
  return kSettings;
}

void apply_file(Config& c, const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("config " + path + ": " + std::string(e.description()));
  }
  for (const auto& [key, node] : t) {
    const Setting* s = nullptr;
    for (const auto& candidate : settings())
      if (key.str() == candidate.key) s = &candidate;
    if (!s) throw std::runtime_error("config " + path + ": unknown key " + std::string(key.str()));
    s->apply(c, node);
  }
}

}  // namespace

void set_listen(Config& c, const std::string& value) {
  const auto colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0) throw std::runtime_error("listen must be host:port, got " + value);
  int port = 0;
  try {
    port = std::stoi(value.substr(colon + 1));
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 1 || port > 65535) throw std::runtime_error("listen: bad port in " + value);
  c.listen_host = value.substr(0, colon);
  c.listen_port = port;
}

Config load_config(const std::string& path) {
  Config c;
  if (!path.empty()) apply_file(c, path);
  if (const char* v = std::getenv("PARTNERAPI_LISTEN"); v && *v) set_listen(c, v);
  if (const char* v = std::getenv("PARTNERAPI_DB"); v && *v) c.db = v;
  if (const char* v = std::getenv("PARTNERAPI_AGENT_KEYS_FILE"); v && *v) c.agent_keys_file = v;
  if (const char* v = std::getenv("PARTNERAPI_AGENT_KEYS"); v && *v) c.agent_keys = v;
  return c;
}

}  // namespace partnerapi::server
