#include "tx_session.h"

#include <exception>

#include "partnerapi/db/errors.h"
#include "rows_from.h"
#include "sql_errors.h"

namespace partnerapi::db {

// The first statement is sent right behind the BEGIN; both results are
// waited for (a queued call must never be left behind), the first failure told.
template <class Send>
PgResult TxSession::first_or_next(Send&& send) {
  if (begun_) {
    Connection::Call call;
    send(call);
    return conn_.wait(call);
  }
  Connection::Call begin, first;
  conn_.send_sql(begin, begin_);
  send(first);
  begun_ = true;
  std::exception_ptr failed;
  try {
    conn_.wait(begin);
  } catch (...) {
    failed = std::current_exception();
  }
  try {
    PgResult r = conn_.wait(first);
    if (failed) std::rethrow_exception(failed);
    return r;
  } catch (...) {
    if (failed) std::rethrow_exception(failed);
    throw;
  }
}

Rows TxSession::run(const Query& q, const std::vector<const char*>& params) {
  return translated(q, [&] {
    return rows_of(first_or_next([&](Connection::Call& call) { conn_.send(call, q, params); }));
  });
}

Rows TxSession::run_sql(const char* sql, const std::vector<const char*>& params) {
  const Query q{"sql", sql};
  return translated(q, [&] {
    return rows_of(first_or_next([&](Connection::Call& call) { conn_.send_sql(call, sql, params); }));
  });
}

void TxSession::commit() {
  if (!begun_) return;
  begun_ = false;
  static constexpr Query kCommit{"commit", "COMMIT"};
  try {
    translated(kCommit, [&] { return conn_.exec_sql("COMMIT"); });
  } catch (const ConnectionLost& e) {
    throw CommitUnknown(e.what());
  }
}

void TxSession::rollback() {
  if (!begun_ || conn_.lost()) return;
  begun_ = false;
  conn_.exec_sql("ROLLBACK");
}

}  // namespace partnerapi::db
