#pragma once
// HTTP Basic authentication against partner logins. A verified login is kept
// in memory for a short time (a keyed fingerprint of the password, never the
// password) so a busy partner does not pay a slow hash per request; a changed
// or disabled login takes effect when its entry expires.
//
// One slow hash per login at a time: when a partner's integration opens many
// connections at once, the first request verifies and the others wait for its
// answer instead of each paying the hash (and a flood of wrong passwords for
// one login costs one core, not all). An entry is verified again before it
// expires, by one request, while the others still use it.
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "partnerapi/cooperative.h"
#include "partnerapi/uid.h"

namespace partnerapi::db {
class Pool;
}

namespace partnerapi::server {

class Authenticator {
 public:
  Authenticator(db::Pool& pool, std::chrono::seconds ttl);
  // The login's partner if the password is right; nullopt otherwise.
  std::optional<Uid> check(const std::string& login, const std::string& password);
  // Slow hashes paid so far (for tests and diagnostics).
  std::size_t verifications() const { return verifications_.load(); }

 private:
  struct Entry {
    Uid partner;
    std::string fingerprint;
    std::chrono::steady_clock::time_point expires;
  };
  // The cached partner for this fingerprint; called under mu_.
  std::optional<Uid> cached(const std::string& login, const std::string& fingerprint);
  // The login's entry is in the last fifth of its life; called under mu_.
  bool due_for_refresh(const std::string& login) const;
  // verify() by the one request that holds `login` in verifying_; then caches
  // the answer, releases the login and wakes the requests waiting for it.
  std::optional<Uid> verify_once(const std::string& login, const std::string& password,
                                 const std::string& fingerprint);
  std::optional<Uid> verify(const std::string& login, const std::string& password);

  db::Pool& pool_;
  std::chrono::seconds ttl_;
  std::string key_;  // per-process secret mixed into fingerprints
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;
  std::unordered_set<std::string> verifying_;  // logins being verified now
  cooperative::Condition verified_;  // a login's verification ended
  std::atomic<std::size_t> verifications_{0};
};

}  // namespace partnerapi::server
