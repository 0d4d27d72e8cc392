#pragma once
// HTTP Basic authentication against partner logins. A verified login is kept
// in memory for a short time (a keyed fingerprint of the password, never the
// password) so a busy partner does not pay a slow hash per request; a changed
// or disabled login takes effect when its entry expires.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "partnerapi/db/pool.h"
#include "partnerapi/uid.h"

namespace partnerapi::server {

class Authenticator {
 public:
  Authenticator(db::Pool& pool, std::chrono::seconds ttl);
  // The login's partner if the password is right; nullopt otherwise.
  std::optional<Uid> check(const std::string& login, const std::string& password);

 private:
  struct Entry {
    Uid partner;
    std::string fingerprint;
    std::chrono::steady_clock::time_point expires;
  };
  std::optional<Uid> cached(const std::string& login, const std::string& fingerprint);
  std::optional<Uid> verify(const std::string& login, const std::string& password);

  db::Pool& pool_;
  std::chrono::seconds ttl_;
  std::string key_;  // per-process secret mixed into fingerprints
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;
};

}  // namespace partnerapi::server
