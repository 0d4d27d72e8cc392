#include "partnerapi/uid.h"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "partnerapi/text.h"

namespace partnerapi {
namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char lower(char c) { return (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c; }

bool dash_at(std::size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

}  // namespace

std::optional<Uid> Uid::parse(std::string_view raw) {
  const std::string_view s = text::trim(raw);
  if (s.size() != 36) return std::nullopt;
  std::string out(36, '-');
  for (std::size_t i = 0; i < 36; ++i) {
    if (dash_at(i)) {
      if (s[i] != '-') return std::nullopt;
    } else {
      if (!is_hex(s[i])) return std::nullopt;
      out[i] = lower(s[i]);
    }
  }
  return Uid(std::move(out));
}

Uid Uid::random() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0f]);
  }
  return Uid(std::move(out));
}

}  // namespace partnerapi
