#pragma once
// Secrets the API must give back in the clear (agents' passwords), kept
// encrypted at rest: AES-256-GCM under a key ring. A sealed value names the
// key that sealed it ("<key id>:<base64 of nonce, ciphertext and tag>"), so
// keys rotate: the ring's first key seals, every key in it opens, and the
// admin command re-seals old values under the first key.
//
// Key material never leaves this class: no message, log line or fault of it
// holds a key's bytes.
#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace partnerapi::sealed {

// A sealed value that cannot be opened: its key is not in the ring, or it was
// altered. The message names the key id only.
class OpenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Keyring {
 public:
  Keyring() = default;
  Keyring(const Keyring&) = delete;
  Keyring& operator=(const Keyring&) = delete;
  Keyring(Keyring&&) noexcept = default;
  Keyring& operator=(Keyring&&) noexcept = default;
  ~Keyring();

  // Entries "<id>:<base64 of 32 bytes>", separated by newlines, commas or
  // blanks; '#' starts a comment line. The first entry seals. Ids are 1 to 32
  // of [A-Za-z0-9._-]. Throws std::invalid_argument naming the entry's
  // position and id, never its key.
  static Keyring parse(std::string_view text);
  // A new entry for a ring, from the system's CSPRNG.
  static std::string new_entry(std::string_view id);

  bool empty() const noexcept { return keys_.empty(); }
  const std::string& sealing_id() const;
  std::string seal(std::string_view plain) const;
  std::string open(std::string_view sealed) const;
  // The id of the key that sealed `sealed` (text before the first ':').
  static std::string_view key_id_of(std::string_view sealed);

 private:
  struct Key {
    std::string id;
    std::array<unsigned char, 32> bytes{};
  };
  const Key* find(std::string_view id) const;
  std::vector<Key> keys_;
};

// A password from the system's CSPRNG (RAND_bytes): `length` characters of an
// alphabet without look-alikes (no 0/O, 1/l/I), drawn without modulo bias.
std::string random_password(std::size_t length = 12);

}  // namespace partnerapi::sealed
