#pragma once
// Agents' passwords at rest: sealing the plain ones (rows written before the
// encryption, the demo data) and re-sealing under a new key (rotation).
#include <cstddef>
#include <string>

#include "partnerapi/db/session.h"
#include "partnerapi/sealed.h"

namespace partnerapi::db {

struct Resealed {
  std::size_t sealed = 0;    // plain passwords sealed
  std::size_t rotated = 0;   // sealed under another key, re-sealed under the ring's first
};

// In the caller's transaction. `rotate`: also re-seal every password sealed
// under a key other than the ring's first (each must open with the ring:
// one that does not stops the whole, and the transaction is rolled back).
Resealed seal_agent_passwords(Session& db, const sealed::Keyring& keys, bool rotate);
// The same in a transaction of its own, committed when it all succeeded.
Resealed seal_agent_passwords(const std::string& conninfo, const sealed::Keyring& keys, bool rotate);

}  // namespace partnerapi::db
