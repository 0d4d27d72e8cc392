#pragma once
// The operations' settings (the agents' key ring, the SMTP guard) from the
// server's configuration.
#include "config.h"
#include "partnerapi/ops/settings.h"

namespace partnerapi::server {

// The key ring: PARTNERAPI_AGENT_KEYS, else the agent_keys_file. Throws
// std::runtime_error when there is none or it does not parse (naming the
// source, never a key).
sealed::Keyring agent_keys(const Config& c);
ops::Settings operation_settings(const Config& c);

}  // namespace partnerapi::server
