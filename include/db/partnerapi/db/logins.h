#pragma once
// Partners and their logins, with passwords stored as PBKDF2-HMAC-SHA256
// hashes (salted, slow); only the admin command and authentication use this.
#include <optional>
#include <string>

#include "partnerapi/db/session.h"

#include "partnerapi/uid.h"

namespace partnerapi::db {

struct LoginRecord {
  std::string partner_id;
  std::string password_hash;
};

std::optional<LoginRecord> find_login(Session& db, const std::string& login);
Uid add_partner(Session& db, const std::string& name);
// Creates or replaces the login's password; the partner must exist.
void set_login(Session& db, const std::string& login, const Uid& partner, const std::string& password);
// Changes the password of an existing login; false if there is no such login.
bool set_password(Session& db, const std::string& login, const std::string& password);

}  // namespace partnerapi::db
