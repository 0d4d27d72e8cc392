#include <spdlog/spdlog.h>

#include "connection.h"
#include "partnerapi/db/transactions.h"
#include "tx_session.h"

namespace partnerapi::db {
namespace {

// A tool waits as long as a server's request may for its connection.
constexpr std::chrono::seconds kToolConnectTimeout{30};

}  // namespace

Transaction::Transaction(const std::string& conninfo)
    : conn_(Connection::open(conninfo, kToolConnectTimeout)), tx_(std::make_unique<TxSession>(*conn_)) {
  tx_->run_sql("SELECT 1");  // begun now: a savepoint needs a transaction
}

Transaction::~Transaction() {
  try {
    tx_->rollback();
  } catch (const std::exception& e) {  // the connection goes with it anyway
    spdlog::debug("rollback: {}", e.what());
  }
}

Rows Transaction::run(const Query& q, const std::vector<const char*>& params) { return tx_->run(q, params); }

Rows Transaction::run_sql(const std::string& statement, const std::vector<const char*>& params) {
  return tx_->run_sql(statement.c_str(), params);
}

void Transaction::commit() { tx_->commit(); }

Transaction::Savepoint::Savepoint(Transaction& tx) : tx_(tx) { tx_.run_sql("SAVEPOINT test_savepoint", {}); }

Transaction::Savepoint::~Savepoint() {
  try {
    tx_.run_sql("ROLLBACK TO SAVEPOINT test_savepoint", {});
  } catch (const std::exception& e) {
    spdlog::warn("rollback to savepoint: {}", e.what());
  }
}

void run_in_transaction(const std::string& conninfo, const std::function<void(Session&)>& work) {
  Transaction tx(conninfo);
  work(tx);
  tx.commit();
}

}  // namespace partnerapi::db
