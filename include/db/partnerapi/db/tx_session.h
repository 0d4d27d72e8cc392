#pragma once
// A session on a libpqxx transaction: the pool's writes and reads, and the
// database tests' rolled-back transactions. For the database layer and the
// tests; the operations see only Session (session.h).
#include <pqxx/pqxx>

#include "partnerapi/db/session.h"

namespace partnerapi::db {

class TxSession final : public Session {
 public:
  explicit TxSession(pqxx::transaction_base& tx) : tx_(tx) {}
  Rows run(const Query& q, const std::vector<const char*>& params) override;

 private:
  pqxx::transaction_base& tx_;
};

// Declares `q` on `conn` (a no-op when it is already): the backend prepares
// it once, lazily, on first use on this connection.
void ensure_prepared(pqxx::connection_base& conn, const Query& q);

}  // namespace partnerapi::db
