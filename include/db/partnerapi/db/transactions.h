#pragma once
// How work runs on the database, without libpq in sight: a write in one
// transaction committed when the work returns, a read without one (on its
// thread's shared connections when it has them). Connection trouble comes out
// as ConnectionLost (before the commit) or CommitUnknown (errors.h); what
// PostgreSQL refuses as ApiError, Retryable or a runtime_error for the log.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "partnerapi/db/session.h"

namespace partnerapi::db {

class Pool;
class Connection;
class TxSession;

void run_in_transaction(Pool& pool, const std::function<void(Session&)>& work);
void run_without_transaction(Pool& pool, const std::function<void(Session&)>& work);

// The tools' way (admin commands, sealing passwords): one transaction on a
// connection of its own to `conninfo`, committed when `work` returns.
void run_in_transaction(const std::string& conninfo, const std::function<void(Session&)>& work);

// A transaction on a connection of its own, rolled back unless committed:
// what run_in_transaction(conninfo) uses, and the database tests' clean slate.
class Transaction final : public Session {
 public:
  explicit Transaction(const std::string& conninfo);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() override;

  Rows run(const Query& q, const std::vector<const char*>& params) override;
  // One statement unprepared, its parameters as for exec(): the tools' and
  // the tests' own SQL.
  template <class... Args>
  Rows sql(const std::string& statement, const Args&... args) {
    Params params(sizeof...(Args));
    (params.add(args), ...);
    return run_sql(statement, params.values());
  }
  Rows run_sql(const std::string& statement, const std::vector<const char*>& params);
  void commit();

  // A savepoint, rolled back to when it goes out of scope: a test that
  // expects a statement to fail goes on in the same transaction after it.
  class Savepoint {
   public:
    explicit Savepoint(Transaction& tx);
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    ~Savepoint();

   private:
    Transaction& tx_;
  };

 private:
  std::unique_ptr<Connection> conn_;
  std::unique_ptr<TxSession> tx_;
};

}  // namespace partnerapi::db
