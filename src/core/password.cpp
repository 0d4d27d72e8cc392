#include "partnerapi/password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace partnerapi::password {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string to_hex(const unsigned char* p, std::size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kHex[p[i] >> 4]);
    out.push_back(kHex[p[i] & 0x0f]);
  }
  return out;
}

bool from_hex(const std::string& s, std::vector<unsigned char>& out) {
  if (s.size() % 2) return false;
  out.clear();
  for (std::size_t i = 0; i < s.size(); i += 2) {
    int v = 0;
    for (std::size_t k = i; k < i + 2; ++k) {
      const char c = s[k];
      v = v * 16 + (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1000);
    }
    if (v < 0) return false;
    out.push_back(static_cast<unsigned char>(v));
  }
  return true;
}

std::vector<unsigned char> derive(const std::string& pw, const std::vector<unsigned char>& salt, int iterations) {
  std::vector<unsigned char> out(kHashBytes);
  if (PKCS5_PBKDF2_HMAC(pw.data(), static_cast<int>(pw.size()), salt.data(), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), static_cast<int>(out.size()), out.data()) != 1)
    throw std::runtime_error("PBKDF2 failed");
  return out;
}

}  // namespace

std::string hash(const std::string& pw, int iterations) {
  std::vector<unsigned char> salt(kSaltBytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  const auto h = derive(pw, salt, iterations);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + to_hex(salt.data(), salt.size()) + "$" +
         to_hex(h.data(), h.size());
}

bool verify(const std::string& pw, const std::string& encoded) {
  const std::string prefix = "pbkdf2-sha256$";
  if (encoded.compare(0, prefix.size(), prefix) != 0) return false;
  const auto p1 = encoded.find('$', prefix.size());
  const auto p2 = p1 == std::string::npos ? p1 : encoded.find('$', p1 + 1);
  if (p2 == std::string::npos) return false;
  int iterations = 0;
  try {
    iterations = std::stoi(encoded.substr(prefix.size(), p1 - prefix.size()));
  } catch (const std::exception&) {
    return false;
  }
  std::vector<unsigned char> salt, expected;
  if (iterations < 1 || !from_hex(encoded.substr(p1 + 1, p2 - p1 - 1), salt) ||
      !from_hex(encoded.substr(p2 + 1), expected) || expected.size() != kHashBytes)
    return false;
  const auto actual = derive(pw, salt, iterations);
  return CRYPTO_memcmp(actual.data(), expected.data(), kHashBytes) == 0;
}

std::string sha256_hex(const std::string& data) {
  // Fetched once, and a context kept by each thread: a fetch by name, or a
  // context made and freed, costs more than the hash of a short text (this
  // runs on every authenticated request).
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  unsigned int size = 0;
  if (!kSha256 || !ctx || EVP_DigestInit_ex2(ctx.get(), kSha256, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1)
    throw std::runtime_error("SHA-256 unavailable");
  return to_hex(digest, size);
}

}  // namespace partnerapi::password
