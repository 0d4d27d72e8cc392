#pragma once
// Password hashing: PBKDF2-HMAC-SHA256, random 16-byte salt, encoded as
// `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`.
#include <string>

namespace partnerapi::password {

inline constexpr int kIterations = 120000;

std::string hash(const std::string& password, int iterations = kIterations);
// Constant-time check of `password` against an encoded hash; false if malformed.
bool verify(const std::string& password, const std::string& encoded);
// SHA-256 of `data` as hex: a cheap fingerprint for the login cache.
std::string sha256_hex(const std::string& data);

}  // namespace partnerapi::password
