#include "operation_settings.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace partnerapi::server {
namespace {

std::string read_key_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("agent_keys_file " + path + " cannot be read");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    spdlog::warn("agent_keys_file {} can be read by others than its owner: chmod 600 it", path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

sealed::Keyring agent_keys(const Config& c) {
  const bool inline_ring = !c.agent_keys.empty();
  if (!inline_ring && c.agent_keys_file.empty())
    throw std::runtime_error("no key for agents' passwords: set PARTNERAPI_AGENT_KEYS, PARTNERAPI_AGENT_KEYS_FILE or "
                             "agent_keys_file (`partnerapi agent-key-new --id ID` makes one)");
  const std::string source = inline_ring ? "PARTNERAPI_AGENT_KEYS" : "agent_keys_file " + c.agent_keys_file;
  try {
    auto ring = sealed::Keyring::parse(inline_ring ? c.agent_keys : read_key_file(c.agent_keys_file));
    if (ring.empty()) throw std::invalid_argument("no key in it");
    return ring;
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(source + ": " + e.what());
  }
}

ops::Settings operation_settings(const Config& c) {
  ops::Settings s;
  s.agent_keys = std::make_shared<const sealed::Keyring>(agent_keys(c));
  for (const auto& network : c.smtp_allow) {
    try {
      s.smtp.policy.allowed.push_back(mail::Network::parse(network));
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(std::string("config: smtp_allow: ") + e.what());
    }
  }
  s.smtp.policy.public_ports = c.smtp_ports;
  s.smtp.timeout = std::chrono::seconds(c.smtp_timeout);
  s.smtp.ca_file = c.smtp_ca_file;
  return s;
}

}  // namespace partnerapi::server
