// Streamed answers: a query's rows taken one by one (libpq's single-row
// mode) on a pooled connection held for the stream, a batch at a time as the
// answer is written. The backend sends as fast as the rows are read; when the
// client reads slowly, TCP holds the backend back: nothing piles up here.
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
  throw ApiError(code::kUnavailable, "Учетная система временно недоступна", FaultSide::Server);
}

class PgRowStream final : public RowSource {
 public:
  PgRowStream(Pool::Lease lease, const TableShape& shape, const Query& q, const std::vector<const char*>& params,
              const StoredAs* stored_as)
      : lease_(std::move(lease)), query_(q), pg_(LibpqHandle::of(lease_.conn())) {
    // Unnamed: planned for these parameters (a large read deserves it), and
    // no name of libpqxx's prepared statements is taken.
    if (PQsendQueryParams(pg_, q.sql, static_cast<int>(params.size()), nullptr, params.data(), nullptr, nullptr, 0) !=
            1 ||
        PQsetSingleRowMode(pg_) != 1)
      lost();
    take();  // the first row, or the end, or the query's error: before any byte of the answer
    starting_ = false;
    if (row_) {
      pending_.emplace(rows_of(PgResult(row_.release(), &PQclear)));
      map_.emplace(shape, *pending_, stored_as);
    }
  }

  PgRowStream(const PgRowStream&) = delete;
  PgRowStream& operator=(const PgRowStream&) = delete;

  ~PgRowStream() override {
    if (done_) return;
    // Not read to its end (the client went away, or a failure): the rest is
    // not wanted. Shutting the socket ends the query at once, without a
    // blocking cancel request; the connection is dropped, not reused.
    ::shutdown(PQsocket(pg_), SHUT_RDWR);
    while (PGresult* r = PQgetResult(pg_)) PQclear(r);
    lease_.discard();
  }

  bool next(Table& batch) override {
    for (std::size_t n = 0; n < kBatchRows; ++n) {
      if (!pending_) return false;
      map_->append(batch, *pending_, 0);
      pending_.reset();
      take();
      if (row_) pending_.emplace(rows_of(PgResult(row_.release(), &PQclear)));
    }
    return pending_.has_value();
  }

 private:
  // Reads the next result: a row (row_), or the end (done_), or throws. In
  // blocking mode libpq waits with poll(): a fiber is suspended meanwhile.
  void take() {
    PgResult r(PQgetResult(pg_), &PQclear);
    if (!r) return lost();
    switch (PQresultStatus(r.get())) {
      case PGRES_SINGLE_TUPLE: row_ = std::move(r); return;
      case PGRES_TUPLES_OK:
        finish();
        return;
      default: break;
    }
    const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
    const std::string message = PQresultErrorMessage(r.get());
    r.reset();
    if (PQstatus(pg_) == CONNECTION_BAD || !state) lost(message);
    finish();  // the error ends the query: the connection is clean again, unless it is going away
    if (PQstatus(pg_) == CONNECTION_BAD) lease_.discard();
    try {
      rethrow(pqxx::sql_error(message, query_.sql, state), query_);
    } catch (const pqxx::broken_connection& e) {  // the backend was ended (a restart, an administrator)
      stream_lost(e.what(), starting_);
    }
  }

  void finish() {
    while (PGresult* rest = PQgetResult(pg_)) PQclear(rest);
    done_ = true;
  }

  [[noreturn]] void lost(std::string why = {}) {
    if (why.empty()) why = PQerrorMessage(pg_);
    done_ = true;
    lease_.discard();
    stream_lost(why, starting_);
  }

  Pool::Lease lease_;
  const Query& query_;
  PGconn* pg_;
  PgResult row_{nullptr, &PQclear};
  std::optional<ColumnMap> map_;
  std::optional<Rows> pending_;  // the row taken, not yet in a batch
  bool done_ = false;
  bool starting_ = true;  // the first row not yet taken
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
