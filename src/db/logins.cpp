#include "partnerapi/db/logins.h"

#include "partnerapi/db/session.h"
#include "partnerapi/password.h"

namespace partnerapi::db {
namespace {

constexpr Query kLoginByName{"login_by_name",
                             "SELECT partner_id::text, password_hash FROM partner_login "
                             "WHERE login = $1 AND enabled"};
constexpr Query kPartnerInsert{"partner_insert", "INSERT INTO partner (id, name) VALUES ($1, $2)"};
constexpr Query kLoginUpsert{"login_upsert",
                             "INSERT INTO partner_login (login, partner_id, password_hash) VALUES ($1, $2, $3) "
                             "ON CONFLICT (login) DO UPDATE SET partner_id = EXCLUDED.partner_id, "
                             "password_hash = EXCLUDED.password_hash, enabled = true, updated_at = now()"};
constexpr Query kPasswordUpdate{"login_password_update",
                                "UPDATE partner_login SET password_hash = $2, updated_at = now() WHERE login = $1"};

}  // namespace

std::optional<LoginRecord> find_login(Session& db, const std::string& login) {
  const Rows r = exec(db, kLoginByName, login);
  if (r.empty()) return std::nullopt;
  return LoginRecord{std::string(r.text(0, 0)), std::string(r.text(0, 1))};
}

Uid add_partner(Session& db, const std::string& name) {
  Uid id = Uid::random();
  exec(db, kPartnerInsert, id.str(), name);
  return id;
}

void set_login(Session& db, const std::string& login, const Uid& partner, const std::string& pw) {
  exec(db, kLoginUpsert, login, partner.str(), password::hash(pw));
}

bool set_password(Session& db, const std::string& login, const std::string& pw) {
  return exec(db, kPasswordUpdate, login, password::hash(pw)).affected() == 1;
}

}  // namespace partnerapi::db
