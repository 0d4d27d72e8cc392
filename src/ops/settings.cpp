#include "partnerapi/ops/settings.h"

#include <stdexcept>

namespace partnerapi::ops {
namespace {

Settings& current() {
  static Settings s;
  return s;
}

}  // namespace

void configure(Settings settings) {
  if (!settings.agent_keys || settings.agent_keys->empty())
    throw std::invalid_argument("no key for agents' passwords (agent_keys_file or PARTNERAPI_AGENT_KEYS)");
  current() = std::move(settings);
}

const Settings& settings() {
  if (!current().agent_keys) throw std::logic_error("ops::configure() was not called");
  return current();
}

}  // namespace partnerapi::ops
