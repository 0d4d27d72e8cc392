#pragma once
// A transaction on a Connection, as a Session: its first statement goes down
// together with the BEGIN (one round trip, not two), commit() is the last.
// A connection lost during the COMMIT leaves its outcome unknown:
// CommitUnknown, never to be repeated blindly.
#include "connection.h"
#include "partnerapi/db/session.h"

namespace partnerapi::db {

class TxSession final : public Session {
 public:
  // `begin`: the statement that opens it ("BEGIN", "BEGIN READ ONLY").
  explicit TxSession(Connection& conn, const char* begin = "BEGIN") : conn_(conn), begin_(begin) {}
  Rows run(const Query& q, const std::vector<const char*>& params) override;
  // One statement unprepared (the tools' and tests' own SQL).
  Rows run_sql(const char* sql, const std::vector<const char*>& params = {});
  // Commits what was begun (nothing was: nothing to do).
  void commit();
  void rollback();

 private:
  template <class Send>
  PgResult first_or_next(Send&& send);

  Connection& conn_;
  const char* begin_;
  bool begun_ = false;
};

}  // namespace partnerapi::db
