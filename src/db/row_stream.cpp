// A cursor, not a plain query read row by row: PostgreSQL plans a cursor for
// its first rows (cursor_tuple_fraction), so an ordered read walks its index
// from the first row on instead of reading the whole window (or the whole
// table) and sorting it before the answer's first byte. Between two batches
// the backend waits, its snapshot held: nothing piles up here when the client
// reads slowly.
#include "row_stream.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "connection.h"
#include "partnerapi/api_error.h"
#include "partnerapi/db/errors.h"
#include "partnerapi/db/session.h"
#include "rows_from.h"
#include "sql_errors.h"

namespace partnerapi::db {
namespace {

class PgRowStream final : public RowSource {
 public:
  PgRowStream(Pool::Lease lease, const TableShape& shape, const Query& q, const std::vector<const char*>& params,
              const StoredAs* stored_as)
      : lease_(std::move(lease)), query_(q) {
    try {
      open_cursor(params);
      map_.emplace(shape, *pending_, stored_as);
    } catch (...) {
      // No destructor runs for a stream never made: its transaction must not
      // go back to the pool open.
      lease_.discard();
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
    lease_.conn().drop();
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
  // JIT compiling pays off for analytics, not for a read that starts
  // answering at once: it cost up to a second before the first row. The
  // four statements go down together: one round trip to the first batch.
  void open_cursor(const std::vector<const char*>& params) {
    const std::string declare = std::string("DECLARE answer_rows NO SCROLL CURSOR FOR ") + query_.sql;
    Connection& conn = lease_.conn();
    Connection::Call begin, no_jit, cursor, first;
    conn.send_sql(begin, "BEGIN READ ONLY");
    conn.send_sql(no_jit, "SET LOCAL jit = off");
    conn.send_sql(cursor, declare.c_str(), params);
    conn.send_sql(first, fetch_sql());
    std::exception_ptr failed;  // the first failure is the one to tell; every call is waited for
    for (Connection::Call* call : {&begin, &no_jit, &cursor, &first}) {
      try {
        PgResult r = conn.wait(*call);
        if (call == &first) pending_.emplace(rows_of(std::move(r)));
      } catch (...) {
        if (!failed) failed = std::current_exception();
      }
    }
    if (failed) translated(query_, [&] { std::rethrow_exception(failed); });
  }

  static const char* fetch_sql() {
    static const std::string sql = "FETCH " + std::to_string(kBatchRows) + " FROM answer_rows";
    return sql.c_str();
  }

  void fetch() {
    try {
      pending_.emplace(translated(query_, [&] { return rows_of(lease_.conn().exec_sql(fetch_sql())); }));
    } catch (const std::exception& e) {
      done_ = true;
      lease_.discard();  // its transaction failed, or it is lost: not reused
      spdlog::error("streamed read: {}", e.what());
      throw ApiError(code::kUnavailable);  // the answer has begun: it can only be cut
    }
  }

  // The rows are all read: the transaction ends and the connection goes back
  // to the pool. Always false: nothing follows.
  bool close() {
    done_ = true;
    try {
      lease_.conn().exec_sql("COMMIT");
    } catch (const std::exception&) {
      lease_.discard();  // the answer is whole all the same
    }
    return false;
  }

  Pool::Lease lease_;
  const Query& query_;
  std::optional<ColumnMap> map_;
  std::optional<Rows> pending_;  // the batch fetched, not yet appended
  bool done_ = false;
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
