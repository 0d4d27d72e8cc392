#include "partnerapi/db/agent_passwords.h"


#include "partnerapi/db/transactions.h"

namespace partnerapi::db {
namespace {

// Rows locked until the commit: two servers starting at once seal each row once.
constexpr Query kToSeal{"agent_passwords_to_seal",
                        "SELECT id::text, password_plain, password_sealed FROM agent "
                        "WHERE password_plain IS NOT NULL "
                        "OR ($1::boolean AND split_part(password_sealed, ':', 1) <> $2) ORDER BY id FOR UPDATE"};
constexpr Query kStoreSealed{"agent_password_store_sealed",
                             "UPDATE agent SET password_plain = NULL, password_sealed = $2 WHERE id = $1::uuid"};

}  // namespace

Resealed seal_agent_passwords(Session& db, const sealed::Keyring& keys, bool rotate) {
  Resealed out;
  const Rows rows = exec(db, kToSeal, rotate, keys.sealing_id());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const bool plain = !rows.is_null(r, 1);
    const std::string password = plain ? std::string(rows.text(r, 1)) : keys.open(rows.text(r, 2));
    exec(db, kStoreSealed, std::string(rows.text(r, 0)), keys.seal(password));
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
