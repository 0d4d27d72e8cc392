#include "auth.h"

#include "partnerapi/cooperative.h"
#include "partnerapi/db/logins.h"
#include "partnerapi/db/transactions.h"
#include "partnerapi/password.h"

namespace partnerapi::server {

Authenticator::Authenticator(db::Pool& pool, std::chrono::seconds ttl)
    : pool_(pool), ttl_(ttl), key_(Uid::random().str()) {}

std::optional<Uid> Authenticator::check(const std::string& login, const std::string& password) {
  if (login.empty() || login.size() > 64 || password.size() > 1024) return std::nullopt;
  const std::string fingerprint = password::sha256_hex(key_ + '\0' + login + '\0' + password);
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (auto hit = cached(login, fingerprint)) {
      // In its last fifth, an entry is verified again by one request while the
      // others go on with it: a busy login never waits all at once for a hash.
      if (!due_for_refresh(login) || !verifying_.insert(login).second) return hit;
      break;
    }
    if (verifying_.insert(login).second) break;
    // Another request is verifying this login: use its answer.
    verified_.wait_for(lock, std::chrono::seconds(10), [&] { return !verifying_.count(login); });
  }
  lock.unlock();
  return verify_once(login, password, fingerprint);
}

std::optional<Uid> Authenticator::verify_once(const std::string& login, const std::string& password,
                                              const std::string& fingerprint) {
  std::optional<Uid> partner;
  try {
    partner = verify(login, password);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu_);
    verifying_.erase(login);
    verified_.notify_all();
    throw;
  }
  std::lock_guard<std::mutex> lock(mu_);
  verifying_.erase(login);
  if (partner && ttl_.count() > 0)
    cache_.insert_or_assign(login, Entry{*partner, fingerprint, std::chrono::steady_clock::now() + ttl_});
  verified_.notify_all();
  return partner;
}

bool Authenticator::due_for_refresh(const std::string& login) const {
  const auto it = cache_.find(login);
  return it != cache_.end() &&
         std::chrono::steady_clock::now() >= it->second.expires - std::chrono::milliseconds(ttl_) / 5;
}

std::optional<Uid> Authenticator::cached(const std::string& login, const std::string& fingerprint) {
  const auto it = cache_.find(login);
  if (it == cache_.end()) return std::nullopt;
  if (it->second.expires < std::chrono::steady_clock::now()) {
    cache_.erase(it);
    return std::nullopt;
  }
  if (it->second.fingerprint != fingerprint) return std::nullopt;
  return it->second.partner;
}

std::optional<Uid> Authenticator::verify(const std::string& login, const std::string& password) {
  // An unknown login costs the same hash, so timing does not tell logins apart.
  static const std::string kDummy = password::hash("not a password");
  ++verifications_;
  std::optional<db::LoginRecord> record;
  db::run_without_transaction(pool_, [&](db::Session& db) { record = db::find_login(db, login); });
  bool ok = false;  // a slow hash by design: computed aside, the fiber's thread serving others meanwhile
  cooperative::run_aside([&] { ok = password::verify(password, record ? record->password_hash : kDummy); });
  if (!ok || !record) return std::nullopt;
  return Uid::parse(record->partner_id);
}

}  // namespace partnerapi::server
