#include "partnerapi/sealed.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "partnerapi/base64.h"

namespace partnerapi::sealed {
namespace {

constexpr std::size_t kNonce = 12, kTag = 16;
// Bound into every seal as associated data: a value sealed for another
// purpose, or by another format version, does not open here.
constexpr std::string_view kContext = "partnerapi agent password v1";

using Cipher = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

Cipher new_cipher() {
  Cipher c(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!c) throw std::runtime_error("sealing: out of memory");
  return c;
}

void random_bytes(unsigned char* out, std::size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) throw std::runtime_error("sealing: the CSPRNG failed");
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// The associated data of a seal: the format and the key id.
std::string associated(std::string_view id) { return std::string(kContext) + ":" + std::string(id); }

std::vector<std::string_view> entries_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '#') {  // a comment runs to the end of its line
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '\n' || c == '\r' || c == ',' || c == ' ' || c == '\t') {
      ++i;
    } else {
      const std::size_t start = i;
      while (i < text.size() && std::string_view("\n\r, \t").find(text[i]) == std::string_view::npos) ++i;
      out.push_back(text.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace

Keyring::~Keyring() {
  for (auto& k : keys_) OPENSSL_cleanse(k.bytes.data(), k.bytes.size());
}

Keyring Keyring::parse(std::string_view text) {
  Keyring ring;
  std::size_t position = 0;
  for (const auto entry : entries_of(text)) {
    ++position;
    const auto where = "agent key entry " + std::to_string(position);
    const auto colon = entry.find(':');
    if (colon == std::string_view::npos) throw std::invalid_argument(where + " is not <id>:<base64 key>");
    const auto id = entry.substr(0, colon);
    if (!valid_id(id)) throw std::invalid_argument(where + ": the id must be 1-32 of A-Z a-z 0-9 . _ -");
    if (ring.find(id)) throw std::invalid_argument(where + ": id " + std::string(id) + " appears twice");
    auto key = base64::decode(entry.substr(colon + 1));
    const bool fits = key && key->size() == 32;
    Key k;
    k.id = std::string(id);
    if (fits) std::copy(key->begin(), key->end(), k.bytes.begin());
    if (key) OPENSSL_cleanse(key->data(), key->size());
    if (!fits) throw std::invalid_argument(where + " (id " + std::string(id) + "): the key is not base64 of 32 bytes");
    ring.keys_.push_back(std::move(k));
  }
  return ring;
}

std::string Keyring::new_entry(std::string_view id) {
  if (!valid_id(id)) throw std::invalid_argument("the key id must be 1-32 of A-Z a-z 0-9 . _ -");
  std::array<unsigned char, 32> key{};
  random_bytes(key.data(), key.size());
  std::string line = std::string(id) + ":" + base64::encode({reinterpret_cast<const char*>(key.data()), key.size()});
  OPENSSL_cleanse(key.data(), key.size());
  return line;
}

const std::string& Keyring::sealing_id() const {
  if (keys_.empty()) throw std::logic_error("sealing: the key ring is empty");
  return keys_.front().id;
}

const Keyring::Key* Keyring::find(std::string_view id) const {
  for (const auto& k : keys_)
    if (k.id == id) return &k;
  return nullptr;
}

std::string_view Keyring::key_id_of(std::string_view sealed) { return sealed.substr(0, sealed.find(':')); }

std::string Keyring::seal(std::string_view plain) const {
  if (keys_.empty()) throw std::logic_error("sealing: the key ring is empty");
  const Key& key = keys_.front();
  const std::string aad = associated(key.id);
  std::string blob(kNonce + plain.size() + kTag, '\0');
  auto* out = reinterpret_cast<unsigned char*>(blob.data());
  random_bytes(out, kNonce);  // 96 random bits per seal: no nonce is used twice under one key in practice
  auto c = new_cipher();
  int n = 0;
  const bool ok = EVP_EncryptInit_ex(c.get(), EVP_aes_256_gcm(), nullptr, key.bytes.data(), out) == 1 &&
                  EVP_EncryptUpdate(c.get(), nullptr, &n, bytes(aad), static_cast<int>(aad.size())) == 1 &&
                  EVP_EncryptUpdate(c.get(), out + kNonce, &n, bytes(plain), static_cast<int>(plain.size())) == 1 &&
                  EVP_EncryptFinal_ex(c.get(), out + kNonce + n, &n) == 1 &&
                  EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_GET_TAG, kTag, out + kNonce + plain.size()) == 1;
  if (!ok) throw std::runtime_error("sealing: AES-256-GCM failed");
  return key.id + ":" + base64::encode(blob);
}

std::string Keyring::open(std::string_view sealed) const {
  const auto id = key_id_of(sealed);
  const Key* key = find(id);
  if (!key || id.size() == sealed.size())
    throw OpenError("a sealed password names key «" + std::string(id) + "», which is not in the key ring");
  const auto blob = base64::decode(sealed.substr(id.size() + 1));
  if (!blob || blob->size() < kNonce + kTag)
    throw OpenError("a sealed password under key «" + std::string(id) + "» is malformed");
  const std::string aad = associated(id);
  const auto* in = bytes(*blob);
  const std::size_t length = blob->size() - kNonce - kTag;
  std::string plain(length, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  auto c = new_cipher();
  int n = 0;
  std::array<unsigned char, kTag> tag{};
  std::copy(in + kNonce + length, in + blob->size(), tag.begin());
  const bool ok = EVP_DecryptInit_ex(c.get(), EVP_aes_256_gcm(), nullptr, key->bytes.data(), in) == 1 &&
                  EVP_DecryptUpdate(c.get(), nullptr, &n, bytes(aad), static_cast<int>(aad.size())) == 1 &&
                  EVP_DecryptUpdate(c.get(), out, &n, in + kNonce, static_cast<int>(length)) == 1 &&
                  EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) == 1 &&
                  EVP_DecryptFinal_ex(c.get(), out + n, &n) == 1;
  if (!ok) {
    OPENSSL_cleanse(plain.data(), plain.size());
    throw OpenError("a sealed password under key «" + std::string(id) + "» does not open (altered, or another key)");
  }
  return plain;
}

std::string random_password(std::size_t length) {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
  // The largest multiple of the alphabet's size below 256: bytes above it are
  // drawn again, so every character is equally likely.
  constexpr unsigned kLimit = 256 - 256 % kAlphabet.size();
  std::string out;
  out.reserve(length);
  while (out.size() < length) {
    std::array<unsigned char, 32> pool{};
    random_bytes(pool.data(), pool.size());
    for (unsigned char b : pool)
      if (b < kLimit && out.size() < length) out.push_back(kAlphabet[b % kAlphabet.size()]);
  }
  return out;
}

}  // namespace partnerapi::sealed
