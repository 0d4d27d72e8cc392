#include "partnerapi/db/queries.h"
#include "partnerapi/db/agent_passwords.h"


#include "partnerapi/db/transactions.h"

namespace partnerapi::db {
namespace {


}  // namespace

Resealed seal_agent_passwords(Session& db, const sealed::Keyring& keys, bool rotate) {
  Resealed out;
  const Rows rows = exec(db, sql::agent_passwords_to_seal, rotate, keys.sealing_id());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const bool plain = !rows.is_null(r, 1);
    const std::string password = plain ? std::string(rows.text(r, 1)) : keys.open(rows.text(r, 2));
    exec(db, sql::agent_password_store_sealed, std::string(rows.text(r, 0)), keys.seal(password));
    ++(plain ? out.sealed : out.rotated);
  }
  return out;
}

Resealed seal_agent_passwords(const std::string& conninfo, const sealed::Keyring& keys, bool rotate) {
  Resealed out;
  run_in_transaction(conninfo, [&](Session& db) { out = seal_agent_passwords(db, keys, rotate); });
  return out;
}

}  // namespace partnerapi::db
