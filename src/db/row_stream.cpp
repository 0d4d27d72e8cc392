// Streamed answers: a query's rows read through a cursor on a pooled
// connection held for the stream, a batch at a time as the answer is written.
// A cursor, not a plain query in single-row mode: PostgreSQL plans a cursor
// for its first rows (cursor_tuple_fraction), so an ordered read walks its
// index from the first row on instead of reading the whole window (or the
// whole table) and sorting it before the answer's first byte. Between two
// batches the backend waits, its snapshot held: nothing piles up here when
// the client reads slowly.
#include <libpq-fe.h>
#include <sys/socket.h>

#include <spdlog/spdlog.h>

#include <pqxx/pqxx>

#include "partnerapi/api_error.h"
#include "partnerapi/db/pool.h"
#include "partnerapi/db/session.h"
#include "rows_from.h"
#include "sql_errors.h"

namespace partnerapi::db {
namespace {

// libpqxx keeps a connection's libpq handle to itself but gives it to a
// large object, from a transaction: so do we, once, from a short one.
struct LibpqHandle : pqxx::largeobject {
  static PGconn* of(pqxx::connection& conn) {
    pqxx::read_transaction tx(conn);
    PGconn* pg = raw_connection(tx);
    tx.commit();
    return pg;
  }
};

// Before the first row, as any query's: the executor runs the read once
// more on a fresh connection. Later, the answer has begun: UNAVAILABLE.
[[noreturn]] void stream_lost(const std::string& why, bool starting) {
  if (starting) throw pqxx::broken_connection(why);
  spdlog::error("streamed read: database connection lost: {}", why);
  throw ApiError(code::kUnavailable);
}

class PgRowStream final : public RowSource {
 public:
  PgRowStream(Pool::Lease lease, const TableShape& shape, const Query& q, const std::vector<const char*>& params,
              const StoredAs* stored_as)
      : lease_(std::move(lease)), query_(q), pg_(LibpqHandle::of(lease_.conn())) {
    // JIT compiling pays off for analytics, not for a read that starts
    // answering at once: it cost up to a second before the first row.
    try {
      exec("BEGIN READ ONLY; SET LOCAL jit = off", PGRES_COMMAND_OK);
      const std::string declare = std::string("DECLARE answer_rows NO SCROLL CURSOR FOR ") + q.sql;
      exec(declare.c_str(), PGRES_COMMAND_OK, params);
      fetch();  // the first batch, or the query's error: before any byte of the answer
      starting_ = false;
      map_.emplace(shape, *pending_, stored_as);
    } catch (...) {
      // No destructor runs for a stream never made: its transaction must not
      // go back to the pool open.
      if (!done_) lease_.discard();
      throw;
    }
  }

  PgRowStream(const PgRowStream&) = delete;
  PgRowStream& operator=(const PgRowStream&) = delete;

  ~PgRowStream() override {
    if (done_) return;
    // Not read to its end (the client went away, or a failure): the rest is
    // not wanted. Shutting the socket ends the transaction at once, without
    // waiting for the database; the connection is dropped, not reused.
    ::shutdown(PQsocket(pg_), SHUT_RDWR);
    lease_.discard();
  }

  bool next(Table& batch) override {
    if (done_) return false;
    for (std::size_t row = 0; row < pending_->size(); ++row) map_->append(batch, *pending_, row);
    if (pending_->size() < kBatchRows) return close();
    fetch();
    return !pending_->empty() || close();
  }

 private:
  void fetch() {
    static const std::string sql = "FETCH " + std::to_string(kBatchRows) + " FROM answer_rows";
    pending_.emplace(rows_of(exec(sql.c_str(), PGRES_TUPLES_OK)));
  }

  // The rows are all read: the transaction ends and the connection goes back
  // to the pool. Always false: nothing follows.
  bool close() {
    done_ = true;
    PgResult r(PQexec(pg_, "COMMIT"), &PQclear);
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) lease_.discard();  // the answer is whole all the same
    return false;
  }

  // Runs `sql`, expecting `status`; otherwise throws as a query's failure
  // would. In blocking mode libpq waits with poll(): a fiber is suspended
  // meanwhile.
  PgResult exec(const char* sql, ExecStatusType status, const std::vector<const char*>& params = {}) {
    PgResult r(params.empty() ? PQexec(pg_, sql)  // the simple protocol: `sql` may hold several statements
                              : PQexecParams(pg_, sql, static_cast<int>(params.size()), nullptr, params.data(),
                                             nullptr, nullptr, 0),
               &PQclear);
    if (r && PQresultStatus(r.get()) == status) return r;
    done_ = true;
    lease_.discard();  // its transaction failed, or it is lost: not reused
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    const std::string message = r ? PQresultErrorMessage(r.get()) : PQerrorMessage(pg_);
    if (!state || PQstatus(pg_) == CONNECTION_BAD) stream_lost(message, starting_);
    try {
      rethrow(pqxx::sql_error(message, query_.sql, state), query_);
    } catch (const pqxx::broken_connection& e) {  // the backend was ended (a restart, an administrator)
      stream_lost(e.what(), starting_);
    }
  }

  Pool::Lease lease_;
  const Query& query_;
  PGconn* pg_;
  std::optional<ColumnMap> map_;
  std::optional<Rows> pending_;  // the batch fetched, not yet appended
  bool done_ = false;
  bool starting_ = true;  // the first batch not yet fetched
};

}  // namespace

TableStream Session::stream(const TableShape& shape, const Query& q, const std::vector<const char*>& params,
                            const StoredAs* stored_as) {
  Table table(shape);
  append_rows(table, run(q, params), stored_as);
  return stream_of(std::move(table));
}

TableStream stream_rows(Pool& pool, const TableShape& shape, const Query& q, const std::vector<const char*>& params,
                        const StoredAs* stored_as) {
  return {&shape, std::make_unique<PgRowStream>(pool.acquire_stream(), shape, q, params, stored_as)};
}

}  // namespace partnerapi::db
