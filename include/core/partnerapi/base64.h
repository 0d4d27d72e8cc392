#pragma once
// Standard base64 (RFC 4648, with padding), for sealed secrets, keys and the
// e-mail's MIME parts.
#include <optional>
#include <string>
#include <string_view>

namespace partnerapi::base64 {

std::string encode(std::string_view bytes);
// nullopt when `text` is not base64 (whitespace is not skipped).
std::optional<std::string> decode(std::string_view text);

}  // namespace partnerapi::base64
