#include "partnerapi/db/queries.h"
#include "partnerapi/db/logins.h"

#include "partnerapi/db/session.h"
#include "partnerapi/password.h"

namespace partnerapi::db {
namespace {


}  // namespace

std::optional<LoginRecord> find_login(Session& db, const std::string& login) {
  const Rows r = exec(db, sql::login_by_name, login);
  if (r.empty()) return std::nullopt;
  return LoginRecord{std::string(r.text(0, 0)), std::string(r.text(0, 1))};
}

Uid add_partner(Session& db, const std::string& name) {
  Uid id = Uid::random();
  exec(db, sql::partner_insert, id.str(), name);
  return id;
}

void set_login(Session& db, const std::string& login, const Uid& partner, const std::string& pw) {
  exec(db, sql::login_upsert, login, partner.str(), password::hash(pw));
}

bool set_password(Session& db, const std::string& login, const std::string& pw) {
  return exec(db, sql::login_password_update, login, password::hash(pw)).affected() == 1;
}

}  // namespace partnerapi::db
